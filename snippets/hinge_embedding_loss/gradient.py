import torch

import lossref

distance = torch.tensor([0.3, 1.2, 0.4, 1.7], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0, -1.0])
margin = 1.0

lossref.hinge_embedding_loss(distance, y, margin=margin).backward()
print(distance.grad)

# +1/n for similar pairs; -1/n for dissimilar pairs closer than the margin; else 0.
inside = distance.detach() < margin
formula = torch.where(y == 1, 1.0, torch.where(inside, -1.0, 0.0)) / y.numel()
print(torch.allclose(distance.grad, formula))
