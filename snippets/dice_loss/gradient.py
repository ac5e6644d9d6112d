import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]], requires_grad=True)
s = 1e-5

lossref.dice_loss(probs, mask, smooth=s).backward()
print(probs.grad)

with torch.no_grad():
    inter, denom = (probs * mask).sum(), probs.sum() + mask.sum() + s
    formula = -(2 * mask * denom - (2 * inter + s)) / denom**2
    print(torch.allclose(probs.grad, formula))
