"""Extreme inputs: huge logits, probabilities exactly 0 and 1, zeros in distributions, empty
masks. Values and gradients must stay finite and equal torch's where torch has the loss."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from monai.losses import FocalLoss
from torch import Tensor

import lossref
from tests._parity import DTYPES, REDUCTIONS, assert_matches, torchvision_sigmoid_focal_loss

BIG = 1e4


def huge_logits(dtype: torch.dtype) -> Tensor:
    """(4, 3) logits of magnitude 1e4, mixed signs, with a tie and one moderate row."""
    return torch.tensor(
        [[BIG, -BIG, 0.0], [-BIG, -BIG, BIG], [BIG, BIG, -BIG], [1.0, -2.0, 0.5]], dtype=dtype
    )


INDICES = torch.tensor([1, 2, 0, 0])  # wrong, right, tied, moderate


def binary_targets(dtype: torch.dtype) -> Tensor:
    return torch.tensor(
        [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.5, 1.0]], dtype=dtype
    )


def assert_all_finite(value: Tensor, grads: list[Tensor]) -> None:
    for tensor in (value, *grads):
        assert torch.isfinite(tensor).all(), tensor


# Huge logits ------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1])
def test_cross_entropy(label_smoothing: float, reduction: str, dtype: torch.dtype) -> None:
    value, grads = assert_matches(
        lossref.cross_entropy,
        F.cross_entropy,
        {"input": huge_logits(dtype), "target": INDICES},
        reduction=reduction,
        label_smoothing=label_smoothing,
    )
    assert_all_finite(value, grads)
    if reduction == "none" and label_smoothing == 0.0:
        # Wrong by a margin of 2e4; right by 2e4; a tie between two classes; a moderate row.
        expected = [2 * BIG, 0.0, math.log(2), math.log(1 + math.exp(-3) + math.exp(-0.5))]
        assert value.tolist() == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("dtype", DTYPES)
def test_cross_entropy_probability_targets(dtype: torch.dtype) -> None:
    smoothed = F.one_hot(INDICES, 3).to(dtype) * 0.9 + 0.1 / 3
    value, grads = assert_matches(
        lossref.cross_entropy,
        F.cross_entropy,
        {"input": huge_logits(dtype), "target": smoothed},
        ("input", "target"),
    )
    assert_all_finite(value, grads)  # d/dtarget is −log p: up to 2e4, still finite


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_nll_of_log_softmax(reduction: str, dtype: torch.dtype) -> None:
    def ours(input: Tensor, target: Tensor, reduction: str) -> Tensor:
        return lossref.nll_loss(F.log_softmax(input, 1), target, reduction=reduction)

    def reference(input: Tensor, target: Tensor, reduction: str) -> Tensor:
        return F.nll_loss(F.log_softmax(input, 1), target, reduction=reduction)

    value, grads = assert_matches(
        ours, reference, {"input": huge_logits(dtype), "target": INDICES}, reduction=reduction
    )
    assert_all_finite(value, grads)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("with_pos_weight", [False, True])
def test_bce_with_logits(with_pos_weight: bool, reduction: str, dtype: torch.dtype) -> None:
    value, grads = assert_matches(
        lossref.binary_cross_entropy_with_logits,
        F.binary_cross_entropy_with_logits,
        {"input": huge_logits(dtype), "target": binary_targets(dtype)},
        ("input", "target"),
        reduction=reduction,
        pos_weight=torch.tensor([0.5, 2.0, 3.0], dtype=dtype) if with_pos_weight else None,
    )
    assert_all_finite(value, grads)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("alpha", [0.25, -1.0])
def test_sigmoid_focal(alpha: float, reduction: str, dtype: torch.dtype) -> None:
    value, grads = assert_matches(
        lossref.sigmoid_focal_loss,
        torchvision_sigmoid_focal_loss,
        {"inputs": huge_logits(dtype), "targets": binary_targets(dtype)},
        ("inputs",),
        alpha=alpha,
        reduction=reduction,
    )
    assert_all_finite(value, grads)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_softmax_focal_gamma_zero_is_cross_entropy(reduction: str, dtype: torch.dtype) -> None:
    def focal(input: Tensor, target: Tensor, reduction: str) -> Tensor:
        return lossref.softmax_focal_loss(input, target, gamma=0.0, reduction=reduction)

    value, grads = assert_matches(
        focal,
        F.cross_entropy,
        {"input": huge_logits(dtype), "target": INDICES},
        reduction=reduction,
    )
    assert_all_finite(value, grads)


@pytest.mark.parametrize("gamma", [1.0, 2.0, 3.0])
def test_softmax_focal_matches_monai(gamma: float) -> None:
    """MONAI computes in float32 and needs a spatial dim: (4, 3) is passed as (1, 3, 4)."""
    monai = FocalLoss(to_onehot_y=True, use_softmax=True, gamma=gamma, reduction="none")

    def reference(input: Tensor, target: Tensor, **_: object) -> Tensor:
        terms: Tensor = monai(input.T.unsqueeze(0), target.view(1, 1, -1))
        return terms.sum(1).squeeze(0)

    value, grads = assert_matches(
        lossref.softmax_focal_loss,
        reference,
        {"input": huge_logits(torch.float32), "target": INDICES},
        gamma=gamma,
        reduction="none",
    )
    assert_all_finite(value, grads)


# Probabilities at 0 and 1 -----------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_probabilities_exactly_zero_and_one(reduction: str, dtype: torch.dtype) -> None:
    """Logs clamped at −100 and a gradient (p − y)/max(p(1 − p), 1e-12), as in torch."""
    p = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.5], dtype=dtype)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0], dtype=dtype)
    value, grads = assert_matches(
        lossref.binary_cross_entropy,
        F.binary_cross_entropy,
        {"input": p, "target": y},
        ("input",),
        reduction=reduction,
    )
    assert_all_finite(value, grads)
    if reduction == "none":
        assert value.tolist()[:4] == [0.0, 0.0, 100.0, 100.0]


def test_bce_target_gradient_at_saturated_probabilities() -> None:
    """d/dy is log(1 − p) − log p with both logs clamped at −100: ±100 where p is 0 or 1.

    torch's target gradient there is ±inf (it uses −logit(p), unclamped); lossref's is the
    derivative of the clamped value it returns. Inside (0, 1) the two agree (test_classification).
    """
    p = torch.tensor([0.0, 1.0, 0.25], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.5], dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(lossref.binary_cross_entropy(p, y, reduction="sum"), y)
    expected = torch.tensor([100.0, -100.0, math.log(3.0)], dtype=torch.float64)
    torch.testing.assert_close(grad, expected)


# Kinks, zeros and empty masks -------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_smooth_l1_beta_zero_is_l1(reduction: str, dtype: torch.dtype) -> None:
    def smooth_l1_beta_zero(input: Tensor, target: Tensor, reduction: str) -> Tensor:
        return lossref.smooth_l1_loss(input, target, reduction=reduction, beta=0.0)

    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(3, 4, generator=g, dtype=dtype), torch.randn(3, 4, generator=g, dtype=dtype)
    x[0, 0] = y[0, 0]  # an exact zero error: the subgradient there must be torch's (0)
    assert_matches(
        smooth_l1_beta_zero,
        F.l1_loss,
        {"input": x, "target": y},
        ("input", "target"),
        reduction=reduction,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", ["batchmean", "sum", "none"])
def test_kl_with_zeros_in_target(reduction: str, dtype: torch.dtype) -> None:
    """0·log 0 = 0: a finite value and input gradient, equal to torch's. The target gradient at
    t = 0 (log t + 1 → −inf) is NaN in torch, and the same NaN here."""
    input = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]], dtype=dtype).log()
    target = torch.tensor([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], dtype=dtype)
    value, (input_grad, target_grad) = assert_matches(
        lossref.kl_div,
        F.kl_div,
        {"input": input, "target": target},
        ("input", "target"),
        equal_nan=True,
        reduction=reduction,
    )
    assert_all_finite(value, [input_grad, target_grad[target > 0]])


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("name", ["dice_loss", "jaccard_loss"])
def test_overlap_empty_mask_and_empty_prediction(name: str, batch: bool) -> None:
    """With the default smooth, predicting nothing for an empty mask is a perfect score."""
    input = torch.zeros(2, 3, 4, 4, requires_grad=True)
    loss = getattr(lossref, name)(input, torch.zeros(2, 3, 4, 4), batch=batch)
    (grad,) = torch.autograd.grad(loss, input)
    assert loss.item() == 0.0
    assert_all_finite(loss, [grad])
