"""Sequence losses: connectionist temporal classification (CTC).

``ctc_loss`` scores per-frame class log-probabilities ``(T, N, C)`` against label sequences
shorter than the input, summing over every alignment of the labels to the frames. Name,
signature and defaults are those of ``torch.nn.functional.ctc_loss``; unlike torch, a target
that holds the blank or a label outside ``[0, C)`` is refused instead of giving a meaningless
number.
"""

# --8<-- [start:imports]
from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import torch
import torch.nn.functional as F
from torch import Tensor

from lossref._checks import check_floating, check_integer, resolve_reduction
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__ = ["ctc_loss"]

NEG_INF = float("-inf")


# --8<-- [start:ctc_forward]
def _logsumexp(*terms: Tensor) -> Tensor:
    """``log(Σ exp(term))`` element-wise; −inf, with gradient 0, where every term is −inf.

    ``torch.logsumexp`` also returns −inf there, but its gradient ``exp(term − result)`` is
    ``exp(−inf + inf) = NaN``, and unreachable states would spread NaN into every gradient.
    """
    stacked = torch.stack(terms)
    top = stacked.amax(0).detach()
    top = torch.where(torch.isfinite(top), top, torch.zeros_like(top))
    total = (stacked - top).exp().sum(0)  # ≥ 1 wherever some term is finite
    reachable = total > 0
    safe_total = torch.where(reachable, total, torch.ones_like(total))  # log(1) = 0, unused
    return torch.where(reachable, top + safe_total.log(), NEG_INF)


def _ctc_end_alphas(
    log_probs: Tensor, labels: Tensor, input_lengths: Tensor, target_lengths: Tensor, blank: int
) -> Tensor:
    """The forward (alpha) recursion; returns ``(N, 2)``: ``log α`` at each sequence's last
    frame of the two states a complete path ends in, the final blank (``s = 2S``) and the
    last label (``s = 2S − 1``; −inf for an empty target).

    ``log_probs`` ``(T, N, C)``; ``labels`` ``(N, S)``, padded with ``blank`` after each
    sequence's ``target_lengths``; ``input_lengths`` and ``target_lengths`` ``(N,)``.
    """
    batch = log_probs.shape[1]
    # l′: the labels with a blank before, between and after them, length 2S + 1.
    extended = labels.new_full((batch, 2 * labels.shape[1] + 1), blank)
    extended[:, 1::2] = labels
    # A path may jump from s − 2 to s (skipping the blank between) only onto a label that
    # differs from the label two positions back: "aa" needs a blank between its two a's.
    can_skip = torch.zeros_like(extended, dtype=torch.bool)
    can_skip[:, 2:] = (extended[:, 2:] != blank) & (extended[:, 2:] != extended[:, :-2])
    # The frames one by one: unbind gives backward a single (T, N, C) gradient to assemble,
    # where indexing a (T, N, 2S + 1) table with [t] would build a full-size one at every step.
    frames = log_probs.unbind(0)

    # α before the first frame: all the probability on s = 0. The first step below then gives
    # α_0(0) = log y_0(blank), α_0(1) = log y_0(l_1) and −inf elsewhere (a path starts with a
    # blank or with the first label); a sequence of input length 0 keeps this α.
    alpha = log_probs.new_full(extended.shape, NEG_INF)
    alpha[:, 0] = 0.0
    for t, frame in enumerate(frames):
        # log y_t(l′_s): the log-probability of the symbol at position s of l′ at frame t
        emit = frame.gather(1, extended)  # (N, 2S + 1)
        stay = alpha  # from s: the same symbol again
        step = F.pad(alpha, (1, 0), value=NEG_INF)[:, :-1]  # from s − 1: α shifted right by 1
        skip = F.pad(alpha, (2, 0), value=NEG_INF)[:, :-2]  # from s − 2: α shifted right by 2
        skip = torch.where(can_skip, skip, NEG_INF)
        new = _logsumexp(stay, step, skip) + emit
        # Sequences shorter than T stop at their own length: their α stays as it was.
        alpha = torch.where((t < input_lengths).unsqueeze(1), new, alpha)

    # A complete path ends on the final blank (s = 2S) or on the last label (s = 2S − 1).
    last = 2 * target_lengths.unsqueeze(1)
    end_blank = alpha.gather(1, last)
    end_label = alpha.gather(1, (last - 1).clamp(min=0))
    end_label = torch.where(last > 0, end_label, NEG_INF)  # an empty target has no label
    return torch.cat([end_blank, end_label], dim=1)
    # --8<-- [end:ctc_forward]


# --8<-- [start:ctc_loss]
def ctc_loss(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Tensor | Sequence[int],
    target_lengths: Tensor | Sequence[int],
    blank: int = 0,
    reduction: str = "mean",
    zero_infinity: bool = False,
) -> Tensor:
    """Connectionist temporal classification (Graves et al., ICML 2006): ``−log p(l | x)``.

    ``p(l | x)`` sums, over every path of ``input_length`` symbols (labels or ``blank``) that
    collapses to the target ``l`` once repeats are merged and blanks dropped, the product of
    the per-step probabilities along the path. Shapes: ``log_probs`` ``(T, N, C)``
    (``log_softmax`` over ``C``, time first) or ``(T, C)`` unbatched; ``targets`` ``(N, S)``
    padded or 1-D concatenated (``sum(target_lengths)``), ``(S,)`` unbatched;
    ``input_lengths`` and ``target_lengths`` ``(N,)`` tensors, tuples or lists of ints.
    ``'mean'`` divides each loss by its target length (at least 1), then averages over the
    batch; ``'none'`` gives ``(N,)``. A target that no path can produce gives ``inf``, or 0
    (with a zero gradient) with ``zero_infinity=True``.

    Examples:
        >>> import torch
        >>> log_probs = torch.tensor([[0.4, 0.6], [0.7, 0.3]]).log()  # (T=2, C=2): blank, a
        >>> # target "a": paths "a-", "-a", "aa", so −log(0.6·0.7 + 0.4·0.3 + 0.6·0.3)
        >>> ctc_loss(log_probs, torch.tensor([1]), (2,), (1,), reduction="sum")
        tensor(0.3285)
    """
    how = resolve_reduction(reduction)
    log_probs, labels, input_lengths, target_lengths, unbatched = _checked_inputs(
        log_probs, targets, input_lengths, target_lengths, blank, zero_infinity
    )
    ends = _ctc_end_alphas(log_probs, labels, input_lengths, target_lengths, blank)
    if zero_infinity:
        # No path gives the target: loss inf becomes 0, and _logsumexp makes its gradient 0.
        losses = -_logsumexp(ends[:, 0], ends[:, 1])
        losses = torch.where(torch.isinf(losses), 0.0, losses)
    else:
        losses = -torch.logsumexp(ends, dim=1)  # impossible: inf, NaN gradient (as torch)
    if how == "mean":
        per_label = losses / target_lengths.clamp(min=1).to(losses.dtype)
        return per_label.mean()
    if unbatched and how == "none":
        return losses.squeeze(0)
    return apply_reduction(losses, how)
    # --8<-- [end:ctc_loss]


def _checked_inputs(
    log_probs: Tensor,
    targets: Tensor,
    input_lengths: Tensor | Sequence[int],
    target_lengths: Tensor | Sequence[int],
    blank: int,
    zero_infinity: bool,
) -> tuple[Tensor, Tensor, Tensor, Tensor, bool]:
    """Checked ``(log_probs (T, N, C), labels (N, S), input_lengths, target_lengths,
    unbatched)``; ``labels`` padded with ``blank`` after each target."""
    check_floating("log_probs", log_probs)
    targets = check_integer("targets", targets)
    if log_probs.dim() not in (2, 3):
        raise ValueError(
            f"log_probs must have shape (T, N, C), time first, or (T, C) for one unbatched "
            f"sequence; got shape {tuple(log_probs.shape)}."
        )
    if log_probs.numel() == 0:
        raise ValueError(
            f"log_probs must not be empty (T, N and C at least 1); got shape "
            f"{tuple(log_probs.shape)}."
        )
    if not isinstance(zero_infinity, bool):
        raise TypeError(
            f"zero_infinity must be True or False; got {type(zero_infinity).__name__} "
            f"{zero_infinity!r}."
        )
    unbatched = log_probs.dim() == 2
    if unbatched:
        if targets.dim() != 1:
            raise ValueError(
                f"targets of an unbatched (T, C) log_probs must have shape (S,); got shape "
                f"{tuple(targets.shape)}."
            )
        log_probs, targets = log_probs.unsqueeze(1), targets.unsqueeze(0)
    steps, batch, classes = log_probs.shape
    if isinstance(blank, bool) or not isinstance(blank, Integral):
        raise TypeError(f"blank must be an int; got {type(blank).__name__} {blank!r}.")
    if not 0 <= blank < classes:
        raise ValueError(f"blank must be a class index in [0, C) = [0, {classes}); got {blank}.")
    input_lengths = _lengths("input_lengths", input_lengths, batch, unbatched)
    target_lengths = _lengths("target_lengths", target_lengths, batch, unbatched)
    if int(input_lengths.max()) > steps:
        raise ValueError(
            f"input_lengths must be at most T = {steps} (log_probs.shape[0]); got "
            f"{int(input_lengths.max())}."
        )
    labels = _padded_labels(targets, target_lengths, batch, blank)
    _check_labels(labels, target_lengths, classes, blank)
    return log_probs, labels, input_lengths, target_lengths, unbatched


def _lengths(name: str, value: object, batch: int, unbatched: bool) -> Tensor:
    """Non-negative integer lengths as a ``(N,)`` int64 tensor."""
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, Integral) and not isinstance(v, bool) for v in value):
            raise TypeError(f"{name} must hold ints; got {value!r}.")
        value = torch.tensor(value, dtype=torch.long)
    elif not isinstance(value, Tensor):
        raise TypeError(
            f"{name} must be a tensor, tuple or list of ints; got {type(value).__name__} {value!r}."
        )
    lengths = check_integer(name, value)
    shape = tuple(lengths.shape)
    if unbatched and shape == ():
        lengths = lengths.unsqueeze(0)
    if lengths.shape != (batch,):
        expected = (
            "() or (1,) for an unbatched (T, C) log_probs"
            if unbatched
            else f"({batch},), one length per sequence (N = {batch} is log_probs.shape[1]: "
            f"log_probs is time first, (T, N, C))"
        )
        raise ValueError(f"{name} must have shape {expected}; got shape {shape}.")
    if int(lengths.min()) < 0:
        raise ValueError(f"{name} must not be negative; got {int(lengths.min())}.")
    return lengths.long()


def _padded_labels(targets: Tensor, target_lengths: Tensor, batch: int, blank: int) -> Tensor:
    """``(N, max target length)`` labels from padded ``(N, S)`` or concatenated 1-D targets,
    with ``blank`` after the end of each target (padding values are never read)."""
    longest = int(target_lengths.max())
    if targets.dim() == 1:  # concatenated: sum(target_lengths) labels, one target after another
        if targets.numel() != int(target_lengths.sum()):
            raise ValueError(
                f"concatenated (1-D) targets must hold sum(target_lengths) = "
                f"{int(target_lengths.sum())} labels; got {targets.numel()}."
            )
        pieces = list(torch.split(targets.long(), target_lengths.tolist()))
        return torch.nn.utils.rnn.pad_sequence(pieces, batch_first=True, padding_value=blank)
    if targets.dim() != 2 or targets.shape[0] != batch:
        raise ValueError(
            f"targets must have shape (N, S) = ({batch}, S), padded, or be 1-D (the targets "
            f"concatenated); got shape {tuple(targets.shape)}."
        )
    if longest > targets.shape[1]:
        raise ValueError(
            f"target_lengths must be at most S = {targets.shape[1]} (targets.shape[1]); got "
            f"{longest}."
        )
    labels = targets[:, :longest].long()
    inside = torch.arange(longest) < target_lengths.unsqueeze(1)
    return torch.where(inside, labels, blank)


def _check_labels(labels: Tensor, target_lengths: Tensor, classes: int, blank: int) -> None:
    """Labels (before each target's end) must be classes in ``[0, C)`` other than ``blank``."""
    inside = torch.arange(labels.shape[1]) < target_lengths.unsqueeze(1)
    used = labels[inside]
    if used.numel() == 0:
        return
    low, high = int(used.min()), int(used.max())
    if low < 0 or high >= classes:
        bad = low if low < 0 else high
        raise IndexError(
            f"targets holds label {bad}, but log_probs has C = {classes} classes: labels "
            f"must be in [0, {classes})."
        )
    if bool((used == blank).any()):
        raise ValueError(
            f"targets must not contain the blank index {blank}: the blank separates labels "
            f"and is never a label itself (set blank= to an index no label uses)."
        )
