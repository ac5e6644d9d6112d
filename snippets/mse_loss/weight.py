import torch
import torch.nn.functional as F

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0])
weight = torch.tensor([1.0, 2.0, 3.0, 1.0, 1.0])  # Σw = 8

weighted = lossref.mse_loss(prediction, target, weight=weight, reduction="none")
print(weighted)
print(weighted.sum() / weight.sum())  # Σ wᵢ·lᵢ / Σ wᵢ
print(lossref.mse_loss(prediction, target, weight=weight))
print(F.mse_loss(prediction, target, weight=weight))
print(weighted.mean())  # not what 'mean' computes
