import torch

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, 1, 3])

try:
    lossref.softmax_focal_loss(logits, target, alpha=0.25)
except TypeError as error:
    print(error)

# The same α for every class: 'sum' is only scaled, 'mean' does not change at all.
same = torch.full((4,), 0.25)
print(lossref.softmax_focal_loss(logits, target, reduction="sum"))
print(lossref.softmax_focal_loss(logits, target, alpha=same, reduction="sum"))
print(lossref.softmax_focal_loss(logits, target))
print(lossref.softmax_focal_loss(logits, target, alpha=same))
