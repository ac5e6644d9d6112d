import torch

import lossref

# One prediction that is off by 2, scored with four different claimed variances.
mean = torch.full((4,), 2.0)
target = torch.zeros(4)
var = torch.tensor([0.5, 1.0, 4.0, 16.0])
print(lossref.gaussian_nll_loss(mean, target, var, reduction="none"))  # lowest at var = 2² = 4
