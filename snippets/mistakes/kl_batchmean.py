import warnings

import torch
import torch.nn.functional as F

import lossref

p = torch.tensor([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])  # target distributions, one per row
q = torch.tensor([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])  # the model's distributions

kl_per_row = (p * (p.log() - q.log())).sum(dim=1)  # KL(p ‖ q) of each row
print(kl_per_row, kl_per_row.mean())

print(F.kl_div(q.log(), p, reduction="batchmean"))  # the KL divergence, averaged over rows
print(lossref.kl_div(q.log(), p, reduction="batchmean"))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(F.kl_div(q.log(), p, reduction="mean"))  # divided by 6 elements, not 2 rows
    print(lossref.kl_div(q.log(), p, reduction="mean"))
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
