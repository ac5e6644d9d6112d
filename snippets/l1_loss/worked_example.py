import torch

import lossref

prediction = torch.tensor([2.0, 3.0, 4.0, 5.0])
target = torch.tensor([4.0, 5.0, 6.0, 7.0])

print(lossref.l1_loss(prediction, target, reduction="none"))
print(lossref.l1_loss(prediction, target))  # reduction="mean"
print(torch.nn.L1Loss()(prediction, target))
print(lossref.l1_loss(prediction, target, reduction="sum"))
print(torch.nn.L1Loss(reduction="sum")(prediction, target))
