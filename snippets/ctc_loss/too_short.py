import torch

import lossref

torch.manual_seed(0)
logits = torch.randn(4, 3, 3, requires_grad=True)  # T = 4 frames; symbols "-", "a", "b"
targets = torch.tensor([[1, 1, 1], [1, 2, 2], [1, 2, 1]])  # "aaa", "abb", "aba"
input_lengths, target_lengths = torch.tensor([4, 4, 4]), torch.tensor([3, 3, 3])
# Frames needed: S plus one blank per repeated neighbour: "aaa" 5, "abb" 4, "aba" 3.
args = (logits.log_softmax(2), targets, input_lengths, target_lengths)
print(lossref.ctc_loss(*args, reduction="none").detach())
print(lossref.ctc_loss(*args).detach())

loss = lossref.ctc_loss(*args, zero_infinity=True)
loss.backward()
print(loss.detach())
print(logits.grad[:, 0].abs().sum())  # "aaa" (sequence 0) gets no gradient
