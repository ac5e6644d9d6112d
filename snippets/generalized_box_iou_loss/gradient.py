import torch

import lossref


def area(box: torch.Tensor) -> torch.Tensor:
    return (box[2] - box[0]) * (box[3] - box[1])


target = torch.tensor([2.0, 2.0, 4.0, 4.0])
prediction = torch.tensor([0.0, 0.0, 1.0, 1.0], requires_grad=True)  # apart from the target

# Plain IoU loss, written out: the overlap's sides are clamped at 0 once the boxes are apart.
overlap_w = torch.minimum(prediction[2], target[2]) - torch.maximum(prediction[0], target[0])
overlap_h = torch.minimum(prediction[3], target[3]) - torch.maximum(prediction[1], target[1])
intersection = overlap_w.clamp(min=0) * overlap_h.clamp(min=0)
iou_loss = 1 - intersection / (area(prediction) + area(target) - intersection)
(iou_grad,) = torch.autograd.grad(iou_loss, prediction)
print("1 - IoU:", iou_loss.item(), " gradient:", iou_grad)

giou_loss = lossref.generalized_box_iou_loss(prediction, target)
(giou_grad,) = torch.autograd.grad(giou_loss, prediction)
print("GIoU loss:", giou_loss.item(), " gradient:", giou_grad)
