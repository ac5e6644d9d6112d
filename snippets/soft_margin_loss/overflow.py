import torch
import torch.nn.functional as F

import lossref

score = torch.tensor([-100.0, 100.0], requires_grad=True)  # float32
label = torch.tensor([1.0, -1.0])  # both badly wrong: y·x = -100

theirs = F.soft_margin_loss(score, label, reduction="none")
print(theirs)
theirs.sum().backward()
print(score.grad)

score.grad = None
ours = lossref.soft_margin_loss(score, label, reduction="none")
print(ours)
ours.sum().backward()
print(score.grad)
