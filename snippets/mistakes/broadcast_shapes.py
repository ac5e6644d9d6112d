import warnings

import torch
import torch.nn.functional as F

import lossref

prediction = torch.tensor([[2.5], [1.8], [3.2]])  # (3, 1): what nn.Linear(..., 1) returns
target = torch.tensor([2.0, 2.0, 3.0])  # (3,)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(F.mse_loss(prediction, target))  # every prediction against every target
print(f"{caught[0].category.__name__}: {caught[0].message}")
print((prediction - target).shape)  # the (3, 3) that was averaged

print(F.mse_loss(prediction.squeeze(1), target))  # the intended value
try:
    lossref.mse_loss(prediction, target)
except ValueError as error:
    print(error)
