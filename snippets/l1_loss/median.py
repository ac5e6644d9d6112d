import torch

import lossref

target = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0])
print(f"median {target.median().item():.2f}  mean {target.mean().item():.2f}")

# Score every constant prediction c = 0.0, 0.1, ..., 100.0 (one row per c).
c = torch.linspace(0, 100, 1001)
predictions = c[:, None].expand(-1, len(target))
targets = target.expand_as(predictions)
for name, loss in (("L1 ", lossref.l1_loss), ("MSE", lossref.mse_loss)):
    per_c = loss(predictions, targets, reduction="none").mean(dim=1)
    print(f"{name} is lowest at c = {c[per_c.argmin()].item():.2f}")
