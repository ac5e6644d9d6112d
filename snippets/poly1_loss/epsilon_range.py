import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2]])
target = torch.tensor([0, 1])

print(lossref.poly1_loss(logits, target, epsilon=0.0))  # plain cross-entropy
print(F.cross_entropy(logits, target))

# Below -1 the loss is no longer smallest at p_t = 1: for ε = -1.5 it rises again.
p_t = torch.tensor([0.5, 0.9, 0.99, 1.0])
print(-torch.log(p_t) - 1.5 * (1 - p_t))
try:
    lossref.poly1_loss(logits, target, epsilon=-1.5)
except ValueError as error:
    print(error)
