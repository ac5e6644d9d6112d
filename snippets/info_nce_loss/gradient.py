import torch
import torch.nn.functional as F

import lossref

query = torch.tensor([[1.0, 0.0], [0.0, 1.0]], requires_grad=True)
key = torch.tensor([[3.0, 4.0], [0.0, 2.0]])
tau = 0.5

lossref.info_nce_loss(query, key, temperature=tau).backward()
print(query.grad)

q_hat, k_hat = F.normalize(query.detach(), dim=1), F.normalize(key, dim=1)
s = q_hat @ k_hat.T  # cosine similarities
weight = torch.softmax(s / tau, dim=1) - torch.eye(2)  # p_ij − [j = i]
# ∂ℓ_i/∂q_i = Σ_j weight_ij (k̂_j − s_ij q̂_i) / (τ ‖q_i‖), and 'mean' divides by N = 2
norms = query.detach().norm(dim=1, keepdim=True)
formula = (weight @ k_hat - (weight * s).sum(1, keepdim=True) * q_hat) / (tau * norms) / 2
print(torch.allclose(query.grad, formula))
