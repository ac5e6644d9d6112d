import torch
import torch.nn.functional as F

import lossref

log_rate = torch.zeros(2)
for loss in (F.poisson_nll_loss, lossref.poisson_nll_loss):
    count = torch.tensor([0.0, 3.0], requires_grad=True)
    loss(log_rate, count, full=True).backward()
    print(count.grad)
