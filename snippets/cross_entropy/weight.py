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
weight = torch.tensor([1.0, 2.0, 1.0, 3.0])  # one weight per class

per_sample = lossref.cross_entropy(logits, target, weight=weight, reduction="none")
print(per_sample)
print(per_sample.sum() / weight[target].sum())  # what 'mean' computes
print(lossref.cross_entropy(logits, target, weight=weight))
print(F.cross_entropy(logits, target, weight=weight))
print(per_sample.mean())  # not the weighted mean
