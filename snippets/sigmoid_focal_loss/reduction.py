import torch

import lossref

torch.manual_seed(0)
logits = torch.randn(8, 3)  # 8 anchors, 3 classes, each an independent binary decision
targets = torch.zeros(8, 3)
targets[0, 1] = targets[5, 2] = 1.0  # two positives

loss = lossref.sigmoid_focal_loss(logits, targets)  # reduction="none" by default
print(loss.shape)
print(f"mean over all 24 entries: {loss.mean().item():.4f}")
print(f"sum / number of positives: {(loss.sum() / targets.sum()).item():.4f}")
