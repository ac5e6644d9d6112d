import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])  # y
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0])  # ŷ

squared = lossref.mse_loss(prediction, target, reduction="none")
print(squared)
print(squared.sum())
print(lossref.mse_loss(prediction, target))
print(torch.nn.MSELoss()(prediction, target))
print(f"share of the 5th sample: {(squared[4] / squared.sum()).item():.1%}")
