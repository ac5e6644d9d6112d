import torch

import lossref

logits = torch.tensor([[10.0, 0.0, 0.0]])
target = torch.tensor([0])

print(lossref.multi_margin_loss(logits, target))  # leads by 10: done
probabilities = logits.softmax(dim=1)
print(probabilities)
print(lossref.multi_margin_loss(probabilities, target))  # a margin of 1 is out of reach
