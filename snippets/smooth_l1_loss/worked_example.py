import torch

import lossref

prediction = torch.tensor([2.5, 1.8, 3.2])
target = torch.tensor([2.0, 2.0, 3.0])

print(lossref.smooth_l1_loss(prediction, target, reduction="none"))
print(lossref.smooth_l1_loss(prediction, target))  # beta=1.0
print(torch.nn.SmoothL1Loss()(prediction, target))

# The same data under L1 and MSE.
print(lossref.l1_loss(prediction, target))
print(lossref.mse_loss(prediction, target))
