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

print(lossref.cross_entropy(logits, target, reduction="none"))
print(lossref.cross_entropy(logits, target))
print(torch.nn.CrossEntropyLoss()(logits, target))

# The same targets as float one-hot rows (class probabilities).
one_hot = F.one_hot(target, num_classes=4).float()
print(lossref.cross_entropy(logits, one_hot))
print(F.cross_entropy(logits, one_hot))
