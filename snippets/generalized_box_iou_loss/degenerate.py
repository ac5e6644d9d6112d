import torch

import lossref

point = torch.tensor([1.0, 1.0, 1.0, 1.0])  # a box of zero width and height
line = torch.tensor([0.0, 1.0, 2.0, 1.0])  # zero height

# A point predicted exactly on a point: no area, so IoU is 0/(0 + eps) = 0, not 1.
print(lossref.generalized_box_iou_loss(point, point))
# Without eps the same pair is 0/0.
print(lossref.generalized_box_iou_loss(point, point, eps=0.0))
# A flat box on top of itself: same story.
print(lossref.generalized_box_iou_loss(line, line))
