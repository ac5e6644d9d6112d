import torch

import lossref

a = torch.tensor([[1.0, 0.0]] * 3)
b = torch.tensor([[0.8, 0.6], [0.0, 1.0], [-0.6, 0.8]])  # cos 0.8, 0, -0.6
y = torch.tensor([-1, -1, -1])  # all three pairs dissimilar

for margin in (0.0, 0.5, -0.5):
    print(margin, lossref.cosine_embedding_loss(a, b, y, margin=margin, reduction="none"))
