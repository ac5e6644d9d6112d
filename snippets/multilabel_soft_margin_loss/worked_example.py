import torch

import lossref

logits = torch.tensor([[2.0, -1.0, 0.0], [0.5, 1.5, -2.0]])  # 2 samples, 3 classes
labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])  # multi-hot

per_class = lossref.binary_cross_entropy_with_logits(logits, labels, reduction="none")
print(per_class)
per_sample = lossref.multilabel_soft_margin_loss(logits, labels, reduction="none")
print(per_sample)
print(lossref.multilabel_soft_margin_loss(logits, labels))
print(torch.nn.MultiLabelSoftMarginLoss()(logits, labels))
