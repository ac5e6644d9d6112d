import torch

import lossref

# Query 0 points along (1, 0). Its positive key is at cosine 0.8; the three other keys,
# its negatives, are at cosines 0.7 (hard), 0.2 and -0.3.
cosines = torch.tensor([0.8, 0.7, 0.2, -0.3])
key = torch.stack([cosines, (1 - cosines**2).sqrt()], dim=1)
query = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])

for tau in (1.0, 0.3, 0.1, 0.03):
    key.grad = None
    key.requires_grad_()
    loss = lossref.info_nce_loss(query, key, temperature=tau, reduction="none")[0]
    loss.backward()
    push = key.grad[1:].norm(dim=1)  # how hard each negative key is pushed
    shares = ", ".join(f"{share:.3f}" for share in (push / push.sum()).tolist())
    print(f"τ = {tau:<4g} loss {loss.item():7.4f}  shares of the push: {shares}")
