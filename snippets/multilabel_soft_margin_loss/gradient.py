import torch

import lossref

logits = torch.tensor([[2.0, -1.0, 0.0], [0.5, 1.5, -2.0]], requires_grad=True)
labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])

lossref.multilabel_soft_margin_loss(logits, labels).backward()
print(logits.grad)

n, c = logits.shape
formula = (torch.sigmoid(logits.detach()) - labels) / (n * c)  # (σ(x) − y) / (N·C)
print(torch.allclose(logits.grad, formula))
