"""Triplet, contrastive and InfoNCE losses: against torch (the triplet losses) and
pytorch-metric-learning (contrastive, InfoNCE / NT-Xent), hand values, gradcheck, errors."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pytest
import torch
import torch.nn.functional as F
from pytorch_metric_learning import distances, losses, reducers
from torch import Tensor

import lossref
from tests._parity import (
    DTYPES,
    LEGACY_REDUCTIONS,
    REDUCTIONS,
    assert_matches,
    call_legacy,
    cosine_distance,
    generator,
    parameter_table,
)

TRIPLET = ("anchor", "positive", "negative")


def triplets(shape: tuple[int, ...], dtype: torch.dtype, seed: int) -> dict[str, Tensor]:
    """Random triplets whose hinge is active for some rows and not for others."""
    g = generator(seed)
    anchor = torch.randn(shape, generator=g, dtype=dtype)
    return {
        "anchor": anchor,
        "positive": anchor + 0.7 * torch.randn(shape, generator=g, dtype=dtype),
        "negative": anchor + 1.2 * torch.randn(shape, generator=g, dtype=dtype),
    }


# ------------------------------------------------------------------- triplet_margin_loss


@pytest.mark.parametrize("name", ["triplet_margin_loss", "triplet_margin_with_distance_loss"])
def test_signature_is_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("p", [1.0, 2.0, 3.0, math.inf])
@pytest.mark.parametrize("margin", [0.5, 2.0])
def test_triplet_margin_loss_matches_torch(
    margin: float, p: float, swap: bool, reduction: str, dtype: torch.dtype
) -> None:
    assert_matches(
        lossref.triplet_margin_loss,
        F.triplet_margin_loss,
        triplets((6, 5), dtype, seed=int(10 * margin) + int(min(p, 9))),
        TRIPLET,
        margin=margin,
        p=p,
        swap=swap,
        reduction=reduction,
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("eps", [0.0, 1e-6, 0.3])
@pytest.mark.parametrize("shape", [(5,), (6, 5), (2, 3, 4)])
def test_triplet_shapes_and_eps_match_torch(
    shape: tuple[int, ...], eps: float, dtype: torch.dtype
) -> None:
    """(D) gives one triplet; leading dims beyond N behave like N (as in torch)."""
    for reduction in REDUCTIONS:
        assert_matches(
            lossref.triplet_margin_loss,
            F.triplet_margin_loss,
            triplets(shape, dtype, seed=len(shape)),
            TRIPLET,
            eps=eps,
            swap=True,
            reduction=reduction,
        )


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
def test_triplet_deprecated_size_average_and_reduce(
    size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    tensors = triplets((6, 5), torch.float64, seed=3)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(F.triplet_margin_loss, **tensors, **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = lossref.triplet_margin_loss(**tensors, **legacy)
    torch.testing.assert_close(got, expected)


def test_eps_is_added_inside_the_difference() -> None:
    """torch's distance is ‖x − y + eps‖: a point is eps·√D from itself, and d(x, y) ≠ d(y, x)."""
    x, y = (
        torch.zeros(1, 4, dtype=torch.float64),
        torch.tensor([[1.0, 0, 0, 0]], dtype=torch.float64),
    )
    # anchor = positive: d(a, p) = ‖(eps, eps, eps, eps)‖ = 2·eps, d(a, n) = ‖(eps − 1, eps, …)‖
    eps = 0.1
    loss = lossref.triplet_margin_loss(x, x, y, margin=1.0, eps=eps)
    expected = 1.0 + 2 * eps - math.sqrt((eps - 1) ** 2 + 3 * eps**2)
    assert loss.item() == pytest.approx(expected, rel=1e-12)
    torch.testing.assert_close(loss, F.triplet_margin_loss(x, x, y, margin=1.0, eps=eps))
    # Swapping the arguments of the distance changes it: ‖(1+eps, eps, ...)‖ vs ‖(eps−1, ...)‖.
    forward = lossref.triplet_margin_loss(x, x, y, eps=eps, reduction="none")
    backward = lossref.triplet_margin_loss(x, x, -y, eps=eps, reduction="none")
    assert not torch.allclose(forward, backward)


def test_triplet_hand_values() -> None:
    """2-D points with eps=0 so the distances are exact: d(a, p) = 5, d(a, n) = 10."""
    a, p, n = torch.tensor([[0.0, 0.0]]), torch.tensor([[3.0, 4.0]]), torch.tensor([[6.0, 8.0]])
    assert lossref.triplet_margin_loss(a, p, n, eps=0.0).item() == 0.0  # 5 − 10 + 1 < 0
    assert lossref.triplet_margin_loss(a, n, p, eps=0.0).item() == 6.0  # 10 − 5 + 1
    assert lossref.triplet_margin_loss(a, p, n, margin=7.0, eps=0.0).item() == 2.0
    # L1: d(a, p) = 7, d(a, n) = 14, so 7 − 14 + 8 = 1 with margin 8.
    assert lossref.triplet_margin_loss(a, p, n, margin=8.0, p=1, eps=0.0).item() == 1.0
    # L∞: d(a, p) = 4, d(a, n) = 8, so 4 − 8 + 5 = 1 with margin 5.
    assert lossref.triplet_margin_loss(a, p, n, margin=5.0, p=math.inf, eps=0.0).item() == 1.0


def test_swap_hand_values() -> None:
    """On a line: a = 0, p = 1, n = 2. d(a,p) = 1, d(a,n) = 2, d(p,n) = 1: swap uses 1."""
    a, p, n = torch.tensor([[0.0, 0.0]]), torch.tensor([[1.0, 0.0]]), torch.tensor([[2.0, 0.0]])
    assert lossref.triplet_margin_loss(a, p, n, eps=0.0).item() == 0.0  # 1 − 2 + 1
    assert lossref.triplet_margin_loss(a, p, n, eps=0.0, swap=True).item() == 1.0  # 1 − 1 + 1


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_triplet_empty_batch_matches_torch(reduction: str) -> None:
    empty = {name: torch.zeros(0, 3) for name in TRIPLET}
    ours = lossref.triplet_margin_loss(**empty, reduction=reduction)
    torch.testing.assert_close(
        ours, F.triplet_margin_loss(**empty, reduction=reduction), equal_nan=True
    )


def test_triplet_far_apart_points_are_finite() -> None:
    a = torch.full((2, 3), 1e18)
    p, n = -a, torch.zeros(2, 3)
    loss = lossref.triplet_margin_loss(a, p, n)
    torch.testing.assert_close(loss, F.triplet_margin_loss(a, p, n))
    assert torch.isfinite(loss)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("p", "swap"), [(2.0, False), (2.0, True), (1.0, True), (3.0, False)])
def test_triplet_gradcheck(p: float, swap: bool, reduction: str) -> None:
    tensors = triplets((5, 3), torch.float64, seed=11)
    inputs = tuple(tensors[name].requires_grad_() for name in TRIPLET)
    hinge = lossref.triplet_margin_loss(*inputs, p=p, swap=swap, reduction="none")
    assert (hinge > 1e-3).any()
    assert (hinge == 0).any()
    assert torch.autograd.gradcheck(
        lambda a, pos, neg: lossref.triplet_margin_loss(
            a, pos, neg, p=p, swap=swap, reduction=reduction
        ),
        inputs,
    )


# ---------------------------------------------------- triplet_margin_with_distance_loss


def l1_distance(x: Tensor, y: Tensor) -> Tensor:
    return F.pairwise_distance(x, y, p=1.0)


DISTANCES: list[Callable[[Tensor, Tensor], Tensor] | None] = [
    None,
    cosine_distance,
    l1_distance,
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("margin", [0.3, 1.0])
@pytest.mark.parametrize("distance_function", DISTANCES, ids=["default", "cosine", "l1"])
def test_with_distance_matches_torch(
    distance_function: Callable[[Tensor, Tensor], Tensor] | None,
    margin: float,
    swap: bool,
    reduction: str,
    dtype: torch.dtype,
) -> None:
    assert_matches(
        lossref.triplet_margin_with_distance_loss,
        F.triplet_margin_with_distance_loss,
        triplets((6, 5), dtype, seed=int(10 * margin)),
        TRIPLET,
        distance_function=distance_function,
        margin=margin,
        swap=swap,
        reduction=reduction,
    )


def test_default_distance_is_triplet_margin_losss() -> None:
    tensors = triplets((6, 5), torch.float64, seed=5)
    torch.testing.assert_close(
        lossref.triplet_margin_with_distance_loss(**tensors, swap=True, reduction="none"),
        lossref.triplet_margin_loss(**tensors, swap=True, reduction="none"),
    )


def test_cosine_distance_hand_value() -> None:
    """a = (1, 0), p = (0, 1), n = (1, 1): 1 − cos = 1 and 1 − 1/√2; margin 0.5."""
    a, p, n = torch.tensor([[1.0, 0.0]]), torch.tensor([[0.0, 1.0]]), torch.tensor([[1.0, 1.0]])
    loss = lossref.triplet_margin_with_distance_loss(
        a, p, n, distance_function=cosine_distance, margin=0.5
    )
    assert loss.item() == pytest.approx(1.0 - (1.0 - 1.0 / math.sqrt(2.0)) + 0.5, rel=1e-6)


def test_module_takes_distance_function_like_torchs() -> None:
    """distance_function is a setting of the module (it has a default), as in torch."""
    tensors = triplets((6, 5), torch.float64, seed=6)
    settings = {"distance_function": cosine_distance, "margin": 0.4, "swap": True}
    ours = lossref.nn.TripletMarginWithDistanceLoss(**settings)
    theirs = torch.nn.TripletMarginWithDistanceLoss(**settings)
    assert ours.distance_function is cosine_distance
    assert "distance_function=<function cosine_distance" in repr(ours)
    assert_matches(lambda **t: ours(*t.values()), lambda **t: theirs(*t.values()), tensors, TRIPLET)
    with pytest.raises(TypeError, match="TripletMarginWithDistanceLoss: too many positional"):
        lossref.nn.TripletMarginWithDistanceLoss(cosine_distance)  # keyword-only, as in torch


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("distance_function", DISTANCES[:2], ids=["default", "cosine"])
def test_with_distance_gradcheck(
    distance_function: Callable[[Tensor, Tensor], Tensor] | None, reduction: str
) -> None:
    tensors = triplets((5, 3), torch.float64, seed=12)
    inputs = tuple(tensors[name].requires_grad_() for name in TRIPLET)
    assert torch.autograd.gradcheck(
        lambda a, p, n: lossref.triplet_margin_with_distance_loss(
            a, p, n, distance_function=distance_function, margin=0.5, swap=True, reduction=reduction
        ),
        inputs,
    )


# ---------------------------------------------------------------------- triplet errors


@pytest.mark.parametrize("name", ["triplet_margin_loss", "triplet_margin_with_distance_loss"])
@pytest.mark.parametrize(("other", "shape"), [("positive", (4, 1)), ("negative", (1, 3))])
def test_triplet_shapes_must_agree(name: str, other: str, shape: tuple[int, ...]) -> None:
    """torch broadcasts (1, D) against (N, D) in silence; lossref refuses, naming both."""
    tensors = {arg: torch.zeros(4, 3) for arg in TRIPLET}
    tensors[other] = torch.zeros(shape)
    with pytest.raises(
        ValueError,
        match=rf"anchor and {other} must have the same shape; got anchor \(4, 3\) and "
        + re.escape(f"{other} {shape}"),
    ):
        getattr(lossref, name)(**tensors)


@pytest.mark.parametrize("name", ["triplet_margin_loss", "triplet_margin_with_distance_loss"])
def test_triplet_scalar_has_no_embedding_dim(name: str) -> None:
    scalar = torch.tensor(1.0)
    with pytest.raises(ValueError, match=r"anchor must have an embedding dimension.*got a scalar"):
        getattr(lossref, name)(scalar, scalar, scalar)


@pytest.mark.parametrize("name", ["triplet_margin_loss", "triplet_margin_with_distance_loss"])
def test_triplet_integer_negative(name: str) -> None:
    tensors = triplets((4, 3), torch.float32, seed=1)
    tensors["negative"] = tensors["negative"].long()
    with pytest.raises(TypeError, match=r"negative must be a floating-point tensor .*int64"):
        getattr(lossref, name)(**tensors)


@pytest.mark.parametrize(
    ("name", "settings", "message"),
    [
        ("triplet_margin_loss", {"margin": 0.0}, r"margin must be in \(0, inf\]; got 0.0"),
        ("triplet_margin_loss", {"margin": -1.0}, r"margin must be in \(0, inf\]; got -1.0"),
        ("triplet_margin_loss", {"p": 0.0}, r"p must be in \(0, inf\]; got 0.0"),
        ("triplet_margin_loss", {"p": -2}, r"p must be in \(0, inf\]; got -2.0"),
        ("triplet_margin_loss", {"eps": -1e-6}, r"eps must be in \[0, inf\]; got -1e-06"),
        (
            "triplet_margin_with_distance_loss",
            {"margin": 0.0},
            r"margin must be in \(0, inf\]; got 0.0",
        ),
    ],
)
def test_triplet_parameter_out_of_range(
    name: str, settings: dict[str, float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        getattr(lossref, name)(**triplets((4, 3), torch.float32, seed=1), **settings)


def test_distance_function_must_be_callable() -> None:
    with pytest.raises(TypeError, match=r"distance_function must be None or a callable .*got str"):
        lossref.triplet_margin_with_distance_loss(
            **triplets((4, 3), torch.float32, seed=1),
            distance_function="cosine",  # type: ignore[arg-type]
        )


@pytest.mark.parametrize(
    ("distance_function", "shown"),
    [(torch.cdist, r"\(4, 4\)"), (lambda x, y: 1.0, "float")],
    ids=["matrix", "float"],
)
def test_distance_function_must_give_one_distance_per_triplet(
    distance_function: Callable[[Tensor, Tensor], Tensor], shown: str
) -> None:
    """torch.cdist gives every anchor's distance to every positive, (N, N): torch would return
    an (N, N) loss; lossref refuses."""
    with pytest.raises(
        ValueError,
        match=r"distance_function must return one distance per triplet, shape \(4,\) for "
        rf"inputs of shape \(4, 3\); got {shown}",
    ):
        lossref.triplet_margin_with_distance_loss(
            **triplets((4, 3), torch.float32, seed=1), distance_function=distance_function
        )


# --------------------------------------------------------------------- contrastive_loss


def pairs(n: int, dtype: torch.dtype, seed: int) -> dict[str, Tensor]:
    """Pairs at distances on both sides of the margins used (1 and 2), none near 0."""
    g = generator(seed)
    input1 = torch.randn(n, 4, generator=g, dtype=dtype)
    direction = F.normalize(torch.randn(n, 4, generator=g, dtype=dtype), dim=1)
    distance = torch.linspace(0.3, 2.6, n, dtype=dtype)[torch.randperm(n, generator=g)]
    target = (torch.arange(n) % 2).to(dtype)
    return {"input1": input1, "input2": input1 + distance[:, None] * direction, "target": target}


def pml_contrastive(margin: float, power: int = 1, **options: object) -> losses.ContrastiveLoss:
    """pytorch-metric-learning's ContrastiveLoss on plain Euclidean distances: positive pairs
    pay relu(d − 0), negative pairs relu(margin − d), neither squared (power=1)."""
    distance = distances.LpDistance(normalize_embeddings=False, p=2, power=power)
    return losses.ContrastiveLoss(pos_margin=0, neg_margin=margin, distance=distance, **options)


def pml_pair_terms(function: losses.ContrastiveLoss, tensors: dict[str, Tensor]) -> Tensor:
    """Per-pair terms of a PML pair loss in our pair order (pair i is input1[i], input2[i])."""
    rows = torch.arange(len(tensors["target"]))
    similar, dissimilar = rows[tensors["target"] == 1], rows[tensors["target"] == 0]
    out = function(
        tensors["input1"],
        indices_tuple=(similar, similar, dissimilar, dissimilar),
        ref_emb=tensors["input2"],
    )
    terms = torch.zeros(len(rows), dtype=tensors["input1"].dtype)
    for group, name in ((similar, "pos_loss"), (dissimilar, "neg_loss")):
        if len(group):  # PML gives the int 0 for a kind of pair that is absent
            terms = terms.index_put((group,), out[name]["losses"])
    return terms


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("margin", [0.5, 1.0, 2.0])
def test_contrastive_terms_are_the_squares_of_pml(margin: float, dtype: torch.dtype) -> None:
    """Per pair, lossref's term is the square of PML's un-squared hinge terms (power=1);
    compared on values and on gradients w.r.t. both embeddings."""
    tensors = pairs(10, dtype, seed=int(10 * margin))
    do_nothing = pml_contrastive(margin, reducer=reducers.DoNothingReducer())

    def reference(input1: Tensor, input2: Tensor, target: Tensor, **_: object) -> Tensor:
        terms = pml_pair_terms(do_nothing, {"input1": input1, "input2": input2, "target": target})
        return terms.square()

    for reduction in REDUCTIONS:
        ours = assert_matches(
            lossref.contrastive_loss,
            lambda **kw: _reduce(reference(**kw), kw["reduction"]),
            tensors,
            ("input1", "input2"),
            margin=margin,
            reduction=reduction,
        )
    assert (ours[0] > 0).any()
    assert (ours[0] == 0).any()


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    return {"none": loss, "sum": loss.sum(), "mean": loss.mean()}[reduction]


def test_contrastive_similar_pairs_equal_pml_with_squared_distances() -> None:
    """With power=2, PML's positive-pair term is d², exactly lossref's similar term."""
    tensors = pairs(8, torch.float64, seed=2)
    tensors["target"] = torch.ones(8, dtype=torch.float64)
    terms = pml_pair_terms(
        pml_contrastive(1.0, power=2, reducer=reducers.DoNothingReducer()), tensors
    )
    torch.testing.assert_close(lossref.contrastive_loss(**tensors, reduction="none"), terms)


def test_contrastive_differs_from_pmls_default_reduction_as_documented() -> None:
    """PML's default: the mean of the non-zero positive-pair terms plus the mean of the non-zero
    negative-pair terms, of the un-squared terms. From lossref's terms: square roots, then that."""
    tensors = pairs(10, torch.float64, seed=4)
    terms = lossref.contrastive_loss(**tensors, margin=2.0, reduction="none").sqrt()
    similar = tensors["target"] == 1
    expected = sum(terms[group][terms[group] > 0].mean() for group in (similar, ~similar))
    rows = torch.arange(10)
    value = pml_contrastive(2.0)(
        tensors["input1"],
        indices_tuple=(rows[similar], rows[similar], rows[~similar], rows[~similar]),
        ref_emb=tensors["input2"],
    )
    torch.testing.assert_close(value, expected)
    assert not torch.isclose(value, lossref.contrastive_loss(**tensors, margin=2.0))


def test_contrastive_hand_values() -> None:
    """Three 2-D pairs, margin 1: d = 0.5 (similar), 0.5 (dissimilar), 5 (dissimilar).
    Terms 0.25, (1 − 0.5)² = 0.25, max(0, 1 − 5)² = 0; mean 0.5 / 3."""
    input1 = torch.tensor([[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
    input2 = torch.tensor([[0.3, 0.4], [1.3, 1.4], [3.0, 4.0]])
    target = torch.tensor([1.0, 0.0, 0.0])
    terms = lossref.contrastive_loss(input1, input2, target, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.25, 0.25, 0.0]))
    assert lossref.contrastive_loss(input1, input2, target).item() == pytest.approx(0.5 / 3)
    # margin 6: the third pair now pays (6 − 5)² = 1, the second (6 − 0.5)² = 30.25.
    wide = lossref.contrastive_loss(input1, input2, target, margin=6.0, reduction="sum")
    assert wide.item() == pytest.approx(0.25 + 30.25 + 1.0)


def test_contrastive_soft_target_mixes_the_two_terms() -> None:
    tensors = pairs(6, torch.float64, seed=8)
    similar = lossref.contrastive_loss(
        **{**tensors, "target": torch.ones(6).double()}, reduction="none"
    )
    apart = lossref.contrastive_loss(
        **{**tensors, "target": torch.zeros(6).double()}, reduction="none"
    )
    mixed = lossref.contrastive_loss(
        **{**tensors, "target": torch.full((6,), 0.25).double()}, reduction="none"
    )
    torch.testing.assert_close(mixed, 0.25 * similar + 0.75 * apart)


def test_contrastive_one_pair_of_shape_d() -> None:
    x1, x2 = torch.tensor([0.0, 0.0]), torch.tensor([0.3, 0.4])
    loss = lossref.contrastive_loss(x1, x2, torch.tensor(0.0), reduction="none")
    assert loss.shape == ()
    assert loss.item() == pytest.approx(0.25)


def test_contrastive_gradient_at_zero_distance_is_finite() -> None:
    """At d = 0 (identical embeddings) both terms have a finite gradient: 0 for a similar pair
    (2(x₁ − x₂)), and 0 for a dissimilar one too (torch's subgradient of ‖·‖ at 0)."""
    x1 = torch.tensor([[1.0, 2.0], [1.0, 2.0]], requires_grad=True)
    x2 = torch.tensor([[1.0, 2.0], [1.0, 2.0]], requires_grad=True)
    loss = lossref.contrastive_loss(x1, x2, torch.tensor([1.0, 0.0]), reduction="none")
    torch.testing.assert_close(loss, torch.tensor([0.0, 1.0]))
    loss.sum().backward()
    assert x1.grad is not None
    assert x2.grad is not None
    assert torch.equal(x1.grad, torch.zeros(2, 2))
    assert torch.equal(x2.grad, torch.zeros(2, 2))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [1.0, 2.0])
def test_contrastive_gradcheck(margin: float, reduction: str) -> None:
    """Away from d = 0 and from d = margin (the distances are 0.3 … 2.6, none at 1 or 2)."""
    tensors = pairs(6, torch.float64, seed=9)
    distance = (tensors["input1"] - tensors["input2"]).norm(dim=1)
    assert ((distance - margin).abs() > 0.05).all()
    assert torch.autograd.gradcheck(
        lambda x1, x2, y: lossref.contrastive_loss(x1, x2, y, margin=margin, reduction=reduction),
        (
            tensors["input1"].requires_grad_(),
            tensors["input2"].requires_grad_(),
            (0.2 + 0.6 * tensors["target"]).requires_grad_(),  # soft labels: room both sides
        ),
    )


def test_contrastive_pair_shapes_must_agree() -> None:
    with pytest.raises(
        ValueError,
        match=r"input1 and input2 must have the same shape; got input1 \(4, 3\) and "
        r"input2 \(1, 3\)",
    ):
        lossref.contrastive_loss(torch.zeros(4, 3), torch.zeros(1, 3), torch.ones(4))


@pytest.mark.parametrize("shape", [(4, 1), (3,), ()])
def test_contrastive_target_shape(shape: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError,
        match=r"target must hold one label per pair, shape \(4,\) for input1 \(4, 3\); got "
        rf"target {re.escape(str(shape))}",
    ):
        lossref.contrastive_loss(torch.zeros(4, 3), torch.ones(4, 3), torch.ones(shape))


def test_contrastive_target_values() -> None:
    with pytest.raises(ValueError, match=r"target must hold values in \[0, 1\]; found min -1"):
        lossref.contrastive_loss(torch.zeros(2, 3), torch.ones(2, 3), torch.tensor([1.0, -1.0]))
    with pytest.raises(TypeError, match=r"target must be a floating-point tensor .*target.float"):
        lossref.contrastive_loss(torch.zeros(2, 3), torch.ones(2, 3), torch.tensor([1, 0]))


def test_contrastive_margin_and_scalar() -> None:
    with pytest.raises(ValueError, match=r"margin must be in \(0, inf\]; got 0.0"):
        lossref.contrastive_loss(torch.zeros(2, 3), torch.ones(2, 3), torch.ones(2), margin=0.0)
    with pytest.raises(ValueError, match=r"input1 must have an embedding dimension"):
        lossref.contrastive_loss(torch.tensor(0.0), torch.tensor(1.0), torch.tensor(1.0))


# ------------------------------------------------------------------------ info_nce_loss


def views(n: int, dtype: torch.dtype, seed: int) -> dict[str, Tensor]:
    """Two noisy views of n random embeddings (not normalised)."""
    g = generator(seed)
    query = 2 * torch.randn(n, 6, generator=g, dtype=dtype)
    return {"query": query, "key": query + 1.5 * torch.randn(n, 6, generator=g, dtype=dtype)}


def pml_info_nce(temperature: float, nt_xent: bool, **options: object) -> Callable[..., Tensor]:
    """pytorch-metric-learning's NTXentLoss as ``(query, key) -> loss``. InfoNCE: ``query``
    are the embeddings, ``key`` the reference set, labels ``arange(N)`` on both (distinct
    tensors, so PML does not drop the diagonal as self-pairs). NT-Xent: the ``2N`` views with
    labels ``[0..N−1, 0..N−1]``; PML then drops self-pairs and makes each view's partner its
    one positive."""
    function = losses.NTXentLoss(temperature=temperature, **options)

    def loss(query: Tensor, key: Tensor, **_: object) -> Tensor:
        labels = torch.arange(len(query))
        if nt_xent:
            return function(torch.cat([query, key]), torch.cat([labels, labels]))
        return function(query, labels, ref_emb=key, ref_labels=labels.clone())

    return loss


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("nt_xent", [False, True])
@pytest.mark.parametrize("temperature", [0.07, 0.5, 2.0])
def test_info_nce_matches_pml_ntxent(temperature: float, nt_xent: bool, dtype: torch.dtype) -> None:
    """PML's default reducer for NTXentLoss is the plain mean over the positive pairs."""
    assert_matches(
        lossref.info_nce_loss,
        pml_info_nce(temperature, nt_xent),
        views(8, dtype, seed=int(100 * temperature)),
        ("query", "key"),
        temperature=temperature,
        nt_xent=nt_xent,
    )


@pytest.mark.parametrize("nt_xent", [False, True])
def test_info_nce_terms_match_pml_in_order(nt_xent: bool) -> None:
    """'none': PML's per-positive-pair terms, in lossref's order (NT-Xent: query anchors first)."""
    do_nothing = pml_info_nce(0.3, nt_xent, reducer=reducers.DoNothingReducer())
    tensors = views(5, torch.float64, seed=2)
    out = do_nothing(**tensors)["loss"]  # type: ignore[index]
    anchors, positives = out["indices"]
    expected = torch.arange(10).roll(5) if nt_xent else torch.arange(5)
    assert torch.equal(anchors, torch.arange(len(expected)))
    assert torch.equal(positives, expected)
    torch.testing.assert_close(
        lossref.info_nce_loss(**tensors, temperature=0.3, nt_xent=nt_xent, reduction="none"),
        out["losses"],
    )


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_info_nce_is_cross_entropy_over_cosine_logits(reduction: str, dtype: torch.dtype) -> None:
    """torch's own cross_entropy on the (N, N) cosine logits, target i for row i."""

    def reference(query: Tensor, key: Tensor, temperature: float, reduction: str) -> Tensor:
        logits = F.cosine_similarity(query[:, None], key[None], dim=-1) / temperature
        return F.cross_entropy(logits, torch.arange(len(query)), reduction=reduction)

    assert_matches(
        lossref.info_nce_loss,
        reference,
        views(7, dtype, seed=3),
        ("query", "key"),
        temperature=0.2,
        reduction=reduction,
    )


def test_info_nce_hand_values() -> None:
    """q = e₁, e₂; k = (1, 1), e₂; τ = 0.5. cos: row 0 (1/√2, 0), row 1 (1/√2, 1).
    Row 0: log(e^{√2} + e⁰) − √2 = log(1 + e^{−√2}); row 1: log(e^{√2} + e²) − 2."""
    q = torch.tensor([[1.0, 0.0], [0.0, 1.0]], dtype=torch.float64)
    k = torch.tensor([[1.0, 1.0], [0.0, 1.0]], dtype=torch.float64)
    r2 = math.sqrt(2.0)
    expected = [math.log(1 + math.exp(-r2)), math.log(math.exp(r2) + math.exp(2)) - 2]
    terms = lossref.info_nce_loss(q, k, temperature=0.5, reduction="none")
    torch.testing.assert_close(terms, torch.tensor(expected, dtype=torch.float64))
    # The aligned 2×2 case at τ = 1: each row is log(e + 1) − 1 = 0.31326…
    eye = torch.eye(2)
    assert lossref.info_nce_loss(eye, eye, temperature=1.0).item() == pytest.approx(
        math.log(math.e + 1) - 1, rel=1e-6
    )
    # NT-Xent on the same views: each of the 4 anchors has its partner (cos 1) and two
    # orthogonal negatives (cos 0): log(e + 2) − 1.
    assert lossref.info_nce_loss(eye, eye, temperature=1.0, nt_xent=True).item() == pytest.approx(
        math.log(math.e + 2) - 1, rel=1e-6
    )


def test_info_nce_one_pair_has_no_negative() -> None:
    one = torch.tensor([[1.0, 2.0]])
    assert lossref.info_nce_loss(one, -one).item() == 0.0
    assert lossref.info_nce_loss(one, -one, nt_xent=True).item() == 0.0


def test_info_nce_ignores_the_length_of_the_embeddings() -> None:
    tensors = views(5, torch.float64, seed=4)
    scaled = {"query": 3 * tensors["query"], "key": 0.01 * tensors["key"]}
    for nt_xent in (False, True):
        torch.testing.assert_close(
            lossref.info_nce_loss(**scaled, nt_xent=nt_xent),
            lossref.info_nce_loss(**tensors, nt_xent=nt_xent),
        )


def test_lower_temperature_concentrates_the_gradient_on_the_hardest_negative() -> None:
    """Query 0's negatives are keys 1..3 at cosine 0.7, 0.2, −0.3 (positive at 0.8): the share
    of the gradient pushing the hardest negative grows as τ falls."""
    angles = torch.tensor([0.8, 0.7, 0.2, -0.3], dtype=torch.float64).acos()
    key = torch.stack([angles.cos(), angles.sin()], dim=1)
    query = torch.tensor([[1.0, 0.0]] * 4, dtype=torch.float64)
    shares = []
    for temperature in (1.0, 0.3, 0.1, 0.03):
        logits = (query[:1] @ key.T / temperature).requires_grad_()
        loss = torch.logsumexp(logits, dim=1) - logits[0, 0]
        (grad,) = torch.autograd.grad(loss.sum(), logits)
        leaf = key.clone().requires_grad_()
        lossref.info_nce_loss(query, leaf, temperature=temperature, reduction="none")[0].backward()
        assert leaf.grad is not None
        # ∂ℓ/∂s₀ⱼ = softmax_j / τ for a negative j; the share of the negatives' push:
        negatives = grad[0, 1:]
        shares.append((negatives[0] / negatives.sum()).item())
        norms = leaf.grad[1:].norm(dim=1)
        assert norms.argmax().item() == 0  # key 1, the hardest negative, moves most
    assert shares == sorted(shares)
    assert shares[-1] > 0.9


@pytest.mark.parametrize("dtype", DTYPES)
def test_info_nce_is_stable_at_low_temperature(dtype: torch.dtype) -> None:
    """τ = 0.005: logits up to 200, e^200 overflows float32; logsumexp does not."""
    tensors = views(6, dtype, seed=5)
    query = tensors["query"].requires_grad_()
    for nt_xent in (False, True):
        loss = lossref.info_nce_loss(query, tensors["key"], temperature=0.005, nt_xent=nt_xent)
        (grad,) = torch.autograd.grad(loss, query)
        assert torch.isfinite(loss)
        assert torch.isfinite(grad).all()


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("nt_xent", [False, True])
def test_info_nce_gradcheck(nt_xent: bool, reduction: str) -> None:
    tensors = views(4, torch.float64, seed=6)
    assert torch.autograd.gradcheck(
        lambda q, k: lossref.info_nce_loss(
            q, k, temperature=0.5, nt_xent=nt_xent, reduction=reduction
        ),
        (tensors["query"].requires_grad_(), tensors["key"].requires_grad_()),
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_info_nce_empty_batch(reduction: str) -> None:
    empty = torch.zeros(0, 3)
    expected = {"none": torch.zeros(0), "sum": torch.tensor(0.0), "mean": torch.tensor(math.nan)}
    for nt_xent in (False, True):
        got = lossref.info_nce_loss(empty, empty, nt_xent=nt_xent, reduction=reduction)
        torch.testing.assert_close(got, expected[reduction], equal_nan=True)


@pytest.mark.parametrize("shape", [(6,), (2, 3, 4)])
def test_info_nce_wants_a_batch_of_vectors(shape: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError,
        match=rf"query must be a batch of embeddings, shape \(N, D\); got {re.escape(str(shape))}",
    ):
        lossref.info_nce_loss(torch.ones(shape), torch.ones(shape))


def test_info_nce_shapes_must_agree() -> None:
    """Each query needs its own positive key: (N, D) and (M, D) are refused."""
    with pytest.raises(
        ValueError,
        match=r"query and key must have the same shape; got query \(4, 3\) and key "
        r"\(5, 3\)",
    ):
        lossref.info_nce_loss(torch.ones(4, 3), torch.ones(5, 3))


@pytest.mark.parametrize("temperature", [0.0, -0.1, math.nan])
def test_info_nce_temperature(temperature: float) -> None:
    with pytest.raises(ValueError, match=r"temperature must be in \(0, inf\]; got"):
        lossref.info_nce_loss(torch.ones(4, 3), torch.ones(4, 3), temperature=temperature)
