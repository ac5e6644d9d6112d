"""The one place where per-element losses are reduced."""

from __future__ import annotations

from torch import Tensor


def apply_reduction(loss: Tensor, reduction: str) -> Tensor:
    """``'none'`` returns ``loss``; ``'sum'`` its sum; ``'mean'`` its mean over all elements."""
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()


def apply_weighted_reduction(loss: Tensor, weight: Tensor, reduction: str) -> Tensor:
    """Reduce ``weight * loss``; ``'mean'`` is ``Σ wᵢ·lᵢ / Σ wᵢ`` (torch's weighted mean)."""
    weighted = loss * weight
    if reduction == "mean":
        return weighted.sum() / weight.sum()
    return apply_reduction(weighted, reduction)
