import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])  # (N, C, L) = (1, 1, 3)
probs = torch.tensor([[[0.9, 0.1, 0.8]]])

intersection = (probs * mask).sum()  # 0.9 + 0.8 = 1.7
total = probs.sum() + mask.sum()  # 1.8 + 2 = 3.8
dice = 2 * intersection / total
iou = intersection / (total - intersection)
print(f"Dice {dice.item():.4f}   IoU {iou.item():.4f}")
print(f"2·IoU/(1+IoU) = {(2 * iou / (1 + iou)).item():.4f}")

print(lossref.dice_loss(probs, mask))  # 1 − Dice
print(lossref.jaccard_loss(probs, mask))  # 1 − IoU
