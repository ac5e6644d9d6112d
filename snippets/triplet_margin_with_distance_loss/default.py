import torch

import lossref

g = torch.Generator().manual_seed(0)
anchor, positive, negative = torch.randn(3, 4, 2, generator=g)

# Without a distance_function: torch's pairwise_distance (p=2, eps=1e-6), which is
# exactly triplet_margin_loss with its defaults.
print(lossref.triplet_margin_with_distance_loss(anchor, positive, negative))
print(lossref.triplet_margin_loss(anchor, positive, negative))
