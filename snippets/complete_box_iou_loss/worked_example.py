import math

import torch

import lossref

# Pair 1: a 4 × 2 prediction on a 2 × 2 target. Pair 2: two 2 × 2 squares offset by one unit.
boxes1 = torch.tensor([[0.0, 0.0, 4.0, 2.0], [0.0, 0.0, 2.0, 2.0]])  # prediction
boxes2 = torch.tensor([[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 3.0]])  # target

# Step by step, with torch operations.
ax1, ay1, ax2, ay2 = boxes1.unbind(-1)
bx1, by1, bx2, by2 = boxes2.unbind(-1)
overlap_w = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).clamp(min=0)
overlap_h = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).clamp(min=0)
intersection = overlap_w * overlap_h
union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection
iou = intersection / union
rho2 = ((ax1 + ax2) / 2 - (bx1 + bx2) / 2) ** 2 + ((ay1 + ay2) / 2 - (by1 + by2) / 2) ** 2
c2 = (torch.maximum(ax2, bx2) - torch.minimum(ax1, bx1)) ** 2 + (
    torch.maximum(ay2, by2) - torch.minimum(ay1, by1)
) ** 2
angle_gap = torch.atan((bx2 - bx1) / (by2 - by1)) - torch.atan((ax2 - ax1) / (ay2 - ay1))
v = 4 / math.pi**2 * angle_gap**2
alpha = v / (1 - iou + v)
print("IoU:", iou, " rho^2/c^2:", rho2 / c2)
print("v:", v, " alpha:", alpha, " alpha*v:", alpha * v)
print("1 - IoU + rho^2/c^2 + alpha*v:", 1 - iou + rho2 / c2 + alpha * v)

print(lossref.complete_box_iou_loss(boxes1, boxes2))  # reduction="none" by default
