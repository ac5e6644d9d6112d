import torch

import lossref

prediction = torch.tensor([2.5, 1.8, 3.2])
target = torch.tensor([2.0, 2.0, 3.0])

print(lossref.mse_loss(prediction, target, reduction="none"))  # one loss per element
print(lossref.mse_loss(prediction, target, reduction="sum"))
print(lossref.mse_loss(prediction, target, reduction="mean"))  # the default
print(torch.nn.MSELoss(reduction="sum")(prediction, target))
