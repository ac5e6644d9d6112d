import torch
from monai.losses import GeneralizedDiceLoss

import lossref

# Three classes; class 2 does not occur in this mask (its sum is 0: weight 1/0 = inf).
mask = torch.tensor([[[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]])

for q in [0.0, 0.2, 0.4]:  # probability the model puts on the absent class, everywhere
    probs = torch.stack([(1 - q) * mask[0, 0], (1 - q) * mask[0, 1], torch.full((4,), q)])
    probs = probs.unsqueeze(0)
    ours = lossref.generalized_dice_loss(probs, mask)
    monai = GeneralizedDiceLoss()(probs, mask)
    dropped = lossref.generalized_dice_loss(probs[:, :2], mask[:, :2])  # class 2 left out
    print(f"q = {q}: lossref {ours:.4f}   MONAI {monai:.4f}   without class 2 {dropped:.4f}")

# No class present at all (one foreground channel, an image without foreground): every weight
# is 0 and the loss is 0 whatever the prediction.
empty = torch.zeros(1, 1, 4)
for p in [0.0, 0.5, 1.0]:
    print(f"empty mask, p = {p}: {lossref.generalized_dice_loss(torch.full((1, 1, 4), p), empty)}")
