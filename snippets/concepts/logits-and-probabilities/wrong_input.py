import torch

import lossref

logits = torch.tensor([1.5, -0.5, 3.0])
y = torch.tensor([1.0, 0.0, 0.0])

try:
    lossref.binary_cross_entropy(logits, y)
except ValueError as error:
    print(error)
