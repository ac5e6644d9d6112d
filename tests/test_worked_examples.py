"""Every worked example of the content brief (§2, and §3 #11, #13), with the values printed
there: a page that shows these numbers shows lossref's numbers."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor

import lossref


def t(*values: float) -> Tensor:
    """A float32 tensor, as the brief's examples (written with integers for brevity)."""
    return torch.tensor(values, dtype=torch.float32)


def assert_printed(value: Tensor, printed: float, decimals: int) -> None:
    """``value`` shows as ``printed`` at the brief's precision (half a unit of the last digit)."""
    torch.testing.assert_close(
        value, torch.tensor(printed, dtype=value.dtype), atol=0.5 * 10**-decimals, rtol=0
    )


# Regression -------------------------------------------------------------------------------

FOUR_PRED, FOUR_TARGET = t(2, 3, 4, 5), t(4, 5, 6, 7)


def test_l1_mean_and_sum() -> None:
    assert lossref.l1_loss(FOUR_PRED, FOUR_TARGET).item() == 2.0
    assert lossref.l1_loss(FOUR_PRED, FOUR_TARGET, reduction="sum").item() == 8.0
    assert repr(lossref.l1_loss(FOUR_PRED, FOUR_TARGET)) == "tensor(2.)"


def test_mse_mean() -> None:
    assert repr(lossref.mse_loss(FOUR_PRED, FOUR_TARGET)) == "tensor(4.)"


TABLE_TRUE = t(3.2, 5.1, 2.7, 4.0, 6.5)
TABLE_PRED = t(3.0, 4.8, 3.2, 3.9, 5.0)


def test_mse_five_sample_table() -> None:
    squares = lossref.mse_loss(TABLE_PRED, TABLE_TRUE, reduction="none")
    torch.testing.assert_close(squares, t(0.04, 0.09, 0.25, 0.01, 2.25))
    assert_printed(lossref.mse_loss(TABLE_PRED, TABLE_TRUE), 0.528, 3)
    assert_printed(squares.sum(), 2.64, 2)
    assert squares.argmax().item() == 4  # the outlier carries 2.25 of the 2.64


def test_huber_five_sample_table() -> None:
    terms = lossref.huber_loss(TABLE_PRED, TABLE_TRUE, reduction="none", delta=1.0)
    torch.testing.assert_close(terms, t(0.02, 0.045, 0.125, 0.005, 1.0))
    assert_printed(lossref.huber_loss(TABLE_PRED, TABLE_TRUE, delta=1.0), 0.239, 3)


def test_regression_trio() -> None:
    prediction, target = t(2.5, 1.8, 3.2), t(2.0, 2.0, 3.0)
    assert_printed(lossref.l1_loss(prediction, target), 0.3, 1)
    assert_printed(lossref.mse_loss(prediction, target), 0.11, 2)
    assert_printed(lossref.smooth_l1_loss(prediction, target, beta=1.0), 0.055, 3)


def test_regression_trio_two() -> None:
    prediction, target = t(2.0, 3.0, 4.0), t(3.0, 3.0, 5.0)
    assert_printed(lossref.mse_loss(prediction, target), 0.6667, 4)
    assert_printed(lossref.l1_loss(prediction, target), 0.6667, 4)
    assert_printed(lossref.huber_loss(prediction, target, delta=1.0), 0.3333, 4)


def test_box_regression() -> None:
    prediction, target = t(52, 55, 22, 18), t(50, 50, 20, 20)
    assert lossref.huber_loss(prediction, target, delta=5.0).item() == 4.625
    assert lossref.mse_loss(prediction, target).item() == 9.25


def test_huber_is_not_smooth_l1_except_at_one() -> None:
    """Brief §3 #8: Huber_δ = δ·SmoothL1_β=δ; the two coincide only at δ = β = 1."""
    prediction, target = t(52, 55, 22, 18), t(50, 50, 20, 20)
    huber = lossref.huber_loss(prediction, target, delta=5.0)
    smooth = lossref.smooth_l1_loss(prediction, target, beta=5.0)
    assert_printed(smooth, 0.925, 3)
    torch.testing.assert_close(huber, 5.0 * smooth)
    torch.testing.assert_close(
        lossref.huber_loss(prediction, target), lossref.smooth_l1_loss(prediction, target)
    )


# Classification ---------------------------------------------------------------------------


def test_cross_entropy_one_sample() -> None:
    """Probabilities [0.1, 0.7, 0.2], class 1: −log 0.7. log p are logits whose softmax is p."""
    log_p = t(0.1, 0.7, 0.2).log()
    assert_printed(lossref.cross_entropy(log_p, torch.tensor(1)), 0.3567, 4)
    assert_printed(lossref.nll_loss(log_p, torch.tensor(1)), 0.3567, 4)


BATCH_LOGITS = torch.tensor([[2.0, 1.0, 0.1, 0.5], [0.5, 2.5, 0.3, 0.2], [1.0, 0.2, 0.3, 3.0]])
BATCH_CLASSES = torch.tensor([0, 1, 3])


def test_cross_entropy_batch() -> None:
    assert_printed(lossref.cross_entropy(BATCH_LOGITS, BATCH_CLASSES), 0.3618, 4)
    one_hot = F.one_hot(BATCH_CLASSES, 4).float()
    assert_printed(lossref.cross_entropy(BATCH_LOGITS, one_hot), 0.3618, 4)
    assert repr(lossref.cross_entropy(BATCH_LOGITS, BATCH_CLASSES)) == "tensor(0.3618)"


BCE_P, BCE_Y = t(0.8, 0.3, 0.1, 0.6), t(1, 0, 0, 1)


def test_bce_four_samples() -> None:
    terms = lossref.binary_cross_entropy(BCE_P, BCE_Y, reduction="none")
    for term, printed in zip(terms, (0.223, 0.357, 0.105, 0.511), strict=True):
        assert_printed(term, printed, 3)
    assert_printed(lossref.binary_cross_entropy(BCE_P, BCE_Y), 0.299, 3)


def test_bce_largest_terms_are_the_least_confident_correct() -> None:
    """Brief §3 #7: 0.511 (p=0.6, y=1) and 0.357 (p=0.3, y=0) are the two largest; the
    confident correct negative (p=0.1, y=0) is the smallest."""
    terms = lossref.binary_cross_entropy(BCE_P, BCE_Y, reduction="none")
    assert terms.argsort(descending=True).tolist() == [3, 1, 0, 2]


def test_bce_three_samples() -> None:
    assert_printed(lossref.binary_cross_entropy(t(0.9, 0.2, 0.8), t(0, 1, 0)), 1.8405, 4)


def test_bce_with_logits() -> None:
    logits, y = t(2.2, -1.4, 1.4), t(0, 1, 0)
    assert_printed(lossref.binary_cross_entropy_with_logits(logits, y), 1.8486, 4)
    assert_printed(torch.sigmoid(t(2.2))[0], 0.9002, 4)  # not 0.9: close to, not equal to, 1.8405


def test_nll_of_log_softmax_is_cross_entropy() -> None:
    x = torch.randn(6, 5, generator=torch.Generator().manual_seed(0))
    y = torch.tensor([0, 4, 2, 2, 1, 3])
    torch.testing.assert_close(
        lossref.nll_loss(F.log_softmax(x, 1), y), lossref.cross_entropy(x, y)
    )
    torch.testing.assert_close(lossref.nll_loss(F.log_softmax(x, 1), y), F.cross_entropy(x, y))


# Segmentation -----------------------------------------------------------------------------


def test_dice_and_jaccard() -> None:
    mask, p = torch.tensor([[[1.0, 0.0, 1.0]]]), torch.tensor([[[0.9, 0.1, 0.8]]])
    assert_printed(lossref.dice_loss(p, mask, smooth=1e-5), 0.1053, 4)
    assert_printed(lossref.jaccard_loss(p, mask), 0.1905, 4)
    # §3 #1: as losses they differ (0.105 vs 0.190): Dice is not IoU.
    assert_printed(lossref.dice_loss(p, mask), 0.105, 3)
    assert_printed(lossref.jaccard_loss(p, mask), 0.190, 2)


# §3 #11 and #13 ---------------------------------------------------------------------------


def test_kl_mean_is_not_batchmean() -> None:
    log_q = torch.tensor([[0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]).log()
    p = torch.tensor([[0.1, 0.6, 0.3], [0.4, 0.4, 0.2]])
    batchmean = lossref.kl_div(log_q, p, reduction="batchmean")
    with pytest.warns(UserWarning, match="batchmean"):
        mean = lossref.kl_div(log_q, p, reduction="mean")
    torch.testing.assert_close(mean * 3, batchmean)  # 'mean' also divides by the 3 classes
    per_sample = (p * (p.log() - log_q)).sum(1)
    torch.testing.assert_close(batchmean, per_sample.mean())


def test_logit_twenty_target_zero() -> None:
    x, y = t(20.0), t(0.0)
    assert lossref.binary_cross_entropy_with_logits(x, y).item() == 20.0
    assert lossref.binary_cross_entropy(torch.sigmoid(x), y).item() == 100.0  # log clamped
