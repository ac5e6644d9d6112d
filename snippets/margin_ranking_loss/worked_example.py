import torch

import lossref

# Three pairs: should the first item score higher (y = 1) or lower (y = -1)?
x1 = torch.tensor([0.9, 0.6, 0.7])
x2 = torch.tensor([0.2, 0.4, 0.1])
y = torch.tensor([1, 1, -1])

terms = lossref.margin_ranking_loss(x1, x2, y, margin=0.5, reduction="none")
print(terms)
print(terms.sum())
print(lossref.margin_ranking_loss(x1, x2, y, margin=0.5))
print(torch.nn.MarginRankingLoss(margin=0.5)(x1, x2, y))
