import torch
import torch.nn.functional as F

p = torch.tensor([0.8, 0.3, 0.1, 0.6])  # predicted probability of class 1
y = torch.tensor([1.0, 0.0, 0.0, 1.0])

terms = F.binary_cross_entropy(p, y, reduction="none")  # −log p if y = 1, −log(1 − p) if y = 0
for p_i, y_i, term in zip(p.tolist(), y.tolist(), terms.tolist(), strict=True):
    print(f"p = {p_i:.1f}  y = {y_i:.0f}  loss {term:.4f}")
print(terms.mean())
