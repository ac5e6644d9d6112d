import torch
from monai.losses import GeneralizedDiceLoss

import lossref

# One sample, two classes (channels), four pixels: class 0 is a 1-pixel lesion, class 1 the
# rest. Shape (N, C, pixels) = (1, 2, 4); the probabilities of each pixel sum to 1 (softmax).
mask = torch.tensor([[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 1.0]]])
probs = torch.tensor([[[0.6, 0.3, 0.2, 0.1], [0.4, 0.7, 0.8, 0.9]]])
smooth = 1e-5

intersection = (probs * mask).sum(-1)[0]
volumes = probs.sum(-1)[0] + mask.sum(-1)[0]
weight = 1 / mask.sum(-1)[0] ** 2
for c in range(2):
    print(
        f"class {c}: I = {intersection[c]:.4f}, sum p + sum g = {volumes[c]:.4f}, "
        f"w = {weight[c]:.4f}"
    )
numerator = 2 * (weight * intersection).sum() + smooth
denominator = (weight * volumes).sum() + smooth
print(f"{numerator:.4f} / {denominator:.4f} = {numerator / denominator:.4f}")

print(lossref.generalized_dice_loss(probs, mask))
print(GeneralizedDiceLoss()(probs, mask))  # MONAI: w_type="square", no activation
print(lossref.dice_loss(probs, mask))  # plain Dice, mean of the two per-class losses
