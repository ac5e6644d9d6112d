import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 1.0]]])
probs = torch.tensor([[[0.6, 0.3, 0.2, 0.1], [0.4, 0.7, 0.8, 0.9]]], requires_grad=True)
s = 1e-5

lossref.generalized_dice_loss(probs, mask, smooth=s).backward()
print(probs.grad)

with torch.no_grad():
    w = 1 / mask.sum(-1, keepdim=True) ** 2  # (1, 2, 1): one weight per class
    numerator = 2 * (w * probs * mask).sum() + s
    denominator = (w * (probs + mask)).sum() + s
    formula = w * (numerator - 2 * mask * denominator) / denominator**2
    print(torch.allclose(probs.grad, formula))
