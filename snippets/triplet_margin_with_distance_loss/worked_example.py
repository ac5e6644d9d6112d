import torch
import torch.nn.functional as F

import lossref


def cosine_distance(x, y):
    return 1 - F.cosine_similarity(x, y, dim=-1)  # 1 − cos, in [0, 2]


anchor = torch.tensor([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
positive = torch.tensor([[0.6, 0.8], [0.0, 1.0], [0.6, 0.8]])  # 1 − cos = 0.4, 1, 0.2
negative = torch.tensor([[0.0, 1.0], [0.8, 0.6], [0.8, 0.6]])  # 1 − cos = 1, 0.2, 0.4

settings = {"distance_function": cosine_distance, "margin": 0.5}
terms = lossref.triplet_margin_with_distance_loss(
    anchor, positive, negative, **settings, reduction="none"
)
print(terms)
print(lossref.triplet_margin_with_distance_loss(anchor, positive, negative, **settings))
print(torch.nn.TripletMarginWithDistanceLoss(**settings)(anchor, positive, negative))
print(lossref.nn.TripletMarginWithDistanceLoss(**settings)(anchor, positive, negative))
