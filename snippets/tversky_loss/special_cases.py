import torch

import lossref

# float64, so that equal formulas print equal digits.
mask = torch.tensor([[[1.0, 0.0, 1.0]]], dtype=torch.float64)
probs = torch.tensor([[[0.9, 0.1, 0.8]]], dtype=torch.float64)


def show(label: str, loss: torch.Tensor) -> None:
    print(f"{label:<36} {loss.item():.10f}")


# alpha = beta = 1/2: Dice, with the smoothing term doubled.
show("tversky(alpha=beta=0.5, smooth=1e-5)", lossref.tversky_loss(probs, mask, 0.5, 0.5))
show("dice(smooth=2e-5)", lossref.dice_loss(probs, mask, smooth=2e-5))
show("dice(smooth=1e-5)", lossref.dice_loss(probs, mask))
# alpha = beta = 1: Jaccard (soft IoU), with the same smoothing term.
show("tversky(alpha=beta=1)", lossref.tversky_loss(probs, mask, 1.0, 1.0))
show("jaccard", lossref.jaccard_loss(probs, mask))
