import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]])
target = torch.tensor([1, 0])  # the true class of each sample

print(lossref.multi_margin_loss(scores, target, reduction="none"))
print(lossref.multi_margin_loss(scores, target))
print(torch.nn.MultiMarginLoss()(scores, target))
