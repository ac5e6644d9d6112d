import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])  # y
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0])  # ŷ

terms = lossref.huber_loss(prediction, target, reduction="none")  # delta=1.0
print(terms)
print(terms.sum())
print(lossref.huber_loss(prediction, target))
print(torch.nn.HuberLoss()(prediction, target))
