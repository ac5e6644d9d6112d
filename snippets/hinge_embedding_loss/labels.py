import torch
import torch.nn.functional as F

import lossref

distance = torch.tensor([0.4, 1.6], requires_grad=True)
labels01 = torch.tensor([0.0, 0.0])  # two dissimilar pairs, labelled 0 instead of -1

# torch applies both branches to a label 0: x + max(0, margin - x) = max(x, margin).
loss = F.hinge_embedding_loss(distance, labels01, reduction="sum")
loss.backward()
print(loss.detach(), distance.grad)  # the far pair is pulled closer, the near one is left alone
try:
    lossref.hinge_embedding_loss(distance, labels01)
except ValueError as error:
    print(error)
print(lossref.hinge_embedding_loss(distance.detach(), 2 * labels01 - 1, reduction="none"))
