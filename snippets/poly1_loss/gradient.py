import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2], [1.0, 0.2, 0.3, 3.0]],
    requires_grad=True,
)
target = torch.tensor([0, 1, 3])
epsilon = 2.0

lossref.poly1_loss(logits, target, epsilon=epsilon, reduction="sum").backward()
print(logits.grad)

p = torch.softmax(logits.detach(), dim=1)
p_t = p.gather(1, target[:, None])
cross_entropy_grad = p - F.one_hot(target, num_classes=4)
print(torch.allclose(logits.grad, cross_entropy_grad * (1 + epsilon * p_t)))
# At the true class: −(1 − p_t), cross-entropy's, plus −ε·p_t·(1 − p_t).
extra = -epsilon * p_t * (1 - p_t)
print(torch.allclose(logits.grad.gather(1, target[:, None]), -(1 - p_t) + extra))
