import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
logits = torch.randn(2, 3, 4, 4)  # (N, C, H, W): 3 class scores per pixel
target = torch.randint(0, 3, (2, 4, 4))  # (N, H, W): one class index per pixel

loss = lossref.cross_entropy(logits, target)
print(loss)
print(F.cross_entropy(logits, target))

# The same as flattening every pixel into its own row of C scores.
rows = logits.permute(0, 2, 3, 1).reshape(-1, 3)
print(lossref.cross_entropy(rows, target.reshape(-1)))
