import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
scores = torch.randn(4, 5)  # raw scores of a network: not probabilities
target = torch.randint(0, 5, (4,))

# Wrong: log of raw scores is nan wherever a score is negative.
print(torch.log(scores)[torch.arange(4), target])
print(lossref.nll_loss(torch.log(scores), target))

# Wrong: raw scores with no log at all; the "loss" is just minus the mean picked score.
print(scores[torch.arange(4), target])
print(lossref.nll_loss(scores, target))

# Right: log_softmax first, or cross_entropy on the raw scores.
print(lossref.nll_loss(F.log_softmax(scores, dim=1), target))
print(lossref.cross_entropy(scores, target))
