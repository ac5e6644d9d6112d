import torch

import lossref

target = torch.tensor([[0.0, 0.0, 4.0, 4.0]]).expand(2, 4)
# Both inside the target, both of area 4, both centred on its centre: same IoU, same distance.
predictions = torch.tensor([[1.0, 1.0, 3.0, 3.0], [0.0, 1.5, 4.0, 2.5]])  # 2 × 2 and 4 × 1

print("DIoU loss:", lossref.distance_box_iou_loss(predictions, target))
print("CIoU loss:", lossref.complete_box_iou_loss(predictions, target))
