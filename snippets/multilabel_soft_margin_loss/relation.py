import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
logits = torch.randn(4, 5)
labels = (torch.rand(4, 5) > 0.5).float()

# 'mean': the same number as BCE with logits, since every sample has the same 5 classes.
print(lossref.multilabel_soft_margin_loss(logits, labels))
print(F.binary_cross_entropy_with_logits(logits, labels))
# 'sum': a sum over samples of class means, so BCE's sum divided by C = 5.
print(lossref.multilabel_soft_margin_loss(logits, labels, reduction="sum"))
print(F.binary_cross_entropy_with_logits(logits, labels, reduction="sum") / 5)
# 'none': one value per sample, not per (sample, class).
print(lossref.multilabel_soft_margin_loss(logits, labels, reduction="none").shape)
