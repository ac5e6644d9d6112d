import torch

import lossref

target = torch.tensor([2.0, 2.0, 4.0, 4.0])
prediction = torch.tensor([0.0, 0.0, 1.0, 1.0], requires_grad=True)  # apart from the target

for name, loss_fn in [
    ("GIoU", lossref.generalized_box_iou_loss),
    ("DIoU", lossref.distance_box_iou_loss),
]:
    loss = loss_fn(prediction, target)
    (grad,) = torch.autograd.grad(loss, prediction)
    print(f"{name}: loss {loss.item():.6f}  gradient {grad}")
