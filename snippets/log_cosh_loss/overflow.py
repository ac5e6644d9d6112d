import math

import torch

import lossref

largest = torch.finfo(torch.float32).max
print(f"cosh(e) > {largest:.4g} once |e| > {math.log(2 * largest):.1f}")

error = torch.tensor([10.0, 50.0, 89.0, 90.0, 100.0, 1000.0], requires_grad=True)
zero = torch.zeros_like(error)

naive = torch.log(torch.cosh(error))
(naive_grad,) = torch.autograd.grad(naive.sum(), error)
print(naive.detach())
print(naive_grad)

stable = lossref.log_cosh_loss(error, zero, reduction="none")
(stable_grad,) = torch.autograd.grad(stable.sum(), error)
print(stable.detach())
print(stable_grad)
