import torch

import lossref

target = torch.tensor([3.2, 5.1, 2.7, 4.0, 6.5])
prediction = torch.tensor([3.0, 4.8, 3.2, 3.9, 5.0], requires_grad=True)
delta = 1.0

lossref.huber_loss(prediction, target, delta=delta).backward()
print(prediction.grad)

error = prediction.detach() - target
formula = error.clamp(-delta, delta) / error.numel()  # e inside, δ·sign(e) outside
print(torch.allclose(prediction.grad, formula))
