import torch

import lossref

scores = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]])
target = torch.tensor([1, 0])

# Weston–Watkins (this loss): the violations of all other classes, summed (then / C).
print(lossref.multi_margin_loss(scores, target, reduction="none") * 4)

# Crammer–Singer: only the largest violation.
true_score = scores.gather(1, target[:, None])
hinge = (1 - true_score + scores).clamp(min=0)
hinge[torch.arange(2), target] = 0
print(hinge.max(dim=1).values)
