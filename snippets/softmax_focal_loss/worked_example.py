import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, 1, 3])
gamma = 2.0

# Reference: cross-entropy per sample, times (1 - p_t) ** gamma.
ce = F.cross_entropy(logits, target, reduction="none")  # −log p_t
p_t = torch.exp(-ce)
factor = (1 - p_t) ** gamma
terms = factor * ce
for name, row in [("-log p_t", ce), ("p_t", p_t), ("(1-p_t)^2", factor), ("term", terms)]:
    print(f"{name:>9}:", "  ".join(f"{v:.4f}" for v in row.tolist()))
print(f"reference mean: {terms.mean().item():.4f}")

print(lossref.softmax_focal_loss(logits, target, gamma=gamma, reduction="none"))
print(lossref.softmax_focal_loss(logits, target, gamma=gamma))
print(F.cross_entropy(logits, target))  # gamma=0: plain cross-entropy, for comparison
