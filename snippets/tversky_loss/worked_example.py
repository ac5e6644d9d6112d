import torch
from monai.losses import TverskyLoss

import lossref

# Shape (N, C, pixels) = (1, 1, 3): one sample, one channel, three pixels.
mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])  # after the sigmoid
alpha, beta, smooth = 0.3, 0.7, 1e-5  # lossref's defaults

tp = (probs * mask).sum()
fp = (probs * (1 - mask)).sum()
fn = ((1 - probs) * mask).sum()
print(f"TP = {tp.item():.4f}, FP = {fp.item():.4f}, FN = {fn.item():.4f}")
ti = (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)
print(f"TI = {ti.item():.4f}, loss = 1 - TI = {1 - ti.item():.4f}")

print(lossref.tversky_loss(probs, mask))
print(TverskyLoss(alpha=0.3, beta=0.7)(probs, mask))  # MONAI: alpha weighs FP, beta FN
