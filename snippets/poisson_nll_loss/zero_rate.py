import torch

import lossref

rate = torch.tensor([0.0], requires_grad=True)
count = torch.tensor([2.0])

loss = lossref.poisson_nll_loss(rate, count, log_input=False)  # 0 − 2·log(0 + 1e-8)
loss.backward()
print(f"{loss.item():.4f}")
print(rate.grad)  # 1 − 2 / (0 + 1e-8)
print(f"{lossref.poisson_nll_loss(rate, count, log_input=False, eps=1e-3).item():.4f}")
