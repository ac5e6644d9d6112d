import torch

import lossref

# On a line: anchor 0, positive 1, negative 2. d(a, n) = 2 but d(p, n) = 1.
anchor, positive, negative = torch.tensor([[0.0]]), torch.tensor([[1.0]]), torch.tensor([[2.0]])
print(lossref.triplet_margin_loss(anchor, positive, negative))  # 1 − 2 + 1
print(lossref.triplet_margin_loss(anchor, positive, negative, swap=True))  # 1 − min(2, 1) + 1
print(torch.nn.TripletMarginLoss(swap=True)(anchor, positive, negative))
