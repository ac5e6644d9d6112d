import torch

import lossref


def cxcywh_to_xyxy(boxes: torch.Tensor) -> torch.Tensor:
    cx, cy, w, h = boxes.unbind(-1)
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=-1)


def xywh_to_xyxy(boxes: torch.Tensor) -> torch.Tensor:  # (x1, y1) = top-left corner
    x, y, w, h = boxes.unbind(-1)
    return torch.stack([x, y, x + w, y + h], dim=-1)


target = torch.tensor([[10.0, 10.0, 30.0, 20.0]])  # (x1, y1, x2, y2)
prediction_cxcywh = torch.tensor([[20.0, 15.0, 20.0, 10.0]])  # the same box as (cx, cy, w, h)
prediction_xywh = torch.tensor([[10.0, 10.0, 20.0, 10.0]])  # and as (x, y, w, h)

print(lossref.generalized_box_iou_loss(cxcywh_to_xyxy(prediction_cxcywh), target))
print(lossref.generalized_box_iou_loss(xywh_to_xyxy(prediction_xywh), target))

# Passed without conversion: this (x, y, w, h) box happens to be a valid (x1, y1, x2, y2)
# box, so nothing can notice, and the loss is that of a different box.
print(lossref.generalized_box_iou_loss(prediction_xywh, target))
# This (cx, cy, w, h) box has "x2" < "x1" as corners: lossref refuses it.
try:
    lossref.generalized_box_iou_loss(prediction_cxcywh, target)
except ValueError as error:
    print(error)
