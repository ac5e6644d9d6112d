import torch
import torch.nn.functional as F

import lossref

a = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
b = torch.tensor([[1.0, 1.0], [1.0, -1.0], [0.0, 1.0]])
y = torch.tensor([1, -1, -1])  # pair 1 similar, pairs 2 and 3 dissimilar

print(F.cosine_similarity(a, b))
terms = lossref.cosine_embedding_loss(a, b, y, margin=0.5, reduction="none")
print(terms)
print(terms.sum())
print(lossref.cosine_embedding_loss(a, b, y, margin=0.5))
print(torch.nn.CosineEmbeddingLoss(margin=0.5)(a, b, y))
