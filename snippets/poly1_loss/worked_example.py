import torch
import torch.nn.functional as F

import lossref

# Logits chosen so that the softmax probabilities are round numbers.
probabilities = torch.tensor([[0.1, 0.7, 0.2], [0.25, 0.25, 0.5]])
logits = torch.log(probabilities)
target = torch.tensor([1, 2])  # p_t = 0.7 and 0.5

ce = F.cross_entropy(logits, target, reduction="none")  # −log p_t
print(ce)
print(lossref.poly1_loss(logits, target, reduction="none"))  # epsilon=2.0
print(lossref.poly1_loss(logits, target))
print(lossref.poly1_loss(logits, target, epsilon=0.0), ce.mean())
