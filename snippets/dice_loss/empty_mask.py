import torch

import lossref

empty = torch.zeros(1, 1, 4)

print(lossref.dice_loss(empty, empty))  # nothing to find, nothing found
print(lossref.dice_loss(empty, empty, smooth=0))  # 0 / 0
almost_empty = torch.tensor([[[0.01, 0.0, 0.0, 0.0]]])
print(lossref.dice_loss(almost_empty, empty))  # one faint false positive
