import torch
import torch.nn.functional as F

import lossref

torch.manual_seed(0)
logits = torch.randn(6)
targets = torch.tensor([1.0, 0.0, 0.0, 1.0, 0.0, 0.0])

# gamma=0 and a negative alpha: plain binary cross-entropy on logits.
focal = lossref.sigmoid_focal_loss(logits, targets, alpha=-1, gamma=0, reduction="mean")
print(focal)
print(F.binary_cross_entropy_with_logits(logits, targets))

# gamma=0 with alpha=0.25: the same terms, weighted 0.25 (positives) and 0.75 (negatives).
alpha_t = 0.25 * targets + 0.75 * (1 - targets)
weighted = F.binary_cross_entropy_with_logits(logits, targets, weight=alpha_t, reduction="none")
print(torch.allclose(lossref.sigmoid_focal_loss(logits, targets, gamma=0), weighted))
