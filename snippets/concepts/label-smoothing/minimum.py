import torch
import torch.nn.functional as F

import lossref

epsilon, classes = 0.1, 4
target = torch.tensor([0])
q = (1 - epsilon) * F.one_hot(target, classes).double() + epsilon / classes  # smoothed

# The best the model can do is to predict q itself: logits log q.
best = torch.log(q).requires_grad_()
loss = lossref.cross_entropy(best, target, label_smoothing=epsilon)
loss.backward()
print(loss.detach())
print(-(q * q.log()).sum())  # the entropy of q: the lowest value the loss can take
print(best.grad.abs().max() < 1e-12)  # a zero gradient: an optimum

# A more confident prediction costs more, not less.
for gap in (3.0, 3.6109, 5.0, 10.0):
    logits = torch.tensor([[gap, 0.0, 0.0, 0.0]], dtype=torch.float64)
    smoothed = lossref.cross_entropy(logits, target, label_smoothing=epsilon)
    plain = lossref.cross_entropy(logits, target)
    print(f"gap {gap:7.4f}: smoothed {smoothed.item():.4f}, plain {plain.item():.4f}")
