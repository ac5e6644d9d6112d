import torch

import lossref

mask = torch.tensor([[[1.0, 0.0, 1.0]]])
probs = torch.tensor([[[0.9, 0.1, 0.8]]], requires_grad=True)

lossref.focal_tversky_loss(probs, mask, exponent=0.75).backward()
print(probs.grad)

# Chain rule: exponent * (1 - TI) ** (exponent - 1) times the Tversky loss's gradient.
tversky_probs = probs.detach().clone().requires_grad_()
tversky = lossref.tversky_loss(tversky_probs, mask)
tversky.backward()
factor = 0.75 * tversky.detach() ** (0.75 - 1)
print(f"factor {factor.item():.4f}")
print(tversky_probs.grad)
print(torch.allclose(probs.grad, factor * tversky_probs.grad))
