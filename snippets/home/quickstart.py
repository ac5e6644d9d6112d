import torch
import torch.nn.functional as F

import lossref

# Same names, signatures and defaults as torch.nn.functional.
prediction = torch.tensor([52.0, 55.0, 22.0, 18.0])
target = torch.tensor([50.0, 50.0, 20.0, 20.0])
print(lossref.huber_loss(prediction, target, delta=5.0))
print(F.huber_loss(prediction, target, delta=5.0))

# Where torch would broadcast (4, 1) against (4,) into (4, 4), lossref refuses.
try:
    lossref.mse_loss(prediction.unsqueeze(1), target)
except ValueError as error:
    print(error)
