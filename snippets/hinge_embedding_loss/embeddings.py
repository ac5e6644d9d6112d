import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
encoder = torch.nn.Linear(4, 2)
a, b = torch.randn(6, 4), torch.randn(6, 4)  # six pairs of inputs
y = torch.tensor([1, 1, 1, -1, -1, -1])  # the first three pairs are similar

distance = F.pairwise_distance(encoder(a), encoder(b), p=1)  # L1 distance per pair
loss = lossref.hinge_embedding_loss(distance, y, margin=2.0)
print(distance.detach())
print(loss.detach(), F.hinge_embedding_loss(distance, y, margin=2.0).detach())
loss.backward()  # the gradient reaches the encoder through the distances
print(encoder.weight.grad)
