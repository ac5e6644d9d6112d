import torch
import torch.nn.functional as F

import lossref

log_probs = torch.log(
    torch.tensor(
        [
            [0.1, 0.7, 0.2],
            [0.6, 0.3, 0.1],
            [0.25, 0.25, 0.5],
        ]
    )
)
target = torch.tensor([1, 0, 2])
weight = torch.tensor([1.0, 2.0, 1.0])  # one weight per class

per_sample = lossref.nll_loss(log_probs, target, weight=weight, reduction="none")
print(per_sample)
print(per_sample.sum() / weight[target].sum())
print(lossref.nll_loss(log_probs, target, weight=weight))
print(F.nll_loss(log_probs, target, weight=weight))

# The second sample is ignored: the mean is over the other two.
print(lossref.nll_loss(log_probs, torch.tensor([1, -100, 2])))
