import torch

import lossref

logit = torch.tensor([20.0], requires_grad=True)
p = torch.sigmoid(logit)
print(p == 1.0)  # sigmoid(20) rounds to exactly 1 in float32

# log(1 - p) = log(0) = -inf, clamped at -100: the loss is 100, not inf.
loss = lossref.binary_cross_entropy(p, torch.tensor([0.0]))
print(loss.detach())
print(torch.nn.BCELoss()(p.detach(), torch.tensor([0.0])))

# No gradient reaches the logit through the saturated sigmoid.
loss.backward()
print(logit.grad)

# The logits version gives the true value.
print(lossref.binary_cross_entropy_with_logits(torch.tensor([20.0]), torch.tensor([0.0])))
