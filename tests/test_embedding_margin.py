"""Margin ranking, hinge embedding and cosine embedding losses against torch.nn.functional:
values, gradients, signatures, gradcheck, hand-computed values, edge cases and errors."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor

import lossref
from tests._parity import (
    DTYPES,
    LEGACY_REDUCTIONS,
    REDUCTIONS,
    assert_matches,
    call_legacy,
    compiled,
    generator,
    parameter_table,
)

NAMES = ("margin_ranking_loss", "hinge_embedding_loss", "cosine_embedding_loss")
# Labels as torch accepts them: a float tensor or an integer one.
TARGET_DTYPES = [
    pytest.param(None, id="float-target"),  # None: the dtype of the inputs
    pytest.param(torch.int64, id="int64-target"),
]


def signs(shape: tuple[int, ...], seed: int, dtype: torch.dtype) -> Tensor:
    """Random labels in {1, -1}, both present when there are two or more."""
    g = generator(seed)
    labels = torch.where(torch.rand(shape, generator=g) < 0.5, 1, -1)
    if labels.numel() >= 2:
        labels.view(-1)[:2] = torch.tensor([1, -1])
    return labels.to(dtype)


def grad_names(tensors: dict[str, Tensor]) -> list[str]:
    """Every floating-point argument, the float target included (torch differentiates
    margin_ranking_loss through it; the other two give it a zero gradient)."""
    return [name for name, tensor in tensors.items() if tensor.is_floating_point()]


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


# ---------------------------------------------------------------------- margin ranking


def ranking(
    shape: tuple[int, ...], dtype: torch.dtype, target_dtype: torch.dtype | None, seed: int
) -> dict[str, Tensor]:
    g = generator(seed)
    return {
        "input1": torch.randn(shape, generator=g, dtype=dtype),
        "input2": torch.randn(shape, generator=g, dtype=dtype),
        "target": signs(shape, seed, target_dtype or dtype),
    }


@pytest.mark.parametrize("target_dtype", TARGET_DTYPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [0.0, 0.5, -0.3])
def test_margin_ranking_matches_torch(
    margin: float, reduction: str, dtype: torch.dtype, target_dtype: torch.dtype | None
) -> None:
    tensors = ranking((12,), dtype, target_dtype, seed=10)
    assert_matches(
        lossref.margin_ranking_loss,
        F.margin_ranking_loss,
        tensors,
        grad_names(tensors),
        margin=margin,
        reduction=reduction,
    )


@pytest.mark.parametrize("shape", [(), (1,), (3, 4), (2, 3, 2)])
def test_margin_ranking_any_common_shape(shape: tuple[int, ...]) -> None:
    tensors = ranking(shape, torch.float64, None, seed=11)
    for reduction in REDUCTIONS:
        assert_matches(
            lossref.margin_ranking_loss,
            F.margin_ranking_loss,
            tensors,
            grad_names(tensors),
            margin=0.5,
            reduction=reduction,
        )


def test_margin_ranking_by_hand() -> None:
    # margin 0.5; x1 − x2 = 0.7, 0.2, 0.6 with y = 1, 1, −1:
    # max(0, 0.5 − 0.7) = 0, max(0, 0.5 − 0.2) = 0.3, max(0, 0.5 + 0.6) = 1.1; mean 1.4/3.
    x1 = torch.tensor([0.9, 0.6, 0.7], dtype=torch.float64)
    x2 = torch.tensor([0.2, 0.4, 0.1], dtype=torch.float64)
    y = torch.tensor([1, 1, -1])
    terms = lossref.margin_ranking_loss(x1, x2, y, margin=0.5, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.0, 0.3, 1.1], dtype=torch.float64))
    assert lossref.margin_ranking_loss(x1, x2, y, margin=0.5).item() == pytest.approx(1.4 / 3)
    # The default margin 0 only asks for the right order: 0, 0, 0.6.
    terms = lossref.margin_ranking_loss(x1, x2, y, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.0, 0.0, 0.6], dtype=torch.float64))


def test_margin_ranking_gradient_by_hand() -> None:
    # Active terms (loss > 0) push x1 up by y/n and x2 down by y/n; inactive terms give 0.
    x1 = torch.tensor([0.9, 0.6, 0.7], requires_grad=True)
    x2 = torch.tensor([0.2, 0.4, 0.1], requires_grad=True)
    lossref.margin_ranking_loss(x1, x2, torch.tensor([1, 1, -1]), margin=0.5).backward()
    assert x1.grad is not None
    assert x2.grad is not None
    torch.testing.assert_close(x1.grad, torch.tensor([0.0, -1.0, 1.0]) / 3)
    torch.testing.assert_close(x2.grad, torch.tensor([0.0, 1.0, -1.0]) / 3)


def test_margin_ranking_extreme_scores() -> None:
    x1 = torch.tensor([1e30, -1e30, 3e38])
    x2 = torch.tensor([-1e30, 1e30, 0.0])
    y = torch.tensor([1.0, 1.0, 1.0])
    assert_matches(
        lossref.margin_ranking_loss,
        F.margin_ranking_loss,
        {"input1": x1, "input2": x2, "target": y},
        ("input1", "input2"),
        margin=1.0,
        reduction="none",
    )


# ----------------------------------------------------------------------- hinge embedding


def hinge(
    shape: tuple[int, ...],
    dtype: torch.dtype,
    target_dtype: torch.dtype | None,
    seed: int,
    distances: bool = True,
) -> dict[str, Tensor]:
    g = generator(seed)
    values = 1.5 * torch.randn(shape, generator=g, dtype=dtype)
    return {
        "input": values.abs() if distances else values,
        "target": signs(shape, seed, target_dtype or dtype),
    }


@pytest.mark.parametrize("target_dtype", TARGET_DTYPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [1.0, 2.0, 0.0])
def test_hinge_embedding_matches_torch(
    margin: float, reduction: str, dtype: torch.dtype, target_dtype: torch.dtype | None
) -> None:
    tensors = hinge((4, 5), dtype, target_dtype, seed=20)
    assert_matches(
        lossref.hinge_embedding_loss,
        F.hinge_embedding_loss,
        tensors,
        grad_names(tensors),
        margin=margin,
        reduction=reduction,
    )


@pytest.mark.parametrize("margin", [1.0, -0.5])
@pytest.mark.parametrize("shape", [(), (7,), (2, 3, 2)])
def test_hinge_embedding_any_real_input(shape: tuple[int, ...], margin: float) -> None:
    """Not only distances: torch takes any real input (and any margin), so does lossref."""
    tensors = hinge(shape, torch.float64, None, seed=21, distances=False)
    for reduction in REDUCTIONS:
        assert_matches(
            lossref.hinge_embedding_loss,
            F.hinge_embedding_loss,
            tensors,
            grad_names(tensors),
            margin=margin,
            reduction=reduction,
        )


def test_hinge_embedding_by_hand() -> None:
    # margin 1; distances 0.3, 1.2 (y = 1) pay themselves; 0.4, 1.7 (y = −1) pay
    # max(0, 1 − d) = 0.6 and 0. Sum 2.1, mean 0.525.
    d = torch.tensor([0.3, 1.2, 0.4, 1.7], dtype=torch.float64)
    y = torch.tensor([1, 1, -1, -1])
    terms = lossref.hinge_embedding_loss(d, y, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.3, 1.2, 0.6, 0.0], dtype=torch.float64))
    assert lossref.hinge_embedding_loss(d, y).item() == pytest.approx(0.525)
    assert lossref.hinge_embedding_loss(d, y, reduction="sum").item() == pytest.approx(2.1)
    # margin 2: the far dissimilar pair now pays too: 1.6 and 0.3.
    terms = lossref.hinge_embedding_loss(d, y, margin=2.0, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.3, 1.2, 1.6, 0.3], dtype=torch.float64))


def test_hinge_embedding_gradient_by_hand() -> None:
    # +1/n for similar pairs, −1/n for dissimilar pairs inside the margin, 0 beyond it.
    d = torch.tensor([0.3, 1.2, 0.4, 1.7], requires_grad=True)
    lossref.hinge_embedding_loss(d, torch.tensor([1, 1, -1, -1])).backward()
    assert d.grad is not None
    torch.testing.assert_close(d.grad, torch.tensor([1.0, 1.0, -1.0, 0.0]) / 4)


def test_hinge_embedding_on_pairwise_distances() -> None:
    """The documented use: the L1 distance of two embeddings as input, gradients reaching
    the embeddings."""
    g = generator(22)
    a, b = torch.randn(6, 4, generator=g), torch.randn(6, 4, generator=g)
    y = signs((6,), 22, torch.float32)

    def through_distance(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
        def loss(a: Tensor, b: Tensor, target: Tensor) -> Tensor:
            return function(F.pairwise_distance(a, b, p=1), target, margin=4.0)

        return loss

    assert_matches(
        through_distance(lossref.hinge_embedding_loss),
        through_distance(F.hinge_embedding_loss),
        {"a": a, "b": b, "target": y},
        ("a", "b"),
    )


# ---------------------------------------------------------------------- cosine embedding


def cosine(
    shape: tuple[int, ...], dtype: torch.dtype, target_dtype: torch.dtype | None, seed: int
) -> dict[str, Tensor]:
    g = generator(seed)
    return {
        "input1": torch.randn(shape, generator=g, dtype=dtype),
        "input2": torch.randn(shape, generator=g, dtype=dtype),
        "target": signs(shape[:-1], seed, target_dtype or dtype),
    }


@pytest.mark.parametrize("target_dtype", TARGET_DTYPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("margin", [0.0, 0.5, -0.5])
def test_cosine_embedding_matches_torch(
    margin: float, reduction: str, dtype: torch.dtype, target_dtype: torch.dtype | None
) -> None:
    tensors = cosine((16, 3), dtype, target_dtype, seed=30)
    assert_matches(
        lossref.cosine_embedding_loss,
        F.cosine_embedding_loss,
        tensors,
        grad_names(tensors),
        margin=margin,
        reduction=reduction,
    )


@pytest.mark.parametrize("margin", [1.0, -1.0])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cosine_embedding_extreme_margins(reduction: str, margin: float) -> None:
    """The ends of the allowed range: margin 1 frees every dissimilar pair, −1 makes every one
    pay cos + 1."""
    tensors = cosine((16, 3), torch.float64, None, seed=34)
    assert_matches(
        lossref.cosine_embedding_loss,
        F.cosine_embedding_loss,
        tensors,
        ("input1", "input2"),
        margin=margin,
        reduction=reduction,
    )


@pytest.mark.parametrize("target", [1, -1])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cosine_embedding_single_pair(reduction: str, dtype: torch.dtype, target: int) -> None:
    """Inputs (D) with a scalar target, as torch accepts them."""
    g = generator(31)
    tensors = {
        "input1": torch.randn(5, generator=g, dtype=dtype),
        "input2": torch.randn(5, generator=g, dtype=dtype),
        "target": torch.tensor(target, dtype=dtype),
    }
    assert_matches(
        lossref.cosine_embedding_loss,
        F.cosine_embedding_loss,
        tensors,
        grad_names(tensors),
        margin=-0.9,
        reduction=reduction,
    )


def test_cosine_embedding_by_hand() -> None:
    # Pair 1: cos((1, 0), (1, 1)) = 1/√2, y = 1: 1 − 0.70711 = 0.29289.
    # Pair 2: cos((1, 1), (1, −1)) = 0, y = −1, margin 0.5: max(0, 0 − 0.5) = 0.
    # Pair 3: cos((0, 2), (0, 1)) = 1, y = −1: max(0, 1 − 0.5) = 0.5.
    a = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]], dtype=torch.float64)
    b = torch.tensor([[1.0, 1.0], [1.0, -1.0], [0.0, 1.0]], dtype=torch.float64)
    y = torch.tensor([1, -1, -1])
    terms = lossref.cosine_embedding_loss(a, b, y, margin=0.5, reduction="none")
    expected = torch.tensor([1 - 0.5**0.5, 0.0, 0.5], dtype=torch.float64)
    torch.testing.assert_close(terms, expected)
    # Default margin 0: pair 3 pays its whole cosine, 1.
    terms = lossref.cosine_embedding_loss(a, b, y, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([1 - 0.5**0.5, 0.0, 1.0], dtype=torch.float64))


@pytest.mark.parametrize("dtype", DTYPES)
def test_cosine_of_zero_vectors_is_zero_as_in_torch(dtype: torch.dtype) -> None:
    """torch adds ε = 1e-12 to each squared norm: a zero vector has cos = 0, so y = 1 costs 1
    and y = −1 costs max(0, −margin); the gradient w.r.t. the zero vector is −x2/(1e-6·‖x2‖)
    (large, finite) and matches torch, the gradient w.r.t. the other vector is 0."""
    tensors = {
        "input1": torch.zeros(4, 3, dtype=dtype),
        "input2": torch.tensor([[1.0, 2.0, 2.0], [0.0, 0.0, 0.0]] * 2, dtype=dtype),
        "target": torch.tensor([1, 1, -1, -1], dtype=dtype),
    }
    value, grads = assert_matches(
        lossref.cosine_embedding_loss,
        F.cosine_embedding_loss,
        tensors,
        ("input1", "input2"),
        margin=-0.25,
        reduction="none",
    )
    torch.testing.assert_close(value, torch.tensor([1.0, 1.0, 0.25, 0.25], dtype=dtype))
    grad1, grad2 = grads
    cotangent_0 = 0.5  # the fixed cotangent of assert_matches at position 0
    expected = -cotangent_0 * torch.tensor([1.0, 2.0, 2.0], dtype=dtype) / (1e-6 * 3.0)
    torch.testing.assert_close(grad1[0], expected)
    assert torch.all(grad2 == 0)


@pytest.mark.parametrize("scale", [1e-5, 1e-6, 1e-7, 1e-9])
def test_cosine_of_tiny_vectors_follows_torchs_eps(scale: float) -> None:
    """The ε pulls the cosine of tiny vectors towards 0, in torch and in lossref alike."""
    x = torch.tensor([[scale, scale]])
    y = torch.tensor([1.0])
    ours = lossref.cosine_embedding_loss(x, x, y)
    torch.testing.assert_close(ours, F.cosine_embedding_loss(x, x, y))
    squared = 2 * scale**2
    assert ours.item() == pytest.approx(1 - squared / (squared + 1e-12), abs=1e-6)


@pytest.mark.parametrize("scale", [1e10, 1e15, 1e18])
def test_cosine_of_large_vectors_does_not_overflow(scale: float) -> None:
    """torch multiplies the two squared norms, which overflows float32 past norms of about
    4e9 (cos = 0, loss 1 for identical vectors); lossref normalises each vector first."""
    x = torch.tensor([[scale, -scale, scale]])
    y = torch.tensor([1.0])
    assert F.cosine_embedding_loss(x, x, y).item() == 1.0  # torch's overflow
    assert lossref.cosine_embedding_loss(x, x, y).item() == pytest.approx(0.0, abs=1e-6)
    assert lossref.cosine_embedding_loss(x, -x, -y).item() == pytest.approx(0.0, abs=1e-6)


def test_cosine_embedding_is_scale_invariant() -> None:
    g = generator(32)
    a, b = torch.randn(5, 4, generator=g, dtype=torch.float64), torch.randn(5, 4, generator=g)
    b = b.double()
    y = signs((5,), 32, torch.float64)
    reference = lossref.cosine_embedding_loss(a, b, y, margin=0.2, reduction="none")
    scaled = lossref.cosine_embedding_loss(3.0 * a, 0.01 * b, y, margin=0.2, reduction="none")
    torch.testing.assert_close(scaled, reference)


# ------------------------------------------------------------------------ all three losses


def small_inputs(name: str, dtype: torch.dtype = torch.float64) -> dict[str, Tensor]:
    if name == "margin_ranking_loss":
        return ranking((5,), dtype, None, seed=40)
    if name == "hinge_embedding_loss":
        return hinge((5,), dtype, None, seed=41)
    return cosine((5, 3), dtype, None, seed=42)


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_deprecated_size_average_and_reduce(
    name: str, size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    tensors = small_inputs(name)
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(getattr(F, name), **tensors, **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = getattr(lossref, name)(**tensors, **legacy)
    torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("name", NAMES)
def test_empty_batch_as_torch(name: str) -> None:
    """Zero pairs: 'mean' is nan (0/0), 'sum' is 0 and 'none' is empty, as in torch."""
    tensors = {
        "margin_ranking_loss": {"input1": torch.ones(0), "input2": torch.ones(0)},
        "hinge_embedding_loss": {"input": torch.ones(0)},
        "cosine_embedding_loss": {"input1": torch.ones(0, 3), "input2": torch.ones(0, 3)},
    }[name]
    tensors["target"] = torch.ones(0)
    for reduction in REDUCTIONS:
        ours = getattr(lossref, name)(**tensors, reduction=reduction)
        torch.testing.assert_close(
            ours, getattr(F, name)(**tensors, reduction=reduction), equal_nan=True
        )


def gradcheck_inputs(name: str) -> tuple[dict[str, Tensor], tuple[str, ...]]:
    """float64 inputs whose loss terms stay at least 0.05 away from the hinge's kink."""
    if name == "margin_ranking_loss":
        x2 = torch.linspace(-1, 1, 6, dtype=torch.float64)
        gaps = torch.tensor([0.9, 0.2, -0.4, 1.3, -0.1, 0.6], dtype=torch.float64)
        y = torch.tensor([1.0, 1.0, -1.0, -1.0, 1.0, -1.0], dtype=torch.float64)
        # margin 0.5: −y·gap + 0.5 = −0.4, 0.3, 0.1, 1.8, 0.6, 1.1
        return {"input1": x2 + gaps, "input2": x2, "target": y}, ("input1", "input2")
    if name == "hinge_embedding_loss":
        d = torch.tensor([0.2, 1.4, 0.3, 0.8, 0.7, 2.1], dtype=torch.float64)
        y = torch.tensor([1.0, 1.0, -1.0, -1.0, -1.0, -1.0], dtype=torch.float64)
        # margin 0.5 on the dissimilar pairs: 0.2, −0.3, −0.2, −1.6 before the clamp
        return {"input": d, "target": y}, ("input",)
    g = generator(43)
    a = torch.randn(6, 3, generator=g, dtype=torch.float64)
    b = torch.randn(6, 3, generator=g, dtype=torch.float64)
    y = torch.tensor([1.0, -1.0, 1.0, -1.0, -1.0, -1.0], dtype=torch.float64)
    cos = F.cosine_similarity(a, b)
    assert torch.all((cos - 0.1).abs() > 0.05)  # margin 0.1: away from the kink
    return {"input1": a, "input2": b, "target": y}, ("input1", "input2")


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", NAMES)
def test_gradcheck(name: str, reduction: str) -> None:
    tensors, wrt = gradcheck_inputs(name)
    margin = {"margin_ranking_loss": 0.5, "hinge_embedding_loss": 0.5}.get(name, 0.1)
    function = getattr(lossref, name)
    names = list(tensors)

    def loss(*variables: Tensor) -> Tensor:
        arguments = dict(tensors) | dict(zip(wrt, variables, strict=True))
        return function(*(arguments[n] for n in names), margin=margin, reduction=reduction)

    leaves = tuple(tensors[n].clone().requires_grad_() for n in wrt)
    assert torch.autograd.gradcheck(loss, leaves)
    assert torch.autograd.gradgradcheck(loss, leaves)  # _Hinge's backward is differentiable


def test_gradcheck_at_a_zero_vector() -> None:
    """The ε keeps the cosine differentiable at a zero vector."""
    a = torch.tensor([[0.0, 0.0, 0.0], [1.0, 2.0, -1.0]], dtype=torch.float64)
    b = torch.tensor([[0.5, -1.0, 2.0], [0.0, 0.0, 0.0]], dtype=torch.float64)
    y = torch.tensor([1.0, -1.0], dtype=torch.float64)
    assert torch.autograd.gradcheck(
        lambda a, b: lossref.cosine_embedding_loss(a, b, y, margin=-0.5),
        (a.requires_grad_(), b.requires_grad_()),
        eps=1e-9,
        atol=1e-3,
    )


@pytest.mark.parametrize("name", NAMES)
def test_modules_match_torchs(name: str) -> None:
    spec = lossref.registry.get(name)
    tensors = small_inputs(name)
    ours = getattr(lossref.nn, spec.module_name)(margin=0.3, reduction="sum")
    theirs = getattr(torch.nn, spec.module_name)(margin=0.3, reduction="sum")
    torch.testing.assert_close(ours(*tensors.values()), theirs(*tensors.values()))


# ----------------------------------------------------------- targets other than 1 and −1


@pytest.mark.parametrize(
    ("labels", "shown"),
    [([1.0, 0.0, -1.0], "found 0"), ([1, 2, -1], "found 2"), ([0.5, 1.0, 2.0], "found 0.5, 2")],
)
@pytest.mark.parametrize("name", NAMES)
def test_targets_other_than_plus_minus_one_are_refused(
    name: str, labels: list[float], shown: str
) -> None:
    tensors = {
        "margin_ranking_loss": {"input1": torch.ones(3), "input2": torch.zeros(3)},
        "hinge_embedding_loss": {"input": torch.ones(3)},
        "cosine_embedding_loss": {"input1": torch.ones(3, 2), "input2": torch.ones(3, 2)},
    }[name]
    with pytest.raises(ValueError, match="target must hold only the labels 1 and -1") as error:
        getattr(lossref, name)(**tensors, target=torch.tensor(labels))
    assert shown in str(error.value)
    assert "2 * target - 1" in str(error.value)  # the fix for 0/1 labels is named


def test_nan_target_is_refused() -> None:
    with pytest.raises(ValueError, match="found nan"):
        lossref.hinge_embedding_loss(torch.ones(2), torch.tensor([1.0, float("nan")]))


def test_hinge_step_at_the_kink_is_torchs() -> None:
    """_Hinge's backward 1[z ≥ 0] takes the active side at z = 0, as torch's clamp_min does."""
    x = torch.tensor([0.3, -0.2, 0.0, 1.0], dtype=torch.float64)
    y = torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=torch.float64)
    _, (grad1, grad2) = assert_matches(
        lossref.margin_ranking_loss,
        F.margin_ranking_loss,
        {"input1": x, "input2": x.clone(), "target": y},  # z = margin − y·0 = 0 everywhere
        ("input1", "input2"),
        reduction="sum",
    )
    assert (grad1 != 0).all()
    assert (grad2 != 0).all()


@pytest.mark.parametrize("name", NAMES)
def test_compiled_loss_refuses_other_targets_in_graph(name: str) -> None:
    """Under torch.compile the ±1 check is an assert inside the one graph: no graph break,
    and a RuntimeError for a 0/1 label."""
    tensors = small_inputs(name, torch.float32)
    function = getattr(lossref, name)
    torch._dynamo.reset()
    compiled_loss = compiled(function)
    torch.testing.assert_close(compiled_loss(**tensors), function(**tensors))
    tensors["target"] = (tensors["target"] + 1) / 2  # 0/1 labels
    with pytest.raises(RuntimeError, match="target must hold only the labels 1 and -1"):
        compiled_loss(**tensors)


@pytest.mark.parametrize("name", NAMES)
def test_boolean_target_is_refused(name: str) -> None:
    tensors = small_inputs(name, torch.float32)
    tensors["target"] = tensors["target"] > 0
    with pytest.raises(TypeError, match=r"target must hold the labels 1 and -1 .*torch.bool"):
        getattr(lossref, name)(**tensors)


def test_torch_scores_zero_one_labels_in_silence() -> None:
    """What torch does with 0 (the pitfall the pages show): no error, a different loss."""
    x1, x2 = torch.tensor([0.2, 0.9]), torch.tensor([0.7, 0.1])
    # margin ranking: a 0 label costs max(0, margin), whatever the scores.
    terms = F.margin_ranking_loss(x1, x2, torch.tensor([0.0, 0.0]), margin=0.1, reduction="none")
    torch.testing.assert_close(terms, torch.tensor([0.1, 0.1]))
    # hinge embedding: a 0 label costs x + max(0, margin − x) = max(x, margin).
    d = torch.tensor([0.4, 1.6])
    terms = F.hinge_embedding_loss(d, torch.tensor([0.0, 0.0]), reduction="none")
    torch.testing.assert_close(terms, torch.tensor([1.0, 1.6]))
    # cosine embedding: a 0 label costs 0, and still counts in the mean.
    a = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
    assert F.cosine_embedding_loss(a, a, torch.tensor([1.0, 0.0])).item() == 0.0
    assert F.cosine_embedding_loss(a, -a, torch.tensor([1.0, 0.0])).item() == 1.0


# -------------------------------------------------------------------------------- shapes


@pytest.mark.parametrize(
    ("shapes", "message"),
    [
        (((4,), (1,), (4,)), r"input1 and input2 must have the same shape; got input1 \(4,\) "),
        (((4, 1), (4, 1), (4,)), r"input1 and target must have the same shape; got input1 \(4, 1"),
        (((3,), (3,), ()), r"input1 and target must have the same shape; got input1 \(3,\) and"),
        (((2, 3), (1, 3), (2, 1)), r"input1 and input2 must have the same shape"),
    ],
)
def test_margin_ranking_refuses_what_torch_broadcasts(
    shapes: tuple[tuple[int, ...], ...], message: str
) -> None:
    a, b, c = shapes
    with pytest.raises(ValueError, match=message):
        lossref.margin_ranking_loss(torch.ones(a), torch.zeros(b), torch.ones(c))


def test_torch_broadcasts_margin_ranking_inputs() -> None:
    """The silent broadcasts lossref refuses: same number of dims is all torch checks."""
    out = F.margin_ranking_loss(torch.ones(4), torch.zeros(1), torch.ones(4), reduction="none")
    assert out.shape == (4,)
    out = F.margin_ranking_loss(
        torch.ones(2, 3), torch.zeros(1, 3), torch.ones(2, 1), reduction="none"
    )
    assert out.shape == (2, 3)
    wide = F.margin_ranking_loss(
        torch.ones(4, 1), torch.zeros(4, 1), torch.ones(1, 4), reduction="none"
    )
    assert wide.shape == (4, 4)


def test_hinge_embedding_refuses_what_torch_broadcasts() -> None:
    assert F.hinge_embedding_loss(torch.ones(4, 1), torch.ones(4), reduction="none").shape == (
        4,
        4,
    )
    with pytest.raises(
        ValueError, match=r"input and target must have the same shape; got input \(4, 1\)"
    ):
        lossref.hinge_embedding_loss(torch.ones(4, 1), torch.ones(4))


@pytest.mark.parametrize("shape", [(), (2, 3, 4)])
def test_cosine_embedding_needs_vectors(shape: tuple[int, ...]) -> None:
    with pytest.raises(
        ValueError,
        match=re.escape(f"input1 and input2 must have shape (N, D) or (D); got {shape}"),
    ):
        lossref.cosine_embedding_loss(torch.ones(shape), torch.ones(shape), torch.ones(2))


@pytest.mark.parametrize(
    ("inputs", "target"), [((4, 2), ()), ((4, 2), (1,)), ((4, 2), (4, 1)), ((2,), (1,))]
)
def test_cosine_embedding_target_shape(inputs: tuple[int, ...], target: tuple[int, ...]) -> None:
    expected = re.escape(f"shape {inputs[:-1]} for input1 {inputs}; got {target}")
    with pytest.raises(ValueError, match=f"target must hold one label per pair: {expected}"):
        lossref.cosine_embedding_loss(torch.ones(inputs), torch.ones(inputs), torch.ones(target))


def test_cosine_embedding_refuses_what_torch_broadcasts() -> None:
    """torch broadcasts (4, 2) against (1, 2) and a (1,) target against N = 4."""
    out = F.cosine_embedding_loss(
        torch.ones(4, 2), torch.ones(1, 2), torch.ones(1), reduction="none"
    )
    assert out.shape == (4,)
    with pytest.raises(ValueError, match=r"input1 \(4, 2\) and input2 \(1, 2\)"):
        lossref.cosine_embedding_loss(torch.ones(4, 2), torch.ones(1, 2), torch.ones(4))


# ----------------------------------------------------------------- dtypes and parameters


@pytest.mark.parametrize("name", ["margin_ranking_loss", "cosine_embedding_loss"])
def test_integer_second_input_is_refused(name: str) -> None:
    tensors = small_inputs(name)
    tensors["input2"] = tensors["input2"].round().long()
    with pytest.raises(TypeError, match=r"input2 must be a floating-point tensor .*torch.int64"):
        getattr(lossref, name)(**tensors)


@pytest.mark.parametrize("name", NAMES)
def test_non_tensor_target(name: str) -> None:
    tensors = small_inputs(name)
    with pytest.raises(TypeError, match=r"target must be a torch\.Tensor; got list"):
        getattr(lossref, name)(**(tensors | {"target": tensors["target"].tolist()}))


@pytest.mark.parametrize("margin", [1.5, -1.01])
def test_cosine_margin_outside_minus_one_one(margin: float) -> None:
    """cos lies in [−1, 1]: a margin outside makes every negative pair free (> 1) or every
    negative pair pay without a hinge (< −1). torch accepts it; lossref refuses."""
    with pytest.raises(ValueError, match=rf"margin must be in \[-1, 1\]; got {margin}"):
        lossref.cosine_embedding_loss(**small_inputs("cosine_embedding_loss"), margin=margin)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("margin", "error", "message"),
    [
        ("1", TypeError, "margin must be a real number; got str '1'"),
        (None, TypeError, "margin must be a real number; got NoneType"),
        (float("nan"), ValueError, "margin must be in .*; got nan"),
    ],
)
def test_margin_of_wrong_type_or_nan(
    name: str, margin: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        getattr(lossref, name)(**small_inputs(name), margin=margin)


@pytest.mark.parametrize("dtype", DTYPES)
def test_cosine_loss_of_parallel_vectors_is_never_negative(dtype: torch.dtype) -> None:
    """Rounding can make the cosine of parallel vectors exceed 1; it is clamped to [−1, 1]."""
    x = torch.randn(200, 7, generator=generator(33), dtype=dtype)
    ones = torch.ones(200, dtype=dtype)
    same = lossref.cosine_embedding_loss(x, 2.5 * x, ones, reduction="none")
    opposite = lossref.cosine_embedding_loss(x, -0.5 * x, -ones, margin=-1.0, reduction="none")
    assert torch.all(same >= 0)
    assert torch.all(opposite >= 0)
    torch.testing.assert_close(same, torch.zeros_like(same))
    torch.testing.assert_close(opposite, torch.zeros_like(opposite))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("margin", [0.0, 0.3, 1.7])
def test_per_pair_terms_equal_torchs_bit_for_bit(margin: float, dtype: torch.dtype) -> None:
    """margin_ranking_loss and hinge_embedding_loss use torch's operations in torch's order
    (the pages say the values agree to the last bit)."""
    g = generator(50)
    a, b = torch.randn(2, 1000, generator=g, dtype=dtype)
    y = signs((1000,), 50, dtype)
    ours = lossref.margin_ranking_loss(a, b, y, margin=margin, reduction="none")
    assert torch.equal(ours, F.margin_ranking_loss(a, b, y, margin=margin, reduction="none"))
    ours = lossref.hinge_embedding_loss(a.abs(), y, margin=margin, reduction="none")
    theirs = F.hinge_embedding_loss(a.abs(), y, margin=margin, reduction="none")
    assert torch.equal(ours, theirs)


def test_hinge_gradient_at_the_margin_is_torchs() -> None:
    """At x = margin exactly both take the hinge's active side: −1/n (the page says so)."""
    tensors = {"input": torch.tensor([1.0, 0.5]), "target": torch.tensor([-1.0, 1.0])}
    _, (grad,) = assert_matches(
        lossref.hinge_embedding_loss, F.hinge_embedding_loss, tensors, ("input",), reduction="sum"
    )
    assert grad[0].item() == -0.5  # the cotangent of assert_matches is 0.5 there
