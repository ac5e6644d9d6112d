import torch

import lossref

mean = torch.tensor([2.0, 0.5, 3.0])
target = torch.tensor([1.0, 0.5, 5.0])
var = torch.tensor([1.0, 0.25, 4.0])

normal = torch.distributions.Normal(mean, var.sqrt())  # takes the standard deviation
print(-normal.log_prob(target))
print(lossref.gaussian_nll_loss(mean, target, var, full=True, reduction="none"))
