import torch
import torch.nn.functional as F

import lossref

mean, target = torch.zeros(2), torch.ones(2)
raw = torch.tensor([0.3, -0.2])  # an unconstrained network output used as a variance

for loss in (F.gaussian_nll_loss, lossref.gaussian_nll_loss):
    try:
        loss(mean, target, raw)
    except ValueError as error:
        print(error)

print(lossref.gaussian_nll_loss(mean, target, F.softplus(raw)))  # a positive variance
