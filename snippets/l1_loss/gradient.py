import torch

import lossref

target = torch.tensor([4.0, 5.0, 6.0, 7.0])
prediction = torch.tensor([2.0, 4.5, 6.0, 17.0], requires_grad=True)  # errors -2, -0.5, 0, 10

lossref.l1_loss(prediction, target).backward()
print(prediction.grad)

formula = torch.sign(prediction - target) / prediction.numel()  # sign(0) = 0
print(torch.equal(prediction.grad, formula))
