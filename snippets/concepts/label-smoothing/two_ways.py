import torch
import torch.nn.functional as F

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, 1, 3])
epsilon = 0.1

# 1. The label_smoothing argument, on class indices.
print(lossref.cross_entropy(logits, target, label_smoothing=epsilon))
print(F.cross_entropy(logits, target, label_smoothing=epsilon))

# 2. Plain cross-entropy against the smoothed rows, as probability targets.
smoothed = (1 - epsilon) * F.one_hot(target, num_classes=4).float() + epsilon / 4
print(lossref.cross_entropy(logits, smoothed))

# 3. The same split in two: (1 − ε)·CE + ε·(mean over classes of −log p_c).
log_p = logits.log_softmax(dim=1)
ce = lossref.cross_entropy(logits, target)
print((1 - epsilon) * ce + epsilon * (-log_p.mean(dim=1)).mean())
