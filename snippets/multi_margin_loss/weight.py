import torch
import torch.nn.functional as F

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]])
target = torch.tensor([1, 0])
weight = torch.tensor([1.0, 2.0, 3.0, 4.0])  # w[y] = 2 for sample 1, 1 for sample 2

print(lossref.multi_margin_loss(scores, target, weight=weight, reduction="none"))
print(lossref.multi_margin_loss(scores, target, weight=weight))  # divided by N = 2
print(F.multi_margin_loss(scores, target, weight=weight))
terms = lossref.multi_margin_loss(scores, target, weight=weight, reduction="none")
print(terms.sum() / weight[target].sum())  # a Σw[y] average: not what either computes

# p=2: the weight multiplies the squared hinge, w·h², not (w·h)².
print(lossref.multi_margin_loss(scores, target, p=2, weight=weight, reduction="none"))
print(F.multi_margin_loss(scores, target, p=2, weight=weight, reduction="none"))
