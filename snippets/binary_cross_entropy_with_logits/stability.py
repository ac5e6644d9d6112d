import torch

import lossref

x = torch.tensor([20.0, -200.0])  # confident and wrong
y = torch.tensor([0.0, 1.0])

print(lossref.binary_cross_entropy_with_logits(x, y, reduction="none"))
print(lossref.binary_cross_entropy(torch.sigmoid(x), y, reduction="none"))
print(torch.nn.BCEWithLogitsLoss(reduction="none")(x, y))
