import torch

import lossref

anchor = torch.zeros(4, 2)
positive = torch.ones(1, 2)  # one positive for four anchors: torch broadcasts it in silence
negative = torch.full((4, 2), 2.0)
print(torch.nn.functional.triplet_margin_loss(anchor, positive, negative))
try:
    lossref.triplet_margin_loss(anchor, positive, negative)
except ValueError as error:
    print(error)
