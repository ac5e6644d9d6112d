import torch

import lossref

p = torch.tensor([0.8, 0.3, 0.1, 0.6], requires_grad=True)
y = torch.tensor([1.0, 0.0, 0.0, 1.0])

lossref.binary_cross_entropy(p, y).backward()
print(p.grad)

formula = (p - y) / (p * (1 - p)) / len(p)
print(torch.allclose(p.grad, formula))
