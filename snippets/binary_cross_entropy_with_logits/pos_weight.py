import torch
import torch.nn.functional as F

import lossref

x = torch.tensor([0.5, -1.0, 2.0, -0.3, 0.1])
y = torch.tensor([1.0, 0.0, 0.0, 0.0, 0.0])  # 1 positive, 4 negatives

pos_weight = (y == 0).sum() / (y == 1).sum()  # negatives / positives
print(pos_weight)

print(lossref.binary_cross_entropy_with_logits(x, y, reduction="none"))
print(lossref.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight, reduction="none"))
print(lossref.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight))
print(F.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight))
