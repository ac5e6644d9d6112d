import torch

import lossref

# A model that gives every item the same score ranks nothing, yet with the
# default margin=0 every term is max(0, 0) = 0.
x1 = torch.full((4,), 0.3)
x2 = torch.full((4,), 0.3)
y = torch.tensor([1, -1, 1, -1])
print(lossref.margin_ranking_loss(x1, x2, y))
print(lossref.margin_ranking_loss(x1, x2, y, margin=1.0))

# With margin=0 a right order by any amount is enough; the scale is free.
x1, x2 = torch.tensor([0.301]), torch.tensor([0.300])
print(lossref.margin_ranking_loss(x1, x2, torch.tensor([1])))
print(lossref.margin_ranking_loss(x1, x2, torch.tensor([1]), margin=1.0))
