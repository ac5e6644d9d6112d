import torch

import lossref

levels = torch.tensor([0.1, 0.5, 0.9])
target = torch.tensor([10.0, 20.0])
prediction = torch.tensor([[8.0, 11.0, 13.0], [15.0, 18.0, 19.0]], requires_grad=True)

lossref.quantile_loss(prediction, target, levels, reduction="sum").backward()
print(prediction.grad)  # −τ where too low, 1 − τ where too high
