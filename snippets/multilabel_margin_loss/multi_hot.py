import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8]])
multi_hot = torch.tensor([[1, 0, 0, 1]])  # "classes 0 and 3", written as 0/1 per class

# Read as the class list 1, 0, 0, 1, that is {0, 1}. No error anywhere.
print(lossref.multilabel_margin_loss(scores, multi_hot))
print(torch.nn.MultiLabelMarginLoss()(scores, multi_hot))

# Convert: the indices of the 1s, then -1 (the largest first, so every -1 ends up last).
classes = torch.arange(multi_hot.shape[1])
lists = torch.where(multi_hot == 1, classes, -1).sort(dim=1, descending=True).values
print(lists)
print(lossref.multilabel_margin_loss(scores, lists))
