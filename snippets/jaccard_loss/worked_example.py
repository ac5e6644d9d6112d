import torch
from monai.losses import DiceLoss

import lossref

# Shape (N, C, pixels) = (1, 1, 3): one sample, one channel, three pixels.
mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])
smooth = 1e-5

intersection = (probs * mask).sum()
union = probs.sum() + mask.sum() - intersection
print(
    f"intersection {intersection.item():.4f}, union {probs.sum().item():.4f} + "
    f"{mask.sum().item():.4f} - {intersection.item():.4f} = {union.item():.4f}"
)
iou = (intersection + smooth) / (union + smooth)
print(f"IoU = {iou.item():.4f}, loss = 1 - IoU = {1 - iou.item():.4f}")

print(lossref.jaccard_loss(probs, mask))
print(DiceLoss(jaccard=True)(probs, mask))  # MONAI's soft-IoU option
print(lossref.dice_loss(probs, mask))  # the Dice loss of the same data, for comparison
