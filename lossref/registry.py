"""Every loss described once. The site's tables, the navigation checks and the scaffold read
this; nothing else lists the losses.

A loss's ``id`` is its function name and names everything else: ``lossref.<id>``,
``docs/losses/<id>.md`` and ``.zh.md``, ``snippets/<id>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from torch import Tensor

from lossref import (
    classification,
    detection,
    distribution,
    embedding,
    regression,
    segmentation,
    sequence,
)

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
    # detection
    LossSpec(
        "generalized_box_iou_loss",
        "detection",
        "Generalized IoU loss (GIoU)",
        "广义 IoU 损失(GIoU)",
        "GeneralizedBoxIoULoss",
        "torchvision.ops.generalized_box_iou_loss",
        "Rezatofighi et al., “Generalized Intersection over Union: A Metric and A Loss for "
        "Bounding Box Regression”, CVPR 2019",
        detection.generalized_box_iou_loss,
    ),
    LossSpec(
        "distance_box_iou_loss",
        "detection",
        "Distance IoU loss (DIoU)",
        "距离 IoU 损失(DIoU)",
        "DistanceBoxIoULoss",
        "torchvision.ops.distance_box_iou_loss",
        "Zheng et al., “Distance-IoU Loss: Faster and Better Learning for Bounding Box "
        "Regression”, AAAI 2020",
        detection.distance_box_iou_loss,
    ),
    LossSpec(
        "complete_box_iou_loss",
        "detection",
        "Complete IoU loss (CIoU)",
        "完整 IoU 损失(CIoU)",
        "CompleteBoxIoULoss",
        "torchvision.ops.complete_box_iou_loss",
        "Zheng et al., “Distance-IoU Loss: Faster and Better Learning for Bounding Box "
        "Regression”, AAAI 2020",
        detection.complete_box_iou_loss,
    ),
    # sequence
    LossSpec(
        "ctc_loss",
        "sequence",
        "Connectionist temporal classification (CTC)",
        "连接时序分类损失(CTC)",
        "CTCLoss",
        "torch.nn.CTCLoss",
        "Graves, Fernández, Gomez & Schmidhuber, “Connectionist Temporal Classification: "
        "Labelling Unsegmented Sequence Data with Recurrent Neural Networks”, ICML 2006",
        sequence.ctc_loss,
    ),
    # segmentation: Tversky family and generalised Dice
    LossSpec(
        "tversky_loss",
        "segmentation",
        "Tversky loss",
        "Tversky 损失",
        "TverskyLoss",
        None,
        "Salehi, Erdogmus & Gholipour, “Tversky Loss Function for Image Segmentation Using 3D "
        "Fully Convolutional Deep Networks”, MLMI 2017",
        segmentation.tversky_loss,
    ),
    LossSpec(
        "focal_tversky_loss",
        "segmentation",
        "Focal Tversky loss",
        "焦点 Tversky 损失",
        "FocalTverskyLoss",
        None,
        "Abraham & Khan, “A Novel Focal Tversky Loss Function with Improved Attention U-Net "
        "for Lesion Segmentation”, ISBI 2019",
        segmentation.focal_tversky_loss,
    ),
    LossSpec(
        "generalized_dice_loss",
        "segmentation",
        "Generalized Dice loss",
        "广义 Dice 损失",
        "GeneralizedDiceLoss",
        None,
        "Sudre, Li, Vercauteren, Ourselin & Cardoso, “Generalised Dice Overlap as a Deep "
        "Learning Loss Function for Highly Unbalanced Segmentations”, DLMIA 2017",
        segmentation.generalized_dice_loss,
    ),
    # embedding: triplets, pairs and in-batch contrast
    LossSpec(
        "triplet_margin_loss",
        "embedding",
        "Triplet margin loss",
        "三元组间隔损失",
        "TripletMarginLoss",
        "torch.nn.TripletMarginLoss",
        "Schroff, Kalenichenko & Philbin, “FaceNet: A Unified Embedding for Face Recognition "
        "and Clustering”, CVPR 2015; swap: Balntas, Riba, Ponsa & Mikolajczyk, “Learning "
        "local feature descriptors with triplets and shallow convolutional neural networks”, "
        "BMVC 2016",
        embedding.triplet_margin_loss,
    ),
    LossSpec(
        "triplet_margin_with_distance_loss",
        "embedding",
        "Triplet margin loss with a custom distance",
        "自定义距离的三元组间隔损失",
        "TripletMarginWithDistanceLoss",
        "torch.nn.TripletMarginWithDistanceLoss",
        "Schroff, Kalenichenko & Philbin, “FaceNet: A Unified Embedding for Face Recognition "
        "and Clustering”, CVPR 2015; swap: Balntas, Riba, Ponsa & Mikolajczyk, “Learning "
        "local feature descriptors with triplets and shallow convolutional neural networks”, "
        "BMVC 2016",
        embedding.triplet_margin_with_distance_loss,
    ),
    LossSpec(
        "contrastive_loss",
        "embedding",
        "Contrastive loss",
        "对比损失",
        "ContrastiveLoss",
        None,
        "Hadsell, Chopra & LeCun, “Dimensionality Reduction by Learning an Invariant "
        "Mapping”, CVPR 2006",
        embedding.contrastive_loss,
    ),
    LossSpec(
        "info_nce_loss",
        "embedding",
        "InfoNCE loss",
        "InfoNCE 损失",
        "InfoNCELoss",
        None,
        "van den Oord, Li & Vinyals, “Representation Learning with Contrastive Predictive "
        "Coding”, arXiv:1807.03748, 2018; NT-Xent: Chen, Kornblith, Norouzi & Hinton, “A "
        "Simple Framework for Contrastive Learning of Visual Representations”, ICML 2020",
        embedding.info_nce_loss,
    ),
    # embedding: margins between the scores or the embeddings of a pair
    LossSpec(
        "margin_ranking_loss",
        "embedding",
        "Margin ranking loss",
        "间隔排序损失",
        "MarginRankingLoss",
        "torch.nn.MarginRankingLoss",
        None,
        embedding.margin_ranking_loss,
    ),
    LossSpec(
        "hinge_embedding_loss",
        "embedding",
        "Hinge embedding loss",
        "合页嵌入损失",
        "HingeEmbeddingLoss",
        "torch.nn.HingeEmbeddingLoss",
        None,
        embedding.hinge_embedding_loss,
    ),
    LossSpec(
        "cosine_embedding_loss",
        "embedding",
        "Cosine embedding loss",
        "余弦嵌入损失",
        "CosineEmbeddingLoss",
        "torch.nn.CosineEmbeddingLoss",
        None,
        embedding.cosine_embedding_loss,
    ),
    # --- classification: margin losses and Poly-1 ---
    LossSpec(
        "soft_margin_loss",
        "classification",
        "Soft margin loss",
        "软间隔损失",
        "SoftMarginLoss",
        "torch.nn.SoftMarginLoss",
        None,
        classification.soft_margin_loss,
    ),
    LossSpec(
        "multilabel_soft_margin_loss",
        "classification",
        "Multi-label soft margin loss",
        "多标签软间隔损失",
        "MultiLabelSoftMarginLoss",
        "torch.nn.MultiLabelSoftMarginLoss",
        None,
        classification.multilabel_soft_margin_loss,
    ),
    LossSpec(
        "multilabel_margin_loss",
        "classification",
        "Multi-label margin (hinge) loss",
        "多标签合页损失",
        "MultiLabelMarginLoss",
        "torch.nn.MultiLabelMarginLoss",
        None,
        classification.multilabel_margin_loss,
    ),
    LossSpec(
        "multi_margin_loss",
        "classification",
        "Multi-class margin (hinge) loss",
        "多分类合页损失",
        "MultiMarginLoss",
        "torch.nn.MultiMarginLoss",
        "Weston & Watkins, “Support Vector Machines for Multi-Class Pattern Recognition”, "
        "ESANN 1999",
        classification.multi_margin_loss,
    ),
    LossSpec(
        "poly1_loss",
        "classification",
        "Poly-1 loss",
        "Poly-1 损失",
        "Poly1Loss",
        None,
        "Leng et al., “PolyLoss: A Polynomial Expansion Perspective of Classification Loss "
        "Functions”, ICLR 2022",
        classification.poly1_loss,
    ),
    # regression: likelihood-based and robust losses
    LossSpec(
        "poisson_nll_loss",
        "regression",
        "Poisson negative log-likelihood",
        "泊松负对数似然损失",
        "PoissonNLLLoss",
        "torch.nn.PoissonNLLLoss",
        "Nelder & Wedderburn, “Generalized Linear Models”, J. R. Statist. Soc. A 135(3), 1972",
        regression.poisson_nll_loss,
    ),
    LossSpec(
        "gaussian_nll_loss",
        "regression",
        "Gaussian negative log-likelihood",
        "高斯负对数似然损失",
        "GaussianNLLLoss",
        "torch.nn.GaussianNLLLoss",
        "Nix & Weigend, “Estimating the Mean and Variance of the Target Probability "
        "Distribution”, ICNN 1994",
        regression.gaussian_nll_loss,
    ),
    LossSpec(
        "log_cosh_loss",
        "regression",
        "Log-cosh loss",
        "Log-Cosh 损失",
        "LogCoshLoss",
        None,
        "Saleh & Saleh, “Statistical Properties of the log-cosh Loss Function Used in Machine "
        "Learning”, arXiv:2208.04564, 2022",
        regression.log_cosh_loss,
    ),
    LossSpec(
        "quantile_loss",
        "regression",
        "Quantile (pinball) loss",
        "分位数损失(pinball 损失)",
        "QuantileLoss",
        None,
        "Koenker & Bassett, “Regression Quantiles”, Econometrica 46(1), 1978",
        regression.quantile_loss,
    ),
)

BY_ID: dict[str, LossSpec] = {spec.id: spec for spec in LOSSES}


def get(loss_id: str) -> LossSpec:
    """The spec of ``loss_id``; a ``KeyError`` lists the known ids."""
    try:
        return BY_ID[loss_id]
    except KeyError:
        raise KeyError(f"unknown loss id {loss_id!r}; known ids: {', '.join(BY_ID)}") from None
