import torch
import torch.nn.functional as F

import lossref

prediction = torch.tensor([2.5, 1.8, 3.2])
target = torch.tensor([2.0, 2.0, 3.0])
weight = torch.tensor([1.0, 1.0, 2.0])

per_element = lossref.mse_loss(prediction, target, reduction="none")
print(per_element)
print((weight * per_element).sum() / weight.sum())  # Σ wᵢ·lᵢ / Σ wᵢ
print(lossref.mse_loss(prediction, target, weight=weight))
print(F.mse_loss(prediction, target, weight=weight))
print((weight * per_element).mean())  # the plain mean of wᵢ·lᵢ: not what 'mean' gives

# huber_loss is the exception, in torch and in lossref: its weighted mean is the plain mean.
per_element = lossref.huber_loss(prediction, target, reduction="none")
print(per_element)
print((weight * per_element).mean())
print(lossref.huber_loss(prediction, target, weight=weight))
print(F.huber_loss(prediction, target, weight=weight))
