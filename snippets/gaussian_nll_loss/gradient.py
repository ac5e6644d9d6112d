import torch

import lossref

mean = torch.tensor([2.0, 0.5, 3.0], requires_grad=True)
target = torch.tensor([1.0, 0.5, 5.0])
var = torch.tensor([1.0, 0.25, 4.0], requires_grad=True)

lossref.gaussian_nll_loss(mean, target, var).backward()
print(mean.grad)
print(var.grad)

n, error, v = 3, mean.detach() - target, var.detach()
print(torch.allclose(mean.grad, error / v / n))  # (ŷ − y) / (v·n)
print(torch.allclose(var.grad, (1 / v - error**2 / v**2) / (2 * n)))  # ½·(1/v − e²/v²) / n
