import torch

import lossref

# Two classes, true class 0: logits (z, 0) with p_t = 0.1, 0.5, 0.9.
p_t = torch.tensor([0.1, 0.5, 0.9], dtype=torch.float64)
z = torch.log(p_t / (1 - p_t))
print("p_t        ", p_t.tolist())
for epsilon in (-1.0, 0.0, 1.0, 2.0):
    logits = torch.stack([z, torch.zeros_like(z)], dim=1).requires_grad_()
    target = torch.zeros(3, dtype=torch.long)
    lossref.poly1_loss(logits, target, epsilon=epsilon, reduction="sum").backward()
    push = -logits.grad[:, 0]  # how hard the true logit is pushed up
    print(f"epsilon {epsilon:4.1f}", [round(v, 4) for v in push.tolist()])
