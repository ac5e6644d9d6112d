import torch
import torch.nn.functional as F

import lossref

# The same float32 vector twice: cos = 1, so the loss for y = 1 is 0.
y = torch.tensor([1])
for scale in (1e9, 1e10, 1e15):
    x = torch.tensor([[scale, -scale, scale]])
    theirs = F.cosine_embedding_loss(x, x, y)
    ours = lossref.cosine_embedding_loss(x, x, y)
    print(f"{scale:.0e}  torch {theirs.item():.4f}  lossref {ours.item():.4f}")
