"""Regression losses against torch.nn.functional: values, gradients, signatures, gradcheck."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
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


@pytest.mark.parametrize("name", ["l1_loss", "mse_loss", "huber_loss"])
def test_gradcheck_with_weight(name: str) -> None:
    target = torch.linspace(-1, 1, ERRORS.numel(), dtype=torch.float64)
    prediction = (target + ERRORS).requires_grad_()
    weight = torch.linspace(0.2, 2.0, ERRORS.numel(), dtype=torch.float64).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradcheck(
        lambda x, w: function(x, target, weight=w), (prediction, weight)
    )
