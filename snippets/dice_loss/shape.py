import torch

import lossref

mask = torch.tensor([1.0, 0.0, 1.0])
probs = torch.tensor([0.9, 0.1, 0.8])

try:
    lossref.dice_loss(probs, mask)
except ValueError as error:
    print(error)

print(lossref.dice_loss(probs.view(1, 1, -1), mask.view(1, 1, -1)))
