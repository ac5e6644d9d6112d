import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])

dice = 1 - lossref.dice_loss(probs, mask, smooth=0)
iou = 1 - lossref.jaccard_loss(probs, mask, smooth=0)
ratio = dice / (2 - dice)
print(f"Dice {dice.item():.4f}   IoU {iou.item():.4f}   Dice/(2-Dice) {ratio.item():.4f}")
