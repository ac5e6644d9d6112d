import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]])
target = torch.tensor([1, 0])

print(lossref.multi_margin_loss(scores, target, reduction="none"))  # p=1, margin=1
print(lossref.multi_margin_loss(scores, target, p=2, reduction="none"))
print(lossref.multi_margin_loss(scores, target, margin=0.5, reduction="none"))

# Once the true class leads every other class by the margin, the sample costs nothing.
print(lossref.multi_margin_loss(torch.tensor([3.0, 1.9, 2.0]), torch.tensor(0)))
