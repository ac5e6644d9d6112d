"""Classification losses against torch (CE, NLL, BCE, BCE with logits), MONAI (softmax focal)
and torchvision's own sigmoid focal loss (loaded by lossref/_torchvision.py)."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
import torch
import torch.nn.functional as F
from monai.losses import FocalLoss
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
    torchvision_sigmoid_focal_loss,
)

C = 4
# Class dim 0 when unbatched, 1 otherwise; class-index targets drop it.
LAYOUTS = {"unbatched": (C,), "batched": (6, C), "kdim": (2, C, 2, 3)}
IGNORE_MODES = ["unused", "default", "real_class"]


def logits(layout: str, dtype: torch.dtype, seed: int) -> Tensor:
    return 2 * torch.randn(LAYOUTS[layout], generator=generator(seed), dtype=dtype)


def index_shape(layout: str) -> tuple[int, ...]:
    shape = LAYOUTS[layout]
    return () if len(shape) == 1 else (shape[0], *shape[2:])


def class_indices(layout: str, seed: int, ignore_mode: str = "unused") -> tuple[Tensor, int]:
    """Random indices in [0, C) and the ignore_index to pass; some positions ignored."""
    target = torch.randint(0, C, index_shape(layout), generator=generator(seed))
    if ignore_mode == "default":
        if target.numel() > 1:  # keep at least one position
            target.view(-1)[::2] = -100
        return target, -100
    if ignore_mode == "real_class":  # ignore_index may be a real class, as in torch
        first = int(target.view(-1)[0])
        # The class of the first position, unless that would ignore the only position.
        return target, first if target.numel() > 1 else (first + 1) % C
    return target, -100


def class_weight(dtype: torch.dtype, seed: int = 11) -> Tensor:
    return torch.rand(C, generator=generator(seed), dtype=dtype) + 0.2


def class_probabilities(layout: str, dtype: torch.dtype, seed: int) -> Tensor:
    class_dim = 0 if layout == "unbatched" else 1
    return torch.randn(LAYOUTS[layout], generator=generator(seed), dtype=dtype).softmax(class_dim)


SIGNATURE_NAMES = [
    "cross_entropy",
    "nll_loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
]


@pytest.mark.parametrize("name", SIGNATURE_NAMES)
def test_signature_is_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


# ---------------------------------------------------------------------------- cross-entropy


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("ignore_mode", IGNORE_MODES)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_cross_entropy_class_indices_match_torch(
    layout: str,
    weighted: bool,
    ignore_mode: str,
    label_smoothing: float,
    reduction: str,
    dtype: torch.dtype,
) -> None:
    target, ignore_index = class_indices(layout, seed=1, ignore_mode=ignore_mode)
    assert_matches(
        lossref.cross_entropy,
        F.cross_entropy,
        {"input": logits(layout, dtype, seed=2), "target": target},
        weight=class_weight(dtype) if weighted else None,
        ignore_index=ignore_index,
        label_smoothing=label_smoothing,
        reduction=reduction,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.3])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_cross_entropy_class_probabilities_match_torch(
    layout: str, weighted: bool, label_smoothing: float, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.cross_entropy,
        F.cross_entropy,
        {"input": logits(layout, dtype, seed=3), "target": class_probabilities(layout, dtype, 4)},
        ("input", "target"),
        weight=class_weight(dtype) if weighted else None,
        label_smoothing=label_smoothing,
        reduction=reduction,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("name", ["cross_entropy", "nll_loss"])
def test_every_position_ignored_is_like_torch(
    name: str, weighted: bool, label_smoothing: float, reduction: str
) -> None:
    """torch gives nan for 'mean' (0/0), 0 for 'sum' and zeros for 'none'."""
    settings: dict[str, object] = {"ignore_index": 2, "reduction": reduction}
    if weighted:
        settings["weight"] = class_weight(torch.float64)
    if name == "cross_entropy":
        settings["label_smoothing"] = label_smoothing
    value, _ = assert_matches(
        getattr(lossref, name),
        getattr(F, name),
        {"input": logits("batched", torch.float64, 5), "target": torch.full((6,), 2)},
        equal_nan=True,
        **settings,
    )
    assert value.isnan().all() if reduction == "mean" else (value == 0).all()


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
@pytest.mark.parametrize("name", ["cross_entropy", "nll_loss"])
def test_index_losses_deprecated_arguments(
    name: str, size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    x = logits("batched", torch.float64, 6).log_softmax(1)
    target, _ = class_indices("batched", 7)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(getattr(F, name), x, target, weight=class_weight(x.dtype), **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = getattr(lossref, name)(x, target, weight=class_weight(x.dtype), **legacy)
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_cross_entropy_gradcheck(layout: str, reduction: str) -> None:
    target, _ = class_indices(layout, 8, "default")
    weight = class_weight(torch.float64)

    def indices(x: Tensor) -> Tensor:
        return lossref.cross_entropy(
            x, target, weight=weight, label_smoothing=0.1, reduction=reduction
        )

    def probabilities(x: Tensor, q: Tensor) -> Tensor:
        return lossref.cross_entropy(x, q, weight=weight, label_smoothing=0.1, reduction=reduction)

    x = logits(layout, torch.float64, 9).requires_grad_()
    q = class_probabilities(layout, torch.float64, 10).requires_grad_()
    assert torch.autograd.gradcheck(indices, (x,))
    assert torch.autograd.gradcheck(probabilities, (x, q))


# ------------------------------------------------------------------------------------- NLL


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("ignore_mode", IGNORE_MODES)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_nll_matches_torch(
    layout: str, weighted: bool, ignore_mode: str, reduction: str, dtype: torch.dtype
) -> None:
    class_dim = 0 if layout == "unbatched" else 1
    target, ignore_index = class_indices(layout, seed=12, ignore_mode=ignore_mode)
    assert_matches(
        lossref.nll_loss,
        F.nll_loss,
        {"input": logits(layout, dtype, 13).log_softmax(class_dim), "target": target},
        weight=class_weight(dtype) if weighted else None,
        ignore_index=ignore_index,
        reduction=reduction,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_nll_gradcheck(layout: str, reduction: str) -> None:
    target, _ = class_indices(layout, 14, "default")
    x = logits(layout, torch.float64, 15).requires_grad_()
    weight = class_weight(torch.float64)
    assert torch.autograd.gradcheck(
        lambda x: lossref.nll_loss(x, target, weight=weight, reduction=reduction), (x,)
    )


# ------------------------------------------------------------------- binary cross-entropy

N_BIN = (5, 3)
# Element weights in every shape that broadcasts to (5, 3), as torch allows.
WEIGHT_SHAPES = {"none": None, "full": (5, 3), "row": (3,), "column": (5, 1), "scalar": ()}


def probabilities(dtype: torch.dtype, seed: int) -> Tensor:
    return 0.05 + 0.9 * torch.rand(N_BIN, generator=generator(seed), dtype=dtype)


def binary_targets(dtype: torch.dtype, seed: int) -> Tensor:
    """Hard 0/1 labels in the first column, soft labels elsewhere."""
    target = torch.rand(N_BIN, generator=generator(seed), dtype=dtype)
    target[:, 0] = target[:, 0].round()
    return target


def element_weight(kind: str, dtype: torch.dtype) -> Tensor | None:
    shape = WEIGHT_SHAPES[kind]
    return None if shape is None else torch.rand(shape, generator=generator(16), dtype=dtype) + 0.5


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight_kind", list(WEIGHT_SHAPES))
def test_binary_cross_entropy_matches_torch(
    weight_kind: str, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.binary_cross_entropy,
        F.binary_cross_entropy,
        {"input": probabilities(dtype, 17), "target": binary_targets(dtype, 18)},
        ("input", "target"),
        weight=element_weight(weight_kind, dtype),
        reduction=reduction,
    )


POS_WEIGHT_SHAPES = {"none": None, "per_class": (3,), "single": (1,), "full": (5, 3)}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("pos_weight_kind", list(POS_WEIGHT_SHAPES))
@pytest.mark.parametrize("weight_kind", ["none", "full", "row"])
def test_binary_cross_entropy_with_logits_matches_torch(
    weight_kind: str, pos_weight_kind: str, reduction: str, dtype: torch.dtype
) -> None:
    shape = POS_WEIGHT_SHAPES[pos_weight_kind]
    pos_weight = (
        None if shape is None else 3 * torch.rand(shape, generator=generator(19), dtype=dtype)
    )
    assert_matches(
        lossref.binary_cross_entropy_with_logits,
        F.binary_cross_entropy_with_logits,
        {
            "input": 3 * torch.randn(N_BIN, generator=generator(20), dtype=dtype),
            "target": binary_targets(dtype, 21),
        },
        ("input", "target"),
        weight=element_weight(weight_kind, dtype),
        pos_weight=pos_weight,
        reduction=reduction,
    )


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
@pytest.mark.parametrize(
    ("name", "make_input"),
    [
        ("binary_cross_entropy", probabilities),
        ("binary_cross_entropy_with_logits", lambda dtype, seed: torch.randn(N_BIN, dtype=dtype)),
    ],
)
def test_binary_deprecated_arguments(
    name: str,
    make_input: Callable[[torch.dtype, int], Tensor],
    size_average: bool | None,
    reduce: bool | None,
    reduction: str,
) -> None:
    x = make_input(torch.float64, 22)
    y = binary_targets(torch.float64, 23)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(getattr(F, name), x, y, **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = getattr(lossref, name)(x, y, **legacy)
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_gradcheck(reduction: str) -> None:
    p = probabilities(torch.float64, 24).requires_grad_()
    y = (0.05 + 0.9 * binary_targets(torch.float64, 25)).requires_grad_()
    w = (torch.rand(3, generator=generator(16), dtype=torch.float64) + 0.5).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda p, y, w: lossref.binary_cross_entropy(p, y, weight=w, reduction=reduction),
        (p, y, w),
    )


def test_binary_cross_entropy_second_derivative() -> None:
    """torch's BCE has a double backward; lossref's custom autograd Function must too."""
    p = probabilities(torch.float64, 26).requires_grad_()
    y = binary_targets(torch.float64, 27).clamp(0.05, 0.95).requires_grad_()
    assert torch.autograd.gradgradcheck(
        lambda p, y: lossref.binary_cross_entropy(p, y, reduction="sum"), (p, y)
    )


def test_binary_cross_entropy_with_logits_second_derivative() -> None:
    """Its custom autograd Function's backward is differentiable, with and without pos_weight
    (a gradient w.r.t. pos_weight, which torch does not offer, is checked too)."""
    x = (3 * torch.randn(N_BIN, generator=generator(40), dtype=torch.float64)).requires_grad_()
    y = (0.05 + 0.9 * binary_targets(torch.float64, 41)).requires_grad_()
    pw = (torch.rand(3, generator=generator(42), dtype=torch.float64) + 0.5).requires_grad_()
    assert torch.autograd.gradgradcheck(
        lambda x, y: lossref.binary_cross_entropy_with_logits(x, y, reduction="none"), (x, y)
    )
    assert torch.autograd.gradgradcheck(
        lambda x, y, pw: lossref.binary_cross_entropy_with_logits(x, y, pos_weight=pw),
        (x, y, pw),
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits_gradcheck(reduction: str) -> None:
    x = (3 * torch.randn(N_BIN, generator=generator(28), dtype=torch.float64)).requires_grad_()
    y = (0.05 + 0.9 * binary_targets(torch.float64, 29)).requires_grad_()  # room for gradcheck
    w = (torch.rand(N_BIN, generator=generator(16), dtype=torch.float64) + 0.5).requires_grad_()
    pw = (torch.rand(3, generator=generator(30), dtype=torch.float64) + 0.5).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, y, w, pw: lossref.binary_cross_entropy_with_logits(
            x, y, weight=w, pos_weight=pw, reduction=reduction
        ),
        (x, y, w, pw),
    )


# ----------------------------------------------------------------------- sigmoid focal loss


def test_sigmoid_focal_signature_is_torchvisions() -> None:
    empty, kind = inspect.Parameter.empty, inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert parameter_table(lossref.sigmoid_focal_loss) == [
        ("inputs", kind, empty),
        ("targets", kind, empty),
        ("alpha", kind, 0.25),
        ("gamma", kind, 2),
        ("reduction", kind, "none"),
    ]
    assert parameter_table(lossref.sigmoid_focal_loss) == parameter_table(
        torchvision_sigmoid_focal_loss
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("gamma", [0.0, 1.0, 2.0, 3.5])
@pytest.mark.parametrize("alpha", [0.25, 0.0, 1.0, -1.0])
def test_sigmoid_focal_matches_torchvision(
    alpha: float, gamma: float, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.sigmoid_focal_loss,
        torchvision_sigmoid_focal_loss,
        {
            "inputs": 3 * torch.randn(N_BIN, generator=generator(31), dtype=dtype),
            "targets": binary_targets(dtype, 32),
        },
        ("inputs", "targets"),
        alpha=alpha,
        gamma=gamma,
        reduction=reduction,
    )


def test_sigmoid_focal_defaults_are_torchvisions() -> None:
    x = 3 * torch.randn(N_BIN, generator=generator(33), dtype=torch.float64)
    y = binary_targets(torch.float64, 34)
    got = lossref.sigmoid_focal_loss(x, y)
    assert got.shape == x.shape  # default reduction 'none'
    torch.testing.assert_close(got, torchvision_sigmoid_focal_loss(x, y))


def test_sigmoid_focal_gamma_zero_no_alpha_is_bce_with_logits() -> None:
    x = 3 * torch.randn(N_BIN, generator=generator(35), dtype=torch.float64)
    y = binary_targets(torch.float64, 36)
    torch.testing.assert_close(
        lossref.sigmoid_focal_loss(x, y, alpha=-1, gamma=0, reduction="mean"),
        F.binary_cross_entropy_with_logits(x, y),
    )


@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_sigmoid_focal_gradcheck(gamma: float) -> None:
    x = (3 * torch.randn(N_BIN, generator=generator(37), dtype=torch.float64)).requires_grad_()
    y = (0.05 + 0.9 * binary_targets(torch.float64, 38)).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, y: lossref.sigmoid_focal_loss(x, y, gamma=gamma, reduction="mean"), (x, y)
    )


# ----------------------------------------------------------------------- softmax focal loss


def monai_focal(
    gamma: float, weight: Tensor | None, reduction: str, ignore_index: int | None = None
) -> FocalLoss:
    return FocalLoss(
        to_onehot_y=True,
        use_softmax=True,
        gamma=gamma,
        weight=weight,
        reduction=reduction,
        ignore_index=ignore_index,
    )


@pytest.mark.parametrize("ignored", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0, 3.0])
def test_softmax_focal_matches_monai_unreduced(gamma: float, weighted: bool, ignored: bool) -> None:
    """MONAI returns (N, C, ...) terms, one per class, non-zero only at the target class."""
    weight = class_weight(torch.float32) if weighted else None
    target, ignore_index = class_indices("kdim", 39, "default" if ignored else "unused")
    monai = monai_focal(gamma, weight, "none", ignore_index if ignored else None)

    def reference(input: Tensor, target: Tensor, **_: object) -> Tensor:
        return monai(input, target.unsqueeze(1)).sum(1)

    assert_matches(
        lossref.softmax_focal_loss,
        reference,
        {"input": logits("kdim", torch.float32, 40), "target": target},
        gamma=gamma,
        alpha=weight,
        ignore_index=ignore_index,
        reduction="none",
    )


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_softmax_focal_matches_monai_sum(gamma: float, weighted: bool) -> None:
    """MONAI's 'sum' averages over the spatial dims before summing: undo that by their size."""
    weight = class_weight(torch.float32) if weighted else None
    target, _ = class_indices("kdim", 41)
    x = logits("kdim", torch.float32, 42)
    spatial = target[0].numel()
    expected = monai_focal(gamma, weight, "sum")(x, target.unsqueeze(1)) * spatial
    got = lossref.softmax_focal_loss(x, target, gamma=gamma, alpha=weight, reduction="sum")
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("ignore_mode", IGNORE_MODES)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_softmax_focal_gamma_zero_is_weighted_cross_entropy(
    layout: str, weighted: bool, ignore_mode: str, reduction: str, dtype: torch.dtype
) -> None:
    target, ignore_index = class_indices(layout, 43, ignore_mode)
    weight = class_weight(dtype) if weighted else None

    def focal(
        input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int, reduction: str
    ) -> Tensor:
        return lossref.softmax_focal_loss(
            input, target, 0.0, weight, ignore_index=ignore_index, reduction=reduction
        )

    assert_matches(
        focal,
        F.cross_entropy,
        {"input": logits(layout, dtype, 44), "target": target},
        weight=weight,
        ignore_index=ignore_index,
        reduction=reduction,
    )


@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_softmax_focal_every_position_ignored(gamma: float) -> None:
    """As cross_entropy: 'mean' is NaN (0/0) but the gradient is 0, not NaN."""
    x = logits("batched", torch.float64, 49).requires_grad_()
    target = torch.full(index_shape("batched"), -100)
    loss = lossref.softmax_focal_loss(x, target, gamma=gamma, alpha=class_weight(x.dtype))
    (grad,) = torch.autograd.grad(loss, x)
    assert loss.isnan()
    assert (grad == 0).all()


def test_softmax_focal_down_weights_easy_positions() -> None:
    """With γ > 0 each term is (1 − p_t)^γ times the cross-entropy term."""
    x = logits("batched", torch.float64, 45)
    target, _ = class_indices("batched", 46)
    ce = F.cross_entropy(x, target, reduction="none")
    p_t = x.softmax(1).gather(1, target[:, None]).squeeze(1)
    torch.testing.assert_close(
        lossref.softmax_focal_loss(x, target, gamma=2.0, reduction="none"), (1 - p_t) ** 2 * ce
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("gamma", [0.0, 2.0, 3.0])
def test_softmax_focal_gradcheck(gamma: float, reduction: str) -> None:
    target, _ = class_indices("kdim", 47, "default")
    x = logits("kdim", torch.float64, 48).requires_grad_()
    alpha = class_weight(torch.float64).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, a: lossref.softmax_focal_loss(
            x, target, gamma=gamma, alpha=a, reduction=reduction
        ),
        (x, alpha),
    )
