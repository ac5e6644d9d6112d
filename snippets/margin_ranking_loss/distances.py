import torch

import lossref

# Scores where lower is better (distances, costs): "x1 should win" is y = -1.
distance_to_match = torch.tensor([0.4])
distance_to_other = torch.tensor([1.5])
closer = torch.tensor([-1])  # the match should have the smaller distance
print(lossref.margin_ranking_loss(distance_to_match, distance_to_other, closer, margin=0.5))
print(lossref.margin_ranking_loss(distance_to_match, distance_to_other, -closer, margin=0.5))
