import torch

import lossref

# 64 pixels, of which 4 are foreground (6 %).
mask = torch.zeros(1, 1, 64)
mask[..., :4] = 1.0

under = mask.clone()
under[..., 2:4] = 0.0  # finds 2 of the 4: recall 0.5, precision 1
over = mask.clone()
over[..., 4:8] = 1.0  # finds all 4 and marks 4 more: recall 1, precision 0.5

print(
    f"Dice loss:        under {lossref.dice_loss(under, mask, smooth=0):.4f}"
    f"   over {lossref.dice_loss(over, mask, smooth=0):.4f}"
)
for alpha, beta in [(0.3, 0.7), (0.7, 0.3)]:
    u = lossref.tversky_loss(under, mask, alpha, beta, smooth=0)
    o = lossref.tversky_loss(over, mask, alpha, beta, smooth=0)
    print(f"alpha {alpha}, beta {beta}: under {u:.4f}   over {o:.4f}")
