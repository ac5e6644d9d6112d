import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor([[-2.0, 2.0]])
labels = torch.tensor([[-1.0, 1.0]])  # ±1 labels instead of 0/1

# torch: a negative "loss"
print(F.multilabel_soft_margin_loss(logits, labels, reduction="none"))
try:
    lossref.multilabel_soft_margin_loss(logits, labels)
except ValueError as error:
    print(error)
print(lossref.multilabel_soft_margin_loss(logits, (labels + 1) / 2, reduction="none"))
