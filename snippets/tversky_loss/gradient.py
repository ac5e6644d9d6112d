import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]], requires_grad=True)
alpha, beta, s = 0.3, 0.7, 1e-5

lossref.tversky_loss(probs, mask, alpha, beta, s).backward()
print(probs.grad)

with torch.no_grad():
    tp, g_sum = (probs * mask).sum(), mask.sum()
    fp, fn = probs.sum() - tp, g_sum - tp
    d = tp + alpha * fp + beta * fn + s
    formula = (alpha * (1 - mask) * (tp + s) - mask * (alpha * fp + beta * (g_sum + s))) / d**2
    print(torch.allclose(probs.grad, formula))

# The Dice loss on the same data, for comparison.
dice_probs = probs.detach().clone().requires_grad_()
lossref.dice_loss(dice_probs, mask).backward()
print(dice_probs.grad)
