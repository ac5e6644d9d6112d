import torch

import lossref

mask = torch.zeros(1, 2, 8)
mask[0, 0, 0] = 1.0  # class 0: 1 pixel
mask[0, 1, 1:] = 1.0  # class 1: 7 pixels

small_half = mask.clone()
small_half[0, 0, 0] = 0.5  # half of the small class's probability is missing
large_half = mask.clone()
large_half[0, 1, 1:] = 0.5  # half of the large class's probability is missing

for name, probs in [("small class at 0.5", small_half), ("large class at 0.5", large_half)]:
    gdl = lossref.generalized_dice_loss(probs, mask, smooth=0)
    per_class = lossref.dice_loss(probs, mask, smooth=0)  # mean of the per-class Dice losses
    pooled = lossref.dice_loss(probs.view(1, 1, -1), mask.view(1, 1, -1), smooth=0)
    print(f"{name}: GDL {gdl:.4f}   Dice per class {per_class:.4f}   Dice pooled {pooled:.4f}")
