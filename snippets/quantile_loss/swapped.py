import torch

import lossref

target = torch.tensor([10.0, 10.0])
prediction = torch.tensor([8.0, 12.0])

print(lossref.quantile_loss(prediction, target, 0.9, reduction="none"))
print(lossref.quantile_loss(target, prediction, 0.9, reduction="none"))  # arguments swapped
print(lossref.quantile_loss(prediction, target, 0.1, reduction="none"))  # = swapped with 0.9
