import torch
import torch.nn.functional as F

import lossref

a = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
b = torch.tensor([[0.9, 0.1], [-1.0, 0.2]])
y = torch.tensor([1, -1])  # pair 1 similar (and close), pair 2 dissimilar (and far)

similarity = F.cosine_similarity(a, b).requires_grad_()
loss = lossref.hinge_embedding_loss(similarity, y)  # wrong: a similarity, not a distance
loss.backward()
print(similarity.detach(), loss.detach())
print(similarity.grad)  # + for the similar pair: descent lowers its similarity

distance = 1 - F.cosine_similarity(a, b)  # cosine distance, in [0, 2]
print(distance, lossref.hinge_embedding_loss(distance, y))
