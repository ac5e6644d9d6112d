import torch
import torch.nn.functional as F

epsilon = 0.1
target = torch.tensor([0, 2])  # class indices, C = 4

one_hot = F.one_hot(target, num_classes=4).float()
smoothed = (1 - epsilon) * one_hot + epsilon / 4
print(smoothed)
print(smoothed.sum(dim=1))

# ImageNet in Szegedy et al.: C = 1000, ε = 0.1.
one_hot = F.one_hot(torch.tensor(0), num_classes=1000).double()
row = (1 - epsilon) * one_hot + epsilon / 1000
print(f"true class {row[0]:.4f}, each other class {row[1]:.4f}")
