import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]], requires_grad=True)
s = 1e-5

lossref.jaccard_loss(probs, mask, smooth=s).backward()
print(probs.grad)

with torch.no_grad():
    inter = (probs * mask).sum()
    union = probs.sum() + mask.sum() - inter
    formula = -(mask * (union + s) - (inter + s) * (1 - mask)) / (union + s) ** 2
    print(torch.allclose(probs.grad, formula))

# The Dice loss on the same data, for comparison.
dice_probs = probs.detach().clone().requires_grad_()
lossref.dice_loss(dice_probs, mask, smooth=s).backward()
print(dice_probs.grad)
