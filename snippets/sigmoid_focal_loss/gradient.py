import torch

import lossref

logits = torch.tensor([3.0, -1.0, -2.0, 1.0], requires_grad=True)
targets = torch.tensor([1.0, 1.0, 0.0, 0.0])
alpha, gamma = 0.25, 2

lossref.sigmoid_focal_loss(logits, targets, alpha, gamma).sum().backward()
print(logits.grad)

with torch.no_grad():
    p = torch.sigmoid(logits)
    p_t = torch.where(targets == 1, p, 1 - p)
    alpha_t = torch.where(targets == 1, alpha, 1 - alpha)
    sign = 2 * targets - 1
    formula = alpha_t * sign * (1 - p_t) ** gamma * (gamma * p_t * torch.log(p_t) + p_t - 1)
    print(torch.allclose(logits.grad, formula))
    print("cross-entropy gradient p - y:", p - targets)
