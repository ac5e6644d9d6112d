import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([3.0, -1.0, -2.0, 1.0])
targets = torch.tensor([1.0, 1.0, 0.0, 0.0])
alpha, gamma = 0.25, 2

# The reference formula, step by step (torchvision's definition, written out).
p = torch.sigmoid(logits)
p_t = torch.where(targets == 1, p, 1 - p)
factor = (1 - p_t) ** gamma
alpha_t = torch.where(targets == 1, alpha, 1 - alpha)
ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")  # −log p_t
terms = alpha_t * factor * ce
for name, row in [
    ("p", p),
    ("p_t", p_t),
    ("(1-p_t)^2", factor),
    ("alpha_t", alpha_t),
    ("-log p_t", ce),
]:
    print(f"{name:>9}:", "  ".join(f"{v:.5f}" for v in row.tolist()))
print("reference terms:", terms)
print(f"reference mean:  {terms.mean().item():.4f}")

print(lossref.sigmoid_focal_loss(logits, targets))  # default reduction="none"
print(lossref.sigmoid_focal_loss(logits, targets, reduction="mean"))
