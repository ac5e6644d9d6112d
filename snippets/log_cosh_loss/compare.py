import math

import torch

import lossref

error = torch.tensor([0.1, 0.5, 1.0, 2.0, 5.0])
zero = torch.zeros_like(error)
columns = (
    lossref.log_cosh_loss(error, zero, reduction="none"),
    error**2 / 2,  # the small-error side
    error.abs() - math.log(2),  # the large-error side
    lossref.huber_loss(error, zero, reduction="none"),  # delta=1.0, for comparison
)
print("  ".join(f"{name:>8}" for name in ("e", "log cosh", "e²/2", "|e|-log2", "Huber")))
for row in zip(error, *columns, strict=True):
    print("  ".join(f"{value:8.4f}" for value in row))
