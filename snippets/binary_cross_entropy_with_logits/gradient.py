import torch

import lossref

x = torch.tensor([2.2, -1.4, 1.4, 0.5], requires_grad=True)
y = torch.tensor([0.0, 1.0, 0.0, 1.0])
pw = torch.tensor(3.0)

lossref.binary_cross_entropy_with_logits(x, y).backward()
print(x.grad)
print(torch.allclose(x.grad, (torch.sigmoid(x) - y) / len(x)))

x.grad = None
lossref.binary_cross_entropy_with_logits(x, y, pos_weight=pw).backward()
s = torch.sigmoid(x)
print(x.grad)
print(torch.allclose(x.grad, ((1 - y) * s - pw * y * (1 - s)) / len(x)))
