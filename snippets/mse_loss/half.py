import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0], requires_grad=True)

full = lossref.mse_loss(prediction, target)  # no ½, as in torch
half = 0.5 * full  # the textbook ½·(ŷ − y)² convention
print(f"{full.item():.4f} {half.item():.4f}")

(gradient,) = torch.autograd.grad(half, prediction)
print(torch.allclose(gradient, (prediction - target) / prediction.numel()))
