import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
logits = torch.randn(5, 1, 4)  # (T, N, C): raw model outputs
targets, input_lengths, target_lengths = torch.tensor([[1, 2]]), [5], [2]

print(lossref.ctc_loss(logits, targets, input_lengths, target_lengths))  # no error, wrong
print(F.ctc_loss(logits, targets, input_lengths, target_lengths))  # torch accepts it too
print(lossref.ctc_loss(logits.log_softmax(2), targets, input_lengths, target_lengths))
