import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]])
# Each row lists its classes, then -1: sample 1 has classes 3 and 0, sample 2 class 0.
target = torch.tensor([[3, 0, -1, 1], [0, -1, 0, 0]])

print(lossref.multilabel_margin_loss(scores, target, reduction="none"))
print(lossref.multilabel_margin_loss(scores, target))
print(torch.nn.MultiLabelMarginLoss()(scores, target))
