import torch

import lossref

target = torch.tensor([2.0, 2.0, 3.0, 3.0])
prediction = torch.tensor([2.5, 1.8, 3.2, 6.0], requires_grad=True)  # errors 0.5, -0.2, 0.2, 3
beta = 1.0

lossref.smooth_l1_loss(prediction, target, beta=beta).backward()
print(prediction.grad)

error = prediction.detach() - target
formula = torch.where(error.abs() < beta, error / beta, torch.sign(error)) / error.numel()
print(torch.allclose(prediction.grad, formula))
