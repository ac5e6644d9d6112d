import torch

import lossref

probs = torch.tensor([0.1, 0.7, 0.2])  # softmax output for one sample
target = torch.tensor(1)  # the true class

print(-torch.log(probs[target]))
# The same through the loss: log-probabilities are valid logits for these probabilities.
print(lossref.cross_entropy(torch.log(probs), target))
