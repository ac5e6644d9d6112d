import torch
from monai.losses import FocalLoss

import lossref

logits = torch.tensor(
    [
        [2.0, 1.0, 0.1, 0.5],
        [0.5, 2.5, 0.3, 0.2],
        [1.0, 0.2, 0.3, 3.0],
    ]
)
target = torch.tensor([0, 1, 3])

monai_loss = FocalLoss(use_softmax=True, to_onehot_y=True)(logits, target[:, None])
print(monai_loss)
print(monai_loss * 4)  # MONAI's 'mean' also divides by the 4 classes
print(lossref.softmax_focal_loss(logits, target))
