import torch
import torch.nn.functional as F

import lossref

zero = torch.zeros(1, 3, requires_grad=True)
other = torch.tensor([[1.0, 2.0, 2.0]])

# cos = 0 for a zero vector: y = 1 costs 1, y = -1 costs max(0, 0 - margin).
for y in (1, -1):
    target = torch.tensor([y])
    ours = lossref.cosine_embedding_loss(zero, other, target, margin=-0.25)
    print(ours.detach(), F.cosine_embedding_loss(zero, other, target, margin=-0.25).detach())

lossref.cosine_embedding_loss(zero, other, torch.tensor([1])).backward()
print(zero.grad)  # -other / (1e-6 * |other|): finite, but huge

# Tiny vectors: the 1e-12 added to each squared norm pulls cos towards 0
# (F.cosine_similarity, with its own eps=1e-8, still gives 1).
for scale in (1e-4, 1e-6, 1e-7):
    x = torch.tensor([[scale, scale]])
    loss = lossref.cosine_embedding_loss(x, x, torch.tensor([1]))
    similarity = F.cosine_similarity(x, x)
    print(f"{scale:.0e}  loss {loss.item():.4f}  cosine_similarity {similarity.item():.4f}")
