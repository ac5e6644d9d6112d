import torch
import torch.nn.functional as F

import lossref

prediction = torch.tensor([0.5, 1.5, 3.0, 6.0])
target = torch.zeros(4)

huber = F.huber_loss(prediction, target, delta=2.0)
smooth_l1 = F.smooth_l1_loss(prediction, target, beta=2.0)
print(huber, smooth_l1, 2.0 * smooth_l1)  # Huber_δ = δ · SmoothL1_β=δ
print(lossref.huber_loss(prediction, target, delta=2.0))
print(lossref.smooth_l1_loss(prediction, target, beta=2.0))

# Only at δ = β = 1 are they the same function.
print(F.huber_loss(prediction, target, delta=1.0), F.smooth_l1_loss(prediction, target, beta=1.0))
