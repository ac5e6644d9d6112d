import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0], requires_grad=True)

lossref.mse_loss(prediction, target).backward()
print(prediction.grad)

formula = 2 * (prediction - target) / prediction.numel()
print(torch.allclose(prediction.grad, formula))
