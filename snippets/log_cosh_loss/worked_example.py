import torch

import lossref

target = torch.tensor([3.0, 1.0, 4.0, 2.0])
prediction = torch.tensor([3.0, 2.0, 2.0, 7.0])  # errors 0, 1, −2, 5

print(lossref.log_cosh_loss(prediction, target, reduction="none"))
print(lossref.log_cosh_loss(prediction, target))

# Reference: the textbook formula in float64, safe for errors this small.
error = (prediction - target).double()
print(torch.log(torch.cosh(error)).mean())
