import warnings

import torch
import torch.nn.functional as F

import lossref

prediction = torch.tensor([[1.0], [2.0], [3.0]])  # (N, 1): a model's usual output
target = torch.tensor([1.0, 2.0, 3.0])  # (N,): every prediction is exact

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print((prediction - target).shape)  # what torch compares: every pair
    print(F.mse_loss(prediction, target))  # should be 0
print(caught[0].category.__name__, "-", caught[0].message)

try:
    lossref.mse_loss(prediction, target)
except ValueError as error:
    print(error)

print(lossref.mse_loss(prediction.squeeze(-1), target))
