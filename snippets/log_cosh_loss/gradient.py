import torch

import lossref

target = torch.tensor([3.0, 1.0, 4.0, 2.0])
prediction = torch.tensor([3.0, 2.0, 2.0, 7.0], requires_grad=True)

lossref.log_cosh_loss(prediction, target).backward()
print(prediction.grad)

error = prediction.detach() - target
print(torch.allclose(prediction.grad, torch.tanh(error) / error.numel()))  # tanh(e) / n
