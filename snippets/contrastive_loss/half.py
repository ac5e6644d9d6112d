import torch

import lossref

input1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 0.0]])
input2 = torch.tensor([[0.3, 0.4], [1.3, 1.4], [3.0, 4.0], [2.0, 1.2]])
target = torch.tensor([1.0, 0.0, 0.0, 1.0])  # lossref: 1 = similar

# Hadsell et al.: Y = 0 for a similar pair, 1 for a dissimilar one, and factors ½.
Y = 1 - target
d = (input1 - input2).norm(dim=1)
paper = (1 - Y) * 0.5 * d**2 + Y * 0.5 * (1.0 - d).clamp(min=0) ** 2
print(paper)
print(lossref.contrastive_loss(input1, input2, target, reduction="none") / 2)

# Passing the paper's Y as target swaps the two terms of every pair.
print(lossref.contrastive_loss(input1, input2, Y, reduction="none"))
