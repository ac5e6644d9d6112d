import torch

import lossref

score = torch.tensor([2.0, -1.0, 0.5], requires_grad=True)
label = torch.tensor([1.0, -1.0, -1.0])

lossref.soft_margin_loss(score, label).backward()
print(score.grad)

margin = label * score.detach()
formula = -label * torch.sigmoid(-margin) / score.numel()  # −y·σ(−y·x) / n
print(torch.allclose(score.grad, formula))
