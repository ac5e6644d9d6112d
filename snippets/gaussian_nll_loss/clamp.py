import torch
import torch.nn.functional as F

import lossref

mean, target = torch.ones(3), torch.zeros(3)
var = torch.tensor([0.5, 0.05, 0.0], requires_grad=True)

# eps=0.1 replaces 0.05 and 0.0 by 0.1 (a clamp: 0.5 is left as it is, nothing is added).
loss = lossref.gaussian_nll_loss(mean, target, var, eps=0.1, reduction="none")
print(loss.detach())
print(lossref.gaussian_nll_loss(mean, target, torch.tensor([0.5, 0.1, 0.1]), reduction="none"))

# The clamped variances still get a gradient: the one at 0.1, ½·(1/0.1 − 1/0.01) = −45.
loss.sum().backward()
print(var.grad)
theirs = var.detach().clone().requires_grad_()
F.gaussian_nll_loss(mean, target, theirs, eps=0.1, reduction="sum").backward()
print(theirs.grad)
