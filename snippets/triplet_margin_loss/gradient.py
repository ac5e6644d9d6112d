import torch

import lossref

# The hard triplet of the worked example: d(a, p) = 2, d(a, n) = 1, loss 2 > 0.
anchor = torch.tensor([[1.0, 1.0]], requires_grad=True)
positive = torch.tensor([[1.0, 3.0]], requires_grad=True)
negative = torch.tensor([[2.0, 1.0]], requires_grad=True)

# eps=0.0: the distances are then exactly the Euclidean ones of the formula below.
lossref.triplet_margin_loss(anchor, positive, negative, eps=0.0).backward()
print(anchor.grad, positive.grad, negative.grad)

u_p = (anchor - positive) / (anchor - positive).norm()  # unit vector from p to a
u_n = (anchor - negative) / (anchor - negative).norm()  # unit vector from n to a
print(torch.allclose(anchor.grad, u_p - u_n), torch.allclose(positive.grad, -u_p))
print(torch.allclose(negative.grad, u_n))
