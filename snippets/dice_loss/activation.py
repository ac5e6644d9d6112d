import torch
from monai.losses import DiceLoss

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
logits = torch.tensor([[[2.2, -2.2, 1.4]]])  # raw network outputs
probs = torch.sigmoid(logits)

print(lossref.dice_loss(probs, mask))
print(DiceLoss(sigmoid=True)(logits, mask))  # MONAI, activation switched on
print(DiceLoss()(logits, mask))  # MONAI default: logits used as they are

try:
    lossref.dice_loss(logits, mask)
except ValueError as error:
    print(error)

# A sigmoid applied twice, as when probabilities reach a loss that expects logits:
print(lossref.dice_loss(torch.sigmoid(probs), mask))
