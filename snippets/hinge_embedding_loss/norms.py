import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
a, b = torch.randn(3, 8), torch.randn(3, 8)  # three dissimilar pairs of 8-d embeddings
y = torch.tensor([-1, -1, -1])

for p in (1, 2):
    distance = F.pairwise_distance(a, b, p=p)
    terms = lossref.hinge_embedding_loss(distance, y, margin=4.0, reduction="none")
    print(f"p={p}", distance, terms)
squared = F.pairwise_distance(a, b, p=2).square()
print("L2²", squared, lossref.hinge_embedding_loss(squared, y, margin=4.0, reduction="none"))
