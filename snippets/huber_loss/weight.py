import torch
import torch.nn.functional as F

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0])
weight = torch.tensor([1.0, 2.0, 3.0, 1.0, 1.0])  # Σw = 8

weighted = lossref.huber_loss(prediction, target, weight=weight, reduction="none")
print(weighted)
print(lossref.huber_loss(prediction, target, weight=weight))  # Σ wᵢ·lᵢ / 5
print(F.huber_loss(prediction, target, weight=weight))
print(weighted.sum() / weight.sum())  # Σ wᵢ·lᵢ / Σ wᵢ: not what huber_loss does

# mse_loss and l1_loss do divide by Σw, in torch and in lossref alike.
print(lossref.mse_loss(prediction, target, weight=weight))
print(F.mse_loss(prediction, target, weight=weight))
print(lossref.l1_loss(prediction, target, weight=weight))
print(F.l1_loss(prediction, target, weight=weight))
