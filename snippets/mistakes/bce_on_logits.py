import torch
import torch.nn.functional as F

import lossref

y = torch.tensor([1.0, 0.0, 0.0])

logits = torch.tensor([1.5, -0.5, 3.0])
try:
    F.binary_cross_entropy(logits, y)
except RuntimeError as error:
    print(f"torch: {error}")
try:
    lossref.binary_cross_entropy(logits, y)
except ValueError as error:
    print(f"lossref: {error}")

# Logits that happen to lie in [0, 1] pass every check, and the value is wrong.
logits = torch.tensor([0.9, 0.2, 0.6])
print(F.binary_cross_entropy(logits, y))  # read as probabilities 0.9, 0.2, 0.6
print(F.binary_cross_entropy_with_logits(logits, y))  # the loss of these logits
print(F.binary_cross_entropy(torch.sigmoid(logits), y))  # the same, in two steps
