import torch
import torch.nn.functional as F

import lossref

score = torch.tensor([2.0, -1.0, 0.5, 3.0])
label = torch.tensor([1.0, -1.0, -1.0, -1.0])  # 1 or -1

print(lossref.soft_margin_loss(score, label, reduction="none"))
zero_one = (label + 1) / 2  # 1 stays 1, -1 becomes 0
print(zero_one)
print(F.binary_cross_entropy_with_logits(score, zero_one, reduction="none"))
