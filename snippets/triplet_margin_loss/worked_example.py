import torch

import lossref

# Three triplets of 2-D embeddings: easy, hard, semi-hard.
anchor = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
positive = torch.tensor([[0.6, 0.8], [1.0, 3.0], [1.0, 0.0]])  # d(a, p) = 1, 2, 1
negative = torch.tensor([[3.0, 4.0], [2.0, 1.0], [0.0, 1.5]])  # d(a, n) = 5, 1, 1.5

terms = lossref.triplet_margin_loss(anchor, positive, negative, reduction="none")
print(terms)
print(lossref.triplet_margin_loss(anchor, positive, negative))  # margin=1.0, mean
print(torch.nn.TripletMarginLoss()(anchor, positive, negative))
