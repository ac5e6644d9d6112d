"""Overlap losses for segmentation: soft Dice, soft Jaccard (IoU), Tversky, focal Tversky and
generalised Dice.

All take probabilities ``input`` (after sigmoid or softmax) and a mask ``target`` of the same
shape ``(N, C, d1, ..., dK)``, ``K ≥ 1``. The overlap is measured per sample and channel over
the spatial dims, giving ``(N, C)`` loss terms, or with ``batch=True`` per channel over the
batch and spatial dims, giving ``(C)`` terms; ``reduction`` then averages, sums or returns them.
The generalised Dice loss combines the channels (classes) inside one ratio: ``(N)`` terms, or
one with ``batch=True``.
"""

# --8<-- [start:imports]
from __future__ import annotations

from typing import Any

import torch
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

__all__ = [
    "dice_loss",
    "focal_tversky_loss",
    "generalized_dice_loss",
    "jaccard_loss",
    "tversky_loss",
]


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
    intersection, input_sum, target_sum = _SoftCounts.apply(input, target)  # type: ignore[no-untyped-call]
    if batch:  # the sums are linear: over the batch too is the sum of the per-sample sums
        return intersection.sum(0), input_sum.sum(0), target_sum.sum(0), smooth
    return intersection, input_sum, target_sum, smooth


class _SoftCounts(torch.autograd.Function):
    """Per sample and channel ``(I, P, G) = (Σ p·g, Σ p, Σ g)`` over the spatial dims.

    Every overlap loss is a function of these three sums, so its gradient w.r.t. each pixel
    is ``∂L/∂p = g·∂L/∂I + ∂L/∂P`` (and ``∂L/∂g = p·∂L/∂I + ∂L/∂G``): backward writes one
    tensor per input instead of autograd's chain through the product and the sums.
    """

    @staticmethod
    def forward(ctx: Any, p: Tensor, g: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        ctx.save_for_backward(p, g)
        dims = tuple(range(2, p.dim()))
        return (p * g).sum(dims), p.sum(dims), g.sum(dims)

    @staticmethod
    def backward(
        ctx: Any, grad_i: Tensor, grad_p_sum: Tensor, grad_g_sum: Tensor
    ) -> tuple[Tensor | None, Tensor | None]:
        p, g = ctx.saved_tensors
        spatial = (1,) * (p.dim() - 2)  # (N, C) → (N, C, 1, ..., 1), broadcast over pixels
        grad_i = grad_i.view(*grad_i.shape, *spatial)
        grad_p = grad_g = None
        # g·∂L/∂I + ∂L/∂P with the sum added in place: on CPU, torch.addcmul with two broadcast
        # (N, C, 1) operands runs at half the speed, and `+` would allocate a second buffer.
        if ctx.needs_input_grad[0]:
            grad_p = (g * grad_i).add_(grad_p_sum.view(grad_i.shape))
        if ctx.needs_input_grad[1]:
            grad_g = (p * grad_i).add_(grad_g_sum.view(grad_i.shape))
        return grad_p, grad_g


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


# --8<-- [start:tversky_terms]
def _one_minus_tversky(
    input: Tensor, target: Tensor, alpha: float, beta: float, smooth: float, batch: bool
) -> Tensor:
    """Checked ``1 − TI`` per sample and channel (per channel with ``batch``)."""
    alpha = check_number("alpha", alpha, low=0.0)
    beta = check_number("beta", beta, low=0.0)
    if alpha == beta == 0:
        raise ValueError(
            "alpha and beta must not both be 0: the Tversky index would be 1, and the loss 0, "
            "for every prediction."
        )
    tp, input_sum, target_sum, smooth = _overlap_sums(input, target, smooth, batch)
    # Σp·(1 − g) = Σp − Σp·g and Σ(1 − p)·g = Σg − Σp·g; the clamp removes the rounding error
    # that could make an exact 0 slightly negative.
    fp = (input_sum - tp).clamp_min(0)
    fn = (target_sum - tp).clamp_min(0)
    # 1 − (TP + s) / (TP + α·FP + β·FN + s), written as one fraction: no cancellation when
    # TI is near 1, and never below 0 (focal_tversky_loss takes a fractional power of it).
    penalty = alpha * fp + beta * fn
    return penalty / (tp + penalty + smooth)
    # --8<-- [end:tversky_terms]


# --8<-- [start:tversky_loss]
def tversky_loss(
    input: Tensor,
    target: Tensor,
    alpha: float = 0.3,
    beta: float = 0.7,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Tversky loss (Salehi et al., 2017): ``1 − (TP + s) / (TP + α·FP + β·FN + s)``.

    Soft counts over the spatial dims: ``TP = Σp·g``, ``FP = Σp·(1 − g)``, ``FN = Σ(1 − p)·g``.
    ``alpha`` weighs the false positives and ``beta`` the false negatives (the paper's and
    MONAI's order); the defaults 0.3 / 0.7 are the paper's, and favour recall. ``α = β = 1`` is
    ``jaccard_loss``; ``α = β = ½`` is ``dice_loss`` with ``smooth`` doubled. Shapes as
    ``dice_loss``: ``(N, C, d1, ...)`` in, ``()`` or, with ``'none'``, ``(N, C)`` (``(C)`` if
    ``batch``) out.

    Examples:
        >>> import torch
        >>> mask = torch.tensor([[[1., 0., 1.]]])
        >>> tversky_loss(torch.tensor([[[0.9, 0.1, 0.8]]]), mask)
        tensor(0.1237)
    """
    how = resolve_reduction(reduction)
    return apply_reduction(_one_minus_tversky(input, target, alpha, beta, smooth, batch), how)
    # --8<-- [end:tversky_loss]


# --8<-- [start:focal_tversky_loss]
def focal_tversky_loss(
    input: Tensor,
    target: Tensor,
    alpha: float = 0.3,
    beta: float = 0.7,
    exponent: float = 0.75,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Focal Tversky loss (Abraham & Khan, 2019): ``(1 − TI) ** exponent``, TI as ``tversky_loss``.

    ``exponent`` is the power itself. The paper writes ``(1 − TI)^(1/γ)`` with ``γ = 4/3``:
    ``exponent = 1/γ = 0.75`` (the default, and the paper's code). Libraries that call the
    power ``gamma`` (segmentation_models_pytorch) mean ``exponent = gamma``. ``exponent = 1``
    is ``tversky_loss``. A term with ``TI = 1`` is 0 with gradient 0. Shapes as ``dice_loss``.

    Examples:
        >>> import torch
        >>> mask = torch.tensor([[[1., 0., 1.]]])
        >>> focal_tversky_loss(torch.tensor([[[0.9, 0.1, 0.8]]]), mask)
        tensor(0.2086)
    """
    how = resolve_reduction(reduction)
    exponent = check_number("exponent", exponent, low=0.0, low_inclusive=False)
    loss = _one_minus_tversky(input, target, alpha, beta, smooth, batch)
    # The slope of x ** exponent is infinite at x = 0 when exponent < 1: a perfect prediction
    # (e.g. saturated sigmoids) would send inf into training. Take the power only where x > 0;
    # the terms at 0 stay 0, with gradient 0.
    positive = loss > 0
    return apply_reduction(loss.where(positive, 1.0).pow(exponent).where(positive, 0.0), how)
    # --8<-- [end:focal_tversky_loss]


# --8<-- [start:generalized_dice_loss]
def generalized_dice_loss(
    input: Tensor,
    target: Tensor,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Generalised Dice loss (Sudre et al., 2017): ``1 − (2·Σ_c w_c·I_c + s) / (Σ_c w_c·S_c + s)``.

    Per class ``c``: ``I_c = Σp·g``, ``S_c = Σp + Σg`` over the spatial dims.

    One score per sample, the classes (channels) combined with weights ``w_c = 1 / (Σg)²``, so
    small classes are not swamped by large ones (the weights in fact favour them). A class
    absent from the mask (``Σg = 0``, an infinite weight) gets the largest weight of the present
    classes, as in MONAI; if every class is absent, all weights are 0 and the loss is 0
    (``smooth > 0``) whatever the prediction.
    Shapes: ``(N, C, d1, ...)`` in; ``()`` or, with ``'none'``, ``(N)`` out (``()`` if ``batch``,
    which pools the samples into one score).

    Examples:
        >>> import torch
        >>> mask = torch.tensor([[[1., 0., 0., 0.], [0., 1., 1., 1.]]])
        >>> probs = torch.tensor([[[0.6, 0.3, 0.2, 0.1], [0.4, 0.7, 0.8, 0.9]]])
        >>> generalized_dice_loss(probs, mask)
        tensor(0.3906)
    """
    how = resolve_reduction(reduction)
    intersection, input_sum, target_sum, smooth = _overlap_sums(input, target, smooth, batch)
    weight = target_sum.square().reciprocal()  # w_c = 1 / (Σg)², per sample and class
    # An absent class (Σg = 0) would weigh inf: give it the largest finite weight of its
    # sample (of the batch, with batch=True), so predicting it is penalised like the rarest
    # present class.
    absent = weight.isinf()
    weight = weight.masked_fill(absent, 0.0)
    weight = weight + absent * weight.amax(dim=-1, keepdim=True)
    numerator = 2 * (weight * intersection).sum(-1) + smooth
    denominator = (weight * (input_sum + target_sum)).sum(-1) + smooth
    return apply_reduction(1 - numerator / denominator, how)
    # --8<-- [end:generalized_dice_loss]
