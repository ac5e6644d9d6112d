"""Argument checks shared by every loss.

Each check raises ``TypeError``, ``ValueError`` or ``IndexError`` with a message that names the
argument, shows the offending value or shape, and says what to do instead. Losses call these
up front so that bad input fails loudly rather than producing a silent wrong number.
"""

from __future__ import annotations

import math
import warnings

import torch
from torch import Tensor

REDUCTIONS = ("mean", "sum", "none")


def resolve_reduction(
    reduction: str,
    size_average: bool | None = None,
    reduce: bool | None = None,
    allowed: tuple[str, ...] = REDUCTIONS,
) -> str:
    """Return the reduction to use, honouring torch's deprecated ``size_average``/``reduce``."""
    if size_average is not None or reduce is not None:
        warnings.warn(
            "size_average and reduce are deprecated (as in torch); "
            "use reduction='mean', 'sum' or 'none'.",
            DeprecationWarning,
            stacklevel=3,
        )
        size_average = True if size_average is None else size_average
        reduce = True if reduce is None else reduce
        reduction = "none" if not reduce else ("mean" if size_average else "sum")
    if reduction not in allowed:
        choices = ", ".join(repr(r) for r in allowed)
        raise ValueError(f"reduction must be one of {choices}; got {reduction!r}.")
    return reduction


def check_tensor(name: str, value: object) -> Tensor:
    if not isinstance(value, Tensor):
        raise TypeError(
            f"{name} must be a torch.Tensor; got {type(value).__name__}. "
            f"Wrap it with torch.tensor(...)."
        )
    return value


def check_floating(name: str, value: object) -> Tensor:
    """Predictions and probability-like tensors must be floating point."""
    tensor = check_tensor(name, value)
    if not tensor.is_floating_point():
        raise TypeError(
            f"{name} must be a floating-point tensor (float32 or float64); got dtype "
            f"{tensor.dtype}. Convert it with {name}.float()."
        )
    return tensor


def check_same_shape(
    input: Tensor, target: Tensor, names: tuple[str, str] = ("input", "target")
) -> None:
    """Refuse the silent broadcast of, e.g., ``(N, 1)`` against ``(N,)`` into ``(N, N)``."""
    if input.shape != target.shape:
        a, b = names
        raise ValueError(
            f"{a} and {b} must have the same shape; got {a} {tuple(input.shape)} and "
            f"{b} {tuple(target.shape)}. Broadcasting them would compare every prediction "
            f"with every target; reshape one of them first (for example {a}.squeeze(-1) "
            f"or {b}.view_as({a}))."
        )


def check_number(
    name: str,
    value: float,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
) -> float:
    """A finite real hyper-parameter within ``[low, high]`` (or ``(low, high]``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}.")
    value = float(value)
    too_low = low is not None and (value < low or (not low_inclusive and value == low))
    too_high = high is not None and value > high
    if math.isnan(value) or too_low or too_high:
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        bracket = "[" if low_inclusive else "("
        raise ValueError(f"{name} must be in {bracket}{lo}, {hi}]; got {value!r}.")
    return value


def check_in_unit_interval(name: str, tensor: Tensor, hint: str) -> None:
    """Values must lie in [0, 1] (probabilities, binary or soft labels)."""
    if tensor.numel() == 0:
        return
    with torch.no_grad():
        low, high = torch.aminmax(tensor.detach())
    if not (low >= 0 and high <= 1):  # also catches NaN
        raise ValueError(
            f"{name} must hold values in [0, 1]; found min {low.item():.4g} and max "
            f"{high.item():.4g}. {hint}"
        )


def check_weight_like(name: str, weight: Tensor, input: Tensor) -> None:
    """An element-wise weight must have exactly the shape of ``input``."""
    check_floating(name, weight)
    if weight.shape != input.shape:
        raise ValueError(
            f"{name} must have the same shape as input; got {name} {tuple(weight.shape)} and "
            f"input {tuple(input.shape)}."
        )


def check_class_weight(name: str, weight: Tensor | None, num_classes: int) -> Tensor | None:
    """A per-class weight is a 1-D float tensor of length C."""
    if weight is None:
        return None
    check_floating(name, weight)
    if weight.dim() != 1 or weight.numel() != num_classes:
        raise ValueError(
            f"{name} must be a 1-D tensor with one entry per class (C={num_classes}); got "
            f"shape {tuple(weight.shape)}."
        )
    return weight


def check_class_indices(target: Tensor, num_classes: int, ignore_index: int) -> None:
    """Integer class indices in ``[0, C)``, or equal to ``ignore_index``."""
    if target.dtype in (torch.bool,) or target.is_floating_point() or target.is_complex():
        raise TypeError(
            f"target must hold integer class indices (dtype torch.int64); got dtype "
            f"{target.dtype}. Use target.long() for indices."
        )
    kept = target[target != ignore_index]
    if kept.numel() == 0:
        return
    low, high = int(kept.min()), int(kept.max())
    if low < 0 or high >= num_classes:
        bad = low if low < 0 else high
        raise IndexError(
            f"target holds class index {bad}, but input has {num_classes} classes: valid "
            f"indices are 0..{num_classes - 1} (or ignore_index={ignore_index})."
        )
