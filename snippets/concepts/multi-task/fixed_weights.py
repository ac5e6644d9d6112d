import torch

import lossref

torch.manual_seed(0)
x = torch.randn(1024, 8)
price = 10 * x[:, :4].sum(dim=1, keepdim=True) + 3 * torch.randn(1024, 1)  # task 1: regression
kind = x[:, 4:7].argmax(dim=1)  # task 2: one of 3 classes ...
noisy = torch.rand(1024) < 0.2
kind = torch.where(noisy, torch.randint(0, 3, (1024,)), kind)  # ... with 20% random labels

trunk = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU())  # shared layers
price_head, kind_head = torch.nn.Linear(16, 1), torch.nn.Linear(16, 3)  # one head per task

features = trunk(x)
price_loss = lossref.mse_loss(price_head(features), price)
kind_loss = lossref.cross_entropy(kind_head(features), kind)
print(f"MSE {price_loss.item():.2f}   cross-entropy {kind_loss.item():.4f}")

# How hard each task pulls on the shared layer.
for name, task_loss in (("MSE", price_loss), ("cross-entropy", kind_loss)):
    grad = torch.autograd.grad(task_loss, trunk[0].weight, retain_graph=True)[0]
    print(f"{name}: gradient norm on the shared layer {grad.norm().item():.4f}")

total = 1.0 * price_loss + 100.0 * kind_loss  # fixed weights, chosen by hand
print(f"total {total.item():.2f}")
