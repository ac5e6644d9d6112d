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

# ignore_index: the middle sample is skipped and the mean is over the 2 others.
masked = torch.tensor([0, -100, 3])
print(lossref.cross_entropy(logits, masked))
print(F.cross_entropy(logits, masked))

# label_smoothing=0.1 equals probability targets (1 - 0.1) * one-hot + 0.1 / 4.
target = torch.tensor([0, 1, 3])
print(lossref.cross_entropy(logits, target, label_smoothing=0.1))
smoothed = F.one_hot(target, num_classes=4).float() * 0.9 + 0.1 / 4
print(smoothed[0])
print(lossref.cross_entropy(logits, smoothed))
print(F.cross_entropy(logits, target, label_smoothing=0.1))
