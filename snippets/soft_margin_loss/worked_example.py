import torch

import lossref

score = torch.tensor([2.0, -1.0, 0.5])  # x
label = torch.tensor([1.0, -1.0, -1.0])  # y: 1 or -1

print(label * score)  # the margins y·x
terms = lossref.soft_margin_loss(score, label, reduction="none")
print(terms)
print(terms.sum())
print(lossref.soft_margin_loss(score, label))
print(torch.nn.SoftMarginLoss()(score, label))
