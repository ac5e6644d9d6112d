import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]], requires_grad=True)
target = torch.tensor([1, 0])

lossref.multi_margin_loss(scores, target).backward()
print(scores.grad)

# p=1: +1/(N·C) for each class inside the margin, minus their count for the true class.
n, c = scores.shape
true_score = scores.detach().gather(1, target[:, None])
active = (1 - true_score + scores.detach() > 0).float()
active[torch.arange(n), target] = 0
formula = active / (n * c)
formula[torch.arange(n), target] = -active.sum(dim=1) / (n * c)
print(torch.allclose(scores.grad, formula))
