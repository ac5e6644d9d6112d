import torch

import lossref

target = torch.tensor([0.0, 0.0, 6.0, 6.0])
# Three 2 × 2 predictions inside the target: at its centre, in a corner, on an edge.
inside = torch.tensor([[2.0, 2.0, 4.0, 4.0], [0.0, 0.0, 2.0, 2.0], [4.0, 2.0, 6.0, 4.0]])
targets = target.expand_as(inside)

print("GIoU loss:", lossref.generalized_box_iou_loss(inside, targets))
print("DIoU loss:", lossref.distance_box_iou_loss(inside, targets))
