import torch

import lossref

mask = torch.ones(2, 1, 8)  # two samples, each an object of 8 pixels

model_a = torch.zeros(2, 1, 8)
model_a[:, :, :4] = 1.0  # finds half of each object
model_b = torch.zeros(2, 1, 8)
model_b[0, :, :1] = 1.0  # finds 1 pixel of the first object...
model_b[1] = 1.0  # ...and all of the second

for name, pred in [("A", model_a), ("B", model_b)]:
    print(
        f"model {name}: Dice loss {lossref.dice_loss(pred, mask).item():.4f}   "
        f"Jaccard loss {lossref.jaccard_loss(pred, mask).item():.4f}"
    )
