import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
logits = torch.randn(8, 5)
target = torch.randint(0, 5, (8,))

nll = lossref.nll_loss(F.log_softmax(logits, dim=1), target)
ce = lossref.cross_entropy(logits, target)
print(nll)
print(ce)
print(F.nll_loss(F.log_softmax(logits, dim=1), target))
print(torch.allclose(nll, ce))
