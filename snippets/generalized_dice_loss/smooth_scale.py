import torch

import lossref

# A 100 x 100 x 100 volume, half foreground; two channels (background, foreground).
foreground = torch.zeros(1, 1, 100, 100, 100)
foreground[..., :50] = 1.0
mask = torch.cat([1 - foreground, foreground], dim=1)
wrong = mask.flip(1)  # every voxel assigned to the other class
unsure = torch.full_like(mask, 0.5)

for smooth in [1e-5, 1e-10, 0.0]:
    print(
        f"smooth {smooth:g}: wrong {lossref.generalized_dice_loss(wrong, mask, smooth):.4f}   "
        f"unsure {lossref.generalized_dice_loss(unsure, mask, smooth):.4f}"
    )
