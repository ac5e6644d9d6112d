import torch
import torch.nn.functional as F

import lossref

rate = torch.tensor([1.5, 0.5])
count = torch.tensor([2.0, -1.0])  # a negative "count", e.g. a standardised target

print(F.poisson_nll_loss(rate, count, log_input=False))  # no complaint
try:
    lossref.poisson_nll_loss(rate, count, log_input=False)
except ValueError as error:
    print(error)
