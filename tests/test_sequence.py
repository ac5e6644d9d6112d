"""ctc_loss against torch.nn.functional.ctc_loss, a brute-force sum over every path, hand
values and gradcheck; the input forms torch accepts; the error messages.

Gradients are compared with respect to *logits*, with ``log_probs = logits.log_softmax(-1)``.
torch's CTC backward does not return the gradient with respect to arbitrary ``log_probs``: it
returns ``exp(log_probs) − γ`` (γ the alignment posteriors), the gradient with respect to the
logits under the assumption that ``log_probs`` came from ``log_softmax``. The true gradient
with respect to ``log_probs``, which autograd gives lossref, is ``−γ``. Through
``log_softmax`` the two agree, ``softmax − γ``, because each frame's γ sums to 1
(``test_torch_gradient_convention`` checks both statements).
"""

from __future__ import annotations

import itertools
import math
import re

import pytest
import torch
import torch.nn.functional as F
from torch import Tensor

import lossref
from tests._parity import (
    DTYPES,
    REDUCTIONS,
    assert_matches,
    generator,
    parameter_table,
    value_and_grads,
)

C = 5  # classes, blank included


def classes(blank: int) -> list[int]:
    """The label classes: every class except the blank, in order."""
    return [c for c in range(C) if c != blank]


def encode(words: list[str], blank: int, padding: int = 99) -> tuple[Tensor, Tensor]:
    """``(targets (N, S), target_lengths (N,))`` for words over the letters "abcd"; the padding
    after each word is a value no class has, which must never be read."""
    labels = classes(blank)
    width = max(1, *map(len, words))
    targets = torch.full((len(words), width), padding)
    for row, word in enumerate(words):
        targets[row, : len(word)] = torch.tensor([labels["abcd".index(ch)] for ch in word])
    return targets, torch.tensor([len(word) for word in words])


def concatenated(targets: Tensor, target_lengths: Tensor) -> Tensor:
    return torch.cat(
        [row[:length] for row, length in zip(targets, target_lengths.tolist(), strict=True)]
    )


def ours(logits: Tensor, **kwargs: object) -> Tensor:
    return lossref.ctc_loss(logits.log_softmax(-1), **kwargs)  # type: ignore[arg-type]


def theirs(logits: Tensor, **kwargs: object) -> Tensor:
    return F.ctc_loss(logits.log_softmax(-1), **kwargs)  # type: ignore[arg-type]


# name -> (T, words, input_lengths); "unbatched" is the first word alone, as (T, C).
CASES: dict[str, tuple[int, list[str], list[int]]] = {
    # Mixed lengths, an empty target, inputs shorter than T.
    "padded": (7, ["abb", "a", "", "cab"], [7, 5, 3, 6]),
    "concatenated": (7, ["abb", "a", "", "cab"], [7, 5, 3, 6]),
    "unbatched": (5, ["aba"], [5]),
    # Input length = the minimal feasible length S + (number of repeated neighbours):
    # "aa" needs "a-a" (3), "abba" needs "ab-ba" (5), "aaa" needs "a-a-a" (5).
    "minimal_length": (6, ["aa", "abba", "aaa", "d"], [3, 5, 5, 1]),
}


def case(name: str, dtype: torch.dtype, blank: int) -> dict[str, Tensor]:
    steps, words, lengths = CASES[name]
    g = generator(len(name) + 10 * blank)
    targets, target_lengths = encode(words, blank)
    logits = 2 * torch.randn(steps, len(words), C, generator=g, dtype=dtype)
    input_lengths = torch.tensor(lengths)
    if name == "concatenated":
        targets = concatenated(targets, target_lengths)
    if name == "unbatched":
        logits, targets = logits[:, 0], targets[0, : len(words[0])]
        input_lengths, target_lengths = input_lengths[0], target_lengths[0]
    return {
        "logits": logits,
        "targets": targets,
        "input_lengths": input_lengths,
        "target_lengths": target_lengths,
    }


def test_signature_is_torchs() -> None:
    assert parameter_table(lossref.ctc_loss) == parameter_table(F.ctc_loss)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("blank", [0, 2, C - 1])
@pytest.mark.parametrize("name", CASES)
def test_matches_torch(name: str, blank: int, reduction: str, dtype: torch.dtype) -> None:
    assert_matches(
        ours, theirs, case(name, dtype, blank), ("logits",), reduction=reduction, blank=blank
    )


def infeasible(dtype: torch.dtype) -> dict[str, Tensor]:
    """Sequences 0 and 2 cannot be aligned: "aa" in 2 frames needs 3, "abc" in 2 needs 3."""
    targets, target_lengths = encode(["aa", "ab", "abc", ""], blank=0)
    logits = torch.randn(4, 4, C, generator=generator(7), dtype=dtype)
    return {
        "logits": logits,
        "targets": targets,
        "input_lengths": torch.tensor([2, 4, 2, 3]),
        "target_lengths": target_lengths,
    }


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_zero_infinity_matches_torch(reduction: str, dtype: torch.dtype) -> None:
    """The impossible sequences' losses and gradients become 0, the others are unchanged."""
    value, (grad,) = assert_matches(
        ours, theirs, infeasible(dtype), ("logits",), reduction=reduction, zero_infinity=True
    )
    assert torch.isfinite(value).all()
    assert (grad[:, [0, 2]] == 0).all()


@pytest.mark.parametrize("dtype", DTYPES)
def test_impossible_alignment_is_inf(dtype: torch.dtype) -> None:
    """Without zero_infinity: inf, and a gradient with NaN for that sequence, as in torch
    (where in the sequence the NaN appears differs: only its presence is the contract); the
    possible sequences' gradients are exact."""
    tensors = infeasible(dtype)
    logits = tensors.pop("logits")
    for f in (ours, theirs):
        leaf = logits.clone().requires_grad_(True)
        loss = f(leaf, **tensors, reduction="none")
        assert torch.isinf(loss[[0, 2]]).all()
        assert torch.isfinite(loss[[1, 3]]).all()
        (grad,) = torch.autograd.grad(loss.sum(), leaf)
        assert grad[:, 0].isnan().any()
        assert grad[:, 2].isnan().any()
        if f is ours:
            our_loss, our_grad = loss, grad
    torch.testing.assert_close(our_loss, loss)
    torch.testing.assert_close(our_grad[:, [1, 3]], grad[:, [1, 3]])
    assert torch.isinf(lossref.ctc_loss(logits.log_softmax(-1), **tensors))  # type: ignore[arg-type]


def test_torch_gradient_convention() -> None:
    """torch's gradient w.r.t. log_probs is lossref's plus softmax (on frames within each
    input length, times the upstream gradient); w.r.t. logits both are softmax − γ."""
    tensors = case("padded", torch.float64, blank=0)
    log_probs = tensors.pop("logits").log_softmax(-1)
    grads = []
    for f in (lossref.ctc_loss, F.ctc_loss):
        leaf = log_probs.clone().requires_grad_(True)
        (grad,) = torch.autograd.grad(f(leaf, **tensors, reduction="sum"), leaf)  # type: ignore[operator]
        grads.append(grad)
    ours_grad, torch_grad = grads
    inside = (torch.arange(7).unsqueeze(1) < tensors["input_lengths"]).unsqueeze(2)
    torch.testing.assert_close(torch_grad - ours_grad, log_probs.exp() * inside)
    assert not torch.allclose(torch_grad, ours_grad)
    # Each frame's posteriors γ (−lossref's gradient) sum to 1 within the input length.
    torch.testing.assert_close((-ours_grad).sum(-1), inside.squeeze(2).to(torch.float64))


# --------------------------------------------------------------- brute force over paths


def collapse(path: tuple[int, ...], blank: int) -> list[int]:
    """Merge repeated symbols, then drop blanks: (a, a, -, a, b) -> [a, a, b]."""
    merged = [symbol for i, symbol in enumerate(path) if i == 0 or symbol != path[i - 1]]
    return [symbol for symbol in merged if symbol != blank]


def brute_force(probabilities: Tensor, target: list[int], blank: int) -> tuple[float, Tensor]:
    """``(−log p(target), γ)`` from every path over ``probabilities`` ``(T, C)``: p sums the
    probabilities of the paths that collapse to ``target``; ``γ[t, k]`` is the share of p
    from paths with symbol k at step t."""
    steps, symbols = probabilities.shape
    total, occupation = 0.0, torch.zeros(steps, symbols, dtype=torch.float64)
    for path in itertools.product(range(symbols), repeat=steps):
        if collapse(path, blank) == target:
            p = math.prod(probabilities[t, s].item() for t, s in enumerate(path))
            total += p
            for t, s in enumerate(path):
                occupation[t, s] += p
    if total == 0:
        return math.inf, occupation
    return -math.log(total), occupation / total


BRUTE_TARGETS = [[], [1], [1, 1], [1, 2], [2, 1, 2], [1, 1, 1], [2, 2]]


@pytest.mark.parametrize("blank", [0, 1, 2])
def test_equals_the_sum_over_every_path(blank: int) -> None:
    """The recursion against the definition: 3 symbols, up to 5 frames (3⁵ paths)."""
    labels = [c for c in range(3) if c != blank]  # targets below use 1, 2 as label numbers
    targets = [[labels[k - 1] for k in word] for word in BRUTE_TARGETS]
    input_lengths = [5, 4, 3, 2, 5, 4, 1]  # "aaa" in 4 frames and "bb" in 1 are impossible
    log_probs = torch.randn(5, len(targets), 3, generator=generator(blank), dtype=torch.float64)
    log_probs = log_probs.log_softmax(-1)
    padded = torch.zeros(len(targets), 3, dtype=torch.long)
    for row, word in enumerate(targets):
        padded[row, : len(word)] = torch.tensor(word, dtype=torch.long)
    got = lossref.ctc_loss(
        log_probs,
        padded,
        input_lengths,
        [len(word) for word in targets],
        blank=blank,
        reduction="none",
    )
    expected = [
        brute_force(log_probs[:length, n].exp(), word, blank)[0]
        for n, (word, length) in enumerate(zip(targets, input_lengths, strict=True))
    ]
    torch.testing.assert_close(got, torch.tensor(expected, dtype=torch.float64))
    assert math.isinf(expected[5])
    assert math.isinf(expected[6])


@pytest.mark.parametrize("word", [[1], [1, 1], [2, 1, 2]])
def test_gradient_is_softmax_minus_the_path_posterior(word: list[int]) -> None:
    """∂L/∂log y_t(k) = −γ_t(k) and ∂L/∂z_t(k) = y_t(k) − γ_t(k), γ from every path."""
    logits = torch.randn(4, 1, 3, generator=generator(len(word)), dtype=torch.float64)
    logits.requires_grad_(True)
    log_probs = logits.log_softmax(-1)
    loss = lossref.ctc_loss(log_probs, torch.tensor([word]), [4], [len(word)], reduction="sum")
    grad_log_probs, grad_logits = torch.autograd.grad(loss, [log_probs, logits])
    value, occupation = brute_force(log_probs[:, 0].exp().detach(), word, blank=0)
    assert loss.item() == pytest.approx(value)
    torch.testing.assert_close(grad_log_probs[:, 0], -occupation)
    torch.testing.assert_close(grad_logits[:, 0], log_probs[:, 0].exp() - occupation)


# ------------------------------------------------------------------------ hand values


def test_hand_computed_two_frames() -> None:
    """T = 2, symbols (blank, a), target "a": paths a-, -a, aa.
    p = 0.6·0.7 + 0.4·0.3 + 0.6·0.3 = 0.42 + 0.12 + 0.18 = 0.72; loss = −log 0.72."""
    log_probs = torch.tensor([[0.4, 0.6], [0.7, 0.3]], dtype=torch.float64).log()
    loss = lossref.ctc_loss(log_probs, torch.tensor([1]), (2,), (1,), reduction="sum")
    assert loss.item() == pytest.approx(-math.log(0.72))
    # "aa" in 2 frames is impossible (it needs a-a); in 3 frames a-a is the only path.
    assert lossref.ctc_loss(log_probs, torch.tensor([1, 1]), (2,), (2,)).item() == math.inf
    three = torch.tensor([[0.4, 0.6], [0.7, 0.3], [0.5, 0.5]], dtype=torch.float64).log()
    loss = lossref.ctc_loss(three, torch.tensor([1, 1]), (3,), (2,), reduction="sum")
    assert loss.item() == pytest.approx(-math.log(0.6 * 0.7 * 0.5))


def test_empty_target_is_all_blanks() -> None:
    """Target length 0: the only path is all blanks, loss −Σ_t log y_t(blank)."""
    log_probs = torch.tensor([[0.9, 0.1], [0.8, 0.2], [0.5, 0.5]], dtype=torch.float64).log()
    loss = lossref.ctc_loss(log_probs, torch.tensor([], dtype=torch.long), (3,), (0,))
    assert loss.item() == pytest.approx(-math.log(0.9 * 0.8 * 0.5))  # 'mean' divides by 1
    zero = lossref.ctc_loss(log_probs, torch.tensor([], dtype=torch.long), (0,), (0,))
    assert zero.item() == 0.0  # no frame, empty target: probability 1 (torch: -0.)


def test_mean_divides_each_loss_by_its_target_length() -> None:
    tensors = case("padded", torch.float64, blank=0)
    log_probs = tensors.pop("logits").log_softmax(-1)
    per_sequence = lossref.ctc_loss(log_probs, **tensors, reduction="none")  # type: ignore[arg-type]
    lengths = tensors["target_lengths"].clamp(min=1)  # the empty target counts once
    torch.testing.assert_close(
        lossref.ctc_loss(log_probs, **tensors),  # type: ignore[arg-type]
        (per_sequence / lengths).mean(),
    )
    assert not torch.allclose(per_sequence.mean(), (per_sequence / lengths).mean())


# ------------------------------------------------------------------------ input forms


def test_input_forms_agree() -> None:
    """Padded and concatenated targets; lengths as tensors, tuples and lists; int32."""
    tensors = case("padded", torch.float32, blank=0)
    log_probs = tensors.pop("logits").log_softmax(-1)
    targets, input_lengths, target_lengths = tensors.values()
    expected = F.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="none")
    variants = [
        (targets, input_lengths, target_lengths),
        (concatenated(targets, target_lengths), input_lengths, target_lengths),
        (targets, tuple(input_lengths.tolist()), tuple(target_lengths.tolist())),
        (targets, input_lengths.tolist(), target_lengths.tolist()),
        (targets.int(), input_lengths.int(), target_lengths.int()),
    ]
    for variant in variants:
        got = lossref.ctc_loss(log_probs, *variant, reduction="none")  # type: ignore[arg-type]
        torch.testing.assert_close(got, expected)


@pytest.mark.parametrize("lengths", [(torch.tensor(5), torch.tensor(3)), ((5,), (3,))])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_unbatched_shapes(lengths: tuple[object, object], reduction: str) -> None:
    log_probs = torch.randn(5, C, generator=generator(3)).log_softmax(-1)
    target = torch.tensor([1, 2, 2])
    got = lossref.ctc_loss(log_probs, target, *lengths, reduction=reduction)  # type: ignore[arg-type]
    expected = F.ctc_loss(log_probs, target, *lengths, reduction=reduction)  # type: ignore[arg-type]
    assert got.shape == expected.shape == ()
    torch.testing.assert_close(got, expected)


def long_sequences(dtype: torch.dtype) -> dict[str, Tensor]:
    """T = 60, labels of length 12, 7 and 4, confident frames (logits of size ±40)."""
    g = generator(11)
    return {
        "logits": 20 * torch.randn(60, 3, C, generator=g, dtype=torch.float64).to(dtype),
        "targets": torch.randint(1, C, (3, 12), generator=g),
        "input_lengths": torch.tensor([60, 45, 30]),
        "target_lengths": torch.tensor([12, 7, 4]),
    }


def test_long_sequences_and_extreme_logits() -> None:
    """float64: equal to torch. float32: the value equals the float64 one, and the gradient is
    at least as close to float64's as torch's own float32 gradient is (torch's is off by about
    2e-4 here, beyond float32's default tolerance, so the two float32 results are not compared
    with each other)."""
    exact, (exact_grad,) = assert_matches(
        ours, theirs, long_sequences(torch.float64), ("logits",), reduction="none"
    )
    assert torch.isfinite(exact).all()
    tensors = long_sequences(torch.float32)
    errors = []
    for f in (ours, theirs):
        value, (grad,) = value_and_grads(f, tensors, ("logits",), {"reduction": "none"})
        torch.testing.assert_close(value, exact.float())
        errors.append((grad.double() - exact_grad).abs().max())
    assert errors[0] <= errors[1]


def test_zero_probabilities_give_no_nan() -> None:
    """log_probs with −inf (probability 0) where a path would go: finite loss and gradient."""
    probabilities = torch.tensor([[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.5, 0.0, 0.5]])
    log_probs = probabilities.log().unsqueeze(1).requires_grad_(True)
    loss = lossref.ctc_loss(log_probs, torch.tensor([[1, 2]]), [3], [2])
    expected = F.ctc_loss(log_probs.detach(), torch.tensor([[1, 2]]), [3], [2])
    torch.testing.assert_close(loss.detach(), expected)
    (grad,) = torch.autograd.grad(loss, log_probs)
    assert torch.isfinite(loss)
    assert not grad.isnan().any()


def test_gradcheck() -> None:
    """float64, unnormalised log_probs (autograd's gradient is the true one), two sequences,
    one shorter than T, one with a repeat."""
    log_probs = torch.randn(4, 2, 3, generator=generator(5), dtype=torch.float64)
    log_probs.requires_grad_(True)
    targets = torch.tensor([[1, 1], [2, 0]])

    def loss(x: Tensor) -> Tensor:
        return lossref.ctc_loss(x, targets, [4, 3], [2, 1], reduction="none")

    assert torch.autograd.gradcheck(loss, (log_probs,))


def test_module_matches_torch_module() -> None:
    tensors = case("padded", torch.float32, blank=0)
    log_probs = tensors.pop("logits").log_softmax(-1)
    for settings in ({}, {"reduction": "sum"}, {"blank": 0, "zero_infinity": True}):
        torch.testing.assert_close(
            lossref.nn.CTCLoss(**settings)(log_probs, *tensors.values()),
            torch.nn.CTCLoss(**settings)(log_probs, *tensors.values()),  # type: ignore[arg-type]
        )


# ----------------------------------------------------------------------------- errors


def valid() -> dict[str, object]:
    return {
        "log_probs": torch.randn(5, 2, 4, generator=generator(0)).log_softmax(-1),
        "targets": torch.tensor([[1, 2], [3, 0]]),
        "input_lengths": torch.tensor([5, 4]),
        "target_lengths": torch.tensor([2, 1]),
    }


def call(**changes: object) -> Tensor:
    return lossref.ctc_loss(**{**valid(), **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        (
            {"log_probs": torch.zeros(5, 2, 4, 1)},
            ValueError,
            r"log_probs must have shape \(T, N, C\), time first, or \(T, C\) .*got shape "
            r"\(5, 2, 4, 1\)",
        ),
        ({"log_probs": torch.zeros(5)}, ValueError, r"log_probs must have shape .*\(5,\)"),
        ({"log_probs": torch.zeros(0, 2, 4)}, ValueError, r"log_probs must not be empty"),
        (
            {"log_probs": torch.zeros(5, 2, 4, dtype=torch.long)},
            TypeError,
            "log_probs must be a floating-point tensor .*torch.int64",
        ),
        (
            {"targets": torch.tensor([[1.0, 2.0], [3.0, 0.0]])},
            TypeError,
            r"targets must be an integer tensor \(dtype torch.int64\); got dtype torch.float32",
        ),
        (
            {"targets": torch.tensor([[1, 2]])},
            ValueError,
            r"targets must have shape \(N, S\) = \(2, S\), padded, or be 1-D .*got shape "
            r"\(1, 2\)",
        ),
        (
            {"targets": torch.tensor([1, 2])},
            ValueError,
            r"concatenated \(1-D\) targets must hold sum\(target_lengths\) = 3 labels; got 2",
        ),
        (
            {"target_lengths": torch.tensor([3, 1])},
            ValueError,
            r"target_lengths must be at most S = 2 \(targets.shape\[1\]\); got 3",
        ),
        (
            {"input_lengths": torch.tensor([6, 4])},
            ValueError,
            r"input_lengths must be at most T = 5 \(log_probs.shape\[0\]\); got 6",
        ),
        (
            {"input_lengths": torch.tensor([5, -1])},
            ValueError,
            "input_lengths must not be negative; got -1",
        ),
        (
            {"target_lengths": torch.tensor([2])},
            ValueError,
            r"target_lengths must have shape \(2,\), one length per sequence \(N = 2 is "
            r"log_probs.shape\[1\]: log_probs is time first, \(T, N, C\)\); got shape \(1,\)",
        ),
        (
            {"input_lengths": torch.tensor([5.0, 4.0])},
            TypeError,
            "input_lengths must be an integer tensor .*torch.float32",
        ),
        (
            {"input_lengths": [5.0, 4.0]},
            TypeError,
            r"input_lengths must hold ints; got \[5.0, 4.0\]",
        ),
        (
            {"target_lengths": 2},
            TypeError,
            "target_lengths must be a tensor, tuple or list of ints; got int 2",
        ),
        (
            {"targets": torch.tensor([[1, 4], [3, 0]])},
            IndexError,
            r"targets holds label 4, but log_probs has C = 4 classes: labels must be in "
            r"\[0, 4\)",
        ),
        (
            {"targets": torch.tensor([[1, -2], [3, 0]])},
            IndexError,
            "targets holds label -2",
        ),
        (
            {"targets": torch.tensor([[1, 0], [3, 0]])},
            ValueError,
            "targets must not contain the blank index 0",
        ),
        ({"blank": 4}, ValueError, r"blank must be a class index in \[0, C\) = \[0, 4\); got 4"),
        ({"blank": -1}, ValueError, r"blank must be a class index .*got -1"),
        ({"blank": 1.0}, TypeError, "blank must be an int; got float 1.0"),
        ({"zero_infinity": 1}, TypeError, "zero_infinity must be True or False; got int 1"),
        ({"reduction": "batchmean"}, ValueError, "reduction must be one of .*got 'batchmean'"),
    ],
)
def test_errors(changes: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call(**changes)


def test_unbatched_errors() -> None:
    log_probs = torch.randn(5, 4).log_softmax(-1)
    with pytest.raises(
        ValueError,
        match=re.escape("targets of an unbatched (T, C) log_probs must have shape (S,); got"),
    ):
        lossref.ctc_loss(log_probs, torch.tensor([[1, 2]]), torch.tensor(5), torch.tensor(2))
    with pytest.raises(ValueError, match=re.escape("input_lengths must have shape () or (1,)")):
        lossref.ctc_loss(log_probs, torch.tensor([1, 2]), torch.tensor([5, 5]), (2,))


def test_padding_is_never_read() -> None:
    """Values after each target's length (here 99 and −7) are ignored, as torch ignores them."""
    changes = {"targets": torch.tensor([[1, 2, 99], [3, -7, 99]])}
    torch.testing.assert_close(call(**changes), call())


def test_input_length_zero_matches_torch() -> None:
    """No frame: loss 0 (torch: -0.) for an empty target, inf for any other."""
    log_probs = torch.randn(3, 2, 3, generator=generator(4)).log_softmax(-1)
    args = (log_probs, torch.tensor([[1, 2], [1, 1]]), [0, 0], [2, 0])
    got = lossref.ctc_loss(*args, reduction="none")  # type: ignore[arg-type]
    torch.testing.assert_close(got, F.ctc_loss(*args, reduction="none"))  # type: ignore[arg-type]
    assert got.tolist() == [math.inf, 0.0]


def test_peak_memory_within_twice_torchs() -> None:
    """Forward plus backward at 1e5 elements (T = 50, N = 100, C = 20): gathering frame by
    frame from log_probs.unbind(0) keeps the peak within 2x torch's (it was 2.1x at 1e6)."""
    from lossref._bench import _alignments, peak_bytes

    log_probs, *others = _alignments(10**5, 0)
    ours = peak_bytes(lossref.ctc_loss, log_probs, tuple(others))
    assert ours <= 2 * peak_bytes(F.ctc_loss, log_probs, tuple(others))
