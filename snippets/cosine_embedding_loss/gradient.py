import torch

import lossref

a = torch.tensor([[3.0, 1.0, 2.0]], requires_grad=True)
b = torch.tensor([[1.0, 2.0, -1.0]])
y = torch.tensor([1])

lossref.cosine_embedding_loss(a, b, y).backward()
print(a.grad)

# d(1 - cos)/da = -(b/|b| - cos * a/|a|) / |a|
u, v = a.detach() / a.detach().norm(), b / b.norm()
cos = (u * v).sum()
print(torch.allclose(a.grad, -(v - cos * u) / a.detach().norm()))
# Orthogonal to a: making a longer or shorter does not change the loss.
print(torch.allclose((a.grad * a.detach()).sum(), torch.tensor(0.0), atol=1e-6))
