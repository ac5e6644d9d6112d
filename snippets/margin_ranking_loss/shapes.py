import torch
import torch.nn.functional as F

import lossref

x1 = torch.tensor([[0.9], [0.6], [0.7]])  # (3, 1): one score per row
x2 = torch.tensor([[0.2, 0.4, 0.1]])  # (1, 3)
y = torch.tensor([[1.0, 1.0, -1.0]])  # (1, 3)

# torch checks only the number of dims, then broadcasts to (3, 3): 9 "pairs".
print(F.margin_ranking_loss(x1, x2, y, reduction="none").shape)
try:
    lossref.margin_ranking_loss(x1, x2, y)
except ValueError as error:
    print(error)
