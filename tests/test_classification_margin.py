"""Margin losses against torch.nn.functional (soft margin, multi-label soft margin, multi-label
margin, multi-margin) and Poly-1 against its formula on torch's cross-entropy: values,
gradients, signatures, gradcheck, hand-computed values, edge cases and errors."""

from __future__ import annotations

import inspect
import math
from typing import Any

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

C = 5
TORCH_NAMES = [
    "soft_margin_loss",
    "multilabel_soft_margin_loss",
    "multilabel_margin_loss",
    "multi_margin_loss",
]


@pytest.mark.parametrize("name", TORCH_NAMES)
def test_signature_is_torchs(name: str) -> None:
    assert parameter_table(getattr(lossref, name)) == parameter_table(getattr(F, name))


def scores(shape: tuple[int, ...], dtype: torch.dtype, seed: int) -> Tensor:
    return 2 * torch.randn(shape, generator=generator(seed), dtype=dtype)


def signs(shape: tuple[int, ...], seed: int, dtype: torch.dtype = torch.float64) -> Tensor:
    return (2 * (torch.rand(shape, generator=generator(seed)) > 0.5) - 1).to(dtype)


def label_lists(rows: int, seed: int) -> Tensor:
    """``(rows, C)`` class lists as torch reads them: a random number of indices (duplicates
    possible), then -1, then leftovers in [-1, C) that must be ignored. Row 0 lists every slot
    (no -1), row 1 starts with -1 (no class)."""
    g = generator(seed)
    target = torch.randint(-1, C, (rows, C), generator=g)
    for row in range(rows):
        length = C if row == 0 else 0 if row == 1 else int(torch.randint(1, C, (), generator=g))
        target[row, :length] = torch.randint(0, C, (length,), generator=g)
        if length < C:
            target[row, length] = -1
    return target


def class_indices(shape: tuple[int, ...], seed: int) -> Tensor:
    return torch.randint(0, C, shape, generator=generator(seed))


def class_weight(dtype: torch.dtype) -> Tensor:
    return torch.rand(C, generator=generator(11), dtype=dtype) + 0.2


# ------------------------------------------------------------------------ soft_margin_loss


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(), (7,), (3, 4), (2, 3, 2)])
def test_soft_margin_matches_torch(
    shape: tuple[int, ...], reduction: str, dtype: torch.dtype
) -> None:
    tensors = {"input": scores(shape, dtype, 1), "target": signs(shape, 2, dtype)}
    assert_matches(lossref.soft_margin_loss, F.soft_margin_loss, tensors, reduction=reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_soft_margin_integer_labels_like_torch(reduction: str) -> None:
    tensors = {"input": scores((3, 4), torch.float32, 3), "target": signs((3, 4), 4, torch.long)}
    assert_matches(lossref.soft_margin_loss, F.soft_margin_loss, tensors, reduction=reduction)


def test_soft_margin_hand_values() -> None:
    # log(1 + e^-2) = 0.126928, log(1 + e^-1) = 0.313262, log(1 + e^0.5) = 0.974077;
    # their mean is 1.414267 / 3 = 0.471422.
    x, y = torch.tensor([2.0, -1.0, 0.5], dtype=torch.float64), torch.tensor([1.0, -1.0, -1.0])
    terms = lossref.soft_margin_loss(x, y.double(), reduction="none")
    torch.testing.assert_close(
        terms, torch.tensor([0.126928, 0.313262, 0.974077]).double(), atol=1e-6, rtol=0
    )
    assert lossref.soft_margin_loss(x, y.double()).item() == pytest.approx(0.471422, abs=1e-6)


def test_soft_margin_is_bce_with_logits_of_shifted_labels() -> None:
    x, y = scores((4, 3), torch.float64, 5), signs((4, 3), 6)
    torch.testing.assert_close(
        lossref.soft_margin_loss(x, y, reduction="none"),
        F.binary_cross_entropy_with_logits(x, (y + 1) / 2, reduction="none"),
    )


def test_soft_margin_is_stable_where_torch_overflows() -> None:
    """torch computes log1p(exp(-y·x)): inf (gradient NaN) once -y·x > 88 in float32."""
    x = torch.tensor([-100.0, 90.0, 30.0, -30.0])
    y = torch.tensor([1.0, -1.0, 1.0, 1.0])
    assert torch.isinf(F.soft_margin_loss(x, y, reduction="none")[:2]).all()
    exact = F.soft_margin_loss(x.double(), y.double(), reduction="none")  # finite in float64
    leaf = x.clone().requires_grad_()
    ours = lossref.soft_margin_loss(leaf, y, reduction="none")
    ours.sum().backward()
    torch.testing.assert_close(ours.detach(), exact.float())
    assert leaf.grad is not None
    torch.testing.assert_close(leaf.grad, torch.tensor([-1.0, 1.0, 0.0, -1.0]), atol=1e-12, rtol=0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_soft_margin_empty_like_torch(reduction: str) -> None:
    tensors = {"input": torch.zeros(0), "target": torch.ones(0)}
    assert_matches(
        lossref.soft_margin_loss, F.soft_margin_loss, tensors, equal_nan=True, reduction=reduction
    )


@pytest.mark.parametrize("bad", [0.0, 0.5, 2.0])
def test_soft_margin_refuses_labels_other_than_plus_minus_one(bad: float) -> None:
    target = torch.tensor([1.0, -1.0, bad])
    with pytest.raises(
        ValueError, match=f"target must hold only the labels 1 and -1; found {bad:g}"
    ):
        lossref.soft_margin_loss(torch.zeros(3), target)


def test_compiled_soft_margin_refuses_other_labels_in_graph() -> None:
    """Under torch.compile the ±1 check is an assert inside the one graph (no graph break):
    a 0/1 label raises a RuntimeError."""
    x, y = scores((3, 4), torch.float32, 7), signs((3, 4), 8).float()
    torch._dynamo.reset()
    compiled_loss = compiled(lossref.soft_margin_loss)
    torch.testing.assert_close(compiled_loss(x, y), lossref.soft_margin_loss(x, y))
    with pytest.raises(RuntimeError, match="target must hold only the labels 1 and -1"):
        compiled_loss(x, (y + 1) / 2)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_soft_margin_gradcheck(reduction: str) -> None:
    x = scores((3, 4), torch.float64, 7).requires_grad_()
    y = signs((3, 4), 8)
    assert torch.autograd.gradcheck(
        lambda x: lossref.soft_margin_loss(x, y, reduction=reduction), (x,)
    )


# ------------------------------------------------------------- multilabel_soft_margin_loss


def multi_hot(shape: tuple[int, ...], seed: int, dtype: torch.dtype, soft: bool) -> Tensor:
    g = generator(seed)
    if soft:
        return torch.rand(shape, generator=g, dtype=dtype)
    return (torch.rand(shape, generator=g) > 0.5).to(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weight"])
@pytest.mark.parametrize(
    ("shape", "soft"), [((C,), False), ((4, C), False), ((4, C), True)], ids=["C", "NC", "soft"]
)
def test_multilabel_soft_margin_matches_torch(
    shape: tuple[int, ...], soft: bool, weighted: bool, reduction: str, dtype: torch.dtype
) -> None:
    tensors = {"input": scores(shape, dtype, 12), "target": multi_hot(shape, 13, dtype, soft)}
    grad_wrt = ["input", "target"]
    if weighted:
        tensors["weight"] = class_weight(dtype)
        grad_wrt.append("weight")
    assert_matches(
        lossref.multilabel_soft_margin_loss,
        F.multilabel_soft_margin_loss,
        tensors,
        grad_wrt,
        reduction=reduction,
    )


def test_multilabel_soft_margin_hand_values() -> None:
    # Row 0: x = (2, -1, 0), y = (1, 0, 1): log(1+e^-2) + log(1+e^-1) + log 2
    #        = 0.126928 + 0.313262 + 0.693147 = 1.133337, / 3 = 0.377779.
    # Row 1: x = (0.5, 1.5, -2), y = (0, 1, 0): log(1+e^0.5) + log(1+e^-1.5) + log(1+e^-2)
    #        = 0.974077 + 0.201413 + 0.126928 = 1.302418, / 3 = 0.434139.
    logits = torch.tensor([[2.0, -1.0, 0.0], [0.5, 1.5, -2.0]], dtype=torch.float64)
    labels = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], dtype=torch.float64)
    got = lossref.multilabel_soft_margin_loss(logits, labels, reduction="none")
    torch.testing.assert_close(got, torch.tensor([0.377779, 0.434139]).double(), atol=1e-6, rtol=0)
    # weight (3, 1, 1) on row 0: (3·0.126928 + 0.313262 + 0.693147) / 3 = 0.462398: the class
    # mean still divides by C = 3, not by Σw = 5.
    weight = torch.tensor([3.0, 1.0, 1.0], dtype=torch.float64)
    weighted = lossref.multilabel_soft_margin_loss(logits, labels, weight, reduction="none")
    assert weighted[0].item() == pytest.approx(0.462398, abs=1e-6)


@pytest.mark.parametrize("weighted", [False, True])
def test_multilabel_soft_margin_is_the_class_mean_of_bce_with_logits(weighted: bool) -> None:
    """Per sample, the mean over classes of binary_cross_entropy_with_logits' terms; so
    without weight, 'mean' is BCE-with-logits' mean and 'sum' its sum divided by C."""
    x, y = scores((4, C), torch.float64, 14), multi_hot((4, C), 15, torch.float64, soft=True)
    weight = class_weight(torch.float64) if weighted else None
    bce = F.binary_cross_entropy_with_logits(x, y, weight=weight, reduction="none")
    ours = lossref.multilabel_soft_margin_loss
    torch.testing.assert_close(ours(x, y, weight, reduction="none"), bce.mean(dim=1))
    if not weighted:
        torch.testing.assert_close(ours(x, y), F.binary_cross_entropy_with_logits(x, y))
        torch.testing.assert_close(ours(x, y, reduction="sum"), bce.sum() / C)


def test_multilabel_soft_margin_extreme_logits() -> None:
    x = torch.tensor([[-200.0, 200.0, 50.0], [0.0, -50.0, 200.0]])
    y = torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
    assert_matches(
        lossref.multilabel_soft_margin_loss,
        F.multilabel_soft_margin_loss,
        {"input": x, "target": y},
        reduction="none",
    )
    assert torch.isfinite(lossref.multilabel_soft_margin_loss(x, y)).all()


def test_multilabel_soft_margin_errors() -> None:
    x = torch.zeros(2, 3)
    with pytest.raises(
        ValueError, match=r"target must hold values in \[0, 1\].*min -1.*\+ 1\) / 2"
    ):
        lossref.multilabel_soft_margin_loss(x, torch.tensor([[1.0, -1.0, 1.0], [-1.0, 1, 1]]))
    with pytest.raises(
        ValueError, match=r"weight must be a 1-D tensor .*\(C=3\); got shape \(2, 3\)"
    ):
        lossref.multilabel_soft_margin_loss(x, torch.ones(2, 3), weight=torch.ones(2, 3))
    with pytest.raises(ValueError, match=r"input must have shape \(C\) or \(N, C\).*\(2, 3, 4\)"):
        lossref.multilabel_soft_margin_loss(torch.zeros(2, 3, 4), torch.ones(2, 3, 4))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_multilabel_soft_margin_gradcheck(reduction: str) -> None:
    x = scores((3, C), torch.float64, 16).requires_grad_()
    y = multi_hot((3, C), 17, torch.float64, soft=True).requires_grad_()
    w = class_weight(torch.float64).requires_grad_()
    assert torch.autograd.gradcheck(
        lambda x, y, w: lossref.multilabel_soft_margin_loss(x, y, w, reduction=reduction),
        (x, y, w),
    )


# ------------------------------------------------------------------ multilabel_margin_loss


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("rows", [0, 1, 6], ids=["unbatched", "one_row", "batch"])
def test_multilabel_margin_matches_torch(rows: int, reduction: str, dtype: torch.dtype) -> None:
    target = label_lists(max(rows, 3), seed=20 + rows)
    if rows == 0:  # (C) input and target
        tensors = {"input": scores((C,), dtype, 21), "target": target[2]}
    else:
        tensors = {"input": scores((rows, C), dtype, 21), "target": target[:rows]}
    assert_matches(
        lossref.multilabel_margin_loss, F.multilabel_margin_loss, tensors, reduction=reduction
    )


def test_multilabel_margin_targets_cover_every_rule() -> None:
    """The parity data above includes a full list, an empty one, duplicates and leftovers."""
    target = label_lists(6, seed=26)
    lists, leftovers = [], []
    for row in target.tolist():
        end = row.index(-1) if -1 in row else C
        lists.append(row[:end])
        leftovers += [v for v in row[end + 1 :] if v >= 0]
    assert len(lists[0]) == C
    assert lists[1] == []
    assert any(len(set(classes)) < len(classes) for classes in lists)  # a duplicate
    assert leftovers  # indices after a -1, to be ignored


SCORES = torch.tensor([0.1, 0.2, 0.4, 0.8], dtype=torch.float64)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Classes {3, 0} against non-targets {1, 2}: from 3, 1 − (0.8 − 0.2) = 0.4 and
        # 1 − (0.8 − 0.4) = 0.6; from 0, 1 − (0.1 − 0.2) = 1.1 and 1 − (0.1 − 0.4) = 1.3;
        # (0.4 + 0.6 + 1.1 + 1.3) / 4 = 0.85 (the example in torch's documentation).
        ([3, 0, -1, 1], 0.85),
        # Class 3 listed twice: its three hinges 0.3 + 0.4 + 0.6 = 1.3 count twice: 2.6 / 4.
        ([3, 3, -1, 1], 0.65),
        # Only the entries before the first -1 count: class 3 alone, 1.3 / 4.
        ([3, -1, 0, 1], 0.325),
        # An empty list scores 0.
        ([-1, 3, 0, 1], 0.0),
        # Every class a target: no non-target to compare with.
        ([0, 1, 2, 3], 0.0),
    ],
)
def test_multilabel_margin_hand_values(target: list[int], expected: float) -> None:
    got = lossref.multilabel_margin_loss(SCORES, torch.tensor(target))
    assert got.item() == pytest.approx(expected, abs=1e-12)
    assert F.multilabel_margin_loss(SCORES, torch.tensor(target)).item() == pytest.approx(expected)


def test_multilabel_margin_empty_batch() -> None:
    """N = 0: 'none' is empty like torch's; 'sum' is 0 and 'mean' NaN (torch 2.13 returns
    uninitialised memory for these two, so they are not compared)."""
    x, y = torch.zeros(0, 4), torch.zeros(0, 4, dtype=torch.long)
    assert_matches(
        lossref.multilabel_margin_loss,
        F.multilabel_margin_loss,
        {"input": x, "target": y},
        reduction="none",
    )
    assert lossref.multilabel_margin_loss(x, y, reduction="sum").item() == 0.0
    assert math.isnan(lossref.multilabel_margin_loss(x, y).item())


@pytest.mark.parametrize("bad", [[3, 4, -1, 1], [3, -2, -1, 1], [3, -1, 7, 0], [3, -1, -5, 0]])
def test_multilabel_margin_index_out_of_range(bad: list[int]) -> None:
    """torch refuses these too, also after the first -1 ('target' is out of range)."""
    target = torch.tensor([bad])
    with pytest.raises(RuntimeError, match="out of range"):
        F.multilabel_margin_loss(SCORES[None], target)
    shown = next(v for v in bad if v < -1 or v >= 4)
    with pytest.raises(
        IndexError, match=rf"class index {shown}, but input has 4 classes: entries must be 0..3"
    ):
        lossref.multilabel_margin_loss(SCORES[None], target)


@pytest.mark.parametrize("name", TORCH_NAMES[1:])
def test_no_classes_is_refused(name: str) -> None:
    """torch refuses C = 0 for the two hinge losses and returns NaN for the soft one."""
    target = torch.zeros(3, dtype=torch.long) if name == "multi_margin_loss" else None
    if target is None:
        dtype = torch.long if name == "multilabel_margin_loss" else torch.float32
        target = torch.zeros(3, 0, dtype=dtype)
    with pytest.raises(ValueError, match=r"input must have at least one class; got shape \(3, 0\)"):
        getattr(lossref, name)(torch.zeros(3, 0), target)


def test_multilabel_margin_errors() -> None:
    with pytest.raises(TypeError, match=r"target must be an integer tensor .*torch.float32"):
        lossref.multilabel_margin_loss(SCORES, torch.tensor([3.0, 0, -1, 1]))
    with pytest.raises(ValueError, match=r"target must have the shape of input \(2, 4\).*\(2,\)"):
        lossref.multilabel_margin_loss(SCORES.repeat(2, 1), torch.tensor([3, 0]))
    with pytest.raises(
        ValueError, match=r"input must have shape \(C\) or \(N, C\).*got shape \(\)"
    ):
        lossref.multilabel_margin_loss(torch.tensor(0.5), torch.tensor(0))


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_multilabel_margin_gradcheck(reduction: str) -> None:
    x = scores((4, C), torch.float64, 27).requires_grad_()
    y = label_lists(4, seed=28)
    assert torch.autograd.gradcheck(
        lambda x: lossref.multilabel_margin_loss(x, y, reduction=reduction), (x,)
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("rows", [0, 4], ids=["unbatched", "batch"])
def test_multilabel_margin_second_derivative(rows: int, reduction: str) -> None:
    """The autograd Function's backward (the Gradient section's (a − b)/C) is differentiable:
    gradgradcheck over full, empty, duplicated and leftover-holding lists."""
    y = label_lists(max(rows, 3), seed=29)
    y = y[2] if rows == 0 else y[:rows]
    x = scores(tuple(y.shape), torch.float64, 30).requires_grad_()
    assert torch.autograd.gradgradcheck(
        lambda x: lossref.multilabel_margin_loss(x, y, reduction=reduction), (x,)
    )


def test_multilabel_margin_infinite_scores() -> None:
    """An infinite score only spoils the rows it is in: a listed class at +inf meets every
    margin (0, as torch), a non-target class at +inf gives inf (as torch); a listed class at
    −inf gives NaN where torch gives inf (its −∞ meets the −∞ that marks listed classes)."""
    inf = float("inf")
    x = torch.tensor([[inf, 0.2, 0.4], [0.1, inf, 0.4], [0.1, 0.2, 0.4]], dtype=torch.float64)
    y = torch.tensor([[0, -1, -1], [0, -1, -1], [2, 0, -1]])
    torch.testing.assert_close(
        lossref.multilabel_margin_loss(x, y, reduction="none"),
        F.multilabel_margin_loss(x, y, reduction="none"),
    )
    x[2, 2] = -inf
    got = lossref.multilabel_margin_loss(x, y, reduction="none")
    assert got[2].isnan()
    assert torch.isinf(F.multilabel_margin_loss(x, y, reduction="none")[2])
    assert got[:2].tolist() == [0.0, inf]


@pytest.mark.parametrize("name", ["multilabel_margin_loss", "multi_margin_loss"])
def test_hinge_losses_peak_memory_within_twice_torchs(name: str) -> None:
    """Forward plus backward at 1e5 elements, C = 10 (3 labels per multi-label list): the
    autograd Functions keep the peak within 2x torch's fused kernels (it was 5x to 7x)."""
    from lossref._bench import _class_logits, _label_lists, peak_bytes

    x, y = (_label_lists if name == "multilabel_margin_loss" else _class_logits)(10**5, 10)
    ours = peak_bytes(getattr(lossref, name), x, (y,))
    assert ours <= 2 * peak_bytes(getattr(F, name), x, (y,))


def test_multilabel_margin_compiled_check_raises() -> None:
    """Under torch.compile the range check is an assert inside the graph: a RuntimeError."""
    torch._dynamo.reset()
    target = torch.tensor([[3, 0, -1, 7]])
    with pytest.raises(RuntimeError, match="target holds a class index out of range"):
        # fullgraph=False: sizing the loop over list slots reads the longest list's length
        compiled(lossref.multilabel_margin_loss, fullgraph=False)(SCORES[None], target)


# ---------------------------------------------------------------------- multi_margin_loss


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weight"])
@pytest.mark.parametrize(("p", "margin"), [(1, 1.0), (2, 0.3)])
@pytest.mark.parametrize("batched", [False, True], ids=["unbatched", "batched"])
def test_multi_margin_matches_torch(
    batched: bool, p: int, margin: float, weighted: bool, reduction: str, dtype: torch.dtype
) -> None:
    shape = (6, C) if batched else (C,)
    tensors = {"input": 0.5 * scores(shape, dtype, 30), "target": class_indices(shape[:-1], 31)}
    if weighted:
        tensors["weight"] = class_weight(dtype)
    assert_matches(
        lossref.multi_margin_loss,
        F.multi_margin_loss,
        tensors,
        p=p,
        margin=margin,
        reduction=reduction,
    )


ROWS = torch.tensor([[0.1, 0.2, 0.4, 0.8], [0.5, 0.1, 0.2, 0.3]], dtype=torch.float64)
ROW_TARGETS = torch.tensor([1, 0])
WEIGHT = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64)


def test_multi_margin_hand_values() -> None:
    # Row 0, true class 1 (x = 0.2): 1 − 0.2 + 0.1 = 0.9, 1 − 0.2 + 0.4 = 1.2,
    #   1 − 0.2 + 0.8 = 1.6; p=1: 3.7 / 4 = 0.925; p=2: (0.81 + 1.44 + 2.56) / 4 = 1.2025.
    # Row 1, true class 0 (x = 0.5): 0.6, 0.7, 0.8; p=1: 2.1 / 4 = 0.525;
    #   p=2: (0.36 + 0.49 + 0.64) / 4 = 0.3725.
    loss = lossref.multi_margin_loss
    none = {"reduction": "none"}
    torch.testing.assert_close(
        loss(ROWS, ROW_TARGETS, **none), torch.tensor([0.925, 0.525]).double()
    )
    torch.testing.assert_close(
        loss(ROWS, ROW_TARGETS, p=2, **none), torch.tensor([1.2025, 0.3725]).double()
    )
    # margin 0.5, row 0: 0.4 + 0.7 + 1.1 = 2.2, / 4 = 0.55; row 1: 0.1 + 0.2 + 0.3 = 0.6 / 4.
    torch.testing.assert_close(
        loss(ROWS, ROW_TARGETS, margin=0.5, **none), torch.tensor([0.55, 0.15]).double()
    )


def test_multi_margin_weight_conventions() -> None:
    """weight[y] multiplies each powered term (w·h², not (w·h)²) and 'mean' divides by N."""
    loss = lossref.multi_margin_loss
    # Row 0 has y = 1, so weight 2: 2 · 0.925 = 1.85 and, with p=2, 2 · 1.2025 = 2.405
    # ((w·h)² would give 4 · 1.2025 = 4.81). Row 1 has y = 0, weight 1.
    weighted = loss(ROWS, ROW_TARGETS, weight=WEIGHT, reduction="none")
    torch.testing.assert_close(weighted, torch.tensor([1.85, 0.525]).double())
    squared = loss(ROWS, ROW_TARGETS, p=2, weight=WEIGHT, reduction="none")
    torch.testing.assert_close(squared, torch.tensor([2.405, 0.3725]).double())
    # 'mean' = (1.85 + 0.525) / 2 = 1.1875, not / (2 + 1) = 0.7917.
    mean = loss(ROWS, ROW_TARGETS, weight=WEIGHT)
    assert mean.item() == pytest.approx(1.1875)
    for ours, theirs in [
        (mean, F.multi_margin_loss(ROWS, ROW_TARGETS, weight=WEIGHT)),
        (squared, F.multi_margin_loss(ROWS, ROW_TARGETS, p=2, weight=WEIGHT, reduction="none")),
    ]:
        torch.testing.assert_close(ours, theirs)


@pytest.mark.parametrize("p", [1.0, 2.0])
def test_multi_margin_float_p_like_torch(p: float) -> None:
    torch.testing.assert_close(
        lossref.multi_margin_loss(ROWS, ROW_TARGETS, p=p),  # type: ignore[arg-type]
        F.multi_margin_loss(ROWS, ROW_TARGETS, p=p),  # type: ignore[arg-type]
    )


def test_multi_margin_is_zero_once_the_true_class_leads_by_the_margin() -> None:
    x = torch.tensor([[3.0, 1.9, 2.0], [0.0, 0.0, 0.0]], dtype=torch.float64)
    y = torch.tensor([0, 1])
    got = lossref.multi_margin_loss(x, y, reduction="none")
    # Row 0 leads by 1 and 1.1: 0. Row 1 ties everything: 2 · 1 / 3.
    torch.testing.assert_close(got, torch.tensor([0.0, 2 / 3]).double())


def test_multi_margin_empty_batch() -> None:
    """N = 0: 'none' is empty like torch's; 'sum' 0 and 'mean' NaN (torch's 'sum' returns
    uninitialised memory here, so these are not compared)."""
    x, y = torch.zeros(0, 4), torch.zeros(0, dtype=torch.long)
    assert_matches(
        lossref.multi_margin_loss, F.multi_margin_loss, {"input": x, "target": y}, reduction="none"
    )
    assert lossref.multi_margin_loss(x, y, reduction="sum").item() == 0.0
    assert math.isnan(lossref.multi_margin_loss(x, y).item())


@pytest.mark.parametrize("p", [0, 3, -1])
def test_multi_margin_p_must_be_1_or_2(p: int) -> None:
    with pytest.raises(ValueError, match="only p == 1 and p == 2 supported"):
        F.multi_margin_loss(ROWS, ROW_TARGETS, p=p)
    with pytest.raises(ValueError, match=f"p must be 1 or 2 .*; got {p}"):
        lossref.multi_margin_loss(ROWS, ROW_TARGETS, p=p)


@pytest.mark.parametrize("p", ["1", True, None])
def test_multi_margin_p_of_wrong_type(p: object) -> None:
    with pytest.raises(TypeError, match=f"p must be the integer 1 or 2; got {type(p).__name__}"):
        lossref.multi_margin_loss(ROWS, ROW_TARGETS, p=p)  # type: ignore[arg-type]


def test_multi_margin_errors() -> None:
    loss = lossref.multi_margin_loss
    with pytest.raises(
        ValueError, match=r"weight must be a 1-D tensor .*\(C=4\); got shape \(3,\)"
    ):
        loss(ROWS, ROW_TARGETS, weight=torch.ones(3, dtype=torch.float64))
    with pytest.raises(
        ValueError, match=r"target of class indices must have shape \(2,\) .*\(2, 1\)"
    ):
        loss(ROWS, ROW_TARGETS[:, None])
    with pytest.raises(ValueError, match=r"input must have shape \(C\) or \(N, C\).*\(2, 4, 1\)"):
        loss(ROWS[..., None], ROW_TARGETS)
    with pytest.raises(ValueError, match=r"margin must be in \[-inf, inf\]; got nan"):
        loss(ROWS, ROW_TARGETS, margin=float("nan"))
    with pytest.raises(
        IndexError, match=r"class index 4, but input has 4 classes: valid indices are 0\.\.3\.$"
    ):
        loss(ROWS, torch.tensor([1, 4]))


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_multi_margin_gradcheck(p: int, reduction: str) -> None:
    x = 0.5 * scores((4, C), torch.float64, 32)
    y = class_indices((4,), 33)
    assert torch.autograd.gradcheck(
        lambda x: lossref.multi_margin_loss(
            x, y, p=p, weight=class_weight(torch.float64), reduction=reduction
        ),
        (x.requires_grad_(),),
    )


@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weight"])
@pytest.mark.parametrize(("p", "margin"), [(1, 1.0), (2, 0.3)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("batched", [False, True], ids=["unbatched", "batched"])
def test_multi_margin_second_derivative(
    batched: bool, reduction: str, p: int, margin: float, weighted: bool
) -> None:
    """The autograd Function's backward (the Gradient section's formula) is differentiable,
    also with respect to weight, which torch does not differentiate."""
    shape = (4, C) if batched else (C,)
    x = (0.5 * scores(shape, torch.float64, 34)).requires_grad_()
    y = class_indices(shape[:-1], 35)
    tensors = (x, class_weight(torch.float64).requires_grad_()) if weighted else (x,)

    def loss(x: Tensor, weight: Tensor | None = None) -> Tensor:
        return lossref.multi_margin_loss(
            x, y, p=p, margin=margin, weight=weight, reduction=reduction
        )

    assert torch.autograd.gradcheck(loss, tensors)
    assert torch.autograd.gradgradcheck(loss, tensors)


@pytest.mark.parametrize(("size_average", "reduce", "reduction"), LEGACY_REDUCTIONS)
@pytest.mark.parametrize("name", TORCH_NAMES)
def test_deprecated_size_average_and_reduce(
    name: str, size_average: bool | None, reduce: bool | None, reduction: str
) -> None:
    inputs: dict[str, dict[str, Tensor]] = {
        "soft_margin_loss": {
            "input": scores((3, 4), torch.float64, 40),
            "target": signs((3, 4), 41),
        },
        "multilabel_soft_margin_loss": {
            "input": scores((3, C), torch.float64, 42),
            "target": multi_hot((3, C), 43, torch.float64, soft=False),
        },
        "multilabel_margin_loss": {
            "input": scores((3, C), torch.float64, 44),
            "target": label_lists(3, seed=45),
        },
        "multi_margin_loss": {
            "input": scores((3, C), torch.float64, 46),
            "target": class_indices((3,), 47),
        },
    }
    legacy = {"size_average": size_average, "reduce": reduce, "reduction": reduction}
    expected = call_legacy(getattr(F, name), **inputs[name], **legacy)
    with pytest.warns(DeprecationWarning, match="size_average and reduce are deprecated"):
        got = getattr(lossref, name)(**inputs[name], **legacy)
    torch.testing.assert_close(got, expected)


# ----------------------------------------------------------------------------- poly1_loss

# Poly-1 has no torch counterpart: its reference is the paper's formula CE + ε·(1 − exp(−CE))
# per position, on torch's own cross-entropy.
LAYOUTS = {"unbatched": (C,), "batched": (6, C), "kdim": (2, C, 2, 3)}


def poly1_reference(
    input: Tensor, target: Tensor, epsilon: float, ignore_index: int, reduction: str
) -> Tensor:
    ce = F.cross_entropy(input, target, ignore_index=ignore_index, reduction="none")
    loss = ce + epsilon * (1 - torch.exp(-ce))
    if reduction == "mean":
        return loss.sum() / (target != ignore_index).sum()
    return loss.sum() if reduction == "sum" else loss


def index_target(layout: str, seed: int, ignored: bool) -> Tensor:
    shape = LAYOUTS[layout]
    target = class_indices(() if len(shape) == 1 else (shape[0], *shape[2:]), seed)
    if ignored and target.numel() > 1:
        target.view(-1)[::3] = -100
    return target


def test_poly1_signature() -> None:
    """ε defaults to 2, the paper's ImageNet value; ignore_index as in softmax_focal_loss."""
    empty = inspect.Parameter.empty
    assert [(name, default) for name, _, default in parameter_table(lossref.poly1_loss)] == [
        ("input", empty),
        ("target", empty),
        ("epsilon", 2.0),
        ("ignore_index", -100),
        ("reduction", "mean"),
    ]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    ("layout", "ignored", "epsilon"),
    [
        ("unbatched", False, 1.0),
        ("batched", False, 2.0),
        ("batched", True, -1.0),
        ("kdim", True, 1.0),
        ("kdim", False, 0.0),
    ],
)
def test_poly1_matches_its_formula_on_torch_cross_entropy(
    layout: str, ignored: bool, epsilon: float, reduction: str, dtype: torch.dtype
) -> None:
    tensors = {
        "input": scores(LAYOUTS[layout], dtype, 50),
        "target": index_target(layout, 51, ignored),
    }
    assert_matches(
        lossref.poly1_loss,
        poly1_reference,
        tensors,
        epsilon=epsilon,
        ignore_index=-100,
        reduction=reduction,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("ignore_index", [-100, 2])
def test_poly1_with_epsilon_0_is_cross_entropy(reduction: str, ignore_index: int) -> None:
    tensors = {"input": scores((6, C), torch.float64, 52), "target": class_indices((6,), 53)}
    settings: dict[str, Any] = {"ignore_index": ignore_index, "reduction": reduction}
    assert_matches(
        lambda **kw: lossref.poly1_loss(**kw, epsilon=0.0), F.cross_entropy, tensors, **settings
    )
    assert_matches(
        lambda **kw: lossref.poly1_loss(**kw, epsilon=0.0),
        lossref.cross_entropy,
        tensors,
        **settings,
    )


def test_poly1_hand_values() -> None:
    # Softmax probabilities (0.1, 0.7, 0.2), true class 1: CE = −log 0.7 = 0.356675 and
    # 1 − p_t = 0.3, so ε = 1 gives 0.656675 and ε = 2 gives 0.956675.
    logits = torch.log(torch.tensor([0.1, 0.7, 0.2], dtype=torch.float64))
    target = torch.tensor(1)
    assert lossref.poly1_loss(logits, target, epsilon=1.0).item() == pytest.approx(
        0.656675, abs=1e-6
    )
    assert lossref.poly1_loss(logits, target).item() == pytest.approx(0.956675, abs=1e-6)
    assert lossref.poly1_loss(logits, target, epsilon=-1.0).item() == pytest.approx(
        0.056675, abs=1e-6
    )


def test_poly1_gradient_is_cross_entropys_times_one_plus_epsilon_p_t() -> None:
    """∂ℓ/∂z = (p − onehot)·(1 + ε·p_t): at the true class −(1 − p_t) − ε·p_t·(1 − p_t), the
    cross-entropy gradient plus the extra −ε·p_t·(1 − p_t)."""
    z = scores((6, C), torch.float64, 54).requires_grad_()
    y = class_indices((6,), 55)
    epsilon = 2.0
    lossref.poly1_loss(z, y, epsilon=epsilon, reduction="sum").backward()
    p = torch.softmax(z.detach(), dim=1)
    p_t = p.gather(1, y[:, None])
    cross_entropy_gradient = p - F.one_hot(y, C)
    assert z.grad is not None
    torch.testing.assert_close(z.grad, cross_entropy_gradient * (1 + epsilon * p_t))
    at_true = z.grad.gather(1, y[:, None])
    torch.testing.assert_close(at_true, -(1 - p_t) - epsilon * p_t * (1 - p_t))


@pytest.mark.parametrize("dtype", DTYPES)
def test_poly1_is_finite_for_extreme_logits(dtype: torch.dtype) -> None:
    """Logits ±1000: p_t is 0 or 1 to machine precision; value and gradient stay finite and
    equal the formula's (CE 2000 + ε for the wrong class, 0 for the right one)."""
    logits = torch.tensor([[1000.0, -1000.0, 0.0], [1000.0, -1000.0, 0.0]], dtype=dtype)
    target = torch.tensor([1, 0])
    tensors = {"input": logits, "target": target}
    settings = {"epsilon": 2.0, "ignore_index": -100, "reduction": "none"}
    value, (grad,) = assert_matches(lossref.poly1_loss, poly1_reference, tensors, **settings)
    torch.testing.assert_close(value, torch.tensor([2002.0, 0.0], dtype=dtype))
    assert torch.isfinite(grad).all()


def test_poly1_all_ignored_is_nan_with_zero_gradient_like_cross_entropy() -> None:
    z = scores((3, C), torch.float64, 56).requires_grad_()
    y = torch.full((3,), -100)
    loss = lossref.poly1_loss(z, y)
    assert math.isnan(loss.item())
    assert math.isnan(F.cross_entropy(z, y).item())
    loss.backward()
    assert z.grad is not None
    assert torch.equal(z.grad, torch.zeros_like(z))


def test_poly1_epsilon_below_minus_one_is_refused() -> None:
    """Below −1 the loss grows again as p_t nears 1: dℓ/dp_t = −1/p_t − ε > 0 for p_t > −1/ε."""
    p_t = torch.tensor([0.5, 0.9, 0.99], dtype=torch.float64)
    formula = -torch.log(p_t) - 1.5 * (1 - p_t)  # ε = −1.5
    assert formula[2] > formula[1]  # not minimal at p_t → 1
    logits, target = scores((2, C), torch.float64, 57), class_indices((2,), 58)
    with pytest.raises(ValueError, match=r"epsilon must be in \[-1, inf\]; got -1.5"):
        lossref.poly1_loss(logits, target, epsilon=-1.5)
    with pytest.raises(TypeError, match="epsilon must be a real number; got str '1'"):
        lossref.poly1_loss(logits, target, epsilon="1")  # type: ignore[arg-type]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("epsilon", [-1.0, 1.0, 2.0])
def test_poly1_gradcheck(epsilon: float, reduction: str) -> None:
    z = scores((2, C, 3), torch.float64, 59).requires_grad_()
    y = torch.tensor([[0, -100, 4], [2, 1, -100]])
    assert torch.autograd.gradcheck(
        lambda z: lossref.poly1_loss(z, y, epsilon=epsilon, reduction=reduction), (z,)
    )
