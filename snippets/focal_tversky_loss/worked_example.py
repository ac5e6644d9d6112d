import torch

import lossref

# Shape (N, C, pixels) = (1, 1, 3): one sample, one channel, three pixels.
mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]])
alpha, beta, exponent, smooth = 0.3, 0.7, 0.75, 1e-5  # lossref's defaults

tp = (probs * mask).sum()
fp = (probs * (1 - mask)).sum()
fn = ((1 - probs) * mask).sum()
print(f"TP = {tp.item():.4f}, FP = {fp.item():.4f}, FN = {fn.item():.4f}")
one_minus_ti = 1 - (tp + smooth) / (tp + alpha * fp + beta * fn + smooth)
print(f"1 - TI = {one_minus_ti.item():.4f}, (1 - TI) ** 0.75 = {one_minus_ti.item() ** 0.75:.4f}")

print(lossref.focal_tversky_loss(probs, mask))
print(lossref.tversky_loss(probs, mask) ** 0.75)  # the same, for one term
