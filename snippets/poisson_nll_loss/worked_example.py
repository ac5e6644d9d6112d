import torch

import lossref

rate = torch.tensor([1.0, 2.0, 4.0])  # predicted mean counts λ
log_rate = torch.log(rate)  # the network's output with log_input=True (the default)
count = torch.tensor([0.0, 3.0, 4.0])  # observed counts y

terms = lossref.poisson_nll_loss(log_rate, count, reduction="none")
print(terms)
print(lossref.poisson_nll_loss(log_rate, count))
print(torch.nn.PoissonNLLLoss()(log_rate, count))

# full=True adds Stirling's approximation of log(y!) where y > 1.
print(lossref.poisson_nll_loss(log_rate, count, full=True, reduction="none"))
print(lossref.poisson_nll_loss(log_rate, count, full=True))
print(torch.nn.PoissonNLLLoss(full=True)(log_rate, count))
