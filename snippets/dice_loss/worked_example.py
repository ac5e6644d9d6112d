import torch
from monai.losses import DiceLoss

import lossref

# Shape (N, C, pixels) = (1, 1, 3): one sample, one channel, three pixels.
mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])  # after the sigmoid
smooth = 1e-5

intersection = (probs * mask).sum()
print(
    f"sum p*g = {intersection.item():.4f}, sum p = {probs.sum().item():.4f}, "
    f"sum g = {mask.sum().item():.4f}"
)
dice = (2 * intersection + smooth) / (probs.sum() + mask.sum() + smooth)
print(f"Dice = {dice.item():.4f}, loss = 1 - Dice = {1 - dice.item():.4f}")

print(lossref.dice_loss(probs, mask))
print(DiceLoss()(probs, mask))  # MONAI: no activation by default, smooth 1e-5
