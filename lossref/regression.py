"""Regression losses: L1, MSE, smooth L1, Huber, log-cosh, quantile (pinball), and the
Poisson and Gaussian negative log-likelihoods.

Each function takes a prediction ``input`` and a ``target`` of the same shape ``(*)`` and
returns a scalar, or a tensor of shape ``(*)`` with ``reduction='none'`` (``gaussian_nll_loss``
also takes ``var``; ``quantile_loss`` with Q levels takes ``input`` of shape ``(*, Q)``). Names,
signatures and defaults are those of ``torch.nn.functional`` where torch has the loss; unlike
torch, differing shapes are refused instead of broadcast.
"""

# --8<-- [start:imports]
from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import torch
from torch import Tensor

from lossref._checks import (
    check_floating,
    check_non_negative,
    check_number,
    check_open_unit_interval,
    check_same_shape,
    check_weight_like,
    resolve_reduction,
)
from lossref._reduction import apply_reduction, apply_weighted_reduction

# --8<-- [end:imports]

__all__ = [
    "gaussian_nll_loss",
    "huber_loss",
    "l1_loss",
    "log_cosh_loss",
    "mse_loss",
    "poisson_nll_loss",
    "quantile_loss",
    "smooth_l1_loss",
]


def _checked_error(input: Tensor, target: Tensor) -> None:
    """Both floating point, the same shape: ``input - target`` is then an element-wise error."""
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)


# --8<-- [start:error_loss]
ErrorFunction = Callable[[Tensor], Tensor]


class _ErrorLoss(torch.autograd.Function):
    """``ℓ(e)`` of the error ``e = input − target``, element-wise, with ``ℓ′(e)`` as backward.

    Autograd would keep every intermediate of ``ℓ`` for the backward pass; here backward
    recomputes ``e`` from the saved inputs and applies the derivative written on the page, so
    forward plus backward holds one or two extra tensors at a time. ``loss_of`` and
    ``derivative_of`` receive a fresh ``e`` that they may overwrite in place.
    """

    @staticmethod
    def forward(
        ctx: Any,
        input: Tensor,
        target: Tensor,
        loss_of: ErrorFunction,
        derivative_of: ErrorFunction,
    ) -> Tensor:
        ctx.save_for_backward(input, target)
        ctx.derivative_of = derivative_of
        return loss_of(input - target)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor | None, Tensor | None, None, None]:
        input, target = ctx.saved_tensors
        grad_input = ctx.derivative_of(input - target).mul_(grad)  # ∂l/∂x = ℓ′(e)·upstream
        grad_target = -grad_input if ctx.needs_input_grad[1] else None  # ∂l/∂y = −∂l/∂x
        return grad_input, grad_target, None, None


def _error_loss(
    input: Tensor, target: Tensor, loss_of: ErrorFunction, derivative_of: ErrorFunction
) -> Tensor:
    loss: Tensor = _ErrorLoss.apply(input, target, loss_of, derivative_of)  # type: ignore[no-untyped-call]
    return loss


def _huber(error: Tensor, delta: float) -> Tensor:
    """``½·z² + δ·(|e| − z)`` with ``z = min(|e|, δ)``: the quadratic piece inside ``±δ``
    (where ``|e| − z = 0``) and the linear one outside, in one expression, so neither piece is
    evaluated where it does not apply. Overwrites ``error``."""
    abs_error = error.abs_()
    inner = abs_error.clamp(max=delta)
    linear = abs_error.sub_(inner).mul_(delta)
    return inner.square_().mul_(0.5).add_(linear)


def _smooth_l1(error: Tensor, beta: float) -> Tensor:
    """``½·z²/β + (|e| − z)`` with ``z = min(|e|, β)``: Huber_β / β, divided in this order so
    that a tiny β (even a denormal one) cannot overflow. Overwrites ``error``."""
    abs_error = error.abs_()
    inner = abs_error.clamp(max=beta)
    linear = abs_error.sub_(inner)
    return inner.square_().mul_(0.5).div_(beta).add_(linear)


def _clamped(error: Tensor, limit: float, divisor: float = 1.0) -> Tensor:
    """``clamp(e / divisor, −limit, limit)``. Overwrites ``error``."""
    if divisor != 1.0:
        error = error.div_(divisor)
    return error.clamp_(-limit, limit)
    # --8<-- [end:error_loss]


def _reduced(loss: Tensor, how: str, weight: Tensor | None, input: Tensor) -> Tensor:
    """The reduction, weighted (``Σ wᵢ·lᵢ / Σ wᵢ`` for ``'mean'``) when ``weight`` is given."""
    if weight is None:
        return apply_reduction(loss, how)
    check_weight_like("weight", weight, input)
    return apply_weighted_reduction(loss, weight, how)


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
    _checked_error(input, target)
    # ℓ(e) = |e|, ℓ′(e) = sign(e) (0 at e = 0, as in torch)
    loss = _error_loss(input, target, Tensor.abs_, Tensor.sign_)
    return _reduced(loss, how, weight, input)
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
    _checked_error(input, target)
    # ℓ(e) = e², ℓ′(e) = 2e
    loss = _error_loss(input, target, Tensor.square_, partial(Tensor.mul_, other=2))
    return _reduced(loss, how, weight, input)
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
    _checked_error(input, target)
    if beta == 0.0:
        return l1_loss(input, target, reduction=how)
    # ℓ′(e) = e/β inside ±β, sign(e) outside: clamp(e/β, −1, 1)
    loss_of = partial(_smooth_l1, beta=beta)
    derivative_of = partial(_clamped, limit=1.0, divisor=beta)
    loss = _error_loss(input, target, loss_of, derivative_of)
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
    _checked_error(input, target)
    # ℓ′(e) = e inside ±δ, δ·sign(e) outside: clamp(e, −δ, δ)
    loss_of = partial(_huber, delta=delta)
    derivative_of = partial(_clamped, limit=delta)
    loss = _error_loss(input, target, loss_of, derivative_of)
    if weight is not None:
        check_weight_like("weight", weight, input)
        loss = loss * weight
    return apply_reduction(loss, how)
    # --8<-- [end:huber_loss]


# --8<-- [start:poisson_nll_loss]
def poisson_nll_loss(
    input: Tensor,
    target: Tensor,
    log_input: bool = True,
    full: bool = False,
    size_average: bool | None = None,
    eps: float = 1e-8,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Poisson negative log-likelihood of the counts ``target`` under the predicted rate λ.

    With ``log_input=True`` (default) ``input`` is ``log λ`` and ``lᵢ = exp(xᵢ) − yᵢ·xᵢ``; with
    ``log_input=False`` it is ``λ ≥ 0`` itself and ``lᵢ = xᵢ − yᵢ·log(xᵢ + eps)``. The term
    ``log(yᵢ!)``, constant in λ, is left out; ``full=True`` adds Stirling's approximation of it,
    ``yᵢ·log yᵢ − yᵢ + ½·log(2π·yᵢ)``, where ``yᵢ > 1`` only (as torch; 0 where ``yᵢ ≤ 1``).
    Shapes: ``input`` and ``target`` ``(*)``, the same; ``target`` non-negative.

    Reference: Nelder & Wedderburn, "Generalized Linear Models", J. R. Statist. Soc. A 135(3),
    1972 (the Poisson model with a log link).

    Examples:
        >>> import torch
        >>> poisson_nll_loss(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
        tensor(0.8591)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    eps = check_number("eps", eps, low=0.0)
    check_non_negative("target", target, "A Poisson target is a count (or a non-negative rate).")
    if log_input:
        loss = input.exp() - target * input
    else:
        check_non_negative(
            "input",
            input,
            "With log_input=False, input is the rate itself; pass its log with log_input=True.",
        )
        loss = input - target * torch.log(input + eps)
    if full:
        # Stirling's log(y!) ≈ y·log y − y + ½·log(2πy), added where y > 1. Elsewhere y is
        # replaced by 1 before the logs, so log 0 never enters the graph (no NaN gradient).
        counted = target > 1
        y = torch.where(counted, target, torch.ones_like(target))
        stirling = y * y.log() - y + 0.5 * torch.log(2 * math.pi * y)
        loss = loss + torch.where(counted, stirling, torch.zeros_like(stirling))
    return apply_reduction(loss, how)
    # --8<-- [end:poisson_nll_loss]


# --8<-- [start:gaussian_nll_loss]
def _homoscedastic_var(var: Tensor, input: Tensor) -> Tensor:
    """``var`` shaped to broadcast against ``input`` as torch allows, or a ``ValueError``."""
    if var.shape == input.shape:  # one variance per prediction
        return var
    if input.dim() > 0 and var.shape == input.shape[:-1]:  # one per row of the last dim
        return var.unsqueeze(-1)
    if var.dim() == input.dim():
        differ = [d for d in range(input.dim()) if var.shape[d] != input.shape[d]]
        if len(differ) == 1 and var.shape[differ[0]] == 1:  # shared along one dim
            return var
    raise ValueError(
        f"var must have the shape of input {tuple(input.shape)}, that shape without its last "
        f"dimension {tuple(input.shape[:-1])}, or that shape with one dimension of size 1 "
        f"(a variance shared along it); got var {tuple(var.shape)}."
    )


def gaussian_nll_loss(
    input: Tensor,
    target: Tensor,
    var: Tensor | float,
    full: bool = False,
    eps: float = 1e-6,
    reduction: str = "mean",
) -> Tensor:
    """Gaussian negative log-likelihood of ``target`` under the mean ``input`` and variance
    ``var``: ``lᵢ = ½·(log vᵢ + (xᵢ − yᵢ)²/vᵢ)`` with ``vᵢ = max(varᵢ, eps)``; ``full=True``
    adds the constant ``½·log(2π)``.

    Shapes: ``input`` and ``target`` ``(*)``, the same (torch would broadcast them); ``var`` has
    the shape of ``input``, or that shape without its last dimension or with one dimension of
    size 1 (a variance shared along it), or is a non-negative number. As in torch, the clamp at
    ``eps`` is invisible to autograd: where ``var < eps`` the gradient is the one at ``eps``.

    Reference: Nix & Weigend, "Estimating the Mean and Variance of the Target Probability
    Distribution", ICNN 1994.

    Examples:
        >>> import torch
        >>> mean, target = torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])
        >>> gaussian_nll_loss(mean, target, torch.tensor([1.0, 4.0]))
        tensor(0.4716)
    """
    how = resolve_reduction(reduction)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    eps = check_number("eps", eps, low=0.0)
    if isinstance(var, Tensor):
        check_floating("var", var)
        var = _homoscedastic_var(var, input)
    else:
        var = torch.full_like(input, check_number("var", var, low=0.0))
    hint = "var is a variance; make a network's output positive with softplus or exp."
    check_non_negative("var", var, hint)
    # The value uses max(var, eps); the gradient goes to var as if there were no clamp
    # (var − var.detach() is 0 with gradient 1), which is what torch's in-place clamp does.
    var = var.clamp(min=eps).detach() + (var - var.detach())
    loss = 0.5 * (var.log() + (input - target).square() / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return apply_reduction(loss, how)
    # --8<-- [end:gaussian_nll_loss]


# --8<-- [start:log_cosh_loss]
def log_cosh_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Log-cosh loss: ``lᵢ = log(cosh(xᵢ − yᵢ))``, about ``e²/2`` for small errors and
    ``|e| − log 2`` for large ones; its derivative is ``tanh(e)``.

    Computed as ``|e| + log(1 + exp(−2|e|)) − log 2``, finite for any error (``cosh`` itself
    overflows float32 beyond ``|e| ≈ 89``). Shapes: ``input`` and ``target`` ``(*)``, the same.

    Reference: Saleh & Saleh, "Statistical Properties of the log-cosh Loss Function Used in
    Machine Learning", arXiv:2208.04564, 2022.

    Examples:
        >>> import torch
        >>> log_cosh_loss(torch.tensor([0.0, 1.0, 100.0]), torch.zeros(3), reduction="none")
        tensor([ 0.0000,  0.4338, 99.3069])
    """
    how = resolve_reduction(reduction)
    check_floating("input", input)
    check_floating("target", target)
    check_same_shape(input, target)
    abs_error = (input - target).abs()
    # cosh(e) = e^|e|·(1 + e^(−2|e|))/2, so log cosh e = |e| + log(1 + e^(−2|e|)) − log 2:
    # the only exponential has a non-positive exponent, and log1p keeps it accurate.
    loss = abs_error + torch.log1p(torch.exp(-2 * abs_error)) - math.log(2.0)
    return apply_reduction(loss, how)
    # --8<-- [end:log_cosh_loss]


# --8<-- [start:quantile_loss]
def quantile_loss(
    input: Tensor,
    target: Tensor,
    quantiles: float | Tensor = 0.5,
    reduction: str = "mean",
) -> Tensor:
    """Quantile (pinball) loss: ``ρ_τ(u) = max(τ·u, (τ − 1)·u)`` with ``u = y − ŷ``, the
    residual of the prediction ``ŷ`` (``input``) for the level ``τ``.

    Shapes: with one level (a number or a 0-D tensor, default 0.5: the median), ``input`` and
    ``target`` are ``(*)``, the same. With Q levels (a 1-D tensor), ``input`` is ``(*, Q)``,
    one prediction per level, and ``target`` is ``(*)``; ``'none'`` returns ``(*, Q)`` and
    ``'mean'`` averages over the elements and the levels. Levels lie in ``(0, 1)``.

    Reference: Koenker & Bassett, "Regression Quantiles", Econometrica 46(1), 1978.

    Examples:
        >>> import torch
        >>> target = torch.tensor([10.0, 10.0])
        >>> quantile_loss(torch.tensor([8.0, 12.0]), target, quantiles=0.9, reduction="none")
        tensor([1.8000, 0.2000])
    """
    how = resolve_reduction(reduction)
    check_floating("input", input)
    check_floating("target", target)
    quantiles = check_open_unit_interval("quantiles", quantiles)
    if isinstance(quantiles, Tensor) and quantiles.dim() == 1:  # Q levels
        expected = (*target.shape, quantiles.numel())
        if input.shape != expected:
            raise ValueError(
                f"input must have shape {expected}: target's shape {tuple(target.shape)} and "
                f"one prediction for each of the {quantiles.numel()} quantile levels; got "
                f"input {tuple(input.shape)}."
            )
        target = target.unsqueeze(-1)  # every level's prediction against the same target
    else:
        check_same_shape(input, target)
    if isinstance(quantiles, Tensor):
        quantiles = quantiles.to(input.dtype)
    # ρ_τ(y − ŷ) = max(τ·(y − ŷ), (τ − 1)·(y − ŷ)), written with the error e = ŷ − y: a
    # prediction too high costs 1 − τ per unit, one too low τ per unit.
    error = input - target
    loss = torch.maximum((1 - quantiles) * error, -quantiles * error)
    return apply_reduction(loss, how)
    # --8<-- [end:quantile_loss]
