"""Tversky, focal Tversky and generalised Dice losses.

References: MONAI's ``TverskyLoss`` (``alpha`` weighs false positives, ``beta`` false
negatives; ``smooth_nr = smooth_dr = smooth``) and ``GeneralizedDiceLoss`` (``w_type='square'``),
both with ``include_background=True`` and no activation. MONAI has no focal Tversky loss: it is
tested against ``tversky_loss ** exponent``, hand values and gradcheck.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
import torch
from monai.losses import GeneralizedDiceLoss, TverskyLoss
from torch import Tensor

import lossref
from lossref._reduction import apply_reduction
from tests._parity import DTYPES, REDUCTIONS, assert_matches, generator

SHAPES = {"1d": (3, 2, 7), "2d": (2, 3, 4, 5), "one_channel": (4, 1, 3, 3)}
# (alpha, beta, smooth, shape): the default, Dice's weights with smooth 0, Jaccard's, FP
# ignored; each on one of the shapes, so that every shape meets every batch and reduction.
TVERSKY_SETTINGS = [
    (0.3, 0.7, 1e-5, "2d"),
    (0.5, 0.5, 0.0, "1d"),
    (1.0, 1.0, 1.0, "one_channel"),
    (0.0, 1.0, 1e-5, "1d"),
]


def prediction_and_mask(
    shape: tuple[int, ...], dtype: torch.dtype, soft_mask: bool = False, absent: bool = True
) -> dict[str, Tensor]:
    """Probabilities and a 0/1 (or soft) mask; with ``absent``, class 0 is empty in sample 0."""
    g = generator(len(shape) + shape[1])
    input = torch.rand(shape, generator=g, dtype=dtype)
    mask = torch.rand(shape, generator=g, dtype=dtype)
    if not soft_mask:
        mask = (mask > 0.5).to(dtype)
    if absent:
        mask[0, 0] = 0
    return {"input": input, "target": mask}


def inside_unit_interval(shape: tuple[int, ...], seed: int) -> Tensor:
    """float64 values in [0.05, 0.95], so that gradcheck's perturbations stay in [0, 1]."""
    g = generator(seed)
    return (0.05 + 0.9 * torch.rand(shape, generator=g, dtype=torch.float64)).requires_grad_()


# ------------------------------------------------------------------------------- Tversky


def monai_tversky(
    alpha: float, beta: float, smooth: float, batch: bool, reduction: str
) -> Callable[..., Tensor]:
    module = TverskyLoss(
        alpha=alpha,
        beta=beta,
        smooth_nr=smooth,
        smooth_dr=smooth,
        batch=batch,
        reduction=reduction,
    )

    def reference(input: Tensor, target: Tensor, **_: object) -> Tensor:
        loss: Tensor = module(input, target)
        return loss

    return reference


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize(("alpha", "beta", "smooth", "shape"), TVERSKY_SETTINGS)
def test_tversky_matches_monai(
    alpha: float,
    beta: float,
    smooth: float,
    shape: str,
    batch: bool,
    reduction: str,
    dtype: torch.dtype,
) -> None:
    value, _ = assert_matches(
        lossref.tversky_loss,
        monai_tversky(alpha, beta, smooth, batch, reduction),
        prediction_and_mask(SHAPES[shape], dtype),
        ("input", "target"),
        alpha=alpha,
        beta=beta,
        smooth=smooth,
        batch=batch,
        reduction=reduction,
    )
    if reduction == "none":
        assert value.shape == ((SHAPES[shape][1],) if batch else SHAPES[shape][:2])


@pytest.mark.parametrize("dtype", DTYPES)
def test_tversky_soft_masks_match_monai(dtype: torch.dtype) -> None:
    assert_matches(
        lossref.tversky_loss,
        monai_tversky(0.3, 0.7, 1e-5, False, "none"),
        prediction_and_mask((2, 3, 4, 5), dtype, soft_mask=True),
        ("input", "target"),
        reduction="none",
    )


def test_tversky_defaults_are_the_papers() -> None:
    """alpha (false positives) 0.3, beta (false negatives) 0.7: Salehi et al.'s best."""
    tensors = prediction_and_mask((2, 3, 4, 5), torch.float64)
    torch.testing.assert_close(
        lossref.tversky_loss(**tensors),
        monai_tversky(0.3, 0.7, 1e-5, False, "mean")(**tensors),
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
def test_tversky_half_half_is_dice_with_doubled_smooth(batch: bool, reduction: str) -> None:
    """α = β = ½: (TP + s)/(TP + ½FP + ½FN + s) = (2TP + 2s)/(Σp + Σg + 2s)."""
    tensors = prediction_and_mask((3, 2, 7), torch.float64)
    for smooth in (0.0, 1e-5, 0.5):
        assert_matches(
            lambda s=smooth, **kw: lossref.tversky_loss(**kw, alpha=0.5, beta=0.5, smooth=s),
            lambda s=smooth, **kw: lossref.dice_loss(**kw, smooth=2 * s),
            tensors,
            ("input", "target"),
            batch=batch,
            reduction=reduction,
        )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
def test_tversky_one_one_is_jaccard(batch: bool, reduction: str) -> None:
    """α = β = 1: TP + FP + FN = Σp + Σg − TP, the soft union; the same smooth."""
    tensors = prediction_and_mask((3, 2, 7), torch.float64)
    for smooth in (0.0, 1e-5, 0.5):
        assert_matches(
            lambda **kw: lossref.tversky_loss(**kw, alpha=1.0, beta=1.0),
            lossref.jaccard_loss,
            tensors,
            ("input", "target"),
            smooth=smooth,
            batch=batch,
            reduction=reduction,
        )


def test_tversky_by_hand() -> None:
    # p = [0.9, 0.1, 0.8], g = [1, 0, 1]: TP = 0.9 + 0.8 = 1.7, FP = 0.1, FN = 0.1 + 0.2 = 0.3.
    # α = 0.3, β = 0.7: 1 − TI = (0.03 + 0.21) / (1.7 + 0.03 + 0.21) = 0.24 / 1.94.
    # α = 0.7, β = 0.3: (0.07 + 0.09) / (1.7 + 0.16) = 0.16 / 1.86.
    p = torch.tensor([[[0.9, 0.1, 0.8]]], dtype=torch.float64)
    g = torch.tensor([[[1.0, 0.0, 1.0]]], dtype=torch.float64)
    ours = lossref.tversky_loss(p, g, smooth=0.0)
    torch.testing.assert_close(ours, torch.tensor(0.24 / 1.94, dtype=torch.float64))
    swapped = lossref.tversky_loss(p, g, alpha=0.7, beta=0.3, smooth=0.0)
    torch.testing.assert_close(swapped, torch.tensor(0.16 / 1.86, dtype=torch.float64))
    # Default smooth 1e-5: (0.24) / (1.94 + 1e-5), printed 0.1237.
    assert f"{lossref.tversky_loss(p.float(), g.float()).item():.4f}" == "0.1237"


def test_beta_above_alpha_punishes_missed_foreground_more() -> None:
    """Imbalanced mask, 2 foreground pixels of 20. Missing one of them (FN = 1) against
    marking 1 background pixel (FP = 1): with β > α the miss costs more, with α > β less."""
    mask = torch.zeros(1, 1, 20, dtype=torch.float64)
    mask[..., :2] = 1
    missed = mask.clone()
    missed[..., 1] = 0
    extra = mask.clone()
    extra[..., 2] = 1
    for alpha, beta in ((0.3, 0.7), (0.7, 0.3)):
        fn_loss = lossref.tversky_loss(missed, mask, alpha=alpha, beta=beta, smooth=0.0)
        fp_loss = lossref.tversky_loss(extra, mask, alpha=alpha, beta=beta, smooth=0.0)
        # Missed: TP 1, FN 1 → β / (1 + β). Extra: TP 2, FP 1 → α / (2 + α).
        torch.testing.assert_close(fn_loss, torch.tensor(beta / (1 + beta), dtype=torch.float64))
        torch.testing.assert_close(fp_loss, torch.tensor(alpha / (2 + alpha), dtype=torch.float64))
        assert (fn_loss > fp_loss) == (beta > alpha)


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_tversky_gradcheck(reduction: str, batch: bool) -> None:
    input, target = inside_unit_interval((2, 2, 5), 1), inside_unit_interval((2, 2, 5), 2)
    assert torch.autograd.gradcheck(
        lambda p, g: lossref.tversky_loss(p, g, 0.3, 0.7, 0.5, batch, reduction), (input, target)
    )


# ------------------------------------------------------------------------- focal Tversky


def tversky_to_the_power(
    input: Tensor,
    target: Tensor,
    alpha: float = 0.3,
    beta: float = 0.7,
    exponent: float = 0.75,
    smooth: float = 1e-5,
    batch: bool = False,
    reduction: str = "mean",
) -> Tensor:
    terms = lossref.tversky_loss(input, target, alpha, beta, smooth, batch, reduction="none")
    return apply_reduction(terms**exponent, reduction)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("exponent", [0.75, 4 / 3])
def test_focal_tversky_is_tversky_to_the_power(
    exponent: float, batch: bool, reduction: str, dtype: torch.dtype
) -> None:
    for alpha, beta, smooth, shape in TVERSKY_SETTINGS[:3]:
        assert_matches(
            lossref.focal_tversky_loss,
            tversky_to_the_power,
            prediction_and_mask(SHAPES[shape], dtype),
            ("input", "target"),
            alpha=alpha,
            beta=beta,
            exponent=exponent,
            smooth=smooth,
            batch=batch,
            reduction=reduction,
        )


@pytest.mark.parametrize("exponent", [0.5, 2.0, 3.0])
def test_focal_tversky_other_exponents(exponent: float) -> None:
    assert_matches(
        lossref.focal_tversky_loss,
        tversky_to_the_power,
        prediction_and_mask(SHAPES["2d"], torch.float64),
        ("input", "target"),
        exponent=exponent,
        reduction="none",
    )


def test_focal_tversky_exponent_one_is_tversky() -> None:
    tensors = prediction_and_mask((2, 3, 4, 5), torch.float64)
    assert_matches(
        lambda **kw: lossref.focal_tversky_loss(**kw, exponent=1.0),
        lossref.tversky_loss,
        tensors,
        ("input", "target"),
        alpha=0.4,
        beta=0.6,
        reduction="none",
    )


def test_focal_tversky_by_hand_and_the_gamma_pitfall() -> None:
    # The Tversky example above: 1 − TI = 0.24 / 1.94 = 0.12371 (smooth 0).
    # The paper's γ = 4/3 means exponent 1/γ = 0.75: 0.12371 ** 0.75 = 0.20859.
    # Passing 4/3 as the power itself (the library convention's gamma = 4/3): 0.12371 ** (4/3)
    # = 0.06158, smaller than the Tversky loss where the paper's is larger.
    p = torch.tensor([[[0.9, 0.1, 0.8]]], dtype=torch.float64)
    g = torch.tensor([[[1.0, 0.0, 1.0]]], dtype=torch.float64)
    one_minus_ti = 0.24 / 1.94
    paper = lossref.focal_tversky_loss(p, g, smooth=0.0)
    misread = lossref.focal_tversky_loss(p, g, exponent=4 / 3, smooth=0.0)
    torch.testing.assert_close(paper, torch.tensor(one_minus_ti**0.75, dtype=torch.float64))
    torch.testing.assert_close(misread, torch.tensor(one_minus_ti ** (4 / 3), dtype=torch.float64))
    assert round(one_minus_ti**0.75, 4) == 0.2086
    assert round(one_minus_ti ** (4 / 3), 4) == 0.0616
    assert misread < one_minus_ti < paper


@pytest.mark.parametrize("dtype", DTYPES)
def test_focal_tversky_perfect_prediction_has_a_finite_gradient(dtype: torch.dtype) -> None:
    """1 − TI = 0 exactly (p = g, e.g. saturated sigmoids): the naive power's slope there is
    infinite; lossref's term is 0 with gradient 0."""
    mask = torch.tensor([[[1.0, 1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 1.0]]], dtype=dtype)
    input = mask.clone().requires_grad_()
    loss = lossref.focal_tversky_loss(input, mask)
    (grad,) = torch.autograd.grad(loss, input)
    assert loss.item() == 0.0
    assert torch.equal(grad, torch.zeros_like(grad))
    naive = lossref.tversky_loss(input, mask, reduction="none") ** 0.75
    (naive_grad,) = torch.autograd.grad(naive.mean(), input)
    assert not torch.isfinite(naive_grad).all()


def test_focal_tversky_mixes_perfect_and_imperfect_terms() -> None:
    """Only the perfect term is cut: the other sample keeps its exact value and gradient."""
    mask = torch.tensor([[[1.0, 1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 1.0]]], dtype=torch.float64)
    input = mask.clone()
    input[1, 0] = torch.tensor([0.2, 0.7, 0.1, 0.6], dtype=torch.float64)
    leaf = input.clone().requires_grad_()
    ours = lossref.focal_tversky_loss(leaf, mask, reduction="none")
    (grad,) = torch.autograd.grad(ours.sum(), leaf)
    assert ours[0, 0].item() == 0.0
    assert torch.equal(grad[0], torch.zeros_like(grad[0]))
    alone, _ = assert_matches(
        lossref.focal_tversky_loss,
        tversky_to_the_power,
        {"input": input[1:], "target": mask[1:]},
        reduction="none",
    )
    torch.testing.assert_close(ours[1:], alone)
    second = input[1:].clone().requires_grad_()
    (alone_grad,) = torch.autograd.grad(lossref.focal_tversky_loss(second, mask[1:]), second)
    torch.testing.assert_close(grad[1:], alone_grad)


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_tversky_gradcheck(reduction: str, batch: bool) -> None:
    input, target = inside_unit_interval((2, 2, 5), 3), inside_unit_interval((2, 2, 5), 4)
    assert torch.autograd.gradcheck(
        lambda p, g: lossref.focal_tversky_loss(p, g, 0.3, 0.7, 0.75, 0.5, batch, reduction),
        (input, target),
    )


def test_focal_tversky_gradcheck_above_one() -> None:
    input, target = inside_unit_interval((2, 2, 5), 3), inside_unit_interval((2, 2, 5), 4)
    assert torch.autograd.gradcheck(
        lambda p, g: lossref.focal_tversky_loss(p, g, exponent=4 / 3, reduction="none"),
        (input, target),
    )


# ---------------------------------------------------------------------- generalised Dice


def monai_generalized_dice(smooth: float, batch: bool, reduction: str) -> Callable[..., Tensor]:
    module = GeneralizedDiceLoss(
        smooth_nr=smooth, smooth_dr=smooth, batch=batch, reduction=reduction
    )

    def reference(input: Tensor, target: Tensor, **_: object) -> Tensor:
        loss: Tensor = module(input, target)
        # MONAI's 'none' keeps singleton dims: (N, 1, 1, ...), or (1, 1, ...) with batch.
        return loss.reshape(-1 if not batch else ()) if reduction == "none" else loss

    return reference


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("smooth", [1e-5, 0.0, 1.0])
def test_generalized_dice_matches_monai(
    smooth: float, batch: bool, reduction: str, dtype: torch.dtype
) -> None:
    """Input gradients only: MONAI edits its weights in place, so it cannot back-propagate to
    the target (gradcheck below covers lossref's target gradient)."""
    # Class 0 absent from sample 0 in the first; every class present in the others.
    for shape, absent in (("1d", True), ("2d", False), ("one_channel", False)):
        value, _ = assert_matches(
            lossref.generalized_dice_loss,
            monai_generalized_dice(smooth, batch, reduction),
            prediction_and_mask(SHAPES[shape], dtype, absent=absent),
            ("input",),
            smooth=smooth,
            batch=batch,
            reduction=reduction,
        )
        if reduction == "none":
            assert value.shape == (() if batch else SHAPES[shape][:1])


def test_generalized_dice_soft_masks_match_monai() -> None:
    """float32: MONAI computes the weights in float32 (``.float()``) whatever the input dtype."""
    assert_matches(
        lossref.generalized_dice_loss,
        monai_generalized_dice(1e-5, False, "none"),
        prediction_and_mask((2, 3, 4, 5), torch.float32, soft_mask=True),
        ("input",),
        reduction="none",
    )


def test_generalized_dice_by_hand() -> None:
    # Class 0: g = [1, 0, 0, 0], p = [0.6, 0.3, 0.2, 0.1]: I = 0.6, Σp + Σg = 1.2 + 1, w = 1/1².
    # Class 1: g = [0, 1, 1, 1], p = [0.4, 0.7, 0.8, 0.9]: I = 2.4, Σp + Σg = 2.8 + 3, w = 1/3².
    # Numerator 2·(0.6 + 2.4/9) = 15.6/9; denominator 2.2 + 5.8/9 = 25.6/9; loss 1 − 15.6/25.6.
    mask = torch.tensor([[[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 1.0]]], dtype=torch.float64)
    probs = torch.tensor([[[0.6, 0.3, 0.2, 0.1], [0.4, 0.7, 0.8, 0.9]]], dtype=torch.float64)
    ours = lossref.generalized_dice_loss(probs, mask, smooth=0.0)
    torch.testing.assert_close(ours, torch.tensor(1 - 15.6 / 25.6, dtype=torch.float64))
    assert ours.item() == pytest.approx(0.390625)


def test_absent_class_takes_the_largest_present_weight() -> None:
    # Class 0 absent (Σg = 0), class 1 Σg = 2 (w = 1/4), class 2 Σg = 4 (w = 1/16): class 0
    # weighs 1/4. Σp: 1.0, 1.5, 3.0; intersections: 0, 1.5, 3.0 (p is 0 off the mask).
    # Numerator 2·(1.5/4 + 3/16) = 1.125; denominator (1 + 0)/4 + (1.5 + 2)/4 + (3 + 4)/16
    # = 1.5625; loss 1 − 1.125/1.5625 = 0.28.
    mask = torch.tensor(
        [[[0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0, 0], [0, 0, 1, 1, 1, 1, 0, 0]]],
        dtype=torch.float64,
    )
    probs = torch.tensor(
        [[[0.25] * 4 + [0] * 4, [0.75] * 2 + [0] * 6, [0] * 2 + [0.75] * 4 + [0] * 2]],
        dtype=torch.float64,
    )
    ours = lossref.generalized_dice_loss(probs, mask, smooth=0.0)
    torch.testing.assert_close(ours, torch.tensor(1 - 1.125 / 1.5625, dtype=torch.float64))


@pytest.mark.parametrize("batch", [False, True])
def test_every_class_absent_gives_zero_whatever_the_prediction(batch: bool) -> None:
    """All weights are 0: numerator and denominator are both ``smooth``. MONAI does the same."""
    empty = torch.zeros(2, 1, 6)
    input = torch.linspace(0, 1, 12).view(2, 1, 6).requires_grad_()
    loss = lossref.generalized_dice_loss(input, empty, batch=batch)
    (grad,) = torch.autograd.grad(loss, input)
    assert loss.item() == 0.0
    assert torch.equal(grad, torch.zeros_like(grad))
    torch.testing.assert_close(loss, GeneralizedDiceLoss(batch=batch)(input, empty))
    assert lossref.generalized_dice_loss(input, empty, smooth=0.0).isnan()


def test_one_class_generalized_dice_is_dice_with_scaled_smooth() -> None:
    """C = 1: w cancels above and below, but not in smooth: GDL(s) = Dice(s·(Σg)²)."""
    tensors = prediction_and_mask((3, 1, 8), torch.float64, absent=False)
    target_sum = tensors["target"].sum(-1).squeeze(1)
    for smooth in (0.0, 0.25):
        ours = lossref.generalized_dice_loss(**tensors, smooth=smooth, reduction="none")
        dice = [
            lossref.dice_loss(
                tensors["input"][n : n + 1],
                tensors["target"][n : n + 1],
                smooth=smooth * target_sum[n].item() ** 2,
            )
            for n in range(3)
        ]
        torch.testing.assert_close(ours, torch.stack(dice))


def test_inverse_square_weights_favour_the_small_class() -> None:
    """A 1-pixel and a 7-pixel class, each predicted at half its value in turn. w·(Σp + Σg) is
    about 2/Σg, so GDL counts the small class more (0.28 against 0.0323); Dice pooled over both
    classes counts the large one more (the same two numbers swapped); dice_loss's mean of the
    per-class losses counts them alike (1/6 each)."""
    mask = torch.zeros(1, 2, 8, dtype=torch.float64)
    mask[0, 0, 0] = 1  # small class: 1 pixel
    mask[0, 1, 1:] = 1  # large class: 7 pixels
    small_half, large_half = mask.clone(), mask.clone()
    small_half[0, 0, 0] = 0.5
    large_half[0, 1, 1:] = 0.5
    # Weights 1/1² and 1/7². Small half: I = (0.5, 7), Σp + Σg = (1.5, 14); numerator
    # 2·(0.5 + 7/49) = 9/7, denominator 1.5 + 14/49 = 25/14: loss 1 − 18/25 = 0.28. Large half:
    # I = (1, 3.5), Σp + Σg = (2, 10.5); numerator 2·(1 + 3.5/49) = 15/7, denominator
    # 2 + 10.5/49 = 31/14: loss 1 − 30/31 = 1/31.
    gdl = {
        "small": lossref.generalized_dice_loss(small_half, mask, smooth=0.0),
        "large": lossref.generalized_dice_loss(large_half, mask, smooth=0.0),
    }
    torch.testing.assert_close(gdl["small"], torch.tensor(0.28, dtype=torch.float64))
    torch.testing.assert_close(gdl["large"], torch.tensor(1 / 31, dtype=torch.float64))
    for name, p in (("small", small_half), ("large", large_half)):
        pooled = lossref.dice_loss(p.reshape(1, 1, -1), mask.reshape(1, 1, -1), smooth=0.0)
        torch.testing.assert_close(pooled, gdl["large" if name == "small" else "small"])
        per_class = lossref.dice_loss(p, mask, smooth=0.0)
        torch.testing.assert_close(per_class, torch.tensor(1 / 6, dtype=torch.float64))


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_generalized_dice_gradcheck(reduction: str, batch: bool) -> None:
    input, target = inside_unit_interval((2, 3, 4), 5), inside_unit_interval((2, 3, 4), 6)
    assert torch.autograd.gradcheck(
        lambda p, g: lossref.generalized_dice_loss(p, g, 0.5, batch, reduction), (input, target)
    )


def test_generalized_dice_gradcheck_with_an_absent_class() -> None:
    input = inside_unit_interval((2, 3, 4), 7)
    target = inside_unit_interval((2, 3, 4), 8).detach()
    target[0, 1] = 0
    assert torch.autograd.gradcheck(
        lambda p: lossref.generalized_dice_loss(p, target, smooth=0.5, reduction="none"), (input,)
    )


# ------------------------------------------------------------------ shapes and edge cases

OVERLAP = ["tversky_loss", "focal_tversky_loss", "generalized_dice_loss"]


@pytest.mark.parametrize("name", OVERLAP)
def test_empty_batch_gives_empty_terms(name: str) -> None:
    input = torch.zeros(0, 3, 4)
    loss = getattr(lossref, name)(input, torch.zeros(0, 3, 4), reduction="none")
    assert loss.shape == ((0,) if name == "generalized_dice_loss" else (0, 3))


@pytest.mark.parametrize("name", OVERLAP)
@pytest.mark.parametrize("batch", [False, True])
def test_empty_mask_and_empty_prediction_score_zero(name: str, batch: bool) -> None:
    input = torch.zeros(2, 3, 4, 4, requires_grad=True)
    loss = getattr(lossref, name)(input, torch.zeros(2, 3, 4, 4), batch=batch)
    (grad,) = torch.autograd.grad(loss, input)
    assert loss.item() == 0.0
    assert torch.isfinite(grad).all()


@pytest.mark.parametrize("name", OVERLAP)
def test_saturated_float32_probabilities_stay_finite(name: str) -> None:
    """Sigmoids of large logits are exactly 0 or 1 in float32."""
    logits = torch.tensor([[[-120.0, -30.0, 20.0, 40.0], [30.0, 25.0, -20.0, -100.0]]])
    mask = torch.tensor([[[0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 0.0]]])
    logits.requires_grad_()
    loss = getattr(lossref, name)(torch.sigmoid(logits), mask)
    (grad,) = torch.autograd.grad(loss, logits)
    assert torch.isfinite(loss)
    assert torch.isfinite(grad).all()
    assert 0.0 <= loss.item() < 1e-6


@pytest.mark.parametrize("name", ["tversky_loss", "focal_tversky_loss"])
def test_alpha_and_beta_both_zero_are_refused(name: str) -> None:
    tensors = prediction_and_mask((2, 3, 4), torch.float32)
    with pytest.raises(ValueError, match="alpha and beta must not both be 0"):
        getattr(lossref, name)(**tensors, alpha=0.0, beta=0.0)


@pytest.mark.parametrize(
    ("name", "settings", "message"),
    [
        ("tversky_loss", {"alpha": "0.3"}, "alpha must be a real number; got str"),
        ("tversky_loss", {"beta": None}, "beta must be a real number; got NoneType"),
        ("focal_tversky_loss", {"exponent": True}, "exponent must be a real number; got bool"),
        ("generalized_dice_loss", {"smooth": "1e-5"}, "smooth must be a real number; got str"),
    ],
)
def test_settings_of_the_wrong_type(name: str, settings: dict[str, object], message: str) -> None:
    tensors = prediction_and_mask((2, 3, 4), torch.float32)
    with pytest.raises(TypeError, match=message):
        getattr(lossref, name)(**tensors, **settings)


def test_focal_tversky_exponent_out_of_range_is_refused_before_the_data() -> None:
    """The exponent is checked even when the data are fine, and named with its range."""
    tensors = prediction_and_mask((2, 3, 4), torch.float32)
    with pytest.raises(ValueError, match=r"exponent must be in \(0, inf\]; got -1.0"):
        lossref.focal_tversky_loss(**tensors, exponent=-1.0)
    assert math.isfinite(lossref.focal_tversky_loss(**tensors, exponent=3.0).item())
