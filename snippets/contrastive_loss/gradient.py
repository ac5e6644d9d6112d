import torch

import lossref

input1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 0.0]], requires_grad=True)
input2 = torch.tensor([[0.3, 0.4], [1.3, 1.4], [3.0, 4.0], [2.0, 1.2]])
target = torch.tensor([1.0, 0.0, 0.0, 1.0])
margin = 1.0

lossref.contrastive_loss(input1, input2, target, margin=margin, reduction="sum").backward()
print(input1.grad)

difference = input1.detach() - input2
d = difference.norm(dim=1, keepdim=True)
y = target[:, None]
formula = y * 2 * difference - (1 - y) * 2 * (margin - d).clamp(min=0) * difference / d
print(torch.allclose(input1.grad, formula))
