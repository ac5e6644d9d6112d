import torch

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, -100, 3])  # the middle sample is not labelled

print(lossref.softmax_focal_loss(logits, target, reduction="none"))
print(lossref.softmax_focal_loss(logits, target))  # the mean of the 2 labelled samples
