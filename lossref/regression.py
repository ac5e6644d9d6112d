"""Regression losses: L1, MSE, smooth L1 and Huber.

Each function takes a prediction ``input`` and a ``target`` of the same shape ``(*)`` and
returns a scalar, or a tensor of shape ``(*)`` with ``reduction='none'``. Names, signatures and
defaults are those of ``torch.nn.functional``; unlike torch, differing shapes are refused
instead of broadcast.
"""

# --8<-- [start:imports]
from __future__ import annotations

from torch import Tensor

from lossref._checks import (
    check_floating,
    check_number,
    check_same_shape,
    check_weight_like,
    resolve_reduction,
)
from lossref._reduction import apply_reduction, apply_weighted_reduction

# --8<-- [end:imports]

__all__ = ["huber_loss", "l1_loss", "mse_loss", "smooth_l1_loss"]


def _checked_error(input: Tensor, target: Tensor) -> Tensor:
    """``input - target`` after checking dtypes and shapes."""
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    return input - target


# --8<-- [start:l1_loss]
def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """Mean absolute error: ``lᵢ = |xᵢ − yᵢ|``, then the reduction.

    Shapes: ``input`` and ``target`` ``(*)``, the same; ``weight`` (optional) ``(*)``. With a
    weight, ``'mean'`` is ``Σ wᵢ·lᵢ / Σ wᵢ``. ``size_average``/``reduce`` are torch's
    deprecated spellings of ``reduction``.

    Examples:
        >>> import torch
        >>> l1_loss(torch.tensor([2., 3., 4., 5.]), torch.tensor([4., 5., 6., 7.]))
        tensor(2.)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    loss = _checked_error(input, target).abs()
    if weight is not None:
        check_weight_like("weight", weight, input)
        return apply_weighted_reduction(loss, weight, how)
    return apply_reduction(loss, how)
    # --8<-- [end:l1_loss]


# --8<-- [start:mse_loss]
def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """Mean squared error: ``lᵢ = (xᵢ − yᵢ)²``, then the reduction.

    Shapes: ``input`` and ``target`` ``(*)``, the same; ``weight`` (optional) ``(*)``. With a
    weight, ``'mean'`` is ``Σ wᵢ·lᵢ / Σ wᵢ``.

    Examples:
        >>> import torch
        >>> mse_loss(torch.tensor([2., 3., 4., 5.]), torch.tensor([4., 5., 6., 7.]))
        tensor(4.)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    loss = _checked_error(input, target).square()
    if weight is not None:
        check_weight_like("weight", weight, input)
        return apply_weighted_reduction(loss, weight, how)
    return apply_reduction(loss, how)
    # --8<-- [end:mse_loss]


# --8<-- [start:smooth_l1_loss]
def smooth_l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    beta: float = 1.0,
) -> Tensor:
    """Smooth L1 (Girshick, Fast R-CNN, 2015): quadratic below ``beta``, linear above.

    ``lᵢ = 0.5·eᵢ²/β`` if ``|eᵢ| < β`` else ``|eᵢ| − 0.5·β``, with ``e = x − y``; ``beta=0``
    is exactly L1. Shapes: ``(*)`` for ``input`` and ``target``.

    Examples:
        >>> import torch
        >>> smooth_l1_loss(torch.tensor([2.5, 1.8, 3.2]), torch.tensor([2.0, 2.0, 3.0]))
        tensor(0.0550)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    beta = check_number("beta", beta, low=0.0)
    abs_error = _checked_error(input, target).abs()
    if beta == 0.0:
        return apply_reduction(abs_error, how)
    # With z = min(|e|, β): 0.5·z²/β + (|e| − z) is both branches in one expression, so no
    # branch is evaluated where it does not apply (no torch.where, no wasted work).
    inner = abs_error.clamp(max=beta)
    loss = 0.5 * inner.square() / beta + (abs_error - inner)
    return apply_reduction(loss, how)
    # --8<-- [end:smooth_l1_loss]


# --8<-- [start:huber_loss]
def huber_loss(
    input: Tensor,
    target: Tensor,
    reduction: str = "mean",
    delta: float = 1.0,
    weight: Tensor | None = None,
) -> Tensor:
    """Huber loss (Huber, 1964): ``lᵢ = 0.5·eᵢ²`` if ``|eᵢ| ≤ δ`` else ``δ·(|eᵢ| − 0.5·δ)``.

    Equal to ``delta * smooth_l1_loss(..., beta=delta)``. Shapes: ``(*)`` for ``input``,
    ``target`` and ``weight``. As in torch, a weighted ``'mean'`` is the plain mean of
    ``wᵢ·lᵢ`` (not divided by ``Σ wᵢ`` as in ``mse_loss``).

    Examples:
        >>> import torch
        >>> prediction, target = torch.tensor([52.0, 55, 22, 18]), torch.tensor([50.0, 50, 20, 20])
        >>> huber_loss(prediction, target, delta=5.0)
        tensor(4.6250)
    """
    how = resolve_reduction(reduction)
    delta = check_number("delta", delta, low=0.0, low_inclusive=False)
    abs_error = _checked_error(input, target).abs()
    inner = abs_error.clamp(max=delta)  # z = min(|e|, δ): 0.5·z² + δ·(|e| − z)
    loss = 0.5 * inner.square() + delta * (abs_error - inner)
    if weight is not None:
        check_weight_like("weight", weight, input)
        loss = loss * weight
    return apply_reduction(loss, how)
    # --8<-- [end:huber_loss]
