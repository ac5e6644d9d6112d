"""Classification losses: cross-entropy, NLL, binary cross-entropy, focal, Poly-1 and the margin
(hinge-type) losses.

Shapes follow torch: multi-class ``input`` is ``(C)``, ``(N, C)`` or ``(N, C, d1, ..., dK)``
with classes on dim 1 (dim 0 when unbatched); class-index targets drop the class dim
(``()``, ``(N)``, ``(N, d1, ..., dK)``); class-probability targets have the shape of ``input``.
Binary losses take ``input`` and ``target`` of the same shape ``(*)``.
"""

# --8<-- [start:imports]
from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from lossref._checks import (
    check_class_indices,
    check_class_weight,
    check_floating,
    check_in_unit_interval,
    check_integer,
    check_number,
    check_same_shape,
    check_sign_target,
    check_tensor,
    resolve_reduction,
)
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "nll_loss",
    "poly1_loss",
    "sigmoid_focal_loss",
    "soft_margin_loss",
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
) -> tuple[Tensor, Tensor, Tensor]:
    """Per-position ``−w[yᵢ]·log p[yᵢ]`` (0 where ignored), the weights ``w[yᵢ]`` used, and
    the picked ``log p[yᵢ]`` (that of class 0 where ignored)."""
    keep = target != ignore_index
    safe_target = torch.where(keep, target, 0).long()
    picked = _gather_classes(log_probs, safe_target, class_dim)
    target_weight = keep.to(log_probs.dtype)
    if weight is not None:
        target_weight = target_weight * weight[safe_target]
    # torch.where, not a product with 0: an ignored position then gets gradient 0 even when
    # every position is ignored and 'mean' divides by 0 (NaN loss, zero gradient, as in torch).
    return torch.where(keep, -picked * target_weight, 0), target_weight, picked


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
    loss, target_weight, _ = _weighted_nll(input, target, weight, ignore_index, class_dim)
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
    # Σ_c w_c·log p_c, the loss against every class at once (probability targets, smoothing).
    weighted_log_probs = (
        log_probs if weight is None else log_probs * _along(weight, class_dim, input)
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
        probs = target * (1 - epsilon) + epsilon / num_classes if epsilon else target
        loss = -(probs * weighted_log_probs).sum(class_dim)
        return apply_reduction(loss, how)

    _check_index_target(input, target, ignore_index)
    loss, target_weight, _ = _weighted_nll(log_probs, target, weight, ignore_index, class_dim)
    if epsilon:  # smoothing adds ε/C of the loss against every class, on kept positions only
        uniform = torch.where(target != ignore_index, -weighted_log_probs.sum(class_dim), 0)
        loss = (1 - epsilon) * loss + (epsilon / num_classes) * uniform
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


# --8<-- [start:binary_cross_entropy]
class _BinaryCrossEntropy(torch.autograd.Function):
    """BCE on probabilities with torch's conventions: logs clamped at −100, and the gradient
    ``(p − y) / max(p·(1 − p), 1e-12)``, which stays finite where ``p`` is exactly 0 or 1.
    Backward recomputes what it needs from ``p`` and ``y`` instead of keeping intermediates.
    """

    @staticmethod
    def _clamped_logs(p: Tensor) -> tuple[Tensor, Tensor]:
        return torch.log(p).clamp_(min=-100), torch.log1p(-p).clamp_(min=-100)

    @staticmethod
    def forward(ctx: Any, p: Tensor, y: Tensor) -> Tensor:
        ctx.save_for_backward(p, y)
        log_p, log_not_p = _BinaryCrossEntropy._clamped_logs(p)
        # lerp(a, b, y) = a + y·(b − a): here (1 − y)·log(1 − p) + y·log p, in one pass.
        return log_not_p.lerp_(log_p, y).neg_()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None]:
        p, y = ctx.saved_tensors
        grad_p = grad_y = None
        if ctx.needs_input_grad[0]:
            grad_p = (p - y).mul_(grad).div_((1 - p).mul_(p).clamp_(min=1e-12))
        if ctx.needs_input_grad[1]:
            # The logs are recomputed from p (not saved from forward) so that a second
            # derivative (create_graph=True) sees how grad_y depends on p.
            log_p, log_not_p = _BinaryCrossEntropy._clamped_logs(p)
            grad_y = (log_not_p - log_p).mul_(grad)
        return grad_p, grad_y


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
class _BinaryCrossEntropyWithLogits(torch.autograd.Function):
    """``l = (1 − y)·x − s·log σ(x)`` with ``s = 1 + (pw − 1)·y``, and the page's gradients
    as backward: ``∂l/∂x = s·σ(x) − pw·y`` (``σ(x) − y`` without ``pos_weight``),
    ``∂l/∂y = −x − (pw − 1)·log σ(x)`` and ``∂l/∂pw = −y·log σ(x)``."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, y: Tensor, pos_weight: Tensor | None) -> Tensor:
        ctx.save_for_backward(x, y, pos_weight)
        # log(1 − σ(x)) = log σ(x) − x, and logsigmoid never exponentiates a large positive
        # number: l = (1 − y)·x − s·log σ(x) is finite for any x.
        scale = 1.0 if pos_weight is None else 1 + (pos_weight - 1) * y
        loss = F.logsigmoid(x).mul_(-scale)
        return loss.add_(x).addcmul_(y, x, value=-1)  # + (1 − y)·x

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None, Tensor | None]:
        x, y, pos_weight = ctx.saved_tensors
        grad_x = grad_y = grad_pos_weight = None
        if ctx.needs_input_grad[0]:
            # Out of place on σ(x): a second derivative needs that output unchanged.
            if pos_weight is None:
                grad_x = torch.sigmoid(x) - y
            else:
                grad_x = torch.sigmoid(x) * (1 + (pos_weight - 1) * y) - pos_weight * y
            grad_x = grad_x.mul_(grad)
        if ctx.needs_input_grad[1]:
            grad_y = -x if pos_weight is None else -x - (pos_weight - 1) * F.logsigmoid(x)
            grad_y = grad_y * grad
        if ctx.needs_input_grad[2]:
            grad_pos_weight = -y * F.logsigmoid(x) * grad
        return grad_x, grad_y, grad_pos_weight


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
    if pos_weight is not None:
        pos_weight = _broadcast_weight("pos_weight", pos_weight, input)
    loss: Tensor = _BinaryCrossEntropyWithLogits.apply(input, target, pos_weight)  # type: ignore[no-untyped-call]
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
    loss = (1 - targets) * inputs - F.logsigmoid(inputs)  # −log p_t, stable for any logit
    if gamma != 0:
        # 1 − p_t = (1 − y)·p + y·(1 − p), written directly (not as 1 minus p_t) so it keeps
        # its precision near 0; lerp returns its endpoints exactly at y = 0 and y = 1.
        p = torch.sigmoid(inputs)
        loss = loss * torch.lerp(p, 1 - p, targets).pow(gamma)
    if alpha >= 0:
        loss = loss * ((2 * alpha - 1) * targets + (1 - alpha))  # α_t: α if y = 1, 1 − α if 0
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
    nll, target_weight, log_p_t = _weighted_nll(log_probs, target, alpha, ignore_index, class_dim)
    loss = nll
    if gamma != 0:
        # 1 − p_t = −expm1(log p_t): accurate when p_t is close to 1.
        modulating = (-torch.expm1(log_p_t)).pow(gamma)
        loss = torch.where(target != ignore_index, nll * modulating, 0)
    if how == "mean":
        return loss.sum() / target_weight.sum()
    return apply_reduction(loss, how)
    # --8<-- [end:softmax_focal_loss]


# --- margin losses (torch's SoftMarginLoss, MultiLabelSoftMarginLoss, MultiLabelMarginLoss,
# MultiMarginLoss) and Poly-1 -----------------------------------------------------------------


def _margin_input(input: Tensor) -> int:
    """``input`` of shape ``(C)`` or ``(N, C)``, as torch's margin losses take; returns ``C``."""
    check_floating("input", input)
    if input.dim() not in (1, 2):
        raise ValueError(
            f"input must have shape (C) or (N, C), classes on the last dim; got shape "
            f"{tuple(input.shape)}. Flatten extra dims into the batch first "
            f"(input.reshape(-1, C))."
        )
    if input.shape[-1] == 0:
        raise ValueError(f"input must have at least one class; got shape {tuple(input.shape)}.")
    return input.shape[-1]


# --8<-- [start:soft_margin_loss]
def soft_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Soft margin (logistic) loss for labels ±1: ``lᵢ = log(1 + exp(−yᵢ·xᵢ))``.

    ``target`` holds the labels 1 and −1 (float or integer); any other value is refused, since
    a 0 would score every such element log 2 whatever the input. It equals
    ``binary_cross_entropy_with_logits(input, (target + 1) / 2)``. Shapes: ``(*)`` for both.

    Examples:
        >>> import torch
        >>> soft_margin_loss(torch.tensor([2.0, -1.0, 0.5]), torch.tensor([1.0, -1.0, -1.0]))
        tensor(0.4714)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_sign_target("target", target)
    check_same_shape(input, target)
    # softplus(z) = log(1 + exp(z)) without overflow: torch's own soft_margin_loss takes
    # log1p(exp(z)), which is inf (and its gradient NaN) once z > 88 in float32.
    loss = F.softplus(-target * input)
    return apply_reduction(loss, how)
    # --8<-- [end:soft_margin_loss]


# --8<-- [start:multilabel_soft_margin_loss]
def multilabel_soft_margin_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-label logistic loss: one sigmoid per class, averaged over the classes of a sample.

    ``lᵢ = (1/C)·Σ_c w_c·[(1 − y_ic)·x_ic − log σ(x_ic)]``, the per-class terms of
    ``binary_cross_entropy_with_logits``; ``target`` holds 0/1 per class (multi-hot) or soft
    labels in [0, 1]. The reduction runs over samples only: ``'none'`` gives shape ``(N)``, and
    with ``weight`` the class mean still divides by ``C``. Shapes: ``input`` and ``target``
    ``(C)`` or ``(N, C)`` (classes on the last dim); ``weight`` ``(C)``.

    Examples:
        >>> import torch
        >>> logits = torch.tensor([[2.0, -1.0, 0.0], [0.5, 1.5, -2.0]])
        >>> labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
        >>> multilabel_soft_margin_loss(logits, labels, reduction="none")
        tensor([0.3778, 0.4341])
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    num_classes = _margin_input(input)
    check_in_unit_interval(
        "target",
        target,
        "Targets are 0/1 per class (multi-hot) or soft labels in between; "
        "for labels ±1 use (target + 1) / 2.",
    )
    check_class_weight("weight", weight, num_classes)
    # −[y·log σ(x) + (1 − y)·log σ(−x)] = (1 − y)·x − log σ(x), with log σ(−x) = log σ(x) − x:
    # one logsigmoid, finite for any logit.
    per_class = (1 - target) * input - F.logsigmoid(input)
    if weight is not None:
        per_class = per_class * weight
    loss = per_class.sum(-1) / num_classes
    return apply_reduction(loss, how)
    # --8<-- [end:multilabel_soft_margin_loss]


def _check_label_lists(target: Tensor, input: Tensor, num_classes: int) -> None:
    """Rows of class indices in ``[0, C)`` padded with −1, of the shape of ``input``."""
    check_integer("target", target)
    if target.shape != input.shape:
        raise ValueError(
            f"target must have the shape of input {tuple(input.shape)}: for each sample, the "
            f"indices of its classes, then -1 to end the list (e.g. [3, 0, -1, -1]); got shape "
            f"{tuple(target.shape)}."
        )
    if target.numel() == 0:
        return
    rule = (
        f"input has {num_classes} classes: entries must be 0..{num_classes - 1}, or -1 to end a "
        f"sample's list (entries after the first -1 are ignored, but must be in range too, as "
        f"in torch)."
    )
    if torch.compiler.is_compiling():  # as in check_class_indices: no graph break
        in_range = (target >= -1) & (target < num_classes)
        torch._assert_async(in_range.all(), f"target holds a class index out of range: {rule}")
        return
    low, high = (int(v) for v in torch.aminmax(target))
    if low < -1 or high >= num_classes:
        bad = low if low < -1 else high
        raise IndexError(f"target holds class index {bad}, but {rule}")


# --8<-- [start:multilabel_margin_loss]
def _without_targets(input: Tensor, labels: Tensor, listed: Tensor) -> Tensor:
    """``input`` with −∞ at each sample's listed classes: a listed class is never the other
    class ``k`` of a pair, and ``max(0, 1 − (x[y_j] − (−∞)))`` is 0. Unused slots write +∞,
    which ``amin`` ignores."""
    fill = torch.where(listed, -torch.inf, torch.inf).to(input.dtype)
    return input.scatter_reduce(-1, labels.clamp(min=0), fill, "amin")


def _pair_hinges(others: Tensor, input: Tensor, label: Tensor) -> Tensor:
    """``h[..., k] = max(0, 1 − (x[y_j] − x_k))`` for one list slot ``j`` (its class ``y_j`` is
    ``label``, shape ``(..., 1)``) and every class ``k``, with ``x_k`` taken from ``others``
    (listed classes at −∞, so their ``h`` is 0). A fresh tensor of the shape of ``input``."""
    target_score = input.gather(-1, label)  # x[y_j], kept as (..., 1)
    return (1 - target_score + others).clamp_(min=0)  # in torch's order of operations


class _MultilabelMargin(torch.autograd.Function):
    """Per-sample ``(1/C)·Σ_j Σ_k h_jk``, one list slot ``j`` at a time, with the Gradient
    section's ``(a_ik − b_ik)/C`` as backward.

    Broadcasting every slot against every class at once would hold a ``(N, J, C)`` table (and
    autograd would keep it for backward); here forward adds up one ``(N, C)`` slot at a time,
    and backward rebuilds each slot's hinges from the saved input to count its active pairs.
    """

    @staticmethod
    def forward(ctx: Any, input: Tensor, labels: Tensor, listed: Tensor) -> Tensor:
        ctx.save_for_backward(input, labels, listed)
        others = _without_targets(input, labels, listed)
        loss = input.new_zeros(input.shape[:-1])
        for j in range(labels.shape[-1]):
            label = labels[..., j].clamp(min=0).unsqueeze(-1)  # an unused slot may hold -1
            slot_loss = _pair_hinges(others, input, label).sum(-1)
            loss += torch.where(listed[..., j], slot_loss, 0)  # an unused slot counts 0
        return loss / input.shape[-1]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, None, None]:
        if not ctx.needs_input_grad[0]:
            return None, None, None
        input, labels, listed = ctx.saved_tensors
        others = _without_targets(input, labels, listed)
        grad_input = torch.zeros_like(input)
        for j in range(labels.shape[-1]):
            label = labels[..., j].clamp(min=0).unsqueeze(-1)
            # [h_jk > 0] = sign(h_jk) (h ≥ 0): 1 for each active pair (y_j, k) of this slot
            active = _pair_hinges(others, input, label).sign_()
            # upstream gradient / C for a listed slot, 0 for an unused one
            scale = torch.where(listed[..., j], grad / input.shape[-1], 0).unsqueeze(-1)
            grad_input.addcmul_(active, scale)  # a_ik: +1/C to the other class k
            # b_ik: −1/C to the listed class y_j for each of its active pairs
            grad_input.scatter_add_(-1, label, -active.sum(-1, keepdim=True) * scale)
            del active  # let it go before the next slot's hinges are built
        return grad_input, None, None


def multilabel_margin_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-label hinge loss: every target class must score 1 above every non-target class.

    ``lᵢ = (1/C)·Σ_j Σ_{k ∉ Yᵢ} max(0, 1 − (x_i[y_ij] − x_ik))`` where ``y_i1, y_i2, ...`` are
    the entries of ``target[i]`` before its first −1 and ``Yᵢ`` is the set of them; an index
    listed twice counts twice, as in torch. Shapes: ``input`` and ``target`` ``(C)`` or
    ``(N, C)``; ``'none'`` gives ``()`` or ``(N)``.

    Examples:
        >>> import torch
        >>> scores = torch.tensor([0.1, 0.2, 0.4, 0.8])
        >>> multilabel_margin_loss(scores, torch.tensor([3, 0, -1, 1]))  # classes 3 and 0
        tensor(0.8500)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    num_classes = _margin_input(input)
    _check_label_lists(target, input, num_classes)
    # A sample's list ends at its first -1 (entries after it are ignored): the argmax of a
    # 0/1 row is the position of its first 1; a row without -1 lists all C slots.
    ends = target == -1
    length = torch.where(ends.any(-1), ends.byte().argmax(-1), num_classes)
    # Only the slots up to the longest list matter: J slots of (..., C) work, not C of them.
    longest = int(length.max()) if length.numel() else 0
    listed = torch.arange(longest, device=input.device) < length.unsqueeze(-1)  # (..., J)
    labels = target[..., :longest].long()  # a view of target when it is int64 already
    loss: Tensor = _MultilabelMargin.apply(input, labels, listed)  # type: ignore[no-untyped-call]
    return apply_reduction(loss, how)
    # --8<-- [end:multilabel_margin_loss]


def _check_p(p: int) -> int:
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError(f"p must be the integer 1 or 2; got {type(p).__name__} {p!r}.")
    if p not in (1, 2):
        raise ValueError(f"p must be 1 or 2 (torch supports only these); got {p!r}.")
    return int(p)


# --8<-- [start:multi_margin_loss]
def _rival_hinges(input: Tensor, target: Tensor, margin: float) -> Tensor:
    """``h[..., k] = max(0, margin − x[y] + x_k)`` for every class ``k``, and 0 at ``k = y`` (the
    true class is not its own rival). A fresh tensor of the shape of ``input``."""
    true_score = input.gather(-1, target.unsqueeze(-1))  # x[y], kept as (..., 1)
    hinge = (margin - true_score + input).clamp_(min=0)  # in torch's order of operations
    return hinge.scatter_(-1, target.unsqueeze(-1), 0)


class _MultiMargin(torch.autograd.Function):
    """Per-sample ``(1/C)·Σ_{k≠y} h_k^p``, with the Gradient section's derivative as backward.

    Autograd would keep the ``(N, C)`` hinge table (and its mask and power) until backward;
    here forward sums it and lets it go, and backward rebuilds ``h`` from the saved input and
    turns it, in place, into the gradient: forward plus backward holds one ``(N, C)`` tensor.
    """

    @staticmethod
    def forward(ctx: Any, input: Tensor, target: Tensor, p: int, margin: float) -> Tensor:
        ctx.save_for_backward(input, target)
        ctx.p, ctx.margin = p, margin
        return _rival_hinges(input, target, margin).pow_(p).sum(-1) / input.shape[-1]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, None, None, None]:
        if not ctx.needs_input_grad[0]:
            return None, None, None, None
        input, target = ctx.saved_tensors
        hinge = _rival_hinges(input, target, ctx.margin)
        # ∂lᵢ/∂x_k = p·h_k^(p−1)·[h_k > 0] / C for a rival k: [h_k > 0] = sign(h_k) for p = 1
        # (h ≥ 0), 2·h_k for p = 2; the true class gets minus the sum over its rivals.
        grad_input = hinge.sign_() if ctx.p == 1 else hinge.mul_(2)
        grad_input = grad_input.mul_(grad.unsqueeze(-1) / input.shape[-1])
        rivals_total = grad_input.sum(-1, keepdim=True)
        return grad_input.scatter_(-1, target.unsqueeze(-1), -rivals_total), None, None, None


def multi_margin_loss(
    input: Tensor,
    target: Tensor,
    p: int = 1,
    margin: float = 1.0,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Multi-class hinge loss (Weston & Watkins): the true class must lead each other by ``margin``.

    ``lᵢ = (w[yᵢ]/C)·Σ_{k ≠ yᵢ} max(0, margin − x_i[yᵢ] + x_ik)^p`` with ``p`` 1 or 2. The class
    weight multiplies the powered terms (``w·h²`` for ``p=2``, not ``(w·h)²``), and ``'mean'``
    divides by the number of samples, not by ``Σ w[yᵢ]`` (both as torch). Shapes: ``input``
    ``(C)`` or ``(N, C)``; ``target`` ``()`` or ``(N)`` class indices; ``weight`` ``(C)``.

    Examples:
        >>> import torch
        >>> multi_margin_loss(torch.tensor([[0.1, 0.2, 0.4, 0.8]]), torch.tensor([3]))
        tensor(0.3250)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    p = _check_p(p)
    margin = check_number("margin", margin)
    num_classes = _margin_input(input)
    check_tensor("target", target)
    if target.shape != input.shape[:-1]:
        raise ValueError(
            f"target of class indices must have shape {tuple(input.shape[:-1])} for input of "
            f"shape {tuple(input.shape)}; got {tuple(target.shape)}."
        )
    check_class_indices(target, num_classes, ignore_index=None)
    check_class_weight("weight", weight, num_classes)
    loss: Tensor = _MultiMargin.apply(input, target.long(), p, margin)  # type: ignore[no-untyped-call]
    if weight is not None:
        loss = loss * weight[target]
    return apply_reduction(loss, how)
    # --8<-- [end:multi_margin_loss]


# --8<-- [start:poly1_loss]
def poly1_loss(
    input: Tensor,
    target: Tensor,
    epsilon: float = 2.0,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> Tensor:
    """Poly-1 loss (Leng et al., ICLR 2022): cross-entropy plus ``ε·(1 − p_t)``.

    ``lᵢ = −log p_t + ε·(1 − p_t)``, with ``p_t`` the softmax probability of the target class.
    The default ``epsilon=2`` is the paper's value for ImageNet classification (and optax's
    default); ``epsilon=0`` is ``cross_entropy``; ``epsilon`` must be at least −1, below which
    the loss would grow again as ``p_t`` nears 1. Positions whose target equals
    ``ignore_index`` count for nothing and ``'mean'`` averages the others. Shapes as
    ``cross_entropy`` with class indices: ``input`` ``(C)``, ``(N, C)`` or ``(N, C, d1, ...)``,
    ``target`` without the class dim.

    Examples:
        >>> import torch
        >>> logits = torch.tensor(
        ...     [[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2], [1.0, 0.2, 0.3, 3.0]]
        ... )
        >>> poly1_loss(logits, torch.tensor([0, 1, 3]))
        tensor(0.9559)
    """
    how = resolve_reduction(reduction)
    check_floating("input", input)
    check_tensor("target", target)
    epsilon = check_number("epsilon", epsilon, low=-1.0)
    class_dim = _check_index_target(input, target, ignore_index)
    keep = target != ignore_index
    log_probs = F.log_softmax(input, dim=class_dim)
    log_p_t = _gather_classes(log_probs, torch.where(keep, target, 0).long(), class_dim)
    # 1 − p_t = −expm1(log p_t): no cancellation in 1 − exp(·) when p_t is close to 1.
    loss = torch.where(keep, -log_p_t - epsilon * torch.expm1(log_p_t), 0)
    if how == "mean":
        return loss.sum() / keep.sum()
    return apply_reduction(loss, how)
    # --8<-- [end:poly1_loss]
