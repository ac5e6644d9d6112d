import torch

import lossref

count = torch.tensor([0.0, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0])
log_rate = torch.zeros_like(count)

plain = lossref.poisson_nll_loss(log_rate, count, reduction="none")
full = lossref.poisson_nll_loss(log_rate, count, full=True, reduction="none")
print(full - plain)  # the term full=True adds
print(torch.lgamma(count + 1))  # the exact log(y!) it approximates
