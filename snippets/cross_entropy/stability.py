import torch

import lossref

logits = torch.tensor([[1e4, 0.0, -1e4]])

# Softmax written out: exp(10000) overflows float32 to inf, and inf / inf is nan.
naive = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
print(-torch.log(naive))

# log-softmax subtracts the largest logit first, so nothing overflows.
for label in (0, 1):
    print(lossref.cross_entropy(logits, torch.tensor([label])))
