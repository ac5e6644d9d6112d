import torch
import torch.nn.functional as F

import lossref

anchor = torch.tensor([[1.0, 0.0]])
positive = torch.tensor([[1.0, 1.0]])  # d(a, p) = 1
negative = torch.tensor([[-0.5, 1.0]])  # d(a, n) = 1.8028
for scale in (1.0, 10.0):  # the same directions, ten times longer
    raw = lossref.triplet_margin_loss(scale * anchor, scale * positive, scale * negative)
    unit = lossref.triplet_margin_loss(
        *(F.normalize(scale * x, dim=1) for x in (anchor, positive, negative))
    )
    print(f"scale {scale:g}: raw {raw.item():.4f}, normalised {unit.item():.4f}")
