import torch

import lossref

p = torch.tensor([0.9, 0.2, 0.8])  # every sample on the wrong side of 0.5
y = torch.tensor([0.0, 1.0, 0.0])

print(lossref.binary_cross_entropy(p, y, reduction="none"))
print(lossref.binary_cross_entropy(p, y))
