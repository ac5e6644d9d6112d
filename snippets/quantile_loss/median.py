import torch

import lossref

target = torch.tensor([4.0, 5.0, 6.0, 7.0])
prediction = torch.tensor([2.0, 3.0, 6.0, 9.0], requires_grad=True)

median = lossref.quantile_loss(prediction, target)  # quantiles=0.5 by default
l1 = lossref.l1_loss(prediction, target)
print(f"{median.item():.4f} {l1.item():.4f}")

(median_grad,) = torch.autograd.grad(median, prediction)
(l1_grad,) = torch.autograd.grad(l1, prediction)
print(median_grad)
print(l1_grad)
