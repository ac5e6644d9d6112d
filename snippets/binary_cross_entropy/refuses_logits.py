import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([2.2, -1.4, 1.4])  # raw scores, not probabilities
y = torch.tensor([0.0, 1.0, 0.0])

try:
    lossref.binary_cross_entropy(logits, y)
except ValueError as error:
    print("lossref:", error)

try:
    F.binary_cross_entropy(logits, y)
except RuntimeError as error:
    print("torch:  ", error)
