import torch

import lossref

prediction = torch.tensor([2.0, 3.0, 4.0, 5.0])
target = torch.tensor([4.0, 5.0, 6.0, 7.0])

print(lossref.mse_loss(prediction, target, reduction="none"))
print(lossref.mse_loss(prediction, target, reduction="sum"))
print(lossref.mse_loss(prediction, target))  # reduction="mean", the default
