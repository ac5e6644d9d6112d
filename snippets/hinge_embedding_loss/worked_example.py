import torch

import lossref

# Distances of four pairs: two similar (y = 1), two dissimilar (y = -1).
distance = torch.tensor([0.3, 1.2, 0.4, 1.7])
y = torch.tensor([1, 1, -1, -1])

terms = lossref.hinge_embedding_loss(distance, y, reduction="none")  # margin=1.0
print(terms)
print(terms.sum())
print(lossref.hinge_embedding_loss(distance, y))
print(torch.nn.HingeEmbeddingLoss()(distance, y))
