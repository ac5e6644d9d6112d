import torch

import lossref

p = torch.tensor([[0.5, 0.3, 0.2], [0.1, 0.6, 0.3]])
q = torch.tensor([[0.4, 0.4, 0.2], [0.2, 0.5, 0.3]])

kl_pq = lossref.kl_div(torch.log(q), p, reduction="batchmean")  # KL(P ‖ Q)
kl_qp = lossref.kl_div(torch.log(p), q, reduction="batchmean")  # KL(Q ‖ P)
print(f"KL(P||Q) = {kl_pq.item():.4f}   KL(Q||P) = {kl_qp.item():.4f}")

# The target may also be given as log-probabilities.
log_target = lossref.kl_div(torch.log(q), torch.log(p), reduction="batchmean", log_target=True)
print(f"log_target=True: {log_target.item():.4f}")
