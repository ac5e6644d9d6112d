"""Losses between probability distributions: Kullback–Leibler divergence."""

# --8<-- [start:imports]
from __future__ import annotations

import warnings

import torch
from torch import Tensor

from lossref._checks import check_floating, check_same_shape, resolve_reduction
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = ["kl_div"]


# --8<-- [start:kl_div]
def kl_div(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    log_target: bool = False,
) -> Tensor:
    """KL divergence ``KL(target ‖ model)`` with torch's argument order and conventions.

    ``input`` holds the model's **log**-probabilities; ``target`` holds probabilities, or
    log-probabilities when ``log_target=True``. Pointwise ``lᵢ = tᵢ·(log tᵢ − inputᵢ)``, with
    ``0·log 0 = 0``. ``reduction='batchmean'`` (sum divided by the batch size ``input.size(0)``)
    is the KL divergence; ``'mean'`` divides by the number of elements and is not (a warning
    says so, as in torch). Shapes: ``(*)``, the same for both.
    """
    how = resolve_reduction(
        reduction, size_average, reduce, allowed=("mean", "batchmean", "sum", "none")
    )
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    if log_target:
        loss = torch.exp(target) * (target - input)
    else:
        # xlogy(t, t) is t·log t with the limit 0 at t = 0 (no 0·(−inf) = NaN).
        loss = torch.xlogy(target, target) - target * input
    if how == "batchmean":
        return loss.sum() / (input.size(0) if input.dim() > 0 else 1)
    if how == "mean":
        warnings.warn(
            "kl_div with reduction='mean' divides the sum by the number of elements, which is "
            "not the KL divergence; use reduction='batchmean'.",
            UserWarning,
            stacklevel=2,
        )
    return apply_reduction(loss, how)
    # --8<-- [end:kl_div]
