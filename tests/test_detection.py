"""The IoU box losses against torchvision 0.28.0's own code (lossref/_torchvision.py): values,
gradients w.r.t. both boxes, signatures, gradcheck, hand-computed cases, properties, errors."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest
import torch
from torch import Tensor

import lossref
from lossref._torchvision import torchvision_op
from tests._parity import DTYPES, REDUCTIONS, assert_matches, generator, parameter_table

TORCHVISION: dict[str, Callable[..., Tensor]] = {
    "generalized_box_iou_loss": torchvision_op("giou_loss", "generalized_box_iou_loss"),
    "distance_box_iou_loss": torchvision_op("diou_loss", "distance_box_iou_loss"),
    "complete_box_iou_loss": torchvision_op("ciou_loss", "complete_box_iou_loss"),
}
NAMES = tuple(TORCHVISION)
BOTH = ("boxes1", "boxes2")


def ours(name: str) -> Callable[..., Tensor]:
    function: Callable[..., Tensor] = getattr(lossref, name)
    return function


def random_boxes(
    shape: tuple[int, ...], g: torch.Generator, dtype: torch.dtype, scale: float = 4.0
) -> Tensor:
    """Valid boxes (x2 ≥ x1, y2 ≥ y1) of shape ``(*shape, 4)``; about half the pairs drawn
    this way overlap and half are disjoint."""
    corner = scale * torch.rand(*shape, 2, generator=g, dtype=dtype)
    size = scale * (0.05 + 0.7 * torch.rand(*shape, 2, generator=g, dtype=dtype))
    return torch.cat([corner, corner + size], dim=-1)


# Pairs of every kind, one row each: the geometry the losses must agree on.
SPECIAL_BOXES1 = [
    [0.0, 0.0, 2.0, 2.0],  # overlapping (unit-offset squares)
    [0.0, 0.0, 1.0, 1.0],  # disjoint, side by side
    [0.0, 0.0, 1.0, 1.0],  # disjoint, diagonal
    [0.0, 0.0, 4.0, 4.0],  # nested: B inside A
    [1.0, 1.0, 3.0, 3.0],  # nested: A inside B
    [0.5, 1.0, 2.5, 4.0],  # identical
    [0.0, 0.0, 1.0, 1.0],  # touching along an edge
    [0.0, 0.0, 1.0, 1.0],  # touching at a corner
    [0.0, 0.0, 3.0, 1.0],  # a cross: no corner of either box inside the other
    [0.0, 0.0, 0.0, 2.0],  # zero width against a square
    [1.0, 1.0, 1.0, 1.0],  # a point inside a square (no aspect ratio: see the CIoU tests)
]
SPECIAL_BOXES2 = [
    [1.0, 1.0, 3.0, 3.0],
    [2.0, 0.0, 3.0, 1.0],
    [2.0, 3.0, 4.0, 5.0],
    [1.0, 1.0, 3.0, 3.0],
    [0.0, 0.0, 4.0, 4.0],
    [0.5, 1.0, 2.5, 4.0],
    [1.0, 0.0, 2.0, 1.0],
    [1.0, 1.0, 2.0, 2.0],
    [1.0, -1.0, 2.0, 2.0],
    [-1.0, 0.0, 1.0, 2.0],
    [0.0, 0.0, 2.0, 2.0],
]


def special(dtype: torch.dtype, rows: slice = slice(None)) -> dict[str, Tensor]:
    return {
        "boxes1": torch.tensor(SPECIAL_BOXES1[rows], dtype=dtype),
        "boxes2": torch.tensor(SPECIAL_BOXES2[rows], dtype=dtype),
    }


# ------------------------------------------------------------------ torchvision's own code


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_torchvisions(name: str) -> None:
    assert parameter_table(ours(name)) == parameter_table(TORCHVISION[name])
    assert parameter_table(ours(name))[2:] == [
        ("reduction", 1, "none"),
        ("eps", 1, 1e-7),
    ]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("eps", [1e-7, 1e-3])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_random_boxes_match_torchvision(
    name: str, reduction: str, eps: float, dtype: torch.dtype
) -> None:
    g = generator(len(name) + len(reduction))
    tensors = {"boxes1": random_boxes((40,), g, dtype), "boxes2": random_boxes((40,), g, dtype)}
    assert_matches(ours(name), TORCHVISION[name], tensors, BOTH, reduction=reduction, eps=eps)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_every_kind_of_pair_matches_torchvision(
    name: str, reduction: str, dtype: torch.dtype
) -> None:
    """Overlapping, disjoint, nested, identical, touching, crossing and degenerate pairs; the
    point box is left to the CIoU tests below (torchvision divides 0 by 0 there)."""
    rows = slice(None, -1) if name == "complete_box_iou_loss" else slice(None)
    assert_matches(ours(name), TORCHVISION[name], special(dtype, rows), BOTH, reduction=reduction)


@pytest.mark.parametrize("shape", [(), (1,), (2, 3)])
@pytest.mark.parametrize("name", NAMES)
def test_box_shapes_match_torchvision(name: str, shape: tuple[int, ...]) -> None:
    """A single box ``(4,)``, ``(N, 4)``, and more leading dims ``(*, 4)`` as torchvision."""
    g = generator(len(shape))
    tensors = {
        "boxes1": random_boxes(shape, g, torch.float64),
        "boxes2": random_boxes(shape, g, torch.float64),
    }
    value, _ = assert_matches(ours(name), TORCHVISION[name], tensors, BOTH)
    assert value.shape == shape


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_no_boxes_like_torchvision(name: str, reduction: str) -> None:
    """An empty batch gives an empty 'none', and 0 (not nan) for 'mean' and 'sum'."""
    tensors = {"boxes1": torch.zeros(0, 4), "boxes2": torch.zeros(0, 4)}
    value, grads = assert_matches(ours(name), TORCHVISION[name], tensors, BOTH, reduction=reduction)
    assert value.shape == ((0,) if reduction == "none" else ())
    if reduction != "none":
        assert value.item() == 0.0
    assert all(grad.shape == (0, 4) for grad in grads)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("name", NAMES)
def test_half_precision_is_computed_in_float32(name: str, dtype: torch.dtype) -> None:
    """torchvision upcasts: areas of boxes a few hundred pixels wide overflow float16."""
    g = generator(7)
    tensors = {
        "boxes1": random_boxes((6,), g, torch.float32, scale=300.0).to(dtype),
        "boxes2": random_boxes((6,), g, torch.float32, scale=300.0).to(dtype),
    }
    value, _ = assert_matches(ours(name), TORCHVISION[name], tensors, BOTH)
    assert value.dtype == torch.float32
    assert torch.isfinite(value).all()


@pytest.mark.parametrize("name", NAMES)
def test_mixed_dtypes_are_promoted(name: str) -> None:
    """float16 against float64 is computed in float64. torchvision raises here (an index_put
    between float32 and float64), so the reference is torchvision on both boxes in float64."""
    g = generator(8)
    half, double = random_boxes((6,), g, torch.float32).half(), random_boxes((6,), g, torch.float64)
    with pytest.raises(RuntimeError, match="Index put requires the source and destination dtypes"):
        TORCHVISION[name](half, double)
    value = ours(name)(half, double)
    assert value.dtype == torch.float64
    torch.testing.assert_close(value, TORCHVISION[name](half.double(), double))


@pytest.mark.parametrize("name", NAMES)
def test_pixel_coordinates_in_float32(name: str) -> None:
    """Boxes in pixels of a 4000-pixel image: float32 still agrees with float64."""
    g = generator(11)
    boxes1 = random_boxes((50,), g, torch.float64, scale=4000.0)
    boxes2 = random_boxes((50,), g, torch.float64, scale=4000.0)
    exact = ours(name)(boxes1, boxes2)
    single = ours(name)(boxes1.float(), boxes2.float())
    torch.testing.assert_close(single.double(), exact, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(single, TORCHVISION[name](boxes1.float(), boxes2.float()))


# ------------------------------------------------------------------------------ gradcheck


@pytest.mark.parametrize("reduction", ["none", "mean"])
@pytest.mark.parametrize("name", ["generalized_box_iou_loss", "distance_box_iou_loss"])
def test_gradcheck(name: str, reduction: str) -> None:
    """Random boxes: no two coordinates tie, so every pair is away from the kinks of min/max.
    CIoU's gradient holds α fixed, so finite differences of CIoU itself cannot match it: see
    test_ciou_gradient_holds_alpha_fixed."""
    g = generator(3)
    boxes1 = random_boxes((6,), g, torch.float64).requires_grad_()
    boxes2 = random_boxes((6,), g, torch.float64).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda a, b: ours(name)(a, b, reduction=reduction), (boxes1, boxes2)
    )


# --------------------------------------------------------------------- hand-computed values


def test_unit_offset_squares_by_hand() -> None:
    """A = [0, 0, 2, 2], B = [1, 1, 3, 3]: two 2 × 2 squares offset by one unit in x and y.

    |A ∩ B| = 1 × 1 = 1; |A ∪ B| = 4 + 4 − 1 = 7; IoU = 1/7.
    C = [0, 0, 3, 3], |C| = 9, |C \\ (A ∪ B)| = 9 − 7 = 2: GIoU = 1/7 − 2/9, loss 1 − 1/7 + 2/9.
    Centres (1, 1) and (2, 2): ρ² = 1 + 1 = 2; diagonal of C: c² = 9 + 9 = 18:
    DIoU loss 1 − 1/7 + 2/18. Both squares: same aspect ratio, v = 0, CIoU = DIoU.
    """
    a, b = torch.tensor([0.0, 0.0, 2.0, 2.0]), torch.tensor([1.0, 1.0, 3.0, 3.0])
    iou = 1 / 7
    expected = {
        "generalized_box_iou_loss": 1 - iou + 2 / 9,
        "distance_box_iou_loss": 1 - iou + 2 / 18,
        "complete_box_iou_loss": 1 - iou + 2 / 18,
    }
    for name, value in expected.items():
        assert ours(name)(a.double(), b.double()).item() == pytest.approx(value, abs=1e-6)


def test_disjoint_nested_identical_by_hand() -> None:
    """Rows of SPECIAL_BOXES (float64, eps only perturbs the 7th decimal):

    disjoint side by side [0, 0, 1, 1] / [2, 0, 3, 1]: IoU 0; C = [0, 0, 3, 1], |C| = 3,
        |A ∪ B| = 2: GIoU loss 1 + 1/3. ρ = 2, c² = 9 + 1 = 10: DIoU loss 1 + 4/10.
    B inside A, [0, 0, 4, 4] / [1, 1, 3, 3]: IoU 4/16; C = A so GIoU = IoU; same centre so
        DIoU = 1 − IoU; same aspect ratio so CIoU = DIoU: all three 0.75.
    identical boxes: 0 for all three.
    touching along an edge [0, 0, 1, 1] / [1, 0, 2, 1]: IoU 0, C = [0, 0, 2, 1] = A ∪ B:
        GIoU loss exactly 1; ρ = 1, c² = 4 + 1 = 5: DIoU loss 1 + 1/5.
    """
    boxes1, boxes2 = special(torch.float64).values()
    giou = lossref.generalized_box_iou_loss(boxes1, boxes2)
    diou = lossref.distance_box_iou_loss(boxes1, boxes2)
    ciou = lossref.complete_box_iou_loss(boxes1, boxes2)

    def near(value: float) -> Any:
        return pytest.approx(value, abs=1e-6)

    assert giou[1].item() == near(1 + 1 / 3)
    assert diou[1].item() == near(1 + 4 / 10)
    for loss in (giou, diou, ciou):
        assert loss[3].item() == near(0.75)
        assert loss[4].item() == near(0.75)
        assert loss[5].item() == near(0.0)
    assert giou[6].item() == near(1.0)
    assert diou[6].item() == near(1 + 1 / 5)


def test_complete_iou_by_hand() -> None:
    """A = [0, 0, 4, 2] (4 × 2) against the square B = [0, 0, 2, 2]: IoU = 4/8 = 1/2;
    C = A, c² = 16 + 4 = 20; centres (2, 1) and (1, 1): ρ²/c² = 1/20;
    v = (4/π²)(arctan(2/2) − arctan(4/2))², α = v / (1 − 1/2 + v)."""
    a, b = torch.tensor([0.0, 0.0, 4.0, 2.0], dtype=torch.float64), torch.tensor([0.0, 0.0, 2, 2])
    v = 4 / math.pi**2 * (math.atan(1.0) - math.atan(2.0)) ** 2
    alpha = v / (0.5 + v)
    got = lossref.complete_box_iou_loss(a, b.double())
    assert got.item() == pytest.approx(0.5 + 1 / 20 + alpha * v, abs=1e-6)
    assert lossref.distance_box_iou_loss(a, b.double()).item() == pytest.approx(0.55, abs=1e-6)


# ------------------------------------------------------------------------------ properties


def plain_iou(boxes1: Tensor, boxes2: Tensor) -> Tensor:
    """IoU written out independently, for the property tests."""
    left, top = torch.maximum(boxes1[:, 0], boxes2[:, 0]), torch.maximum(boxes1[:, 1], boxes2[:, 1])
    right = torch.minimum(boxes1[:, 2], boxes2[:, 2])
    bottom = torch.minimum(boxes1[:, 3], boxes2[:, 3])
    inter = (right - left).clamp(min=0) * (bottom - top).clamp(min=0)
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    return inter / (area1 + area2 - inter)


@pytest.fixture(scope="module")
def many_pairs() -> tuple[Tensor, Tensor]:
    g = generator(2020)
    return random_boxes((2000,), g, torch.float64), random_boxes((2000,), g, torch.float64)


def test_value_ranges_and_order(many_pairs: tuple[Tensor, Tensor]) -> None:
    """GIoU loss and DIoU loss in [0, 2); both ≥ 1 − IoU (GIoU ≤ IoU, DIoU ≤ IoU); CIoU loss in
    [DIoU loss, 3)."""
    boxes1, boxes2 = many_pairs
    iou_loss = 1 - plain_iou(boxes1, boxes2)
    giou = lossref.generalized_box_iou_loss(boxes1, boxes2)
    diou = lossref.distance_box_iou_loss(boxes1, boxes2)
    ciou = lossref.complete_box_iou_loss(boxes1, boxes2)
    disjoint = iou_loss == 1
    assert 0.3 < disjoint.double().mean() < 0.7  # both kinds are well represented
    for loss in (giou, diou):
        assert (loss >= 0).all()
        assert (loss < 2).all()
        assert (loss >= iou_loss - 1e-6).all()
        assert (loss[disjoint] > 1).all()  # apart, the penalty still tells how far
    assert (ciou >= diou).all()
    assert (ciou < 3).all()
    assert (ciou - diou < 1).all()  # α·v ≤ v < 1


def test_symmetric_in_the_two_boxes(many_pairs: tuple[Tensor, Tensor]) -> None:
    boxes1, boxes2 = many_pairs
    for name in NAMES:
        torch.testing.assert_close(ours(name)(boxes1, boxes2), ours(name)(boxes2, boxes1))


def test_giou_equals_iou_when_one_box_contains_the_other() -> None:
    """C is then the larger box, which is A ∪ B: nothing of C is left outside the union."""
    g = generator(5)
    outer = random_boxes((200,), g, torch.float64)
    low, high = torch.rand(200, 2, generator=g, dtype=torch.float64).sort(dim=-1).values.unbind(-1)
    x1, y1, x2, y2 = outer.unbind(-1)
    inner = torch.stack(
        [x1 + low * (x2 - x1), y1 + low * (y2 - y1), x1 + high * (x2 - x1), y1 + high * (y2 - y1)],
        dim=-1,
    )
    iou_loss = 1 - plain_iou(outer, inner)
    giou = lossref.generalized_box_iou_loss(outer, inner, eps=0.0)
    torch.testing.assert_close(giou, iou_loss)
    # The converse does not hold: two overlapping squares offset diagonally have GIoU < IoU.
    a, b = torch.tensor([[0.0, 0.0, 2.0, 2.0]]), torch.tensor([[1.0, 1.0, 3.0, 3.0]])
    assert lossref.generalized_box_iou_loss(a, b, eps=0.0) > 1 - plain_iou(a, b)


def test_iou_loss_has_no_gradient_for_disjoint_boxes_but_giou_and_diou_do() -> None:
    """The reason these losses exist: 1 − IoU is flat (gradient 0) once boxes are apart."""
    target = torch.tensor([[2.0, 0.0, 3.0, 1.0]])
    prediction = torch.tensor([[0.0, 0.0, 1.0, 1.0]], requires_grad=True)
    (plain,) = torch.autograd.grad((1 - plain_iou(prediction, target)).sum(), prediction)
    assert torch.equal(plain, torch.zeros_like(plain))
    for name in NAMES:
        (grad,) = torch.autograd.grad(ours(name)(prediction, target).sum(), prediction)
        assert grad[0, 2] < 0  # moving the right edge towards the target lowers the loss
        assert grad.abs().sum() > 0


# ------------------------------------------------------------------------ CIoU's specifics


def aspect_gap(boxes1: Tensor, boxes2: Tensor) -> Tensor:
    """v of the CIoU paper, written out: (4/π²)·(arctan(w₂/h₂) − arctan(w₁/h₁))²."""
    w1, h1 = boxes1[..., 2] - boxes1[..., 0], boxes1[..., 3] - boxes1[..., 1]
    w2, h2 = boxes2[..., 2] - boxes2[..., 0], boxes2[..., 3] - boxes2[..., 1]
    return 4 / math.pi**2 * (torch.atan(w2 / h2) - torch.atan(w1 / h1)) ** 2


def test_ciou_gradient_holds_alpha_fixed() -> None:
    """CIoU = DIoU + α·v with α = v / (1 − IoU + v + eps) computed without gradient (as
    torchvision does): its gradient is that of DIoU + α₀·v, α₀ the value of α at the point.
    gradcheck confirms that function's gradient; CIoU's autograd gradient equals it, and
    differs from the gradient with α differentiated too."""
    g = generator(3)
    boxes1 = random_boxes((6,), g, torch.float64).requires_grad_()
    boxes2 = random_boxes((6,), g, torch.float64).requires_grad_()

    def alpha(a: Tensor, b: Tensor) -> Tensor:
        v = aspect_gap(a, b)
        return v / (1 - plain_iou(a, b) + v + 1e-7)

    alpha0 = alpha(boxes1, boxes2).detach()
    assert (alpha0 > 0).all()

    def held(a: Tensor, b: Tensor) -> Tensor:
        return lossref.distance_box_iou_loss(a, b) + alpha0 * aspect_gap(a, b)

    def differentiated(a: Tensor, b: Tensor) -> Tensor:
        return lossref.distance_box_iou_loss(a, b) + alpha(a, b) * aspect_gap(a, b)

    assert torch.autograd.gradcheck(held, (boxes1, boxes2))
    value = lossref.complete_box_iou_loss(boxes1, boxes2)
    torch.testing.assert_close(value, held(boxes1, boxes2))
    cotangent = torch.linspace(0.5, 1.5, 6, dtype=torch.float64)
    got = torch.autograd.grad(value, (boxes1, boxes2), cotangent)
    expected = torch.autograd.grad(held(boxes1, boxes2), (boxes1, boxes2), cotangent)
    full = torch.autograd.grad(differentiated(boxes1, boxes2), (boxes1, boxes2), cotangent)
    for ours_grad, held_grad, full_grad in zip(got, expected, full, strict=True):
        torch.testing.assert_close(ours_grad, held_grad)
        assert not torch.allclose(ours_grad, full_grad)


def test_ciou_eps_reaches_only_alpha_as_in_torchvision() -> None:
    """torchvision's complete_box_iou_loss passes eps to α only; lossref does the same."""
    g = generator(9)
    boxes1, boxes2 = random_boxes((20,), g, torch.float64), random_boxes((20,), g, torch.float64)
    eps = 0.5
    got = lossref.complete_box_iou_loss(boxes1, boxes2, eps=eps)
    torch.testing.assert_close(got, TORCHVISION["complete_box_iou_loss"](boxes1, boxes2, eps=eps))
    diou_default = lossref.distance_box_iou_loss(boxes1, boxes2)
    diou_with_eps = lossref.distance_box_iou_loss(boxes1, boxes2, eps=eps)
    alpha_v = got - diou_default
    assert (alpha_v >= 0).all()
    assert not torch.allclose(got, diou_with_eps + alpha_v)


def test_ciou_zero_height_box_has_a_gradient_unlike_torchvision() -> None:
    """lossref takes the angle with atan2(w, h): a flat box (h = 0) has angle π/2 and a finite
    gradient. torchvision's atan(w / h) has the same value and a nan gradient."""
    tensors = {
        "boxes1": torch.tensor([[0.0, 1.0, 2.0, 1.0]], dtype=torch.float64),
        "boxes2": torch.tensor([[0.0, 0.0, 2.0, 2.0]], dtype=torch.float64),
    }
    ours_value, (grad1, grad2) = value_and_grads(lossref.complete_box_iou_loss, tensors)
    theirs_value, (their1, _) = value_and_grads(TORCHVISION["complete_box_iou_loss"], tensors)
    torch.testing.assert_close(ours_value, theirs_value)
    assert torch.isfinite(grad1).all()
    assert torch.isfinite(grad2).all()
    assert torch.isnan(their1).any()


def test_ciou_point_box() -> None:
    """A point has no aspect ratio: torchvision gives nan (0/0); atan2(0, 0) = 0 in lossref."""
    tensors = special(torch.float64, slice(-1, None))
    value, _ = value_and_grads(lossref.complete_box_iou_loss, tensors)
    their_value, _ = value_and_grads(TORCHVISION["complete_box_iou_loss"], tensors)
    assert torch.isnan(their_value).all()
    assert torch.isfinite(value).all()


def value_and_grads(function: Callable[..., Tensor], tensors: dict[str, Tensor]) -> Any:
    leaves = {k: t.detach().clone().requires_grad_() for k, t in tensors.items()}
    value = function(**leaves)
    grads = torch.autograd.grad(value.sum(), list(leaves.values()))
    return value.detach(), grads


# ---------------------------------------------------------------------------------- errors


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("shape", [(3, 5), (3,), (2, 3, 2), ()])
def test_last_dim_must_be_four(name: str, shape: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError,
        match=r"boxes1 must have shape \(\*, 4\), one \(x1, y1, x2, y2\) box per row.*got shape "
        + re.escape(str(shape)),
    ):
        ours(name)(torch.zeros(shape), torch.zeros(shape))


@pytest.mark.parametrize("name", NAMES)
def test_one_box_against_many_is_refused_not_broadcast(name: str) -> None:
    """torchvision broadcasts (N, 4) against (4,); lossref asks for the shapes to match."""
    many, one = random_boxes((3,), generator(1), torch.float32), torch.tensor([0.0, 0.0, 1, 1])
    assert TORCHVISION[name](many, one).shape == (3,)
    with pytest.raises(
        ValueError, match=r"boxes1 and boxes2 must have the same shape; got boxes1 \(3, 4\)"
    ):
        ours(name)(many, one)


@pytest.mark.parametrize("name", NAMES)
def test_integer_boxes_are_refused(name: str) -> None:
    """torchvision converts integer boxes to float32 in silence; lossref asks for floats, like
    every lossref loss, so the dtype of the result is never a surprise."""
    a, b = torch.tensor([[0, 0, 2, 2]]), torch.tensor([[1, 1, 3, 3]])
    assert TORCHVISION[name](a, b).dtype == torch.float32
    with pytest.raises(TypeError, match=r"boxes1 must be a floating-point tensor .*torch.int64"):
        ours(name)(a, b.float())
    with pytest.raises(TypeError, match=r"boxes2 must be a floating-point tensor .*torch.int64"):
        ours(name)(a.float(), b)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("argument", BOTH)
def test_corners_out_of_order_are_refused(name: str, argument: str) -> None:
    good = torch.tensor([[0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 2.0, 2.0]])
    bad = good.clone()
    bad[1] = torch.tensor([3.0, 1.0, 1.0, 3.0])  # x2 < x1
    tensors = {"boxes1": good, "boxes2": good, argument: bad}
    message = (
        rf"{argument} must hold boxes \(x1, y1, x2, y2\) with x1 <= x2 and y1 <= y2; "
        rf"{argument}\[1\] is \[3.0, 1.0, 1.0, 3.0\]. Boxes given as \(cx, cy, w, h\)"
    )
    with pytest.raises(ValueError, match=message):
        ours(name)(**tensors)


@pytest.mark.parametrize("name", NAMES)
def test_single_box_out_of_order_and_nan(name: str) -> None:
    square = torch.tensor([0.0, 0.0, 2.0, 2.0])
    with pytest.raises(ValueError, match=r"y2; boxes2 is \[0.0, 2.0, 2.0, 0.0\]"):
        ours(name)(square, torch.tensor([0.0, 2.0, 2.0, 0.0]))  # y2 < y1
    with pytest.raises(ValueError, match=r"y2; boxes1 is \[0.0, 0.0, nan, 2.0\]"):
        ours(name)(torch.tensor([0.0, 0.0, math.nan, 2.0]), square)


def test_torchvision_scores_swapped_corners_as_a_perfect_match() -> None:
    """Why lossref refuses them: unchecked, a box written (x2, y2, x1, y1) can get GIoU loss 0
    against a different box."""
    swapped, target = torch.tensor([2.0, 2.0, 0.0, 0.0]), torch.tensor([1.0, 1.0, 3.0, 3.0])
    assert TORCHVISION["generalized_box_iou_loss"](swapped, target).item() == 0.0


@pytest.mark.parametrize("name", NAMES)
def test_eps_is_checked(name: str) -> None:
    a, b = special(torch.float32, slice(0, 1)).values()
    with pytest.raises(ValueError, match=r"eps must be in \[0, inf\]; got -1e-07"):
        ours(name)(a, b, eps=-1e-7)
    with pytest.raises(TypeError, match="eps must be a real number; got str '1e-7'"):
        ours(name)(a, b, eps="1e-7")


@pytest.mark.parametrize("name", NAMES)
def test_unknown_reduction_and_nn_module(name: str) -> None:
    a, b = special(torch.float32, slice(0, 2)).values()
    with pytest.raises(ValueError, match=r"reduction must be one of .*; got 'elementwise'"):
        ours(name)(a, b, reduction="elementwise")
    module = getattr(lossref.nn, lossref.registry.get(name).module_name)(reduction="sum")
    torch.testing.assert_close(module(a, b), TORCHVISION[name](a, b, reduction="sum"))
