import torch
import torch.nn.functional as F

import lossref


def cosine_distance(x, y):
    return 1 - F.cosine_similarity(x, y, dim=-1)


# Triplet 2 of the worked example: 1 − cos(a, p) = 1, 1 − cos(a, n) = 0.2, loss 1.3 > 0.
anchor = torch.tensor([[1.0, 0.0]])
positive = torch.tensor([[0.0, 1.0]], requires_grad=True)
negative = torch.tensor([[0.8, 0.6]], requires_grad=True)

loss = lossref.triplet_margin_with_distance_loss(
    anchor, positive, negative, distance_function=cosine_distance, margin=0.5
)
loss.backward()
print(positive.grad, negative.grad)

# ∂(1 − cos(a, x))/∂x = −(â − cos·x̂)/‖x‖: the part of â across x, for unit-length x.
a_hat = F.normalize(anchor, dim=1)
for x, sign in ((positive, 1.0), (negative, -1.0)):
    x_hat = F.normalize(x.detach(), dim=1)
    cos = (a_hat * x_hat).sum()
    print(torch.allclose(x.grad, -sign * (a_hat - cos * x_hat) / x.detach().norm()))
