import torch

import lossref

# Two samples, one channel, four pixels: a large object and a small one.
mask = torch.tensor(
    [
        [[1.0, 1.0, 1.0, 1.0]],  # sample 0: a large object
        [[0.0, 0.0, 0.0, 1.0]],  # sample 1: a small one
    ]
)
probs = torch.tensor(
    [
        [[0.9, 0.9, 0.9, 0.9]],
        [[0.2, 0.0, 0.0, 0.3]],
    ]
)

print(lossref.dice_loss(probs, mask, reduction="none"))  # shape (N, C) = (2, 1)
print(lossref.dice_loss(probs, mask))  # their mean
print(lossref.dice_loss(probs, mask, batch=True))  # one Dice over the whole batch

# Channels: each (sample, channel) pair gets its own term; 'mean' averages them.
two_channels = torch.cat([mask, 1 - mask], dim=1)  # foreground and background
two_probs = torch.cat([probs, 1 - probs], dim=1)
print(lossref.dice_loss(two_probs, two_channels, reduction="none"))  # shape (2, 2)
print(lossref.dice_loss(two_probs, two_channels))
