import torch

import lossref

p = torch.tensor([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
q = torch.tensor([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3]])

print(lossref.kl_div(q, p, reduction="batchmean"))  # bug: probabilities, not log-probabilities
print(lossref.kl_div(torch.log(q), p, reduction="batchmean"))

# Zeros in the target are fine: 0·log 0 counts as 0.
p_zero = torch.tensor([[0.0, 0.7, 0.3]])
print(lossref.kl_div(torch.log(torch.tensor([[0.2, 0.5, 0.3]])), p_zero, reduction="batchmean"))
