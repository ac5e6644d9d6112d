import torch
import torch.nn.functional as F

import lossref

a = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
b = torch.tensor([[1.0, 0.1], [1.0, 0.1]])  # both pairs nearly identical
labels01 = torch.tensor([1.0, 0.0])  # pair 2 should be dissimilar: label 0 instead of -1

# torch: a label 0 costs nothing, and still counts in the mean.
print(F.cosine_embedding_loss(a, b, labels01, reduction="none"))
try:
    lossref.cosine_embedding_loss(a, b, labels01)
except ValueError as error:
    print(error)
print(lossref.cosine_embedding_loss(a, b, 2 * labels01 - 1, reduction="none"))
