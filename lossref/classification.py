"""Classification losses: cross-entropy, NLL, binary cross-entropy and focal losses.

Shapes follow torch: multi-class ``input`` is ``(C)``, ``(N, C)`` or ``(N, C, d1, ..., dK)``
with classes on dim 1 (dim 0 when unbatched); class-index targets drop the class dim
(``()``, ``(N)``, ``(N, d1, ..., dK)``); class-probability targets have the shape of ``input``.
Binary losses take ``input`` and ``target`` of the same shape ``(*)``.
"""

# --8<-- [start:imports]
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor

from lossref._checks import (
    check_class_indices,
    check_class_weight,
    check_floating,
    check_in_unit_interval,
    check_number,
    check_same_shape,
    check_tensor,
    resolve_reduction,
)
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "nll_loss",
    "sigmoid_focal_loss",
    "softmax_focal_loss",
]


def _class_dim(input: Tensor) -> int:
    if input.dim() == 0:
        raise ValueError(
            "input must have a class dimension: shape (C), (N, C) or (N, C, d1, ...); got a scalar."
        )
    return 0 if input.dim() == 1 else 1


def _check_index_target(input: Tensor, target: Tensor, ignore_index: int) -> int:
    """Check a class-index target against ``input``; return the class dim."""
    class_dim = _class_dim(input)
    expected = input.shape[:class_dim] + input.shape[class_dim + 1 :]
    if target.shape != expected:
        raise ValueError(
            f"target of class indices must have shape {tuple(expected)} for input of shape "
            f"{tuple(input.shape)}; got {tuple(target.shape)}. For class probabilities pass a "
            f"float target of the same shape as input."
        )
    check_class_indices(target, input.shape[class_dim], ignore_index)
    return class_dim


def _gather_classes(values: Tensor, index: Tensor, class_dim: int) -> Tensor:
    """``values[..., index, ...]`` along the class dim, one class per position."""
    return values.gather(class_dim, index.unsqueeze(class_dim)).squeeze(class_dim)


def _weighted_nll(
    log_probs: Tensor,
    target: Tensor,
    weight: Tensor | None,
    ignore_index: int,
    class_dim: int,
) -> tuple[Tensor, Tensor]:
    """Per-position ``−w[yᵢ]·log p[yᵢ]`` (0 where ignored) and the weights ``w[yᵢ]`` used."""
    keep = target != ignore_index
    safe_target = torch.where(keep, target, 0).long()
    picked = _gather_classes(log_probs, safe_target, class_dim)
    target_weight = keep.to(log_probs.dtype)
    if weight is not None:
        target_weight = target_weight * weight[safe_target]
    # torch.where, not a product with 0: an ignored position then gets gradient 0 even when
    # every position is ignored and 'mean' divides by 0 (NaN loss, zero gradient, as in torch).
    return torch.where(keep, -picked * target_weight, 0), target_weight


# --8<-- [start:nll_loss]
def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Negative log-likelihood of log-probabilities: ``lᵢ = −w[yᵢ]·input[i, yᵢ]``.

    ``input`` must already be log-probabilities (e.g. from ``log_softmax``). Positions whose
    target equals ``ignore_index`` contribute nothing; ``'mean'`` is ``Σ lᵢ / Σ w[yᵢ]`` over
    the kept positions. Shapes: ``input`` ``(C)``, ``(N, C)`` or ``(N, C, d1, ...)``;
    ``target`` the same without the class dim; ``weight`` ``(C)``.
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_tensor("target", target)
    class_dim = _check_index_target(input, target, ignore_index)
    check_class_weight("weight", weight, input.shape[class_dim])
    loss, target_weight = _weighted_nll(input, target, weight, ignore_index, class_dim)
    if how == "mean":
        return loss.sum() / target_weight.sum()
    return apply_reduction(loss, how)
    # --8<-- [end:nll_loss]


# --8<-- [start:cross_entropy]
def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """Softmax cross-entropy of raw logits: ``lᵢ = −Σ_c w_c·q_ic·log softmax(xᵢ)_c``.

    ``target`` is either class indices (``q`` one-hot at ``yᵢ``) or class probabilities
    (float, same shape as ``input``). ``label_smoothing=ε`` mixes ``q`` with the uniform
    distribution: ``(1 − ε)·q + ε/C``. With class indices, ``'mean'`` divides by
    ``Σ w[yᵢ]`` over positions not equal to ``ignore_index``; with probabilities it divides by
    the number of positions. Shapes: ``input`` ``(C)``, ``(N, C)`` or ``(N, C, d1, ...)``.

    Examples:
        >>> import torch
        >>> logits = torch.tensor(
        ...     [[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2], [1.0, 0.2, 0.3, 3.0]]
        ... )
        >>> cross_entropy(logits, torch.tensor([0, 1, 3]))
        tensor(0.3618)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_tensor("target", target)
    epsilon = check_number("label_smoothing", label_smoothing, low=0.0, high=1.0)
    class_dim = _class_dim(input)
    num_classes = input.shape[class_dim]
    check_class_weight("weight", weight, num_classes)
    # log_softmax subtracts the max logit before exponentiating: stable for any logit size.
    log_probs = F.log_softmax(input, dim=class_dim)
    class_weight = (
        torch.ones_like(log_probs) if weight is None else _along(weight, class_dim, input)
    )

    if target.shape == input.shape and input.dim() > 0 and not target.is_floating_point():
        raise TypeError(
            f"Expected floating point type for target with class probabilities, got "
            f"{_scalar_type_name(target)}. A one-hot target must be float (target.float()), or "
            f"pass class indices of shape "
            f"{tuple(input.shape[:class_dim] + input.shape[class_dim + 1 :])} instead "
            f"(target.argmax({class_dim}))."
        )
    if target.is_floating_point():  # class probabilities
        check_same_shape(input, target)
        if ignore_index != -100:
            raise ValueError(
                f"ignore_index is not supported for floating point target (class "
                f"probabilities); got ignore_index={ignore_index}. It applies to class indices "
                f"only: pass integer class indices, or leave ignore_index at -100."
            )
        probs = target * (1 - epsilon) + epsilon / num_classes
        loss = -(class_weight * probs * log_probs).sum(class_dim)
        return apply_reduction(loss, how)

    _check_index_target(input, target, ignore_index)
    nll, target_weight = _weighted_nll(log_probs, target, weight, ignore_index, class_dim)
    # Smoothing adds ε/C of the loss against every class, on the kept positions only.
    uniform = torch.where(target != ignore_index, -(class_weight * log_probs).sum(class_dim), 0)
    loss = (1 - epsilon) * nll + (epsilon / num_classes) * uniform
    if how == "mean":
        return loss.sum() / target_weight.sum()
    return apply_reduction(loss, how)
    # --8<-- [end:cross_entropy]


def _scalar_type_name(tensor: Tensor) -> str:
    """Torch's name of a dtype in its error messages: ``torch.int64`` is ``Long``."""
    return tensor.type().rsplit(".", 1)[-1].removesuffix("Tensor")


def _along(per_class: Tensor, class_dim: int, like: Tensor) -> Tensor:
    """Reshape a ``(C)`` tensor so it broadcasts along ``class_dim`` of ``like``."""
    shape = [1] * like.dim()
    shape[class_dim] = -1
    return per_class.view(shape)


class _BinaryCrossEntropy(torch.autograd.Function):
    """BCE on probabilities with torch's conventions: logs clamped at −100, and the gradient
    ``(p − y) / max(p·(1 − p), 1e-12)``, which stays finite where ``p`` is exactly 0 or 1.
    """

    @staticmethod
    def _clamped_logs(p: Tensor) -> tuple[Tensor, Tensor]:
        return torch.log(p).clamp(min=-100), torch.log1p(-p).clamp(min=-100)

    @staticmethod
    def forward(ctx: torch.autograd.function.FunctionCtx, p: Tensor, y: Tensor) -> Tensor:
        log_p, log_not_p = _BinaryCrossEntropy._clamped_logs(p)
        ctx.save_for_backward(p, y)
        return -(y * log_p + (1 - y) * log_not_p)

    @staticmethod
    def backward(ctx: torch.autograd.function.FunctionCtx, grad: Tensor) -> tuple[Tensor, Tensor]:
        p, y = ctx.saved_tensors  # type: ignore[attr-defined]
        # The logs are recomputed from p here (not saved from forward) so that a second
        # derivative (create_graph=True) sees how grad_y depends on p.
        log_p, log_not_p = _BinaryCrossEntropy._clamped_logs(p)
        grad_p = grad * (p - y) / (p * (1 - p)).clamp(min=1e-12)
        grad_y = grad * (log_not_p - log_p)
        return grad_p, grad_y


# --8<-- [start:binary_cross_entropy]
def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Binary cross-entropy of probabilities: ``lᵢ = −wᵢ·[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]``.

    ``input`` holds probabilities in [0, 1] (for logits use
    ``binary_cross_entropy_with_logits``). Each log is clamped at −100, as in torch, so a
    wrong prediction with ``p = 0`` costs 100 instead of infinity. ``weight`` broadcasts to the
    shape of ``input``; ``'mean'`` is the plain mean of ``wᵢ·lᵢ``. Shapes: ``(*)``.

    Examples:
        >>> import torch
        >>> binary_cross_entropy(torch.tensor([0.8, 0.3, 0.1, 0.6]), torch.tensor([1., 0., 0., 1.]))
        tensor(0.2990)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    check_in_unit_interval(
        "input",
        input,
        "binary_cross_entropy takes probabilities; for raw scores (logits) use "
        "binary_cross_entropy_with_logits.",
    )
    check_in_unit_interval("target", target, "Targets are labels 0/1 or soft labels in between.")
    loss: Tensor = _BinaryCrossEntropy.apply(input, target)  # type: ignore[no-untyped-call]
    if weight is not None:
        loss = loss * _broadcast_weight("weight", weight, input)
    return apply_reduction(loss, how)
    # --8<-- [end:binary_cross_entropy]


def _broadcast_weight(name: str, weight: Tensor, input: Tensor) -> Tensor:
    check_floating(name, weight)
    try:
        return weight.expand_as(input)
    except RuntimeError:
        raise ValueError(
            f"{name} must broadcast to the shape of input {tuple(input.shape)}; got "
            f"{tuple(weight.shape)}."
        ) from None


# --8<-- [start:binary_cross_entropy_with_logits]
def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """Binary cross-entropy of logits ``x`` with sigmoid inside, computed stably:

    ``lᵢ = −wᵢ·[pw·yᵢ·log σ(xᵢ) + (1 − yᵢ)·log(1 − σ(xᵢ))]``, where ``pos_weight`` ``pw``
    (broadcast along the last dim, one value per class) weighs the positive term.
    ``'mean'`` is the plain mean of the weighted terms. Shapes: ``(*)``.

    Examples:
        >>> import torch
        >>> logits, labels = torch.tensor([2.2, -1.4, 1.4]), torch.tensor([0.0, 1.0, 0.0])
        >>> binary_cross_entropy_with_logits(logits, labels)
        tensor(1.8486)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    check_in_unit_interval("target", target, "Targets are labels 0/1 or soft labels in between.")
    # log(1 − σ(x)) = log σ(x) − x, and logsigmoid never exponentiates a large positive number:
    # l = (1 − y)·x − (1 + (pw − 1)·y)·log σ(x) is finite for any x.
    log_sigmoid = F.logsigmoid(input)
    positive_scale: Tensor | float
    if pos_weight is None:
        positive_scale = 1.0
    else:
        positive_scale = 1 + (_broadcast_weight("pos_weight", pos_weight, input) - 1) * target
    loss = (1 - target) * input - positive_scale * log_sigmoid
    if weight is not None:
        loss = loss * _broadcast_weight("weight", weight, input)
    return apply_reduction(loss, how)
    # --8<-- [end:binary_cross_entropy_with_logits]


# --8<-- [start:sigmoid_focal_loss]
def sigmoid_focal_loss(
    inputs: Tensor,
    targets: Tensor,
    alpha: float = 0.25,
    gamma: float = 2,
    reduction: str = "none",
) -> Tensor:
    """Binary focal loss (Lin et al., ICCV 2017), torchvision's signature and defaults.

    ``lᵢ = −α_t·(1 − p_t)^γ·log p_t`` with ``p = σ(x)``, ``p_t = p`` where ``y = 1`` and
    ``1 − p`` where ``y = 0``, ``α_t = α`` for positives and ``1 − α`` for negatives. ``α``
    balances positives against negatives; a negative ``alpha`` turns that weighting off.
    ``γ = 0`` with no α is binary cross-entropy. Shapes: ``(*)``; default reduction ``'none'``.
    """
    how = resolve_reduction(reduction)
    check_floating("inputs", inputs)
    check_floating("targets", targets)
    check_same_shape(inputs, targets, names=("inputs", "targets"))
    check_in_unit_interval("targets", targets, "Targets are labels 0/1 or soft labels in between.")
    alpha = check_number("alpha", alpha, high=1.0)
    gamma = check_number("gamma", gamma, low=0.0)
    p = torch.sigmoid(inputs)
    cross_entropy_term = (1 - targets) * inputs - F.logsigmoid(inputs)  # −log p_t, stable
    loss = cross_entropy_term
    if gamma != 0:
        # 1 − p_t written directly (not as 1 minus p_t), so it keeps its precision near 0.
        one_minus_p_t = p * (1 - targets) + (1 - p) * targets
        loss = loss * one_minus_p_t.pow(gamma)
    if alpha >= 0:
        loss = loss * (alpha * targets + (1 - alpha) * (1 - targets))
    return apply_reduction(loss, how)
    # --8<-- [end:sigmoid_focal_loss]


# --8<-- [start:softmax_focal_loss]
def softmax_focal_loss(
    input: Tensor,
    target: Tensor,
    gamma: float = 2.0,
    alpha: Tensor | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> Tensor:
    """Multi-class focal loss on logits: ``lᵢ = −α[yᵢ]·(1 − p_{i,yᵢ})^γ·log p_{i,yᵢ}``.

    ``p = softmax(input)`` over the class dim; ``alpha`` is an optional per-class weight
    vector of shape ``(C)`` (a single scalar would only rescale the loss, so it is refused).
    ``'mean'`` is ``Σ lᵢ / Σ α[yᵢ]`` over positions not equal to ``ignore_index``, so with
    ``gamma=0`` this is exactly ``cross_entropy(input, target, weight=alpha)``. Shapes as
    ``cross_entropy`` with class-index targets.
    """
    how = resolve_reduction(reduction)
    check_floating("input", input)
    check_tensor("target", target)
    gamma = check_number("gamma", gamma, low=0.0)
    if alpha is not None and not isinstance(alpha, Tensor):
        raise TypeError(
            f"alpha must be None or a 1-D tensor with one weight per class; got "
            f"{type(alpha).__name__} {alpha!r}. A single scalar α only rescales a multi-class "
            f"loss; to balance classes pass torch.tensor([α_0, ..., α_C-1])."
        )
    class_dim = _check_index_target(input, target, ignore_index)
    check_class_weight("alpha", alpha, input.shape[class_dim])
    log_probs = F.log_softmax(input, dim=class_dim)
    nll, target_weight = _weighted_nll(log_probs, target, alpha, ignore_index, class_dim)
    loss = nll
    if gamma != 0:
        keep = target != ignore_index
        log_p_t = _gather_classes(log_probs, torch.where(keep, target, 0).long(), class_dim)
        # 1 − p_t = −expm1(log p_t): accurate when p_t is close to 1.
        loss = torch.where(keep, loss * (-torch.expm1(log_p_t)).pow(gamma), 0)
    if how == "mean":
        return loss.sum() / target_weight.sum()
    return apply_reduction(loss, how)
    # --8<-- [end:softmax_focal_loss]
