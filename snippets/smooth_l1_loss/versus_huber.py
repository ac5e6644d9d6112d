import torch

import lossref

prediction = torch.tensor([52.0, 55.0, 22.0, 18.0])
target = torch.tensor([50.0, 50.0, 20.0, 20.0])

for k in (1.0, 2.0):
    huber = lossref.huber_loss(prediction, target, delta=k)
    smooth = lossref.smooth_l1_loss(prediction, target, beta=k)
    print(f"δ = β = {k:g}: Huber {huber:.4f}  smooth L1 {smooth:.4f}  ratio {huber / smooth:.4f}")

# torch's own modules give the same two values for δ = β = 2.
print(torch.nn.HuberLoss(delta=2.0)(prediction, target))
print(torch.nn.SmoothL1Loss(beta=2.0)(prediction, target))
