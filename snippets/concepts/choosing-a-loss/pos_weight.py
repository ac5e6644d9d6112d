import torch

import lossref

target = torch.zeros(1000)
target[:100] = 1.0  # 100 positives, 900 negatives
pos_weight = torch.tensor(900 / 100)  # n_negative / n_positive
candidates = torch.linspace(-5.0, 5.0, 1001)  # constant logits -5.00, -4.99, ..., 5.00


def best_probability(**settings):
    losses = [
        lossref.binary_cross_entropy_with_logits(torch.full_like(target, z), target, **settings)
        for z in candidates
    ]
    return torch.sigmoid(candidates[torch.stack(losses).argmin()]).item()


# The best prediction that ignores the input: the share of positives, or 0.5 once balanced.
print(f"plain:        p = {best_probability():.2f}")
print(f"pos_weight=9: p = {best_probability(pos_weight=pos_weight):.2f}")
