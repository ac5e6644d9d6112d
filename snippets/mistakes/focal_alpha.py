import torch

import lossref

# Binary (sigmoid) form: α weighs positives, 1 − α negatives.
logits = torch.tensor([0.0, 0.0])  # p = 0.5 for both
targets = torch.tensor([1.0, 0.0])  # one positive, one negative
print(lossref.sigmoid_focal_loss(logits, targets, alpha=-1))  # α off
print(lossref.sigmoid_focal_loss(logits, targets))  # α = 0.25, γ = 2: 0.25 and 0.75 times

# Multi-class: a scalar α multiplies every term, so it only rescales the loss and its gradient.
x = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.0, 0.2, 3.0]], requires_grad=True)
y = torch.tensor([0, 1, 1])
lossref.softmax_focal_loss(x, y).backward()
plain = x.grad.clone()
x.grad = None
(0.25 * lossref.softmax_focal_loss(x, y)).backward()
print(torch.allclose(x.grad, 0.25 * plain))  # same direction, a quarter of the size

# Class balancing needs one α per class: each term is scaled by the α of its true class.
alpha = torch.tensor([0.5, 0.25, 1.0])
with torch.no_grad():
    print(lossref.softmax_focal_loss(x, y, reduction="none"))
    print(lossref.softmax_focal_loss(x, y, alpha=alpha, reduction="none"))
try:
    lossref.softmax_focal_loss(x, y, alpha=0.25)
except TypeError as error:
    print(error)
