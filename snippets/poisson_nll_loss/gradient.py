import torch

import lossref

log_rate = torch.log(torch.tensor([1.0, 2.0, 4.0])).requires_grad_()
count = torch.tensor([0.0, 3.0, 4.0])

lossref.poisson_nll_loss(log_rate, count).backward()
print(log_rate.grad)

rate = log_rate.detach().exp()
formula = (rate - count) / count.numel()  # (λ − y) / n
print(torch.allclose(log_rate.grad, formula))
