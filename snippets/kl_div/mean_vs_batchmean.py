import warnings

import torch

import lossref

target = torch.tensor([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
log_q = torch.log(torch.tensor([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3]]))

total = lossref.kl_div(log_q, target, reduction="sum")
print(f"sum: {total.item():.5f}")
batchmean = lossref.kl_div(log_q, target, reduction="batchmean")
print(f"batchmean (sum / 2 rows): {batchmean.item():.4f}")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mean = lossref.kl_div(log_q, target, reduction="mean")
    torch_mean = torch.nn.functional.kl_div(log_q, target, reduction="mean")  # torch warns too
print(f"mean (sum / 6 elements): {mean.item():.4f}   torch: {torch_mean.item():.4f}")
print("warning:", caught[0].message)
