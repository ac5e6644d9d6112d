import torch

import lossref

torch.manual_seed(0)
mean, target = torch.randn(3, 3), torch.randn(3, 3)  # 3 samples × 3 outputs
per_output = torch.tensor([0.5, 1.0, 2.0])  # meant as one variance per output (column)

as_given = lossref.gaussian_nll_loss(mean, target, per_output)  # read as one per sample (row)
per_row = lossref.gaussian_nll_loss(mean, target, per_output.view(3, 1).expand(3, 3))
per_column = lossref.gaussian_nll_loss(mean, target, per_output.view(1, 3))
print(f"{as_given.item():.4f} {per_row.item():.4f} {per_column.item():.4f}")
