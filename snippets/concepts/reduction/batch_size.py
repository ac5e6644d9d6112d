import torch

import lossref

torch.manual_seed(0)
w = torch.tensor(0.0, requires_grad=True)  # a one-parameter model: prediction = w * x

for n in (10, 100, 1000):
    x = torch.randn(n)
    y = 2 * x
    for reduction in ("sum", "mean"):
        w.grad = None
        lossref.mse_loss(w * x, y, reduction=reduction).backward()
        print(f"N={n:4d}  {reduction:4s}  dL/dw = {w.grad.item():9.3f}")
