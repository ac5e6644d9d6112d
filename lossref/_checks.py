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


def check_integer(name: str, value: object) -> Tensor:
    """Labels, indices and lengths must be an integer tensor (not bool, not floating point)."""
    tensor = check_tensor(name, value)
    if tensor.dtype == torch.bool or tensor.is_floating_point() or tensor.is_complex():
        raise TypeError(
            f"{name} must be an integer tensor (dtype torch.int64); got dtype {tensor.dtype}. "
            f"Convert it with {name}.long()."
        )
    return tensor


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


def check_embeddings(names: tuple[str, ...], *tensors: Tensor) -> None:
    """Floating-point embeddings ``(*, D)``, all of one shape: row ``i`` of each goes with row
    ``i`` of the others, so a single row is not broadcast against a batch."""
    for name, tensor in zip(names, tensors, strict=True):
        check_floating(name, tensor)
    first, shape = names[0], tuple(tensors[0].shape)
    if not shape:
        raise ValueError(
            f"{first} must have an embedding dimension, shape (N, D) or (D,); got a scalar."
        )
    for name, tensor in zip(names[1:], tensors[1:], strict=True):
        if tuple(tensor.shape) != shape:
            raise ValueError(
                f"{first} and {name} must have the same shape; got {first} {shape} and {name} "
                f"{tuple(tensor.shape)}. Row i of {name} goes with row i of {first}: give one "
                f"row per item (torch would broadcast a single row against the whole batch)."
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


def check_sign_target(name: str, value: object) -> Tensor:
    """Pair labels 1 and -1 (float or integer dtype, as torch accepts); nothing else.

    torch's margin-ranking, hinge-embedding and cosine-embedding losses give any other value a
    loss of its own in silence (0/1 labels are the usual mistake), so other values are refused.
    As in ``check_class_indices``, under ``torch.compile`` the check is an assert inside the
    graph (a ``RuntimeError`` when it fails): picking out the bad values has a data-dependent
    shape, which would split the compiled graph.
    """
    tensor = check_tensor(name, value)
    if tensor.dtype == torch.bool or tensor.is_complex():
        raise TypeError(
            f"{name} must hold the labels 1 and -1 in a float or integer tensor; got dtype "
            f"{tensor.dtype}. A 0/1 label converts with 2 * {name}.long() - 1."
        )
    if tensor.numel() == 0:
        return tensor
    rule = f"{name} must hold only the labels 1 and -1"
    advice = (
        f"torch does not check this and scores such labels in silence; a 0/1 label converts "
        f"with 2 * {name} - 1."
    )
    with torch.no_grad():
        size = tensor.detach().abs()
        if torch.compiler.is_compiling():
            torch._assert_async((size == 1).all(), f"{rule}. {advice}")
            return tensor
        low, high = torch.aminmax(size)
        if low == 1 and high == 1:  # one reduction in the common case; NaN fails it
            return tensor
        others = tensor.detach()[size != 1]
    shown = ", ".join(f"{v:g}" for v in torch.unique(others).tolist()[:4])
    raise ValueError(f"{rule}; found {shown}. {advice}")


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


def check_class_indices(target: Tensor, num_classes: int, ignore_index: int | None) -> None:
    """Integer class indices in ``[0, C)``, or equal to ``ignore_index`` (None: no exception).

    Under ``torch.compile`` the range check is an assert inside the graph (a ``RuntimeError``
    when it fails), so checking does not split the compiled graph in two.
    """
    if target.dtype in (torch.bool,) or target.is_floating_point() or target.is_complex():
        raise TypeError(
            f"target must hold integer class indices (dtype torch.int64); got dtype "
            f"{target.dtype}. Use target.long() for indices."
        )
    if target.numel() == 0:
        return
    advice = f"input has {num_classes} classes: valid indices are 0..{num_classes - 1}" + (
        "." if ignore_index is None else f" (or ignore_index={ignore_index})."
    )
    if torch.compiler.is_compiling():
        valid = (target >= 0) & (target < num_classes)
        if ignore_index is not None:
            valid = valid | (target == ignore_index)
        torch._assert_async(valid.all(), f"target holds a class index out of range: {advice}")
        return
    low, high = (int(v) for v in torch.aminmax(target))
    if low >= 0 and high < num_classes:  # one pass over the target in the common case
        return
    kept = target if ignore_index is None else target[target != ignore_index]
    if kept.numel() == 0:
        return
    low, high = int(kept.min()), int(kept.max())
    if low < 0 or high >= num_classes:
        bad = low if low < 0 else high
        raise IndexError(f"target holds class index {bad}, but {advice}")


def check_boxes(name: str, boxes: Tensor) -> None:
    """Boxes ``(*, 4)`` as ``(x1, y1, x2, y2)`` with ``x1 ≤ x2`` and ``y1 ≤ y2``, no NaN."""
    if boxes.dim() == 0 or boxes.shape[-1] != 4:
        raise ValueError(
            f"{name} must have shape (*, 4), one (x1, y1, x2, y2) box per row, e.g. (N, 4) "
            f"or (4,); got shape {tuple(boxes.shape)}."
        )
    rule = f"{name} must hold boxes (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2"
    with torch.no_grad():
        x1, y1, x2, y2 = boxes.unbind(-1)
        ordered = (x2 >= x1) & (y2 >= y1)  # false where a coordinate is NaN
        if torch.compiler.is_compiling():  # as in check_class_indices: no graph break
            torch._assert_async(ordered.all(), f"{rule}.")
            return
        if bool(ordered.all()):
            return
        where = tuple(int(i) for i in (~ordered).nonzero()[0])
        box = [float(f"{v:.4g}") for v in boxes[where].tolist()]
    position = f"{name}[{', '.join(map(str, where))}]" if where else name
    raise ValueError(
        f"{rule}; {position} is {box}. Boxes given as (cx, cy, w, h) or (x, y, w, h) must be "
        f"converted to corners first."
    )


def check_non_negative(name: str, tensor: Tensor, hint: str) -> None:
    """Values must be ``>= 0`` (counts, rates, variances); NaN is refused too."""
    if tensor.numel() == 0:
        return
    if torch.compiler.is_compiling():  # as in check_class_indices: no graph break
        torch._assert_async((tensor >= 0).all(), f"{name} must be non-negative. {hint}")
        return
    with torch.no_grad():
        low = tensor.detach().min()
    if not low >= 0:  # also catches NaN
        raise ValueError(f"{name} must be non-negative; found min {low.item():.4g}. {hint}")


def check_open_unit_interval(name: str, value: float | Tensor) -> float | Tensor:
    """Levels strictly between 0 and 1 (quantile levels): a number, or a float tensor of 0 or 1
    dimensions holding at least one level."""
    if isinstance(value, Tensor):
        check_floating(name, value)
        if value.dim() > 1 or value.numel() == 0:
            raise ValueError(
                f"{name} must be a number, a 0-D tensor or a non-empty 1-D tensor of levels; "
                f"got shape {tuple(value.shape)}."
            )
        with torch.no_grad():
            low, high = torch.aminmax(value.detach())
        if not (low > 0 and high < 1):  # also catches NaN
            raise ValueError(
                f"{name} must hold values in (0, 1); found min {low.item():.4g} and max "
                f"{high.item():.4g}."
            )
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            f"{name} must be a number in (0, 1) or a float tensor of them; got "
            f"{type(value).__name__} {value!r}. Wrap a list with torch.tensor(...)."
        )
    if not 0 < value < 1:  # also catches NaN
        raise ValueError(f"{name} must be in (0, 1); got {float(value)!r}.")
    return float(value)
