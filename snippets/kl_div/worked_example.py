import torch

import lossref

target = torch.tensor(
    [
        [0.5, 0.3, 0.2],  # P: the true distributions
        [0.1, 0.6, 0.3],
    ]
)
model = torch.tensor(
    [
        [0.4, 0.4, 0.2],  # Q: the model's distributions
        [0.2, 0.5, 0.3],
    ]
)
log_q = torch.log(model)  # the loss takes the model's log-probabilities

# By hand: p·log(p/q) per element, summed per row, summed, divided by N = 2 rows.
terms = target * torch.log(target / model)
for row in terms:
    print("  ".join(f"{v:+.5f}" for v in row.tolist()), f"  row sum {row.sum().item():.5f}")
print(f"total {terms.sum().item():.5f}, / 2 = {terms.sum().item() / 2:.4f}")

print(lossref.kl_div(log_q, target, reduction="batchmean"))
print(torch.nn.KLDivLoss(reduction="batchmean")(log_q, target))
