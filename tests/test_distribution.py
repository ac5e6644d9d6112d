"""KL divergence against torch.nn.functional.kl_div: values, gradients, signature, gradcheck."""

from __future__ import annotations

import warnings
from contextlib import nullcontext

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor

import lossref
from tests._parity import (
    DTYPES,
    LEGACY_REDUCTIONS,
    assert_matches,
    call_legacy,
    generator,
    parameter_table,
)

SHAPES = {"vector": (5,), "batch": (4, 5), "batch_3d": (3, 2, 5)}


def distributions(
    shape: tuple[int, ...], dtype: torch.dtype, log_target: bool
) -> dict[str, Tensor]:
    """Model log-probabilities and target (log-)probabilities over the last dim."""
    g = generator(len(shape))
    input = torch.randn(shape, generator=g, dtype=dtype).log_softmax(-1)
    target = torch.randn(shape, generator=g, dtype=dtype).softmax(-1)
    return {"input": input, "target": target.log() if log_target else target}


def test_signature_is_torchs() -> None:
    assert parameter_table(lossref.kl_div) == parameter_table(F.kl_div)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["batchmean", "sum", "none"])
@pytest.mark.parametrize("log_target", [False, True])
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
def test_matches_torch(
    shape: tuple[int, ...], log_target: bool, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.kl_div,
        F.kl_div,
        distributions(shape, dtype, log_target),
        ("input", "target"),
        reduction=reduction,
        log_target=log_target,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("log_target", [False, True])
def test_mean_matches_torch_and_warns(log_target: bool, dtype: torch.dtype) -> None:
    tensors = distributions((4, 5), dtype, log_target)
    with pytest.warns(UserWarning, match="use reduction='batchmean'"):
        assert_matches(
            lossref.kl_div,
            F.kl_div,
            tensors,
            ("input", "target"),
            reduction="mean",
            log_target=log_target,
        )


def test_only_mean_warns() -> None:
    tensors = distributions((4, 5), torch.float64, False)
    with pytest.warns(UserWarning, match="not the KL divergence"):
        lossref.kl_div(**tensors)  # the default reduction is 'mean'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for reduction in ("batchmean", "sum", "none"):
            lossref.kl_div(**tensors, reduction=reduction)


@pytest.mark.parametrize("log_target", [False, True])
def test_batchmean_is_the_divergence(log_target: bool) -> None:
    """Σ over classes of t·(log t − x), averaged over the batch: the textbook KL per sample."""
    tensors = distributions((4, 5), torch.float64, log_target)
    log_p = tensors["input"]
    log_t = tensors["target"] if log_target else tensors["target"].log()
    per_sample = (log_t.exp() * (log_t - log_p)).sum(-1)
    got = lossref.kl_div(**tensors, reduction="batchmean", log_target=log_target)
    torch.testing.assert_close(got, per_sample.mean())


def test_batchmean_of_a_scalar_is_the_sum() -> None:
    x, t = torch.tensor(-0.5, dtype=torch.float64), torch.tensor(0.3, dtype=torch.float64)
    torch.testing.assert_close(
        lossref.kl_div(x, t, reduction="batchmean"), F.kl_div(x, t, reduction="batchmean")
    )


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
def test_deprecated_arguments(
    size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    tensors = distributions((4, 5), torch.float64, False)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(F.kl_div, **tensors, **legacy)
    resolves_to_mean = size_average is not False and reduce is not False
    mean_warning = (
        pytest.warns(UserWarning, match="batchmean") if resolves_to_mean else nullcontext()
    )
    with (
        pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"),
        mean_warning,
    ):
        got = lossref.kl_div(**tensors, **legacy)
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("reduction", ["batchmean", "sum", "none"])
@pytest.mark.parametrize("log_target", [False, True])
def test_gradcheck(log_target: bool, reduction: str) -> None:
    tensors = distributions((3, 4), torch.float64, log_target)  # target > 0: away from t·log t at 0
    assert torch.autograd.gradcheck(
        lambda x, t: lossref.kl_div(x, t, reduction=reduction, log_target=log_target),
        (tensors["input"].requires_grad_(), tensors["target"].requires_grad_()),
    )
