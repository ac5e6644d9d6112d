import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2], [1.0, 0.2, 0.3, 3.0]])
target = torch.tensor([0, 1, 3])
weight = torch.tensor([1.0, 2.0, 1.0, 3.0])  # class 1 counts twice, class 3 three times

terms = F.cross_entropy(logits, target, weight=weight, reduction="none")  # w[yᵢ]·lᵢ
print(terms)
print(F.cross_entropy(logits, target, weight=weight))  # 'mean'
print(terms.sum() / weight[target].sum())  # Σ w[yᵢ]·lᵢ / Σ w[yᵢ]: the same
print(terms.mean())  # Σ w[yᵢ]·lᵢ / N: not what 'mean' computes
print(lossref.cross_entropy(logits, target, weight=weight))
