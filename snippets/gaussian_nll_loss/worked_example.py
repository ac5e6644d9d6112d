import torch

import lossref

mean = torch.tensor([2.0, 0.5, 3.0])  # predicted means (input)
target = torch.tensor([1.0, 0.5, 5.0])
var = torch.tensor([1.0, 0.25, 4.0])  # predicted variances

print(lossref.gaussian_nll_loss(mean, target, var, reduction="none"))
print(lossref.gaussian_nll_loss(mean, target, var))
print(torch.nn.GaussianNLLLoss()(mean, target, var))
print(lossref.gaussian_nll_loss(mean, target, var, full=True))  # + ½·log(2π)
print(torch.nn.GaussianNLLLoss(full=True)(mean, target, var))
