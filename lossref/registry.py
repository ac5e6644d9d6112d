"""Every loss described once. The site's tables, the navigation checks and the scaffold read
this; nothing else lists the losses.

A loss's ``id`` is its function name and names everything else: ``lossref.<id>``,
``docs/losses/<id>.md`` and ``.zh.md``, ``snippets/<id>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from torch import Tensor

from lossref import classification, distribution, regression, segmentation

# Family id (also the module lossref/<id>.py) -> its title in English and in Chinese, in the
# order the navigation and the overview list them.
FAMILIES: dict[str, tuple[str, str]] = {
    "regression": ("Regression", "回归"),
    "classification": ("Classification", "分类"),
    "distribution": ("Distributions", "概率分布"),
    "segmentation": ("Segmentation", "分割"),
    "detection": ("Detection", "目标检测"),
    "embedding": ("Ranking and embeddings", "排序与表示学习"),
    "sequence": ("Sequences", "序列"),
}


@dataclass(frozen=True)
class LossSpec:
    """One loss: identity, names in both languages, counterparts and source."""

    id: str
    family: str
    name_en: str
    name_zh: str
    module_name: str  # the lossref.nn class
    torch: str | None  # the torch counterpart, or None where torch has none
    paper: str | None
    function: Callable[..., Tensor]

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(
                f"family must be one of {tuple(FAMILIES)}; got {self.family!r} for {self.id}."
            )
        if self.function.__name__ != self.id:
            raise ValueError(
                f"id {self.id!r} must be the function's name {self.function.__name__!r}."
            )


LOSSES: tuple[LossSpec, ...] = (
    LossSpec(
        "mse_loss",
        "regression",
        "Mean squared error (L2)",
        "均方误差",
        "MSELoss",
        "torch.nn.MSELoss",
        None,
        regression.mse_loss,
    ),
    LossSpec(
        "l1_loss",
        "regression",
        "Mean absolute error (L1)",
        "平均绝对误差",
        "L1Loss",
        "torch.nn.L1Loss",
        None,
        regression.l1_loss,
    ),
    LossSpec(
        "smooth_l1_loss",
        "regression",
        "Smooth L1",
        "平滑 L1 损失",
        "SmoothL1Loss",
        "torch.nn.SmoothL1Loss",
        "Girshick, “Fast R-CNN”, ICCV 2015",
        regression.smooth_l1_loss,
    ),
    LossSpec(
        "huber_loss",
        "regression",
        "Huber loss",
        "Huber 损失",
        "HuberLoss",
        "torch.nn.HuberLoss",
        "Huber, “Robust Estimation of a Location Parameter”, Ann. Math. Statist. 35(1), 1964",
        regression.huber_loss,
    ),
    LossSpec(
        "cross_entropy",
        "classification",
        "Cross-entropy",
        "交叉熵损失",
        "CrossEntropyLoss",
        "torch.nn.CrossEntropyLoss",
        "Label smoothing: Szegedy et al., “Rethinking the Inception Architecture for "
        "Computer Vision”, CVPR 2016",
        classification.cross_entropy,
    ),
    LossSpec(
        "nll_loss",
        "classification",
        "Negative log-likelihood",
        "负对数似然损失",
        "NLLLoss",
        "torch.nn.NLLLoss",
        None,
        classification.nll_loss,
    ),
    LossSpec(
        "binary_cross_entropy",
        "classification",
        "Binary cross-entropy",
        "二分类交叉熵",
        "BCELoss",
        "torch.nn.BCELoss",
        None,
        classification.binary_cross_entropy,
    ),
    LossSpec(
        "binary_cross_entropy_with_logits",
        "classification",
        "Binary cross-entropy with logits",
        "带 logits 的二分类交叉熵",
        "BCEWithLogitsLoss",
        "torch.nn.BCEWithLogitsLoss",
        None,
        classification.binary_cross_entropy_with_logits,
    ),
    LossSpec(
        "sigmoid_focal_loss",
        "classification",
        "Focal loss (sigmoid, binary)",
        "焦点损失(sigmoid 二分类形式)",
        "SigmoidFocalLoss",
        "torchvision.ops.sigmoid_focal_loss",
        "Lin et al., “Focal Loss for Dense Object Detection”, ICCV 2017",
        classification.sigmoid_focal_loss,
    ),
    LossSpec(
        "softmax_focal_loss",
        "classification",
        "Focal loss (softmax, multi-class)",
        "焦点损失(softmax 多分类形式)",
        "SoftmaxFocalLoss",
        None,
        "Lin et al., “Focal Loss for Dense Object Detection”, ICCV 2017",
        classification.softmax_focal_loss,
    ),
    LossSpec(
        "kl_div",
        "distribution",
        "Kullback–Leibler divergence",
        "KL 散度",
        "KLDivLoss",
        "torch.nn.KLDivLoss",
        "Kullback & Leibler, “On Information and Sufficiency”, Ann. Math. Statist. 22(1), 1951",
        distribution.kl_div,
    ),
    LossSpec(
        "dice_loss",
        "segmentation",
        "Dice loss (soft)",
        "Dice 损失",
        "DiceLoss",
        None,
        "Milletari, Navab & Ahmadi, “V-Net: Fully Convolutional Neural Networks for "
        "Volumetric Medical Image Segmentation”, 3DV 2016",
        segmentation.dice_loss,
    ),
    LossSpec(
        "jaccard_loss",
        "segmentation",
        "Jaccard (soft IoU) loss",
        "Jaccard 损失(软 IoU)",
        "JaccardLoss",
        None,
        "Rahman & Wang, “Optimizing Intersection-Over-Union in Deep Neural Networks for "
        "Image Segmentation”, ISVC 2016",
        segmentation.jaccard_loss,
    ),
)

BY_ID: dict[str, LossSpec] = {spec.id: spec for spec in LOSSES}


def get(loss_id: str) -> LossSpec:
    """The spec of ``loss_id``; a ``KeyError`` lists the known ids."""
    try:
        return BY_ID[loss_id]
    except KeyError:
        raise KeyError(f"unknown loss id {loss_id!r}; known ids: {', '.join(BY_ID)}") from None
