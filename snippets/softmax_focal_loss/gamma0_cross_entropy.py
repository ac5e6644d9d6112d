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
alpha = torch.tensor([1.0, 2.0, 1.0, 3.0])  # one weight per class

print(lossref.softmax_focal_loss(logits, target, gamma=0, alpha=alpha))
print(F.cross_entropy(logits, target, weight=alpha))

# With gamma=2, 'mean' divides the weighted sum by the targets' weights 1 + 2 + 3.
per_sample = lossref.softmax_focal_loss(logits, target, alpha=alpha, reduction="none")
print(per_sample)
print(per_sample.sum() / alpha[target].sum())
print(lossref.softmax_focal_loss(logits, target, alpha=alpha))
