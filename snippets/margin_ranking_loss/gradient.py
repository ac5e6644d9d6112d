import torch

import lossref

x1 = torch.tensor([0.9, 0.6, 0.7], requires_grad=True)
x2 = torch.tensor([0.2, 0.4, 0.1], requires_grad=True)
y = torch.tensor([1.0, 1.0, -1.0])
margin = 0.5

lossref.margin_ranking_loss(x1, x2, y, margin=margin).backward()
print(x1.grad)
print(x2.grad)

# -y/n where the pair is inside the margin (term > 0), 0 elsewhere; x2 gets the opposite.
active = (margin - y * (x1.detach() - x2.detach())) > 0
formula = torch.where(active, -y, 0.0) / y.numel()
print(torch.allclose(x1.grad, formula), torch.allclose(x2.grad, -formula))
