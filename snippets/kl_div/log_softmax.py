import torch
import torch.nn.functional as F

import lossref

target = torch.tensor([[0.9, 0.1]])
logits = torch.tensor([[0.0, -200.0]])  # the model is sure the second outcome never happens

print(torch.log(F.softmax(logits, dim=1)))  # softmax underflows to 0, its log is -inf
print(lossref.kl_div(torch.log(F.softmax(logits, dim=1)), target, reduction="batchmean"))
print(F.log_softmax(logits, dim=1))  # finite
print(lossref.kl_div(F.log_softmax(logits, dim=1), target, reduction="batchmean"))
