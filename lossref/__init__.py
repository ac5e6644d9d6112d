"""lossref: loss functions implemented from their formulas with torch primitives.

Every function has the name, signature and defaults of its ``torch.nn.functional``
counterpart where torch has one, refuses input that torch would silently broadcast, and is
tested against torch (or an independent library), hand-computed values and gradcheck.
"""

from lossref import nn, registry
from lossref.classification import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    nll_loss,
    sigmoid_focal_loss,
    softmax_focal_loss,
)
from lossref.distribution import kl_div
from lossref.regression import huber_loss, l1_loss, mse_loss, smooth_l1_loss
from lossref.segmentation import dice_loss, jaccard_loss

__version__ = "0.1.0"

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "dice_loss",
    "huber_loss",
    "jaccard_loss",
    "kl_div",
    "l1_loss",
    "mse_loss",
    "nll_loss",
    "nn",
    "registry",
    "sigmoid_focal_loss",
    "smooth_l1_loss",
    "softmax_focal_loss",
]
