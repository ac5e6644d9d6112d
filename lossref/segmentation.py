"""Overlap losses for segmentation: soft Dice and soft Jaccard (IoU).

Both take probabilities ``input`` (after sigmoid or softmax) and a mask ``target`` of the same
shape ``(N, C, d1, ..., dK)``, ``K ≥ 1``. The overlap is measured per sample and channel over
the spatial dims, giving ``(N, C)`` loss terms, or with ``batch=True`` per channel over the
batch and spatial dims, giving ``(C)`` terms; ``reduction`` then averages, sums or returns them.
"""

# --8<-- [start:imports]
from __future__ import annotations

from torch import Tensor

from lossref._checks import (
    check_floating,
    check_in_unit_interval,
    check_number,
    check_same_shape,
    resolve_reduction,
)
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = ["dice_loss", "jaccard_loss"]


def _overlap_sums(
    input: Tensor, target: Tensor, smooth: float, batch: bool
) -> tuple[Tensor, Tensor, Tensor, float]:
    """Checked ``(Σ p·g, Σ p, Σ g, smooth)`` over the spatial (and, with ``batch``, batch) dims."""
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    if input.dim() < 3:
        raise ValueError(
            f"input must have shape (N, C, d1, ...) with at least one spatial dim; got "
            f"{tuple(input.shape)}. For a single flat mask use input.view(1, 1, -1)."
        )
    check_in_unit_interval(
        "input", input, "Pass probabilities: apply sigmoid (binary) or softmax (multi-class) first."
    )
    check_in_unit_interval("target", target, "The mask holds 0/1 (or soft labels in between).")
    smooth = check_number("smooth", smooth, low=0.0)
    dims = tuple(range(2, input.dim()))
    if batch:
        dims = (0, *dims)
    intersection = (input * target).sum(dims)
    return intersection, input.sum(dims), target.sum(dims), smooth


# --8<-- [start:dice_loss]
def dice_loss(
    input: Tensor,
    target: Tensor,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Soft Dice loss (Milletari et al., V-Net, 2016): ``1 − (2·Σp·g + s) / (Σp + Σg + s)``.

    ``smooth`` ``s`` keeps empty masks defined (an empty prediction of an empty mask scores
    loss 0). Dice is not IoU: ``Dice = 2·IoU / (1 + IoU)``. Shapes: ``input`` and ``target``
    ``(N, C, d1, ...)``; output ``()`` or, with ``'none'``, ``(N, C)`` (``(C)`` if ``batch``).

    Examples:
        >>> import torch
        >>> mask = torch.tensor([[[1., 0., 1.]]])
        >>> dice_loss(torch.tensor([[[0.9, 0.1, 0.8]]]), mask)
        tensor(0.1053)
    """
    how = resolve_reduction(reduction)
    intersection, input_sum, target_sum, smooth = _overlap_sums(input, target, smooth, batch)
    dice = (2 * intersection + smooth) / (input_sum + target_sum + smooth)
    return apply_reduction(1 - dice, how)
    # --8<-- [end:dice_loss]


# --8<-- [start:jaccard_loss]
def jaccard_loss(
    input: Tensor,
    target: Tensor,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Soft Jaccard (IoU) loss (Rahman & Wang, 2016): ``1 − (Σp·g + s) / (Σp + Σg − Σp·g + s)``.

    The soft union is ``Σp + Σg − Σp·g``. Shapes as ``dice_loss``.

    Examples:
        >>> import torch
        >>> mask = torch.tensor([[[1., 0., 1.]]])
        >>> jaccard_loss(torch.tensor([[[0.9, 0.1, 0.8]]]), mask)
        tensor(0.1905)
    """
    how = resolve_reduction(reduction)
    intersection, input_sum, target_sum, smooth = _overlap_sums(input, target, smooth, batch)
    union = input_sum + target_sum - intersection
    iou = (intersection + smooth) / (union + smooth)
    return apply_reduction(1 - iou, how)
    # --8<-- [end:jaccard_loss]
