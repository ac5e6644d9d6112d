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
one_hot = F.one_hot(torch.tensor([0, 1, 3]), num_classes=4)  # dtype torch.int64

try:
    F.cross_entropy(logits, one_hot)
except RuntimeError as error:
    print("torch:  ", error)

try:
    lossref.cross_entropy(logits, one_hot)
except TypeError as error:
    print("lossref:", error)

print(lossref.cross_entropy(logits, one_hot.float()))
