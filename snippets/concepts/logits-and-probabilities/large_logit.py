import torch

import lossref

logit = torch.tensor([20.0], requires_grad=True)  # a confident "positive" ...
target = torch.tensor([0.0])  # ... for a negative sample

p = torch.sigmoid(logit)
print(p.item() == 1.0)  # σ(20) = 1 − 2·10⁻⁹ rounds to exactly 1 in float32

fused = lossref.binary_cross_entropy_with_logits(logit, target)
fused.backward()
print(fused, logit.grad)

logit.grad = None
two_step = lossref.binary_cross_entropy(p, target)  # −log(1 − 1) = inf, clamped to 100
two_step.backward()
print(two_step, logit.grad)
