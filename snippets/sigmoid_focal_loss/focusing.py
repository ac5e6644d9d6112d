import torch
import torch.nn.functional as F

import lossref

# Two positives: an easy one (p_t = 0.9) and a hard one (p_t = 0.1).
p_t = torch.tensor([0.9, 0.1])
logits = torch.logit(p_t)
targets = torch.ones(2)
ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
print(f"cross-entropy: easy {ce[0]:.4f}  hard {ce[1]:.4f}")

for gamma in (0, 1, 2, 5):
    focal = lossref.sigmoid_focal_loss(logits, targets, alpha=-1, gamma=gamma)
    factor = focal / ce  # (1 - p_t) ** gamma
    print(
        f"gamma={gamma}: factor easy {factor[0]:.5f}  hard {factor[1]:.5f}  "
        f"hard/easy loss ratio {focal[1] / focal[0]:.0f}"
    )
