import torch

import lossref

error = torch.tensor([0.5, 2.0, 8.0, 50.0], requires_grad=True)
zero = torch.zeros_like(error)

# Unscaled: the gradient tanh(e) is already ±1 beyond a few units.
(grad,) = torch.autograd.grad(lossref.log_cosh_loss(error, zero, reduction="sum"), error)
print(grad)

# c²·log cosh(e/c): gradient c·tanh(e/c), quadratic up to about c, like Huber with δ = c.
c = 5.0
scaled = c**2 * lossref.log_cosh_loss(error / c, zero, reduction="sum")
(grad,) = torch.autograd.grad(scaled, error)
print(grad)
(grad,) = torch.autograd.grad(lossref.huber_loss(error, zero, delta=c, reduction="sum"), error)
print(grad)
