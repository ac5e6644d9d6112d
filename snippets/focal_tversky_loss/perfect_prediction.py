import torch

import lossref

mask = torch.tensor([[[1.0, 1.0, 0.0, 0.0]]])
# Saturated logits: in float32 their sigmoids are exactly 1 and 0, a perfect prediction.
logits = torch.tensor([[[25.0, 30.0, -120.0, -150.0]]], requires_grad=True)
print(torch.sigmoid(logits))

# (1 - TI) ** 0.75 written directly:
naive = lossref.tversky_loss(torch.sigmoid(logits), mask) ** 0.75
(grad,) = torch.autograd.grad(naive, logits)
print(f"naive:   loss {naive.item()}, gradient {grad}")

loss = lossref.focal_tversky_loss(torch.sigmoid(logits), mask)
(grad,) = torch.autograd.grad(loss, logits)
print(f"lossref: loss {loss.item()}, gradient {grad}")
