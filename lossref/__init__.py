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
    multi_margin_loss,
    multilabel_margin_loss,
    multilabel_soft_margin_loss,
    nll_loss,
    poly1_loss,
    sigmoid_focal_loss,
    soft_margin_loss,
    softmax_focal_loss,
)
from lossref.detection import (
    complete_box_iou_loss,
    distance_box_iou_loss,
    generalized_box_iou_loss,
)
from lossref.distribution import kl_div
from lossref.embedding import (
    contrastive_loss,
    cosine_embedding_loss,
    hinge_embedding_loss,
    info_nce_loss,
    margin_ranking_loss,
    triplet_margin_loss,
    triplet_margin_with_distance_loss,
)
from lossref.regression import (
    gaussian_nll_loss,
    huber_loss,
    l1_loss,
    log_cosh_loss,
    mse_loss,
    poisson_nll_loss,
    quantile_loss,
    smooth_l1_loss,
)
from lossref.segmentation import (
    dice_loss,
    focal_tversky_loss,
    generalized_dice_loss,
    jaccard_loss,
    tversky_loss,
)
from lossref.sequence import ctc_loss

__version__ = "0.1.0"

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "complete_box_iou_loss",
    "contrastive_loss",
    "cosine_embedding_loss",
    "cross_entropy",
    "ctc_loss",
    "dice_loss",
    "distance_box_iou_loss",
    "focal_tversky_loss",
    "gaussian_nll_loss",
    "generalized_box_iou_loss",
    "generalized_dice_loss",
    "hinge_embedding_loss",
    "huber_loss",
    "info_nce_loss",
    "jaccard_loss",
    "kl_div",
    "l1_loss",
    "log_cosh_loss",
    "margin_ranking_loss",
    "mse_loss",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "nll_loss",
    "nn",
    "poisson_nll_loss",
    "poly1_loss",
    "quantile_loss",
    "registry",
    "sigmoid_focal_loss",
    "smooth_l1_loss",
    "soft_margin_loss",
    "softmax_focal_loss",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
    "tversky_loss",
]
