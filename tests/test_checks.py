"""Bad input fails loudly: the exception type, and a message that names the argument and
shows the offending value or shape."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor

import lossref
from lossref.registry import LOSSES
from tests._parity import example_inputs

ALL_IDS = [spec.id for spec in LOSSES]
# Losses whose prediction and target are both (*) or both (N, C, ...): shapes must agree.
SAME_SHAPE_IDS = [
    "l1_loss",
    "mse_loss",
    "smooth_l1_loss",
    "huber_loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "sigmoid_focal_loss",
    "kl_div",
    "dice_loss",
    "jaccard_loss",
    "tversky_loss",
    "focal_tversky_loss",
    "generalized_dice_loss",
    # boxes1 and boxes2, both (*, 4): checked for equal shapes before the size of the last dim
    "generalized_box_iou_loss",
    "distance_box_iou_loss",
    "complete_box_iou_loss",
    # query and key, both (N, D): row i of key is the positive of row i of query
    "info_nce_loss",
    # labels ±1 (soft margin) or 0/1 per class (multi-label soft margin): the shape of input
    "soft_margin_loss",
    "multilabel_soft_margin_loss",
    # regression: quantile_loss with its default single level (Q levels: tests/test_regression)
    "poisson_nll_loss",
    "log_cosh_loss",
    "quantile_loss",
    # a distance (or score) per pair and its label ±1
    "hinge_embedding_loss",
]
INDEX_TARGET_IDS = ["cross_entropy", "nll_loss", "softmax_focal_loss", "poly1_loss"]
# Class indices for (C) or (N, C) scores only, without ignore_index (torch's margin losses).
MARGIN_INDEX_IDS = ["multi_margin_loss"]
# Labels 1 and -1, in a float or an integer tensor (torch accepts both).
SIGN_TARGET_IDS = ["soft_margin_loss", "hinge_embedding_loss"]
# Losses whose data arguments after the first are all integers (labels, lengths).
INTEGER_DATA_IDS = ["ctc_loss", "multilabel_margin_loss"]

# Overlap losses on (N, C, d1, ...) probabilities and a mask of the same shape.
OVERLAP_IDS = [
    "dice_loss",
    "jaccard_loss",
    "tversky_loss",
    "focal_tversky_loss",
    "generalized_dice_loss",
]


def argument_names(loss_id: str) -> list[str]:
    """The names of the loss's data arguments (its parameters without a default)."""
    parameters = inspect.signature(function(loss_id)).parameters.values()
    return [p.name for p in parameters if p.default is inspect.Parameter.empty]


def function(loss_id: str) -> Callable[..., Tensor]:
    loss: Callable[..., Tensor] = getattr(lossref, loss_id)
    return loss


# -------------------------------------------------------------------------------- shapes


@pytest.mark.parametrize(("shape_a", "shape_b"), [((4, 1), (4,)), ((4,), (4, 1))])
@pytest.mark.parametrize("loss_id", SAME_SHAPE_IDS)
def test_differing_shapes_are_refused(
    loss_id: str, shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> None:
    """(N, 1) against (N,) would broadcast to (N, N): refused, both shapes shown."""
    a, b = argument_names(loss_id)
    prediction, target = torch.full(shape_a, 0.5), torch.ones(shape_b)
    expected = f"{a} {re.escape(str(shape_a))} and {b} {re.escape(str(shape_b))}"
    with pytest.raises(ValueError, match=f"{a} and {b} must have the same shape; got {expected}"):
        function(loss_id)(prediction, target)


def test_differing_probability_target_shape_is_refused() -> None:
    with pytest.raises(ValueError, match=r"input \(4, 3\) and target \(4, 2\)"):
        lossref.cross_entropy(torch.zeros(4, 3), torch.full((4, 2), 0.5))


@pytest.mark.parametrize("loss_id", INDEX_TARGET_IDS)
def test_index_target_of_wrong_shape(loss_id: str) -> None:
    with pytest.raises(
        ValueError,
        match=r"target of class indices must have shape \(4, 5\) .*\(4, 3, 5\); got \(4,\)",
    ):
        function(loss_id)(torch.zeros(4, 3, 5), torch.zeros(4, dtype=torch.long))


def test_scalar_input_has_no_class_dim() -> None:
    with pytest.raises(ValueError, match=r"class dimension.*got a scalar"):
        lossref.cross_entropy(torch.tensor(1.0), torch.tensor(0))


@pytest.mark.parametrize("loss_id", OVERLAP_IDS)
@pytest.mark.parametrize("shape", [(5,), (2, 3)])
def test_overlap_losses_need_a_spatial_dim(loss_id: str, shape: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match=rf"at least one spatial dim; got {re.escape(str(shape))}"):
        function(loss_id)(torch.full(shape, 0.5), torch.ones(shape))


# ----------------------------------------------------------------------------- reduction


@pytest.mark.parametrize("reduction", ["average", "elementwise_mean", "Mean"])
@pytest.mark.parametrize("loss_id", ALL_IDS)
def test_unknown_reduction(loss_id: str, reduction: str) -> None:
    inputs = example_inputs(loss_id)
    with pytest.raises(ValueError, match=f"reduction must be one of .*; got '{reduction}'"):
        function(loss_id)(*inputs, reduction=reduction)


@pytest.mark.parametrize("loss_id", [i for i in ALL_IDS if i != "kl_div"])
def test_batchmean_is_only_for_kl_div(loss_id: str) -> None:
    inputs = example_inputs(loss_id)
    with pytest.raises(ValueError, match="got 'batchmean'"):
        function(loss_id)(*inputs, reduction="batchmean")


# ------------------------------------------------------------------------------- dtypes


@pytest.mark.parametrize("loss_id", ALL_IDS)
def test_integer_predictions(loss_id: str) -> None:
    name = argument_names(loss_id)[0]
    prediction, *others = example_inputs(loss_id)
    with pytest.raises(
        TypeError, match=f"{name} must be a floating-point tensor .*got dtype torch.int64"
    ):
        function(loss_id)(prediction.round().long(), *others)


@pytest.mark.parametrize(
    "loss_id",
    [
        i
        for i in ALL_IDS
        if i not in INDEX_TARGET_IDS + MARGIN_INDEX_IDS + SIGN_TARGET_IDS + INTEGER_DATA_IDS
    ],
)
def test_integer_targets_where_floats_are_needed(loss_id: str) -> None:
    name = argument_names(loss_id)[1]
    prediction, target, *others = example_inputs(loss_id)
    with pytest.raises(TypeError, match=f"{name} must be a floating-point tensor .*torch.int64"):
        function(loss_id)(prediction, target.long(), *others)


@pytest.mark.parametrize("loss_id", INTEGER_DATA_IDS)
def test_float_labels_and_lengths(loss_id: str) -> None:
    """Each integer data argument given as floats is refused, by name."""
    inputs = example_inputs(loss_id)
    for position, name in enumerate(argument_names(loss_id)[1:], start=1):
        arguments = list(inputs)
        arguments[position] = inputs[position].float()
        with pytest.raises(TypeError, match=f"{name} must be an integer tensor .*torch.float32"):
            function(loss_id)(*arguments)


@pytest.mark.parametrize(
    "loss_id", ["nll_loss", "softmax_focal_loss", "poly1_loss", "multi_margin_loss"]
)
def test_float_class_indices(loss_id: str) -> None:
    with pytest.raises(TypeError, match=r"target must hold integer class indices .*torch.float32"):
        function(loss_id)(torch.zeros(4, 3), torch.zeros(4))


TORCH_ONE_HOT_PHRASE = "Expected floating point type for target with class probabilities, got Long"


def test_integer_one_hot_for_cross_entropy() -> None:
    """The same phrase as torch's error, so a search for either finds the answer."""
    logits, target = torch.zeros(3, 4), F.one_hot(torch.tensor([0, 1, 3]), 4)
    with pytest.raises(RuntimeError, match=TORCH_ONE_HOT_PHRASE):
        F.cross_entropy(logits, target)
    with pytest.raises(TypeError, match=TORCH_ONE_HOT_PHRASE) as error:
        lossref.cross_entropy(logits, target)
    assert "target.float()" in str(error.value)


def test_ignore_index_with_probability_targets() -> None:
    """torch raises rather than ignore nothing in silence; lossref too, with torch's phrase."""
    logits, probabilities = torch.zeros(4, 3), torch.full((4, 3), 1 / 3)
    phrase = "ignore_index is not supported for floating point target"
    with pytest.raises(RuntimeError, match=phrase):
        F.cross_entropy(logits, probabilities, ignore_index=0)
    with pytest.raises(ValueError, match=f"{phrase} .*got ignore_index=0"):
        lossref.cross_entropy(logits, probabilities, ignore_index=0)


@pytest.mark.parametrize("loss_id", ALL_IDS)
@pytest.mark.parametrize("position", [0, 1])
def test_non_tensor_arguments(loss_id: str, position: int) -> None:
    name = argument_names(loss_id)[position]
    arguments: list[object] = list(example_inputs(loss_id))
    arguments[position] = example_inputs(loss_id)[position].tolist()
    with pytest.raises(TypeError, match=f"{name} must be a torch.Tensor; got list"):
        function(loss_id)(*arguments)


# ------------------------------------------------------------------ values out of range


@pytest.mark.parametrize(
    ("values", "shown"),
    [([0.5, 1.5], "max 1.5"), ([-0.2, 0.5], "min -0.2"), ([0.5, float("nan")], "nan")],
)
def test_bce_probabilities_outside_unit_interval(values: list[float], shown: str) -> None:
    with pytest.raises(ValueError, match=r"input must hold values in \[0, 1\]") as error:
        lossref.binary_cross_entropy(torch.tensor(values), torch.tensor([1.0, 0.0]))
    assert shown in str(error.value)
    assert "binary_cross_entropy_with_logits" in str(error.value)  # the fix is named


@pytest.mark.parametrize(
    "loss_id",
    [
        "binary_cross_entropy",
        "binary_cross_entropy_with_logits",
        "sigmoid_focal_loss",
        "dice_loss",
        "jaccard_loss",
        "tversky_loss",
        "focal_tversky_loss",
        "generalized_dice_loss",
        "multilabel_soft_margin_loss",
    ],
)
def test_targets_outside_unit_interval(loss_id: str) -> None:
    name = argument_names(loss_id)[1]
    prediction, target = example_inputs(loss_id)
    target = target.clone()
    target.view(-1)[0] = 2.0
    with pytest.raises(
        ValueError, match=rf"{name} must hold values in \[0, 1\]; found min .* max 2"
    ):
        function(loss_id)(prediction, target)


@pytest.mark.parametrize("loss_id", OVERLAP_IDS)
def test_overlap_losses_want_probabilities(loss_id: str) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(ValueError, match=r"input must hold values in \[0, 1\].*apply sigmoid"):
        function(loss_id)(prediction * 10 - 5, target)


@pytest.mark.parametrize("bad", [3, -1, 7])
@pytest.mark.parametrize("loss_id", INDEX_TARGET_IDS + MARGIN_INDEX_IDS)
def test_class_index_out_of_range(loss_id: str, bad: int) -> None:
    prediction, target = example_inputs(loss_id)
    target = target.clone()
    target[1] = bad
    with pytest.raises(IndexError, match=f"class index {bad}, but input has 3 classes.*0..2"):
        function(loss_id)(prediction, target)


@pytest.mark.parametrize("loss_id", INDEX_TARGET_IDS)
def test_class_index_out_of_range_in_k_dim_input(loss_id: str) -> None:
    target = torch.zeros(2, 4, 4, dtype=torch.long)
    target[1, 3, 2] = 5
    with pytest.raises(IndexError, match="class index 5, but input has 3 classes"):
        function(loss_id)(torch.zeros(2, 3, 4, 4), target)


@pytest.mark.parametrize("loss_id", INDEX_TARGET_IDS)
def test_ignore_index_itself_is_not_out_of_range(loss_id: str) -> None:
    prediction, _ = example_inputs(loss_id)
    target = torch.tensor([0, 255, 2, 255])
    assert torch.isfinite(function(loss_id)(prediction, target, ignore_index=255))
    with pytest.raises(IndexError, match="class index 255"):
        function(loss_id)(prediction, target)


# ------------------------------------------------------------------------ hyper-parameters


@pytest.mark.parametrize(
    ("loss_id", "settings", "message"),
    [
        ("huber_loss", {"delta": 0.0}, r"delta must be in \(0, inf\]; got 0.0"),
        ("huber_loss", {"delta": -1.0}, r"delta must be in \(0, inf\]; got -1.0"),
        ("huber_loss", {"delta": float("nan")}, r"delta must be in \(0, inf\]; got nan"),
        ("smooth_l1_loss", {"beta": -0.5}, r"beta must be in \[0, inf\]; got -0.5"),
        (
            "cross_entropy",
            {"label_smoothing": 1.5},
            r"label_smoothing must be in \[0, 1\]; got 1.5",
        ),
        (
            "cross_entropy",
            {"label_smoothing": -0.1},
            r"label_smoothing must be in \[0, 1\]; got -0.1",
        ),
        ("sigmoid_focal_loss", {"gamma": -1.0}, r"gamma must be in \[0, inf\]; got -1.0"),
        ("softmax_focal_loss", {"gamma": -0.5}, r"gamma must be in \[0, inf\]; got -0.5"),
        ("sigmoid_focal_loss", {"alpha": 1.5}, r"alpha must be in \[-inf, 1\]; got 1.5"),
        ("dice_loss", {"smooth": -1.0}, r"smooth must be in \[0, inf\]; got -1.0"),
        ("jaccard_loss", {"smooth": -1e-5}, r"smooth must be in \[0, inf\]; got -1e-05"),
        ("tversky_loss", {"alpha": -0.1}, r"alpha must be in \[0, inf\]; got -0.1"),
        ("tversky_loss", {"beta": float("nan")}, r"beta must be in \[0, inf\]; got nan"),
        ("tversky_loss", {"smooth": -1.0}, r"smooth must be in \[0, inf\]; got -1.0"),
        (
            "tversky_loss",
            {"alpha": 0.0, "beta": 0.0},
            "alpha and beta must not both be 0: the Tversky index would be 1",
        ),
        ("focal_tversky_loss", {"exponent": 0.0}, r"exponent must be in \(0, inf\]; got 0.0"),
        ("focal_tversky_loss", {"exponent": -0.75}, r"exponent must be in \(0, inf\]; got -0.75"),
        ("focal_tversky_loss", {"beta": -1.0}, r"beta must be in \[0, inf\]; got -1.0"),
        ("generalized_dice_loss", {"smooth": -1.0}, r"smooth must be in \[0, inf\]; got -1.0"),
    ],
)
def test_parameter_out_of_range(loss_id: str, settings: dict[str, float], message: str) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(ValueError, match=message):
        function(loss_id)(prediction, target, **settings)


@pytest.mark.parametrize(
    ("loss_id", "settings", "message"),
    [
        ("huber_loss", {"delta": "1"}, "delta must be a real number; got str '1'"),
        ("smooth_l1_loss", {"beta": True}, "beta must be a real number; got bool True"),
        (
            "cross_entropy",
            {"label_smoothing": None},
            "label_smoothing must be a real number; got NoneType",
        ),
        ("focal_tversky_loss", {"exponent": "4/3"}, "exponent must be a real number; got str"),
    ],
)
def test_parameter_of_wrong_type(loss_id: str, settings: dict[str, object], message: str) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(TypeError, match=message):
        function(loss_id)(prediction, target, **settings)


@pytest.mark.parametrize("alpha", [0.25, 1])
def test_scalar_alpha_for_softmax_focal(alpha: float) -> None:
    prediction, target = example_inputs("softmax_focal_loss")
    with pytest.raises(
        TypeError,
        match=f"alpha must be None or a 1-D tensor .*; got {type(alpha).__name__} {alpha}",
    ):
        lossref.softmax_focal_loss(prediction, target, alpha=alpha)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [(2,), (4,), (1, 3)])
@pytest.mark.parametrize(
    ("loss_id", "name"),
    [("cross_entropy", "weight"), ("nll_loss", "weight"), ("softmax_focal_loss", "alpha")],
)
def test_class_weight_of_wrong_size(loss_id: str, name: str, shape: tuple[int, ...]) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(
        ValueError,
        match=rf"{name} must be a 1-D tensor with one entry per class \(C=3\); got shape "
        + re.escape(str(shape)),
    ):
        function(loss_id)(prediction, target, **{name: torch.ones(shape, dtype=prediction.dtype)})


def test_class_weight_on_probability_targets_is_checked_too() -> None:
    with pytest.raises(
        ValueError, match=r"weight must be a 1-D tensor .*\(C=3\); got shape \(2,\)"
    ):
        lossref.cross_entropy(torch.zeros(4, 3), torch.full((4, 3), 1 / 3), weight=torch.ones(2))


@pytest.mark.parametrize("loss_id", ["l1_loss", "mse_loss", "huber_loss"])
def test_element_weight_of_wrong_shape(loss_id: str) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(
        ValueError,
        match=r"weight must have the same shape as input; got weight \(3,\) and input \(4, 3\)",
    ):
        function(loss_id)(prediction, target, weight=torch.ones(3, dtype=prediction.dtype))


@pytest.mark.parametrize(
    ("loss_id", "name"),
    [
        ("binary_cross_entropy", "weight"),
        ("binary_cross_entropy_with_logits", "weight"),
        ("binary_cross_entropy_with_logits", "pos_weight"),
    ],
)
def test_binary_weight_that_does_not_broadcast(loss_id: str, name: str) -> None:
    prediction, target = example_inputs(loss_id)
    with pytest.raises(
        ValueError, match=rf"{name} must broadcast to the shape of input \(4, 3\); got \(2,\)"
    ):
        function(loss_id)(prediction, target, **{name: torch.ones(2, dtype=prediction.dtype)})
