import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
log_probs = torch.randn(6, 1, 4).log_softmax(2)  # the model's blank is its last class, 3
targets = torch.tensor([[0, 1, 2]])  # labels 0, 1, 2
lengths = torch.tensor([6]), torch.tensor([3])

print(F.ctc_loss(log_probs, targets, *lengths))  # blank=0 by default: label 0 taken as blank
try:
    lossref.ctc_loss(log_probs, targets, *lengths)
except ValueError as error:
    print("ValueError:", error)
print(lossref.ctc_loss(log_probs, targets, *lengths, blank=3))
print(F.ctc_loss(log_probs, targets, *lengths, blank=3))
