import torch
import torch.nn.functional as F

import lossref

score = torch.tensor([-3.0, 0.0, 3.0], requires_grad=True)
label = torch.tensor([0.0, 0.0, 0.0])  # 0/1 labels by mistake: "negative" written as 0

loss = F.soft_margin_loss(score, label, reduction="none")
print(loss)  # log 2 whatever the score
loss.sum().backward()
print(score.grad)  # nothing to learn

try:
    lossref.soft_margin_loss(score, label)
except ValueError as error:
    print(error)
