"""Soft Dice and Jaccard losses against MONAI's DiceLoss, plus gradcheck.

MONAI's Dice is ``1 − (2I + s_nr)/(P + G + s_dr)``, lossref's with ``s_nr = s_dr = smooth``.
MONAI's Jaccard (``jaccard=True``) is ``1 − (2I + s_nr)/(2U + s_dr)``: doubling lossref's
``(I + s)/(U + s)`` above and below, it equals MONAI's with ``s_nr = s_dr = 2·smooth``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch
from monai.losses import DiceLoss
from torch import Tensor

import lossref
from tests._parity import DTYPES, REDUCTIONS, assert_matches, generator

SHAPES = {"1d": (3, 2, 7), "2d": (2, 3, 4, 5), "one_channel": (4, 1, 3, 3)}


def prediction_and_mask(
    shape: tuple[int, ...], dtype: torch.dtype, soft_mask: bool = False
) -> dict[str, Tensor]:
    g = generator(len(shape) + shape[1])
    input = torch.rand(shape, generator=g, dtype=dtype)
    mask = torch.rand(shape, generator=g, dtype=dtype)
    return {"input": input, "target": mask if soft_mask else (mask > 0.5).to(dtype)}


def monai_reference(
    jaccard: bool, smooth: float, batch: bool, reduction: str
) -> Callable[..., Tensor]:
    s = 2 * smooth if jaccard else smooth
    module = DiceLoss(jaccard=jaccard, smooth_nr=s, smooth_dr=s, batch=batch, reduction=reduction)

    def reference(input: Tensor, target: Tensor, **_: object) -> Tensor:
        loss = module(input, target)
        # MONAI keeps singleton spatial dims with 'none': (N, C, 1, ...), or (C, 1, ...).
        return (
            loss.flatten(start_dim=1 if batch else 2).squeeze(-1) if reduction == "none" else loss
        )

    return reference


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("smooth", [1e-5, 0.0, 1.0])
@pytest.mark.parametrize("shape", list(SHAPES.values()), ids=list(SHAPES))
@pytest.mark.parametrize("name", ["dice_loss", "jaccard_loss"])
def test_matches_monai(
    name: str,
    shape: tuple[int, ...],
    smooth: float,
    batch: bool,
    reduction: str,
    dtype: torch.dtype,
) -> None:
    value, _ = assert_matches(
        getattr(lossref, name),
        monai_reference(name == "jaccard_loss", smooth, batch, reduction),
        prediction_and_mask(shape, dtype),
        ("input", "target"),
        smooth=smooth,
        batch=batch,
        reduction=reduction,
    )
    if reduction == "none":
        assert value.shape == ((shape[1],) if batch else shape[:2])


@pytest.mark.parametrize("name", ["dice_loss", "jaccard_loss"])
def test_soft_masks_match_monai(name: str) -> None:
    assert_matches(
        getattr(lossref, name),
        monai_reference(name == "jaccard_loss", 1e-5, False, "none"),
        prediction_and_mask((2, 3, 4, 5), torch.float64, soft_mask=True),
        ("input", "target"),
        reduction="none",
    )


def test_batch_pools_samples_before_the_ratio() -> None:
    """batch=True is one Dice over all samples per channel, not the mean of per-sample Dice."""
    tensors = prediction_and_mask((3, 2, 7), torch.float64)
    pooled = lossref.dice_loss(**tensors, batch=True, reduction="none")
    per_sample = lossref.dice_loss(**tensors, reduction="none")
    flat = {k: v.transpose(0, 1).reshape(1, 2, -1) for k, v in tensors.items()}
    torch.testing.assert_close(pooled, lossref.dice_loss(**flat, reduction="none")[0])
    assert not torch.allclose(pooled, per_sample.mean(0))


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["dice_loss", "jaccard_loss"])
def test_gradcheck(name: str, reduction: str, batch: bool) -> None:
    g = generator(5)
    # Strictly inside (0, 1), so that gradcheck's perturbations stay valid probabilities.
    input = (0.05 + 0.9 * torch.rand(2, 2, 5, generator=g, dtype=torch.float64)).requires_grad_()
    target = (0.05 + 0.9 * torch.rand(2, 2, 5, generator=g, dtype=torch.float64)).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradcheck(
        lambda p, g: function(p, g, smooth=0.5, batch=batch, reduction=reduction), (input, target)
    )


@pytest.mark.parametrize("batch", [False, True])
@pytest.mark.parametrize("name", ["dice_loss", "jaccard_loss"])
def test_second_derivative(name: str, batch: bool) -> None:
    """The backward of ``_SoftCounts`` (the per-pixel gradient g·∂L/∂I + ∂L/∂P) is itself
    differentiable: gradients of gradients, for the prediction and the mask."""
    g = generator(6)
    input = (0.05 + 0.9 * torch.rand(2, 2, 5, generator=g, dtype=torch.float64)).requires_grad_()
    target = (0.05 + 0.9 * torch.rand(2, 2, 5, generator=g, dtype=torch.float64)).requires_grad_()
    function = getattr(lossref, name)
    assert torch.autograd.gradgradcheck(
        lambda p, g: function(p, g, smooth=0.5, batch=batch, reduction="none"), (input, target)
    )


def test_soft_counts_gradient_of_one_input_only() -> None:
    """``needs_input_grad``: a mask without gradient gets none, and the prediction's gradient
    is the same as when both require it."""
    g = generator(7)
    input = (0.05 + 0.9 * torch.rand(2, 3, 4, generator=g, dtype=torch.float64)).requires_grad_()
    mask = (torch.rand(2, 3, 4, generator=g, dtype=torch.float64) > 0.5).to(torch.float64)
    lossref.dice_loss(input, mask).backward()
    alone = input.grad
    input.grad = None
    both = mask.clone().requires_grad_()
    lossref.dice_loss(input, both).backward()
    assert mask.grad is None
    assert both.grad is not None
    torch.testing.assert_close(input.grad, alone)
