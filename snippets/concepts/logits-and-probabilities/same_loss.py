import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([[2.0, 1.0, 0.1], [0.3, 0.2, 2.5]])
target = torch.tensor([0, 2])

# Multi-class: logits to cross_entropy, log-probabilities to nll_loss.
print(lossref.cross_entropy(logits, target))
print(lossref.nll_loss(F.log_softmax(logits, dim=1), target))

# Binary: logits to the "with logits" loss, probabilities to binary_cross_entropy.
z = torch.tensor([1.5, -0.5, 3.0])
y = torch.tensor([1.0, 0.0, 0.0])
print(lossref.binary_cross_entropy_with_logits(z, y))
print(lossref.binary_cross_entropy(torch.sigmoid(z), y))

# Distributions: kl_div takes the model's log-probabilities and the target's probabilities.
target_probs = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
print(lossref.kl_div(F.log_softmax(logits, dim=1), target_probs, reduction="batchmean"))
