import torch
from monai.losses import DiceLoss

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
logits = torch.tensor([[[2.2, -2.2, 1.4]]])  # raw network output; sigmoid ≈ [0.9, 0.1, 0.8]

print(DiceLoss()(logits, mask))  # default: no activation, logits read as probabilities
print(DiceLoss(sigmoid=True)(logits, mask))
print(lossref.dice_loss(torch.sigmoid(logits), mask))
