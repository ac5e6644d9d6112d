import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ],
    requires_grad=True,
)
target = torch.tensor([0, 1, 3])
gamma = 2.0

lossref.softmax_focal_loss(logits, target, gamma=gamma).backward()
print(logits.grad)

with torch.no_grad():
    p = F.softmax(logits, dim=1)
    p_t = p.gather(1, target[:, None])
    scale = (1 - p_t) ** gamma - gamma * p_t * (1 - p_t) ** (gamma - 1) * torch.log(p_t)
    formula = scale * (p - F.one_hot(target, 4)) / len(target)
    print(torch.allclose(logits.grad, formula))
    print("scale per sample:", scale.squeeze(1))

# The scale over all p_t: 1 at p_t → 0, 0 at p_t = 1, slightly above 1 in between.
p = torch.linspace(0.001, 0.999, 999)
s = (1 - p) ** gamma - gamma * p * (1 - p) ** (gamma - 1) * torch.log(p)
print(f"largest scale {s.max().item():.3f} at p_t = {p[s.argmax()].item():.3f}")
