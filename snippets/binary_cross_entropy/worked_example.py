import torch

import lossref

p = torch.tensor([0.8, 0.3, 0.1, 0.6])  # predicted probability of class 1
y = torch.tensor([1.0, 0.0, 0.0, 1.0])

print(lossref.binary_cross_entropy(p, y, reduction="none"))
print(lossref.binary_cross_entropy(p, y))
print(torch.nn.BCELoss()(p, y))
