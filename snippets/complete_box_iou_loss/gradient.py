import math

import torch

import lossref

target = torch.tensor([0.0, 0.0, 2.0, 2.0], dtype=torch.float64)
box = torch.tensor([0.0, 0.0, 4.0, 2.0], dtype=torch.float64, requires_grad=True)

(grad,) = torch.autograd.grad(lossref.complete_box_iou_loss(box, target), box)
print("lossref:             ", grad)

# The formulas: the target lies inside the box, so IoU = |B| / |A| = 4 / (w h).
w, h = box[2] - box[0], box[3] - box[1]
iou = 4.0 / (w * h)
v = 4 / math.pi**2 * (math.atan(2 / 2) - torch.atan(w / h)) ** 2
alpha = v / (1 - iou + v)
diou = lossref.distance_box_iou_loss(box, target)
(held,) = torch.autograd.grad(diou + alpha.detach() * v, box, retain_graph=True)
(full,) = torch.autograd.grad(diou + alpha * v, box)
print("alpha held fixed:    ", held)
print("alpha differentiated:", full)
