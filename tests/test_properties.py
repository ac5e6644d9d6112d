"""Properties that hold for any input (hypothesis, small shapes, float64)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import Tensor

import lossref

FAST = settings(max_examples=40, deadline=None)
DTYPE = torch.float64


@st.composite
def tensors(
    draw: st.DrawFn,
    shape: tuple[int, ...],
    low: float = -20.0,
    high: float = 20.0,
) -> Tensor:
    values = draw(
        st.lists(
            st.floats(low, high, allow_nan=False, allow_infinity=False, width=64),
            min_size=int(torch.Size(shape).numel()),
            max_size=int(torch.Size(shape).numel()),
        )
    )
    return torch.tensor(values, dtype=DTYPE).reshape(shape)


@st.composite
def shapes(draw: st.DrawFn, min_dims: int = 1, max_dims: int = 3) -> tuple[int, ...]:
    return tuple(draw(st.lists(st.integers(1, 4), min_size=min_dims, max_size=max_dims)))


@st.composite
def regression_pairs(draw: st.DrawFn) -> tuple[Tensor, Tensor]:
    shape = draw(shapes())
    return draw(tensors(shape)), draw(tensors(shape))


@st.composite
def classification_batches(draw: st.DrawFn) -> tuple[Tensor, Tensor]:
    """Logits (N, C, d...) and class indices (N, d...)."""
    n, c = draw(st.integers(1, 4)), draw(st.integers(2, 5))
    spatial = draw(shapes(min_dims=0, max_dims=2))
    logits = draw(tensors((n, c, *spatial)))
    indices = draw(tensors((n, *spatial), 0, c - 1e-9)).floor().long()
    return logits, indices


@st.composite
def segmentation_pairs(draw: st.DrawFn, binary_input: bool = False) -> tuple[Tensor, Tensor]:
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 3)), *draw(shapes(1, 2)))
    mask = draw(tensors(shape, 0.0, 1.0)).round()
    prediction = draw(tensors(shape, 0.0, 1.0))
    return (mask.clone() if binary_input else prediction), mask


REDUCTION = st.sampled_from(["mean", "sum", "none"])
# Non-negativity needs no rounding slack for most losses; KL, Dice and Jaccard are
# non-negative in exact arithmetic only, so allow float64 rounding there.
ROUNDING = 1e-12


# Non-negativity ---------------------------------------------------------------------------


@FAST
@given(regression_pairs(), REDUCTION, st.floats(0.0, 5.0), st.floats(0.01, 5.0))
def test_regression_losses_are_non_negative(
    pair: tuple[Tensor, Tensor], reduction: str, beta: float, delta: float
) -> None:
    x, y = pair
    for loss in (
        lossref.l1_loss(x, y, reduction=reduction),
        lossref.mse_loss(x, y, reduction=reduction),
        lossref.smooth_l1_loss(x, y, reduction=reduction, beta=beta),
        lossref.huber_loss(x, y, reduction=reduction, delta=delta),
    ):
        assert (loss >= 0).all()


@FAST
@given(classification_batches(), REDUCTION, st.floats(0.0, 1.0), st.floats(0.0, 4.0))
def test_multiclass_losses_are_non_negative(
    batch: tuple[Tensor, Tensor], reduction: str, label_smoothing: float, gamma: float
) -> None:
    x, y = batch
    for loss in (
        lossref.cross_entropy(x, y, reduction=reduction, label_smoothing=label_smoothing),
        lossref.nll_loss(F.log_softmax(x, 1), y, reduction=reduction),
        lossref.softmax_focal_loss(x, y, gamma=gamma, reduction=reduction),
    ):
        assert (loss >= 0).all()


@FAST
@given(
    regression_pairs(),
    REDUCTION,
    st.floats(-1.0, 1.0),
    st.floats(0.0, 4.0),
)
def test_binary_losses_are_non_negative(
    pair: tuple[Tensor, Tensor], reduction: str, alpha: float, gamma: float
) -> None:
    logits, raw = pair
    target = torch.sigmoid(raw)  # soft labels in [0, 1]
    for loss in (
        lossref.binary_cross_entropy(torch.sigmoid(logits), target, reduction=reduction),
        lossref.binary_cross_entropy_with_logits(logits, target, reduction=reduction),
        lossref.sigmoid_focal_loss(logits, target, alpha=alpha, gamma=gamma, reduction=reduction),
    ):
        assert (loss >= -ROUNDING).all()


@FAST
@given(regression_pairs(), st.sampled_from(["batchmean", "sum"]), st.booleans())
def test_kl_divergence_is_non_negative(
    pair: tuple[Tensor, Tensor], reduction: str, log_target: bool
) -> None:
    """Pointwise terms may be negative; their sum over a distribution is not."""
    a, b = pair
    log_q, log_p = F.log_softmax(a, -1), F.log_softmax(b, -1)
    target = log_p if log_target else log_p.exp()
    assert lossref.kl_div(log_q, target, reduction=reduction, log_target=log_target) >= -ROUNDING


@FAST
@given(segmentation_pairs(), st.floats(0.0, 2.0), st.booleans(), REDUCTION)
def test_overlap_losses_are_in_unit_interval(
    pair: tuple[Tensor, Tensor], smooth: float, batch: bool, reduction: str
) -> None:
    p, g = pair
    for name in ("dice_loss", "jaccard_loss"):
        loss = getattr(lossref, name)(p, g, smooth=smooth, batch=batch, reduction="none")
        loss = loss[~loss.isnan()]  # smooth=0 on an empty mask and prediction is 0/0
        assert (loss >= -ROUNDING).all()
        assert (loss <= 1 + ROUNDING).all()


# Zero at a perfect prediction -------------------------------------------------------------


@FAST
@given(regression_pairs(), st.floats(0.0, 5.0), st.floats(0.01, 5.0))
def test_regression_losses_vanish_at_the_target(
    pair: tuple[Tensor, Tensor], beta: float, delta: float
) -> None:
    _, y = pair
    for loss in (
        lossref.l1_loss(y.clone(), y, reduction="sum"),
        lossref.mse_loss(y.clone(), y, reduction="sum"),
        lossref.smooth_l1_loss(y.clone(), y, reduction="sum", beta=beta),
        lossref.huber_loss(y.clone(), y, reduction="sum", delta=delta),
    ):
        assert loss.item() == 0.0


@FAST
@given(regression_pairs(), st.booleans())
def test_kl_vanishes_at_the_target(pair: tuple[Tensor, Tensor], log_target: bool) -> None:
    log_p = F.log_softmax(pair[0], -1)
    target = log_p.clone() if log_target else log_p.exp()
    loss = lossref.kl_div(log_p, target, reduction="sum", log_target=log_target)
    torch.testing.assert_close(loss, torch.zeros((), dtype=DTYPE), atol=1e-12, rtol=0)


@FAST
@given(segmentation_pairs(binary_input=True), st.floats(1e-6, 2.0), st.booleans())
def test_overlap_losses_vanish_on_an_exact_mask(
    pair: tuple[Tensor, Tensor], smooth: float, batch: bool
) -> None:
    p, g = pair
    for name in ("dice_loss", "jaccard_loss"):
        loss = getattr(lossref, name)(p, g, smooth=smooth, batch=batch, reduction="none")
        torch.testing.assert_close(loss, torch.zeros_like(loss), atol=1e-12, rtol=0)


# Identities -------------------------------------------------------------------------------


@FAST
@given(regression_pairs(), st.floats(0.01, 5.0), REDUCTION)
def test_huber_is_delta_times_smooth_l1(
    pair: tuple[Tensor, Tensor], delta: float, reduction: str
) -> None:
    x, y = pair
    torch.testing.assert_close(
        lossref.huber_loss(x, y, reduction=reduction, delta=delta),
        delta * lossref.smooth_l1_loss(x, y, reduction=reduction, beta=delta),
    )


@FAST
@given(classification_batches(), REDUCTION, st.booleans())
def test_nll_of_log_softmax_is_cross_entropy(
    batch: tuple[Tensor, Tensor], reduction: str, weighted: bool
) -> None:
    x, y = batch
    weight = torch.linspace(0.5, 2.0, x.shape[1], dtype=DTYPE) if weighted else None
    torch.testing.assert_close(
        lossref.nll_loss(F.log_softmax(x, 1), y, weight=weight, reduction=reduction),
        lossref.cross_entropy(x, y, weight=weight, reduction=reduction),
    )


@FAST
@given(classification_batches(), REDUCTION, st.floats(0.0, 1.0))
def test_one_hot_probabilities_equal_class_indices(
    batch: tuple[Tensor, Tensor], reduction: str, label_smoothing: float
) -> None:
    x, y = batch
    one_hot = F.one_hot(y, x.shape[1]).movedim(-1, 1).to(DTYPE)
    torch.testing.assert_close(
        lossref.cross_entropy(x, one_hot, reduction=reduction, label_smoothing=label_smoothing),
        lossref.cross_entropy(x, y, reduction=reduction, label_smoothing=label_smoothing),
    )


@FAST
@given(segmentation_pairs(), st.booleans())
def test_dice_is_two_iou_over_one_plus_iou(pair: tuple[Tensor, Tensor], batch: bool) -> None:
    p, g = pair
    dice = 1 - lossref.dice_loss(p, g, smooth=0.0, batch=batch, reduction="none")
    iou = 1 - lossref.jaccard_loss(p, g, smooth=0.0, batch=batch, reduction="none")
    defined = ~dice.isnan()  # an empty mask predicted empty is 0/0 without smoothing
    torch.testing.assert_close(dice[defined], (2 * iou / (1 + iou))[defined])


@FAST
@given(regression_pairs(), REDUCTION)
def test_bce_of_sigmoid_is_bce_with_logits(pair: tuple[Tensor, Tensor], reduction: str) -> None:
    """For moderate logits (|x| ≤ 20 in float64) sigmoid-then-log loses nothing measurable:
    1 − σ(20) ≈ 2e-9 still carries ~7 significant digits."""
    x, raw = pair
    y = torch.sigmoid(raw)
    torch.testing.assert_close(
        lossref.binary_cross_entropy(torch.sigmoid(x), y, reduction=reduction),
        lossref.binary_cross_entropy_with_logits(x, y, reduction=reduction),
    )
