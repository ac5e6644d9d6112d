"""Regression losses against torch.nn.functional: values, gradients, signatures, gradcheck."""

from __future__ import annotations

import math
import re

import mpmath
import pytest
import torch
import torch.nn.functional as F
from sklearn.metrics import mean_pinball_loss
from torch import Tensor

import lossref
from tests._parity import (
    DTYPES,
    LEGACY_REDUCTIONS,
    REDUCTIONS,
    assert_matches,
    call_legacy,
    generator,
    parameter_table,
)

NAMES = ("l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss")
SHAPES = ((), (7,), (3, 4), (2, 3, 2))


def pair(shape: tuple[int, ...], dtype: torch.dtype, seed: int) -> dict[str, Tensor]:
    g = generator(seed)
    # Scaled so that errors fall on both sides of beta/delta in {0.5, 1, 2}.
    return {
        "input": 2 * torch.randn(shape, generator=g, dtype=dtype),
        "target": 2 * torch.randn(shape, generator=g, dtype=dtype),
    }


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", ["l1_loss", "mse_loss"])
def test_l1_mse_match_torch(
    name: str, shape: tuple[int, ...], reduction: str, dtype: torch.dtype
) -> None:
    tensors = pair(shape, dtype, seed=len(shape))
    assert_matches(
        getattr(lossref, name),
        getattr(F, name),
        tensors,
        ("input", "target"),
        reduction=reduction,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "huber_loss"])
def test_element_weight_matches_torch(name: str, reduction: str, dtype: torch.dtype) -> None:
    tensors = pair((4, 5), dtype, seed=1)
    tensors["weight"] = torch.rand((4, 5), generator=generator(2), dtype=dtype) + 0.1
    assert_matches(
        getattr(lossref, name),
        getattr(F, name),
        tensors,
        ("input", "target"),
        reduction=reduction,
    )


def test_weighted_mean_conventions_differ() -> None:
    """mse/l1 divide by Σw, huber by the element count (torch's conventions, kept as they are)."""
    x, y = torch.tensor([0.0, 0.0]), torch.tensor([1.0, 3.0])
    w = torch.tensor([1.0, 3.0])
    assert lossref.l1_loss(x, y, weight=w).item() == pytest.approx((1 + 9) / 4)
    assert lossref.mse_loss(x, y, weight=w).item() == pytest.approx((1 + 27) / 4)
    # Huber δ=1: terms 0.5 and 2.5, weighted 0.5 and 7.5, mean over 2 elements.
    assert lossref.huber_loss(x, y, weight=w).item() == pytest.approx(4.0)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("beta", [0.0, 0.5, 1.0, 2.0])
@pytest.mark.parametrize("shape", [(3, 4), ()])
def test_smooth_l1_matches_torch(
    shape: tuple[int, ...], beta: float, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.smooth_l1_loss,
        F.smooth_l1_loss,
        pair(shape, dtype, seed=3),
        ("input", "target"),
        reduction=reduction,
        beta=beta,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("delta", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("shape", [(3, 4), ()])
def test_huber_matches_torch(
    shape: tuple[int, ...], delta: float, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.huber_loss,
        F.huber_loss,
        pair(shape, dtype, seed=4),
        ("input", "target"),
        reduction=reduction,
        delta=delta,
    )


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "smooth_l1_loss"])
def test_deprecated_size_average_and_reduce(
    name: str, size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    tensors = pair((3, 4), torch.float64, seed=5)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(getattr(F, name), **tensors, **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = getattr(lossref, name)(**tensors, **legacy)
    torch.testing.assert_close(got, expected)


# Errors kept at least 0.1 away from the kinks at 0 and at ±beta / ±delta (0.5, 1 and 2).
ERRORS = torch.tensor([-2.3, -0.6, -0.2, 0.3, 0.7, 1.9], dtype=torch.float64)


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("l1_loss", {}),
        ("mse_loss", {}),
        ("smooth_l1_loss", {"beta": 1.0}),
        ("smooth_l1_loss", {"beta": 2.0}),
        ("smooth_l1_loss", {"beta": 0.0}),
        ("huber_loss", {"delta": 1.0}),
        ("huber_loss", {"delta": 0.5}),
    ],
)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_gradcheck(name: str, settings: dict[str, object], reduction: str) -> None:
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64).requires_grad_()
    prediction = (target.detach() + ERRORS).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradcheck(
        lambda x, y: function(x, y, reduction=reduction, **settings), (prediction, target)
    )


@pytest.mark.parametrize(
    ("name", "settings"),
    [("mse_loss", {}), ("smooth_l1_loss", {"beta": 0.5}), ("huber_loss", {"delta": 0.5})],
)
def test_second_derivative(name: str, settings: dict[str, object]) -> None:
    """The backward of the custom autograd Function (the page's gradient) is itself
    differentiable, as torch's is: gradients of gradients, for both tensors."""
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64).requires_grad_()
    prediction = (target.detach() + ERRORS).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradgradcheck(
        lambda x, y: function(x, y, reduction="none", **settings), (prediction, target)
    )


@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "huber_loss"])
def test_gradcheck_with_weight(name: str) -> None:
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64)
    prediction = (target + ERRORS).requires_grad_()
    weight = torch.linspace(0.2, 2.0, ERRORS.numel(), dtype=torch.float64).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradcheck(
        lambda x, w: function(x, target, weight=w), (prediction, weight)
    )


# ======================================================================================
# poisson_nll_loss, gaussian_nll_loss, log_cosh_loss, quantile_loss
# ======================================================================================

LIKELIHOOD_NAMES = ("poisson_nll_loss", "gaussian_nll_loss")


@pytest.mark.parametrize("name", LIKELIHOOD_NAMES)
def test_likelihood_signatures_are_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


# ------------------------------------------------------------------------ poisson_nll_loss


def counts(dtype: torch.dtype, seed: int, shape: tuple[int, ...] = (3, 4)) -> dict[str, Tensor]:
    """Rates or log-rates in (0.05, 3.05) and counts 0..6, with 0, 1 and 2 always present (the
    Stirling term applies to counts above 1 only)."""
    g = generator(seed)
    target = torch.randint(0, 7, shape, generator=g).to(dtype)
    target.view(-1)[:3] = torch.tensor([0.0, 1.0, 2.0], dtype=dtype)
    return {"input": 0.05 + 3 * torch.rand(shape, generator=g, dtype=dtype), "target": target}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("log_input", [True, False])
def test_poisson_matches_torch(
    log_input: bool, full: bool, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.poisson_nll_loss,
        F.poisson_nll_loss,
        counts(dtype, seed=11),
        ("input",),
        log_input=log_input,
        full=full,
        reduction=reduction,
    )


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("log_input", [True, False])
def test_poisson_target_gradient_matches_torch(log_input: bool, full: bool) -> None:
    """Positive targets, whole and fractional, on both sides of 1: torch's gradient w.r.t. the
    target is NaN at a zero target with full=True, so zero is left to the next test."""
    tensors = counts(torch.float64, seed=12)
    tensors["target"] = torch.tensor([[0.3, 1.0, 1.5, 2.0], [3.0, 0.9, 4.2, 6.0]])
    tensors["target"] = tensors["target"].double()
    tensors["input"] = tensors["input"][:2]
    assert_matches(
        lossref.poisson_nll_loss,
        F.poisson_nll_loss,
        tensors,
        ("input", "target"),
        log_input=log_input,
        full=full,
        reduction="sum",
    )


def test_poisson_target_gradient_is_finite_at_zero_counts() -> None:
    target = torch.tensor([0.0, 1.0, 3.0], dtype=torch.float64, requires_grad=True)
    lossref.poisson_nll_loss(torch.zeros(3, dtype=torch.float64), target, full=True).backward()
    assert target.grad is not None
    # ∂l/∂y = −x (here 0) plus, where y > 1, log y + 1/(2y): only the count 3 gets it.
    torch.testing.assert_close(
        target.grad, torch.tensor([0.0, 0.0, (math.log(3) + 1 / 6) / 3], dtype=torch.float64)
    )


def test_poisson_stirling_term_only_above_one() -> None:
    """log-rate 0 (λ = 1): every term of the plain loss is exp(0) − y·0 = 1. full=True adds
    y·log y − y + ½·log(2πy) where y > 1 only:
      y = 0, 1: nothing;
      y = 2: 2·0.693147 − 2 + ½·log(4π) = 1.386294 − 2 + 1.265512 = 0.651806;
      y = 3: 3·1.098612 − 3 + ½·log(6π) = 3.295837 − 3 + 1.468244 = 1.764081,
    close to log 2! = 0.693147 and log 3! = 1.791759."""
    target = torch.tensor([0.0, 1.0, 2.0, 3.0], dtype=torch.float64)
    log_rate = torch.zeros(4, dtype=torch.float64)
    plain = lossref.poisson_nll_loss(log_rate, target, reduction="none")
    full = lossref.poisson_nll_loss(log_rate, target, full=True, reduction="none")
    torch.testing.assert_close(plain, torch.ones(4, dtype=torch.float64))
    expected = torch.tensor([1.0, 1.0, 1.651806, 2.764081], dtype=torch.float64)
    torch.testing.assert_close(full, expected, rtol=0, atol=1e-6)
    # A fractional count in (1, 2] gets the term too, one at or below 1 does not (as in torch).
    fractional = torch.tensor([0.5, 1.0, 1.5], dtype=torch.float64)
    added = lossref.poisson_nll_loss(
        log_rate[:3], fractional, full=True, reduction="none"
    ) - lossref.poisson_nll_loss(log_rate[:3], fractional, reduction="none")
    assert added[0] == 0
    assert added[1] == 0
    assert added[2] != 0


def test_poisson_hand_values() -> None:
    """log_input=True: exp(0) − 1·0 = 1 and exp(1) − 2·1 = 0.718282, mean 0.859141.
    log_input=False, rates 1 and 4 for counts 1 and 2: 1 − 1·log 1 = 1 and
    4 − 2·log 4 = 4 − 2.772589 = 1.227411 (eps=1e-8 changes the 7th decimal at most)."""
    x, y = torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0])
    torch.testing.assert_close(lossref.poisson_nll_loss(x, y), torch.tensor(0.859141))
    rates = torch.tensor([1.0, 4.0])
    torch.testing.assert_close(
        lossref.poisson_nll_loss(rates, y, log_input=False, reduction="none"),
        torch.tensor([1.0, 1.227411]),
    )


def test_poisson_eps_only_without_log_input() -> None:
    """Rate 0 for count 2: 0 − 2·log(0 + eps) = −2·log(1e-8) = 36.841361; with log_input=True
    eps is not used at all."""
    zero, two = torch.zeros(1, dtype=torch.float64), torch.full((1,), 2.0, dtype=torch.float64)
    value = lossref.poisson_nll_loss(zero, two, log_input=False)
    torch.testing.assert_close(value, torch.tensor(36.841361, dtype=torch.float64))
    assert lossref.poisson_nll_loss(zero, two, log_input=False, eps=1e-4) != value
    assert lossref.poisson_nll_loss(zero, two, eps=0.5) == lossref.poisson_nll_loss(zero, two)


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
def test_poisson_deprecated_size_average_and_reduce(
    size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    tensors = counts(torch.float64, seed=13)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(F.poisson_nll_loss, **tensors, **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = lossref.poisson_nll_loss(**tensors, **legacy)
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("log_input", [True, False])
def test_poisson_gradcheck(log_input: bool, full: bool) -> None:
    g = generator(14)
    prediction = (0.2 + torch.rand(6, generator=g, dtype=torch.float64)).requires_grad_()
    target = torch.tensor([0.4, 1.3, 2.0, 3.5, 5.0, 0.8], dtype=torch.float64)
    assert torch.autograd.gradcheck(
        lambda x, y: lossref.poisson_nll_loss(x, y, log_input=log_input, full=full),
        (prediction, target.requires_grad_()),
    )


def test_poisson_empty_input_matches_torch() -> None:
    empty = torch.zeros(0, 3)
    for reduction in REDUCTIONS:
        torch.testing.assert_close(
            lossref.poisson_nll_loss(empty, empty, reduction=reduction),
            F.poisson_nll_loss(empty, empty, reduction=reduction),
            equal_nan=True,
        )


@pytest.mark.parametrize(
    ("arguments", "settings", "error", "message"),
    [
        (([0.5, 1.0], [1.0, -2.0]), {}, ValueError, r"target must be non-negative; found min -2"),
        (
            ([0.5, -1.0], [1.0, 2.0]),
            {"log_input": False},
            ValueError,
            r"input must be non-negative; found min -1\. With log_input=False.*log_input=True",
        ),
        (([0.5, 1.0], [1.0, 2.0]), {"eps": -1e-8}, ValueError, r"eps must be in \[0, inf\]"),
        (([0.5, 1.0], [1.0, 2.0]), {"eps": "1e-8"}, TypeError, "eps must be a real number"),
    ],
)
def test_poisson_errors(
    arguments: tuple[list[float], list[float]],
    settings: dict[str, object],
    error: type[Exception],
    message: str,
) -> None:
    input, target = (torch.tensor(values) for values in arguments)
    with pytest.raises(error, match=message):
        lossref.poisson_nll_loss(input, target, **settings)  # type: ignore[arg-type]


def test_poisson_negative_log_rates_are_fine() -> None:
    """With log_input=True the input is log λ: any real number."""
    value = lossref.poisson_nll_loss(torch.tensor([-2.0, 0.0]), torch.tensor([0.0, 1.0]))
    torch.testing.assert_close(value, torch.tensor((math.exp(-2) + 1) / 2))


# ----------------------------------------------------------------------- gaussian_nll_loss

# var shapes against input (3, 4): torch's four cases, and a float.
VAR_SHAPES = {
    "same": (3, 4),
    "one fewer dim": (3,),
    "last dim 1": (3, 1),
    "first dim 1": (1, 4),
}


def gaussian(dtype: torch.dtype, var_shape: tuple[int, ...], seed: int) -> dict[str, Tensor]:
    """Means and targets (3, 4); variances in (0.1, 2.1), with a zero and one below eps."""
    g = generator(seed)
    var = 0.1 + 2 * torch.rand(var_shape, generator=g, dtype=dtype)
    if var.numel() >= 3:
        var.view(-1)[1:3] = torch.tensor([0.0, 1e-7], dtype=dtype)  # clamped to eps = 1e-6
    return {
        "input": torch.randn(3, 4, generator=g, dtype=dtype),
        "target": torch.randn(3, 4, generator=g, dtype=dtype),
        "var": var,
    }


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("var_shape", list(VAR_SHAPES.values()), ids=list(VAR_SHAPES))
def test_gaussian_matches_torch(
    var_shape: tuple[int, ...], full: bool, reduction: str, dtype: torch.dtype
) -> None:
    # float32: the clamped variances give gradients of order 1/eps² = 1e12, which float32
    # computes to its usual relative precision; they are checked there too.
    assert_matches(
        lossref.gaussian_nll_loss,
        F.gaussian_nll_loss,
        gaussian(dtype, var_shape, seed=21),
        ("input", "target", "var"),
        full=full,
        reduction=reduction,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("var", [0.5, 0.0, 2])
def test_gaussian_number_var_matches_torch(var: float, dtype: torch.dtype) -> None:
    tensors = gaussian(dtype, (3, 4), seed=22)
    del tensors["var"]
    ours, (grad,) = assert_matches(
        lambda **kw: lossref.gaussian_nll_loss(var=var, **kw),
        lambda **kw: F.gaussian_nll_loss(var=float(var), **kw),
        tensors,
        ("input",),
    )
    assert torch.isfinite(ours)
    assert torch.isfinite(grad).all()


def test_gaussian_clamp_passes_the_gradient_at_eps() -> None:
    """var = 0 and var = 1e-9 are used as eps = 1e-6, and their gradient is the one at eps,
    ½·(1/eps − e²/eps²) with e = 1: ½·(1e6 − 1e12) = −499999500000, as in torch (whose clamp is
    invisible to autograd). torch.clamp would give them a zero gradient instead."""
    mean, target = torch.ones(3, dtype=torch.float64), torch.zeros(3, dtype=torch.float64)
    ours = torch.tensor([0.0, 1e-9, 0.5], dtype=torch.float64, requires_grad=True)
    theirs = ours.detach().clone().requires_grad_()
    lossref.gaussian_nll_loss(mean, target, ours, reduction="sum").backward()
    F.gaussian_nll_loss(mean, target, theirs, reduction="sum").backward()
    assert ours.grad is not None
    torch.testing.assert_close(ours.grad, theirs.grad)
    at_eps = 0.5 * (1 / 1e-6 - 1 / 1e-12)
    assert at_eps == pytest.approx(-499999500000.0)
    torch.testing.assert_close(ours.grad[:2], torch.full((2,), at_eps, dtype=torch.float64))
    torch.testing.assert_close(ours.grad[2], torch.tensor(0.5 * (2 - 4), dtype=torch.float64))


def test_gaussian_hand_values() -> None:
    """Means [1, 2], targets [1.5, 1], variances [1, 4]:
    ½·(log 1 + 0.25/1) = 0.125 and ½·(log 4 + 1/4) = ½·(1.386294 + 0.25) = 0.818147;
    mean 0.471574. full=True adds ½·log(2π) = 0.918939 to each: mean 1.390512."""
    mean, target = torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])
    var = torch.tensor([1.0, 4.0])
    torch.testing.assert_close(
        lossref.gaussian_nll_loss(mean, target, var, reduction="none"),
        torch.tensor([0.125, 0.818147]),
    )
    torch.testing.assert_close(lossref.gaussian_nll_loss(mean, target, var), torch.tensor(0.471574))
    torch.testing.assert_close(
        lossref.gaussian_nll_loss(mean, target, var, full=True), torch.tensor(1.390512)
    )


def test_gaussian_gradcheck() -> None:
    g = generator(23)
    mean = torch.randn(3, 4, generator=g, dtype=torch.float64).requires_grad_()
    target = torch.randn(3, 4, generator=g, dtype=torch.float64).requires_grad_()
    var = (0.2 + torch.rand(3, 1, generator=g, dtype=torch.float64)).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, y, v: lossref.gaussian_nll_loss(x, y, v, full=True), (mean, target, var)
    )


@pytest.mark.parametrize(
    ("var", "message"),
    [
        (torch.full((3, 4), -0.5), r"var must be non-negative; found min -0.5\. var is a variance"),
        (-1.0, r"var must be in \[0, inf\]; got -1.0"),
        (torch.ones(4), r"var must have the shape of input \(3, 4\), that shape without its last "),
        (torch.ones(3, 2), r"\(a variance shared along it\); got var \(3, 2\)"),
        (torch.ones(1, 1), r"got var \(1, 1\)"),
        (torch.ones(3, 4, 1), r"got var \(3, 4, 1\)"),
    ],
)
def test_gaussian_var_errors(var: Tensor | float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lossref.gaussian_nll_loss(torch.zeros(3, 4), torch.zeros(3, 4), var)


def test_gaussian_var_type_errors() -> None:
    with pytest.raises(TypeError, match=r"var must be a floating-point tensor .*torch.int64"):
        lossref.gaussian_nll_loss(torch.zeros(3), torch.zeros(3), torch.ones(3, dtype=torch.long))
    with pytest.raises(TypeError, match="var must be a real number; got str"):
        lossref.gaussian_nll_loss(torch.zeros(3), torch.zeros(3), "1")  # type: ignore[arg-type]


def test_gaussian_refuses_what_torch_broadcasts() -> None:
    """torch broadcasts a (3, 1) target against a (3, 4) mean; lossref refuses, naming both."""
    mean, target, var = torch.zeros(3, 4), torch.zeros(3, 1), torch.ones(3, 4)
    assert F.gaussian_nll_loss(mean, target, var).shape == ()
    with pytest.raises(ValueError, match=r"input and target must have the same shape; got input"):
        lossref.gaussian_nll_loss(mean, target, var)


def test_gaussian_eps_is_checked() -> None:
    with pytest.raises(ValueError, match=r"eps must be in \[0, inf\]; got -1e-06"):
        lossref.gaussian_nll_loss(torch.zeros(3), torch.zeros(3), torch.ones(3), eps=-1e-6)


def test_gaussian_module_takes_var_in_forward() -> None:
    mean, target, var = torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0]), torch.tensor([1.0, 4.0])
    module = lossref.nn.GaussianNLLLoss(full=True)
    assert module._inputs == ("input", "target", "var")
    torch.testing.assert_close(
        module(mean, target, var), torch.nn.GaussianNLLLoss(full=True)(mean, target, var)
    )


# --------------------------------------------------------------------------- log_cosh_loss

LOG_COSH_ERRORS = (-1e4, -120.0, -20.0, -3.0, -1.0, -0.3, -1e-3, 0.0, 1e-3, 0.5, 1.0, 4.0, 95.0)


def mp_log_cosh(e: float) -> float:
    """log(cosh(e)) with 50 significant digits."""
    with mpmath.workdps(50):
        return float(mpmath.log(mpmath.cosh(mpmath.mpf(e))))


def mp_tanh(e: float) -> float:
    with mpmath.workdps(50):
        return float(mpmath.tanh(mpmath.mpf(e)))


@pytest.mark.parametrize("dtype", DTYPES)
def test_log_cosh_matches_mpmath(dtype: torch.dtype) -> None:
    """Value and gradient, tanh(e), against 50-digit arithmetic, with a target shifted so that
    the error comes from a difference."""
    error = torch.tensor(LOG_COSH_ERRORS, dtype=torch.float64)
    target = torch.linspace(-2, 2, error.numel(), dtype=torch.float64)
    prediction = (target + error).to(dtype).requires_grad_()
    target = target.to(dtype)
    actual_error = (prediction.detach() - target).double().tolist()  # after rounding to dtype
    loss = lossref.log_cosh_loss(prediction, target, reduction="none")
    (grad,) = torch.autograd.grad(loss.sum(), prediction)
    expected = torch.tensor([mp_log_cosh(e) for e in actual_error], dtype=dtype)
    torch.testing.assert_close(loss.detach(), expected)
    torch.testing.assert_close(grad, torch.tensor([mp_tanh(e) for e in actual_error], dtype=dtype))


def test_log_cosh_hand_values() -> None:
    """log cosh 0 = log 1 = 0; log cosh 1 = log((e + 1/e)/2) = log 1.543081 = 0.433781;
    log cosh 100 = 100 − log 2 + log(1 + e^−200) = 99.306853 (the last term is below 1e-86);
    and log cosh is even. Mean of [0, 0.433781, 99.306853] = 33.246878."""
    prediction = torch.tensor([0.0, 1.0, 100.0, -1.0], dtype=torch.float64)
    values = lossref.log_cosh_loss(prediction, torch.zeros(4, dtype=torch.float64), "none")
    expected = torch.tensor([0.0, 0.433781, 99.306853, 0.433781], dtype=torch.float64)
    torch.testing.assert_close(values, expected, rtol=0, atol=1e-6)
    three = lossref.log_cosh_loss(prediction[:3], torch.zeros(3, dtype=torch.float64))
    torch.testing.assert_close(three, torch.tensor(33.246878, dtype=torch.float64))


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_log_cosh_is_stable_in_float32(sign: float) -> None:
    """At |e| = 1e4 cosh overflows float32 (the naive formula gives inf and a NaN gradient);
    the loss is |e| − log 2 = 9999.307 and its gradient tanh(e) = ±1."""
    prediction = torch.tensor([sign * 1e4], requires_grad=True)
    target = torch.zeros(1)
    naive = torch.log(torch.cosh(prediction))
    (naive_grad,) = torch.autograd.grad(naive.sum(), prediction)
    assert torch.isinf(naive).all()
    assert torch.isnan(naive_grad).all()
    loss = lossref.log_cosh_loss(prediction, target)
    loss.backward()
    torch.testing.assert_close(loss.detach(), torch.tensor(1e4 - math.log(2)))
    assert prediction.grad is not None
    assert prediction.grad.item() == sign


@pytest.mark.parametrize("dtype", DTYPES)
def test_log_cosh_reductions(dtype: torch.dtype) -> None:
    tensors = pair((3, 4), dtype, seed=31)
    none = lossref.log_cosh_loss(**tensors, reduction="none")
    assert none.shape == (3, 4)
    torch.testing.assert_close(lossref.log_cosh_loss(**tensors, reduction="sum"), none.sum())
    torch.testing.assert_close(lossref.log_cosh_loss(**tensors), none.mean())


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_log_cosh_gradcheck(reduction: str) -> None:
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64).requires_grad_()
    prediction = (target.detach() + 10 * ERRORS).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, y: lossref.log_cosh_loss(x, y, reduction=reduction), (prediction, target)
    )


def test_log_cosh_between_half_mse_and_l1() -> None:
    """e²/2 − e⁴/12 ≤ log cosh e ≤ e²/2, and |e| − log 2 ≤ log cosh e ≤ |e|: checked on a grid."""
    e = torch.linspace(-30, 30, 601, dtype=torch.float64)
    value = lossref.log_cosh_loss(e, torch.zeros_like(e), reduction="none")
    assert (value <= e.square() / 2 + 1e-15).all()
    assert (value >= e.square() / 2 - e.pow(4) / 12 - 1e-15).all()
    assert (value >= e.abs() - math.log(2) - 1e-12).all()
    assert (value <= e.abs()).all()


# --------------------------------------------------------------------------- quantile_loss

LEVELS = (0.1, 0.5, 0.9)


def quantile_data(dtype: torch.dtype, seed: int, n: int = 20) -> tuple[Tensor, Tensor]:
    """Predictions (n, 3), one column per level, and targets (n,)."""
    g = generator(seed)
    target = 3 * torch.randn(n, generator=g, dtype=dtype)
    prediction = target.unsqueeze(-1) + 2 * torch.randn(n, len(LEVELS), generator=g, dtype=dtype)
    return prediction, target


@pytest.mark.parametrize("dtype", DTYPES)
def test_quantile_matches_sklearn_per_level(dtype: torch.dtype) -> None:
    """scikit-learn's mean_pinball_loss(y, ŷ, alpha=τ) for each level; 'mean' averages them,
    'sum' adds every term."""
    prediction, target = quantile_data(dtype, seed=41)
    levels = torch.tensor(LEVELS, dtype=dtype)
    terms = lossref.quantile_loss(prediction, target, levels, reduction="none")
    assert terms.shape == prediction.shape
    sklearn_values = [
        mean_pinball_loss(target.numpy(), prediction[:, q].numpy(), alpha=tau)
        for q, tau in enumerate(LEVELS)
    ]
    torch.testing.assert_close(terms.mean(0), torch.tensor(sklearn_values, dtype=dtype))
    mean = lossref.quantile_loss(prediction, target, levels)
    torch.testing.assert_close(mean, torch.tensor(sklearn_values, dtype=dtype).mean())
    total = lossref.quantile_loss(prediction, target, levels, reduction="sum")
    torch.testing.assert_close(total, torch.tensor(sklearn_values, dtype=dtype).sum() * 20)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("tau", LEVELS)
def test_quantile_single_level_matches_sklearn(tau: float, dtype: torch.dtype) -> None:
    """A number (or a 0-D tensor) is one level: input and target of the same shape (4, 5)."""
    g = generator(42)
    prediction = torch.randn(4, 5, generator=g, dtype=dtype)
    target = torch.randn(4, 5, generator=g, dtype=dtype)
    expected = mean_pinball_loss(target.flatten().numpy(), prediction.flatten().numpy(), alpha=tau)
    for level in (tau, torch.tensor(tau, dtype=dtype)):
        torch.testing.assert_close(
            lossref.quantile_loss(prediction, target, level),
            torch.tensor(expected, dtype=dtype),
        )


def test_quantile_hand_values() -> None:
    """Target 10 for all. τ = 0.9: prediction 8 is 2 too low, 0.9·2 = 1.8; prediction 12 is 2
    too high, (1 − 0.9)·2 = 0.2. τ = 0.1 mirrors them: 0.1·2 = 0.2 and 0.9·2 = 1.8.
    Levels (0.1, 0.5, 0.9), predictions (7, 10, 13) for target 10: 0.1·3 = 0.3, 0, 0.1·3 = 0.3;
    mean (0.3 + 0 + 0.3)/3 = 0.2."""
    target = torch.tensor([10.0, 10.0])
    prediction = torch.tensor([8.0, 12.0])
    torch.testing.assert_close(
        lossref.quantile_loss(prediction, target, 0.9, reduction="none"), torch.tensor([1.8, 0.2])
    )
    torch.testing.assert_close(
        lossref.quantile_loss(prediction, target, 0.1, reduction="none"), torch.tensor([0.2, 1.8])
    )
    three = lossref.quantile_loss(
        torch.tensor([[7.0, 10.0, 13.0]]), torch.tensor([10.0]), torch.tensor(LEVELS)
    )
    torch.testing.assert_close(three, torch.tensor(0.2))


def test_quantile_median_is_half_l1() -> None:
    """τ = 0.5 gives ½|y − ŷ|, value and gradient (ties included: both 0 there)."""
    tensors = pair((4, 5), torch.float64, seed=43)
    tensors["input"].view(-1)[:3] = tensors["target"].view(-1)[:3]  # three exact ties
    for reduction in REDUCTIONS:
        assert_matches(
            lossref.quantile_loss,
            lambda **kw: 0.5 * lossref.l1_loss(**kw),
            tensors,
            ("input", "target"),
            reduction=reduction,
        )


def test_quantile_gradient_is_piecewise_constant() -> None:
    """With 'sum', ∂ℓ/∂ŷ = −τ where the prediction is too low (y > ŷ), 1 − τ where it is too
    high, and the average of the two, ½ − τ, at a tie."""
    prediction, target = quantile_data(torch.float64, seed=44)
    prediction[:2] = target[:2].unsqueeze(-1)  # ties in the first two rows
    prediction.requires_grad_()
    levels = torch.tensor(LEVELS, dtype=torch.float64)
    lossref.quantile_loss(prediction, target, levels, reduction="sum").backward()
    low = target.unsqueeze(-1) > prediction.detach()
    high = target.unsqueeze(-1) < prediction.detach()
    tau = levels.expand_as(prediction)
    expected = torch.where(low, -tau, torch.where(high, 1 - tau, 0.5 - tau))
    assert prediction.grad is not None
    torch.testing.assert_close(prediction.grad, expected)
    assert low.any()
    assert high.any()
    assert not (low | high)[:2].any()


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_quantile_gradcheck(reduction: str) -> None:
    """Errors kept away from the kink at 0."""
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64)
    prediction = torch.stack([target + ERRORS, target - ERRORS, target + 2 * ERRORS], dim=-1)
    levels = torch.tensor(LEVELS, dtype=torch.float64)
    assert torch.autograd.gradcheck(
        lambda x, y: lossref.quantile_loss(x, y, levels, reduction=reduction),
        (prediction.requires_grad_(), target.requires_grad_()),
    )


@pytest.mark.parametrize(
    ("quantiles", "error", "message"),
    [
        (0.0, ValueError, r"quantiles must be in \(0, 1\); got 0.0"),
        (1, ValueError, r"quantiles must be in \(0, 1\); got 1.0"),
        (float("nan"), ValueError, r"quantiles must be in \(0, 1\); got nan"),
        (
            torch.tensor([0.1, 1.5]),
            ValueError,
            r"quantiles must hold values in \(0, 1\); found min 0.1 and max 1.5",
        ),
        (torch.tensor([[0.1, 0.9]]), ValueError, r"a non-empty 1-D tensor of levels; got shape"),
        (torch.tensor([]), ValueError, r"got shape \(0,\)"),
        ([0.1, 0.9], TypeError, r"quantiles must be a number in \(0, 1\) .*got list"),
        (True, TypeError, "got bool True"),
        (torch.tensor([1, 2]), TypeError, "quantiles must be a floating-point tensor"),
    ],
)
def test_quantile_level_errors(quantiles: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        lossref.quantile_loss(torch.zeros(4, 2), torch.zeros(4), quantiles)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [(4,), (4, 3), (4, 2, 1), (2, 2)])
def test_quantile_input_shape_for_several_levels(shape: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError,
        match=r"input must have shape \(4, 2\): target's shape \(4,\) and one prediction for "
        r"each of the 2 quantile levels; got input " + re.escape(str(shape)),
    ):
        lossref.quantile_loss(torch.zeros(shape), torch.zeros(4), torch.tensor([0.1, 0.9]))


def test_quantile_module_holds_its_levels() -> None:
    prediction, target = quantile_data(torch.float32, seed=45)
    levels = torch.tensor(LEVELS)
    module = lossref.nn.QuantileLoss(quantiles=levels)
    assert "quantiles" in dict(module.named_buffers())
    expected = lossref.quantile_loss(prediction, target, levels)
    torch.testing.assert_close(module(prediction, target), expected)
    assert repr(lossref.nn.QuantileLoss()) == "QuantileLoss()"
    torch.testing.assert_close(  # the default level is the median
        lossref.nn.QuantileLoss()(prediction[:, 0], target),
        0.5 * lossref.l1_loss(prediction[:, 0], target),
    )
