import torch

import lossref

# Three errors no larger than δ = 1: Huber is half of MSE.
prediction = torch.tensor([2.0, 3.0, 4.0])
target = torch.tensor([3.0, 3.0, 5.0])
mse = lossref.mse_loss(prediction, target)
mae = lossref.l1_loss(prediction, target)
huber = lossref.huber_loss(prediction, target)  # delta=1.0
print(f"MSE {mse:.4f}  MAE {mae:.4f}  Huber(δ=1) {huber:.4f}")

# Box coordinates in pixels, with δ = 5 pixels.
prediction = torch.tensor([52.0, 55.0, 22.0, 18.0])
target = torch.tensor([50.0, 50.0, 20.0, 20.0])
print(lossref.huber_loss(prediction, target, delta=5.0, reduction="none"))
huber = lossref.huber_loss(prediction, target, delta=5.0)
mse = lossref.mse_loss(prediction, target)
print(f"Huber(δ=5) {huber:.4f}  MSE {mse:.4f}")
