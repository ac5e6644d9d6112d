import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
scores = torch.randn(3, 4)  # raw scores (logits): some are negative
target = torch.tensor([0, 1, 3])

print(torch.log(scores))  # log of a negative number is nan
print(F.nll_loss(torch.log(scores), target))  # the bug: nan (or a wrong number)

# Right: log-probabilities for nll_loss, or the raw scores for cross_entropy.
print(F.nll_loss(F.log_softmax(scores, dim=1), target))
print(lossref.nll_loss(F.log_softmax(scores, dim=1), target))
print(lossref.cross_entropy(scores, target))
