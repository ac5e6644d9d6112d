import torch

import lossref

# Two 2 × 2 squares: the same shape, so v = 0 and CIoU equals DIoU.
a, b = torch.tensor([0.0, 0.0, 2.0, 2.0]), torch.tensor([1.0, 1.0, 3.0, 3.0])

print("DIoU, eps=1e-7:", lossref.distance_box_iou_loss(a, b))
print("DIoU, eps=1:   ", lossref.distance_box_iou_loss(a, b, eps=1.0))
# complete_box_iou_loss passes eps to alpha only (as torchvision): here alpha * v = 0.
print("CIoU, eps=1:   ", lossref.complete_box_iou_loss(a, b, eps=1.0))
