import torch

import lossref

target = torch.tensor([0.0, 0.0, 2.0, 2.0])
flat = torch.tensor([0.0, 1.0, 2.0, 1.0], requires_grad=True)  # zero height

# The aspect angle as arctan(w / h): w / 0 = inf, the angle is pi/2, but its gradient is nan.
w, h = flat[2] - flat[0], flat[3] - flat[1]
(grad,) = torch.autograd.grad(torch.atan(w / h), flat)
print(f"arctan(w / h) = {torch.atan(w / h).item():.4f}, gradient {grad}")
(grad,) = torch.autograd.grad(torch.atan2(w, h), flat)
print(f"atan2(w, h)   = {torch.atan2(w, h).item():.4f}, gradient {grad}")

loss = lossref.complete_box_iou_loss(flat, target)
(grad,) = torch.autograd.grad(loss, flat)
print(f"CIoU loss {loss.item():.4f}, gradient {grad}")
