import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([[2.0, -1.0, 0.0], [0.5, 1.5, -2.0]])
labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
weight = torch.tensor([3.0, 1.0, 1.0])  # class 0 counts three times; Σw = 5

print(lossref.multilabel_soft_margin_loss(logits, labels, weight, reduction="none"))
print(F.multilabel_soft_margin_loss(logits, labels, weight, reduction="none"))
per_class = lossref.binary_cross_entropy_with_logits(logits, labels, reduction="none")
print((per_class * weight).sum(dim=1) / 3)  # divided by C = 3 ...
print((per_class * weight).sum(dim=1) / weight.sum())  # ... not by Σw = 5
