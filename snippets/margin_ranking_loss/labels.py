import torch
import torch.nn.functional as F

import lossref

x1 = torch.tensor([0.9, 0.2])
x2 = torch.tensor([0.1, 0.8])
labels01 = torch.tensor([1.0, 0.0])  # "0 = x2 should win": not what the loss reads

# torch: a label 0 gives max(0, margin), whatever the scores, and no gradient.
print(F.margin_ranking_loss(x1, x2, labels01, margin=0.5, reduction="none"))
try:
    lossref.margin_ranking_loss(x1, x2, labels01, margin=0.5)
except ValueError as error:
    print(error)
print(lossref.margin_ranking_loss(x1, x2, 2 * labels01 - 1, margin=0.5, reduction="none"))
