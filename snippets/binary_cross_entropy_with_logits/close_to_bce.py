import torch

import lossref

x = torch.tensor([2.2, -1.4, 1.4])
y = torch.tensor([0.0, 1.0, 0.0])
print(torch.sigmoid(x))  # 0.9002, not 0.9

p = torch.tensor([0.9, 0.2, 0.8])
print(lossref.binary_cross_entropy_with_logits(x, y))
print(lossref.binary_cross_entropy(p, y))
# The logits that give exactly these probabilities give exactly the same loss.
print(lossref.binary_cross_entropy_with_logits(torch.logit(p), y))
