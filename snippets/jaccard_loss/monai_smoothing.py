import torch
from monai.losses import DiceLoss

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])
monai = DiceLoss(jaccard=True)  # 1 - (2I + 1e-5) / (2U + 1e-5)

print(
    f"lossref {lossref.jaccard_loss(probs, mask).item():.8f}   "
    f"MONAI {monai(probs, mask).item():.8f}"
)
# MONAI's form equals lossref's with half the smoothing term.
print(f"lossref, smooth=5e-6: {lossref.jaccard_loss(probs, mask, smooth=5e-6).item():.8f}")

# The difference only shows when the sums are as small as the smoothing term:
empty = torch.zeros(1, 1, 3)
faint = torch.tensor([[[1e-5, 0.0, 0.0]]])
print(
    f"lossref {lossref.jaccard_loss(faint, empty).item():.4f}   "
    f"MONAI {monai(faint, empty).item():.4f}"
)
