import torch
import torch.nn.functional as F

import lossref

prediction = torch.tensor([2.5, 1.8, 3.2])
target = torch.tensor([2.0, 2.0, 3.0])

smooth = lossref.smooth_l1_loss(prediction, target, beta=0.0, reduction="none")
print(smooth)
print(torch.equal(smooth, lossref.l1_loss(prediction, target, reduction="none")))
print(F.smooth_l1_loss(prediction, target, beta=0.0), F.l1_loss(prediction, target))
