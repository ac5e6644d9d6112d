import torch

import lossref

# Two sequences padded to length 4; the mask marks the real time steps.
prediction = torch.tensor([[1.0, 2.0, 3.0, 0.0], [2.0, 2.0, 0.0, 0.0]])
target = torch.tensor([[1.5, 2.0, 2.0, 9.0], [1.0, 3.0, 9.0, 9.0]])
mask = torch.tensor([[1.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]])

per_step = lossref.l1_loss(prediction, target, reduction="none")
print(per_step)
print((per_step * mask).sum() / mask.sum())  # mean over the 5 real steps only
print(lossref.l1_loss(prediction, target))  # the padding counts: wrong
