import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0])  # the 5th is off by 1.5

for name, loss in (("L1 ", lossref.l1_loss), ("MSE", lossref.mse_loss)):
    terms = loss(prediction, target, reduction="none")
    share = terms[4] / terms.sum()
    print(f"{name} mean {terms.mean().item():.4f}  5th sample's share {share.item():.1%}")
