import torch
import torch.nn.functional as F

import lossref


def cosine_distance(x, y):
    return 1 - F.cosine_similarity(x, y, dim=-1)


# The best possible triplet: positive on the anchor (distance 0), negative opposite (2).
anchor = torch.tensor([[1.0, 0.0]])
positive, negative = anchor.clone(), -anchor
for margin in (1.0, 2.0, 2.5):
    loss = lossref.triplet_margin_with_distance_loss(
        anchor, positive, negative, distance_function=cosine_distance, margin=margin
    )
    print(f"margin {margin:g}: {loss.item():.4f}")
