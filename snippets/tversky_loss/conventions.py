import torch
from monai.losses import TverskyLoss

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])

# Defaults: lossref 0.3 / 0.7; MONAI (like Keras and smp) 0.5 / 0.5, which is the Dice loss.
print(f"lossref default {lossref.tversky_loss(probs, mask):.4f}")
print(f"MONAI default   {TverskyLoss()(probs, mask):.4f}")

# Code where alpha weighs the false negatives (Abraham & Khan's alpha = 0.7), copied into
# an API where alpha weighs the false positives, swaps the emphasis:
print(f"alpha 0.3, beta 0.7 {lossref.tversky_loss(probs, mask, alpha=0.3, beta=0.7):.4f}")
print(f"alpha 0.7, beta 0.3 {lossref.tversky_loss(probs, mask, alpha=0.7, beta=0.3):.4f}")
