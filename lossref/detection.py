"""Bounding-box regression losses: the IoU family (GIoU, DIoU, CIoU), boxes as (x1, y1, x2, y2).

Each function takes two sets of boxes of the same shape ``(*, 4)`` (usually ``(N, 4)`` or
``(4,)``), given by their corners ``(x1, y1, x2, y2)`` with ``x1 ≤ x2`` and ``y1 ≤ y2``, and
returns one loss per box pair, shape ``(*)``, unless ``reduction`` is ``'mean'`` or ``'sum'``.
Names, signatures and defaults are torchvision's (``torchvision.ops``), including its default
``reduction='none'``, and their values and gradients. Unlike torchvision, integer boxes,
differing shapes and boxes whose corners are out of order are refused instead of computed,
and a box of zero height has a finite CIoU gradient (torchvision's is nan).
"""

# --8<-- [start:imports]
from __future__ import annotations

from typing import NamedTuple

import torch
from torch import Tensor

from lossref._checks import (
    check_boxes,
    check_floating,
    check_number,
    check_same_shape,
    resolve_reduction,
)
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = ["complete_box_iou_loss", "distance_box_iou_loss", "generalized_box_iou_loss"]


def _checked(boxes1: Tensor, boxes2: Tensor, eps: float) -> tuple[Tensor, Tensor, float]:
    """The boxes after every check, in float32 or float64; ``eps`` as a float ``≥ 0``."""
    check_floating("boxes1", boxes1)
    check_floating("boxes2", boxes2)
    check_same_shape(boxes1, boxes2, names=("boxes1", "boxes2"))
    check_boxes("boxes1", boxes1)
    check_boxes("boxes2", boxes2)
    eps = check_number("eps", eps, low=0.0)
    # As torchvision: half-precision areas overflow (a 300 × 300 box exceeds 65504).
    wide = (torch.float32, torch.float64)
    boxes1 = boxes1 if boxes1.dtype in wide else boxes1.float()
    boxes2 = boxes2 if boxes2.dtype in wide else boxes2.float()
    return boxes1, boxes2, eps


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    """The shared reduction, except that the mean over no boxes is 0, as in torchvision."""
    if reduction == "mean" and loss.numel() == 0:
        return loss.sum()
    return apply_reduction(loss, reduction)


# --8<-- [start:box_pair]
class BoxPair(NamedTuple):
    """What the IoU losses need to know about boxes A (``boxes1``) and B (``boxes2``)."""

    intersection: Tensor  # |A ∩ B|
    union: Tensor  # |A ∪ B| = |A| + |B| − |A ∩ B|
    enclosing_width: Tensor  # C, the smallest box that contains both A and B
    enclosing_height: Tensor


def box_pair(boxes1: Tensor, boxes2: Tensor) -> BoxPair:
    """Intersection, union and enclosing box of each pair of boxes, shape ``(*)`` each."""
    ax1, ay1, ax2, ay2 = boxes1.unbind(-1)
    bx1, by1, bx2, by2 = boxes2.unbind(-1)
    # The overlap's sides are negative when the boxes are apart: relu makes them 0 (and, as
    # in torchvision, boxes that only touch get no gradient through the intersection).
    overlap_width = (torch.minimum(ax2, bx2) - torch.maximum(ax1, bx1)).relu()
    overlap_height = (torch.minimum(ay2, by2) - torch.maximum(ay1, by1)).relu()
    intersection = overlap_width * overlap_height
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection
    enclosing_width = torch.maximum(ax2, bx2) - torch.minimum(ax1, bx1)
    enclosing_height = torch.maximum(ay2, by2) - torch.minimum(ay1, by1)
    return BoxPair(intersection, union, enclosing_width, enclosing_height)
    # --8<-- [end:box_pair]


# --8<-- [start:generalized_box_iou_loss]
def generalized_box_iou_loss(
    boxes1: Tensor,
    boxes2: Tensor,
    reduction: str = "none",
    eps: float = 1e-7,
) -> Tensor:
    """Generalized IoU loss (Rezatofighi et al., CVPR 2019): ``1 − IoU + |C \\ (A ∪ B)| / |C|``.

    ``C`` is the smallest box enclosing ``A`` and ``B``; ``eps`` is added to the denominators
    ``|A ∪ B|`` and ``|C|``. The loss lies in ``[0, 2)`` and is symmetric in its arguments.
    Shapes: ``boxes1`` and ``boxes2`` ``(*, 4)``, the same, as ``(x1, y1, x2, y2)``; output
    ``(*)`` with the default ``'none'``, else a scalar.

    Examples:
        >>> import torch
        >>> a, b = torch.tensor([0.0, 0.0, 2.0, 2.0]), torch.tensor([1.0, 1.0, 3.0, 3.0])
        >>> generalized_box_iou_loss(a, b)  # 1 − 1/7 + 2/9
        tensor(1.0794)
    """
    how = resolve_reduction(reduction)
    boxes1, boxes2, eps = _checked(boxes1, boxes2, eps)
    pair = box_pair(boxes1, boxes2)
    iou = pair.intersection / (pair.union + eps)
    enclosing = pair.enclosing_width * pair.enclosing_height
    loss = 1 - iou + (enclosing - pair.union) / (enclosing + eps)
    return _reduce(loss, how)
    # --8<-- [end:generalized_box_iou_loss]


# --8<-- [start:distance_box_iou_loss]
# --8<-- [start:distance_iou]
def _distance_iou(boxes1: Tensor, boxes2: Tensor, eps: float) -> tuple[Tensor, Tensor]:
    """``(1 − IoU + ρ²/c², IoU)`` of checked boxes: ρ between the centres, c the diagonal of C."""
    pair = box_pair(boxes1, boxes2)
    iou = pair.intersection / (pair.union + eps)
    diagonal_squared = pair.enclosing_width.square() + pair.enclosing_height.square() + eps
    ax1, ay1, ax2, ay2 = boxes1.unbind(-1)
    bx1, by1, bx2, by2 = boxes2.unbind(-1)
    centre_dx = (ax1 + ax2) / 2 - (bx1 + bx2) / 2
    centre_dy = (ay1 + ay2) / 2 - (by1 + by2) / 2
    return 1 - iou + (centre_dx.square() + centre_dy.square()) / diagonal_squared, iou
    # --8<-- [end:distance_iou]


def distance_box_iou_loss(
    boxes1: Tensor,
    boxes2: Tensor,
    reduction: str = "none",
    eps: float = 1e-7,
) -> Tensor:
    """Distance-IoU loss (Zheng et al., AAAI 2020): ``1 − IoU + ρ² / c²``.

    ``ρ`` is the distance between the boxes' centres and ``c`` the diagonal of the smallest
    box enclosing both; ``eps`` is added to ``|A ∪ B|`` and to ``c²``. The loss lies in
    ``[0, 2)`` and is symmetric. Shapes: ``boxes1`` and ``boxes2`` ``(*, 4)``, the same, as
    ``(x1, y1, x2, y2)``; output ``(*)`` with the default ``'none'``, else a scalar.

    Examples:
        >>> import torch
        >>> a, b = torch.tensor([0.0, 0.0, 2.0, 2.0]), torch.tensor([1.0, 1.0, 3.0, 3.0])
        >>> distance_box_iou_loss(a, b)  # 1 − 1/7 + 2/18
        tensor(0.9683)
    """
    how = resolve_reduction(reduction)
    boxes1, boxes2, eps = _checked(boxes1, boxes2, eps)
    loss, _ = _distance_iou(boxes1, boxes2, eps)
    return _reduce(loss, how)
    # --8<-- [end:distance_box_iou_loss]


# --8<-- [start:complete_box_iou_loss]
def complete_box_iou_loss(
    boxes1: Tensor,
    boxes2: Tensor,
    reduction: str = "none",
    eps: float = 1e-7,
) -> Tensor:
    """Complete-IoU loss (Zheng et al., AAAI 2020): ``1 − IoU + ρ² / c² + α·v``.

    ``v = (4/π²)·(arctan(w₂/h₂) − arctan(w₁/h₁))²`` compares the aspect ratios of ``boxes2``
    (the target) and ``boxes1``, and ``α = v / (1 − IoU + v + eps)`` is treated as a constant
    by autograd, as in torchvision. As in torchvision, ``eps`` enters only ``α``: the IoU and
    distance terms use ``1e-7``. Shapes: ``boxes1`` and ``boxes2`` ``(*, 4)``, the same, as
    ``(x1, y1, x2, y2)``; output ``(*)`` with the default ``'none'``, else a scalar.

    Examples:
        >>> import torch
        >>> a, b = torch.tensor([0.0, 0.0, 4.0, 2.0]), torch.tensor([0.0, 0.0, 2.0, 2.0])
        >>> complete_box_iou_loss(a, b)  # IoU 1/2, ρ²/c² 1/20, v 0.04196, α 0.07742
        tensor(0.5532)
    """
    how = resolve_reduction(reduction)
    boxes1, boxes2, eps = _checked(boxes1, boxes2, eps)
    distance_loss, iou = _distance_iou(boxes1, boxes2, eps=1e-7)  # torchvision's fixed eps
    ax1, ay1, ax2, ay2 = boxes1.unbind(-1)
    bx1, by1, bx2, by2 = boxes2.unbind(-1)
    # atan2(w, h) is arctan(w / h) without the division, so a zero height gives π/2, not nan.
    angle_gap = torch.atan2(bx2 - bx1, by2 - by1) - torch.atan2(ax2 - ax1, ay2 - ay1)
    v = (4 / torch.pi**2) * angle_gap.square()
    with torch.no_grad():  # α weighs v; autograd does not differentiate it (torchvision)
        alpha = v / (1 - iou + v + eps)
    return _reduce(distance_loss + alpha * v, how)
    # --8<-- [end:complete_box_iou_loss]
