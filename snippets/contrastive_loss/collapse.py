import torch

import lossref

# A dissimilar pair whose embeddings coincide: d = 0, the loss is margin² = 1 ...
input1 = torch.tensor([[1.0, 2.0]], requires_grad=True)
input2 = torch.tensor([[1.0, 2.0]])
loss = lossref.contrastive_loss(input1, input2, torch.tensor([0.0]))
loss.backward()
print(loss.item(), input1.grad)  # ... but no direction to push them apart: the gradient is 0

# A hair apart, the full push of 2·(m − d) comes back, along the difference.
input1 = torch.tensor([[1.0, 2.001]], requires_grad=True)
lossref.contrastive_loss(input1, input2, torch.tensor([0.0])).backward()
print(input1.grad)
