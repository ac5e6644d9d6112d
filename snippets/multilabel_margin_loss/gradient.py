import torch

import lossref

scores = torch.tensor([0.1, 0.2, 0.4, 0.8], requires_grad=True)
target = torch.tensor([3, 0, -1, 1])  # classes 3 and 0

lossref.multilabel_margin_loss(scores, target).backward()
print(scores.grad)  # 4 active pairs, each ±1/4

# Once every listed class leads every other by at least 1, nothing is left to learn.
scores = torch.tensor([2.0, 0.5, 0.9, 3.0], requires_grad=True)
loss = lossref.multilabel_margin_loss(scores, target)
loss.backward()
print(loss.detach(), scores.grad)
