import torch

import lossref

torch.manual_seed(0)
# A batch_first model gives (N=2, T=6, C=4); ctc_loss reads dim 0 as time.
log_probs = torch.randn(2, 6, 4).log_softmax(2)
targets = torch.tensor([[1, 2, 3], [3, 3, 1]])
input_lengths, target_lengths = torch.tensor([6, 6]), torch.tensor([3, 3])
try:
    lossref.ctc_loss(log_probs, targets, input_lengths, target_lengths)
except ValueError as error:
    print("ValueError:", error)
print(lossref.ctc_loss(log_probs.transpose(0, 1), targets, input_lengths, target_lengths))
