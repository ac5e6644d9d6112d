import torch

import lossref

x = torch.tensor([2.2, -1.4, 1.4])  # logits
y = torch.tensor([0.0, 1.0, 0.0])

print(lossref.binary_cross_entropy_with_logits(x, y, reduction="none"))
print(lossref.binary_cross_entropy_with_logits(x, y))
print(torch.nn.BCEWithLogitsLoss()(x, y))
