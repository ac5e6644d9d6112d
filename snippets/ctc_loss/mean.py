import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
log_probs = torch.randn(8, 2, 3).log_softmax(2)  # T = 8, N = 2; symbols "-", "a", "b"
targets = torch.tensor([[1, 2, 1, 2, 1, 2], [1, 0, 0, 0, 0, 0]])  # "ababab" and "a", padded
input_lengths, target_lengths = torch.tensor([8, 8]), torch.tensor([6, 1])
args = (log_probs, targets, input_lengths, target_lengths)

per_sequence = lossref.ctc_loss(*args, reduction="none")
print(per_sequence)
print(lossref.ctc_loss(*args), F.ctc_loss(*args))  # reduction="mean"
print((per_sequence / target_lengths).mean())  # what "mean" is
print(per_sequence.mean())  # what "mean" is not
