"""Ranking and embedding losses: margins between scores, pairs, triplets and in-batch contrast."""

# --8<-- [start:imports]
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from lossref._checks import (
    check_embeddings,
    check_floating,
    check_in_unit_interval,
    check_number,
    check_same_shape,
    check_sign_target,
    resolve_reduction,
)
from lossref._reduction import apply_reduction

# --8<-- [end:imports]

__all__: list[str] = [
    "contrastive_loss",
    "cosine_embedding_loss",
    "hinge_embedding_loss",
    "info_nce_loss",
    "margin_ranking_loss",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
]


# --8<-- [start:hinge]
class _Hinge(torch.autograd.Function):
    """The hinge ``max(0, z)``, with its derivative ``1[z ≥ 0]`` as backward.

    The step is built from float operations, ``sign(z) + 1`` (0, 1 or 2) capped at 1, so that it
    takes the active side at ``z = 0`` as torch's ``clamp_min`` does. Left to autograd, the
    hinge keeps a boolean mask ``z ≥ 0`` for the backward pass, and under ``torch.compile``
    writing that mask costs more than the whole loss; a float step does not.
    """

    @staticmethod
    def forward(ctx: Any, z: Tensor) -> Tensor:
        ctx.save_for_backward(z)
        return z.clamp(min=0)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        (z,) = ctx.saved_tensors
        step: Tensor = (z.sign() + 1).clamp(max=1)  # ∂ max(0, z)/∂z = 1[z ≥ 0]
        return grad * step


def _hinge(z: Tensor) -> Tensor:
    loss: Tensor = _Hinge.apply(z)  # type: ignore[no-untyped-call]
    return loss
    # --8<-- [end:hinge]


# --8<-- [start:margin_ranking_loss]
def margin_ranking_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Pairwise ranking hinge: ``lᵢ = max(0, −yᵢ·(x1ᵢ − x2ᵢ) + margin)``, then the reduction.

    ``yᵢ = 1`` asks for ``x1ᵢ`` to score higher than ``x2ᵢ`` by at least ``margin``; ``yᵢ = −1``
    asks for the reverse. Shapes: ``input1``, ``input2`` and ``target`` ``(*)``, all the same
    (torch broadcasts them if they have the same number of dims; lossref refuses). ``target``
    holds only 1 and −1, as a float or integer tensor.

    Examples:
        >>> import torch
        >>> x1, x2 = torch.tensor([0.9, 0.6, 0.7]), torch.tensor([0.2, 0.4, 0.1])
        >>> margin_ranking_loss(x1, x2, torch.tensor([1, 1, -1]), margin=0.5)
        tensor(0.4667)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    margin = check_number("margin", margin)
    check_floating("input1", input1)
    check_floating("input2", input2)
    check_same_shape(input1, input2, ("input1", "input2"))
    check_sign_target("target", target)
    check_same_shape(input1, target, ("input1", "target"))
    loss = _hinge(margin - target * (input1 - input2))
    return apply_reduction(loss, how)
    # --8<-- [end:margin_ranking_loss]


# --8<-- [start:hinge_embedding_loss]
def hinge_embedding_loss(
    input: Tensor,
    target: Tensor,
    margin: float = 1.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Hinge embedding loss: ``lᵢ = xᵢ`` if ``yᵢ = 1``, ``max(0, margin − xᵢ)`` if ``yᵢ = −1``.

    ``input`` is usually a distance between the two items of a pair (for example the L1
    distance from ``torch.nn.functional.pairwise_distance(a, b, p=1)``): similar pairs
    (``y = 1``) pay their distance, dissimilar pairs (``y = −1``) pay for being closer than
    ``margin``. Shapes: ``input`` and ``target`` ``(*)``, the same; ``target`` holds only 1
    and −1, as a float or integer tensor.

    Examples:
        >>> import torch
        >>> distance = torch.tensor([0.3, 1.2, 0.4, 1.7])
        >>> hinge_embedding_loss(distance, torch.tensor([1, 1, -1, -1]))
        tensor(0.5250)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    margin = check_number("margin", margin)
    check_floating("input", input)
    check_sign_target("target", target)
    check_same_shape(input, target)
    # torch.where takes each element from one branch, and the gradient flows through it only.
    loss = torch.where(target == 1, input, _hinge(margin - input))
    return apply_reduction(loss, how)
    # --8<-- [end:hinge_embedding_loss]


# torch's constant (EPSILON in aten/src/ATen/native/Loss.cpp), added to each squared norm.
_COSINE_EPS = 1e-12


# --8<-- [start:cosine_embedding_loss]
def cosine_embedding_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 0.0,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Cosine embedding loss: ``1 − cos`` if ``y = 1``, ``max(0, cos − margin)`` if ``y = −1``.

    ``cos = x1·x2 / sqrt((‖x1‖² + ε)(‖x2‖² + ε))`` with torch's ``ε = 1e-12``, so a zero vector
    has ``cos = 0``. Shapes: ``input1`` and ``input2`` ``(N, D)`` or ``(D)``, the same;
    ``target`` ``(N)`` or ``()``, holding only 1 and −1; ``margin`` in ``[−1, 1]``.

    Examples:
        >>> import torch
        >>> a = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
        >>> b = torch.tensor([[1.0, 1.0], [1.0, -1.0], [0.0, 1.0]])
        >>> cosine_embedding_loss(a, b, torch.tensor([1, -1, -1]), margin=0.5, reduction="none")
        tensor([0.2929, 0.0000, 0.5000])
    """
    how = resolve_reduction(reduction, size_average, reduce)
    margin = check_number("margin", margin, low=-1.0, high=1.0)
    check_floating("input1", input1)
    check_floating("input2", input2)
    check_same_shape(input1, input2, ("input1", "input2"))
    if input1.dim() not in (1, 2):
        raise ValueError(
            f"input1 and input2 must have shape (N, D) or (D); got {tuple(input1.shape)}. "
            f"Flatten the embeddings of each pair first, e.g. input1.flatten(1)."
        )
    check_sign_target("target", target)
    if target.shape != input1.shape[:-1]:
        raise ValueError(
            f"target must hold one label per pair: shape {tuple(input1.shape[:-1])} for "
            f"input1 {tuple(input1.shape)}; got {tuple(target.shape)}."
        )
    # The dot product is divided by one norm sqrt(‖x‖² + ε) after the other: the value of
    # torch's x1·x2 / sqrt((‖x1‖² + ε)(‖x2‖² + ε)), without the product of squared norms that
    # overflows float32 once the norms pass about 4e9 (the fourth root of float32.max). Only
    # sums over D are kept for the backward pass, never a tensor of the embeddings' size.
    norm1 = ((input1 * input1).sum(-1) + _COSINE_EPS).sqrt()
    norm2 = ((input2 * input2).sum(-1) + _COSINE_EPS).sqrt()
    # Rounding can put the cosine of parallel vectors a hair beyond ±1 (a loss of −1e-7).
    cos = ((input1 * input2).sum(-1) / norm1 / norm2).clamp(-1, 1)
    loss = torch.where(target == 1, 1 - cos, (cos - margin).clamp(min=0))
    return apply_reduction(loss, how)
    # --8<-- [end:cosine_embedding_loss]


# --8<-- [start:pairwise_distance]
def _pairwise_distance(x1: Tensor, x2: Tensor, p: float = 2.0, eps: float = 1e-6) -> Tensor:
    """torch's ``pairwise_distance``: ``‖x1 − x2 + eps‖_p`` over the last dim. The ``eps`` is
    added to every component of the difference, not to the norm, so the distance of a point
    to itself is ``eps·D^(1/p)``, not 0, and its gradient is defined."""
    distance: Tensor = torch.linalg.vector_norm(x1 - x2 + eps, ord=p, dim=-1)
    return distance
    # --8<-- [end:pairwise_distance]


# --8<-- [start:distances]
def _distances(function: Callable[[Tensor, Tensor], Tensor], x: Tensor, y: Tensor) -> Tensor:
    """``function(x, y)``, checked to be one distance per row: shape ``x.shape[:-1]``."""
    if not callable(function):
        raise TypeError(
            f"distance_function must be None or a callable (x, y) -> distances; got "
            f"{type(function).__name__}."
        )
    result = function(x, y)
    expected = tuple(x.shape[:-1])
    if not isinstance(result, Tensor) or tuple(result.shape) != expected:
        got = tuple(result.shape) if isinstance(result, Tensor) else type(result).__name__
        raise ValueError(
            f"distance_function must return one distance per triplet, shape {expected} for "
            f"inputs of shape {tuple(x.shape)}; got {got}."
        )
    return result
    # --8<-- [end:distances]


# --8<-- [start:triplet_margin_loss]
def triplet_margin_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    margin: float = 1.0,
    p: float = 2,
    eps: float = 1e-06,
    swap: bool = False,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Triplet margin loss (Schroff et al., FaceNet, 2015): ``max(d(a,p) − d(a,n) + margin, 0)``.

    ``d(x, y) = ‖x − y + eps‖_p`` over the last dim, torch's ``pairwise_distance`` (``eps`` is
    inside the difference). With ``swap=True`` (Balntas et al., BMVC 2016) ``d(a,n)`` becomes
    ``min(d(a,n), d(p,n))``: the positive stands in for the anchor when it is closer to the
    negative. Shapes: ``anchor``, ``positive``, ``negative`` ``(N, D)`` or ``(D)``, the same
    (leading dims beyond N are treated like N, as in torch); output ``(N)`` or ``()`` with
    ``'none'``, else a scalar. ``margin`` > 0, ``p`` > 0 (``inf`` allowed), ``eps`` ≥ 0.

    Examples:
        >>> import torch
        >>> a = torch.tensor([[0.0, 0.0]])
        >>> pos, neg = torch.tensor([[3.0, 4.0]]), torch.tensor([[6.0, 8.0]])
        >>> triplet_margin_loss(a, pos, neg, margin=1.0, eps=0.0)  # 5 − 10 + 1 < 0
        tensor(0.)
        >>> triplet_margin_loss(a, neg, pos, margin=1.0, eps=0.0)  # 10 − 5 + 1
        tensor(6.)
    """
    how = resolve_reduction(reduction, size_average, reduce)
    margin = check_number("margin", margin, low=0.0, low_inclusive=False)
    p = check_number("p", p, low=0.0, low_inclusive=False)
    eps = check_number("eps", eps, low=0.0)
    check_embeddings(("anchor", "positive", "negative"), anchor, positive, negative)
    distance_positive = _pairwise_distance(anchor, positive, p, eps)
    distance_negative = _pairwise_distance(anchor, negative, p, eps)
    if swap:  # the harder of the two negative distances
        distance_swap = _pairwise_distance(positive, negative, p, eps)
        distance_negative = torch.minimum(distance_negative, distance_swap)
    loss = (margin + distance_positive - distance_negative).clamp(min=0)
    return apply_reduction(loss, how)
    # --8<-- [end:triplet_margin_loss]


# --8<-- [start:triplet_margin_with_distance_loss]
def triplet_margin_with_distance_loss(
    anchor: Tensor,
    positive: Tensor,
    negative: Tensor,
    *,
    distance_function: Callable[[Tensor, Tensor], Tensor] | None = None,
    margin: float = 1.0,
    swap: bool = False,
    reduction: str = "mean",
) -> Tensor:
    """Triplet margin loss with any distance: ``max(d(a,p) − d(a,n) + margin, 0)``.

    ``distance_function(x, y)`` takes two ``(N, D)`` tensors and returns the ``(N)``
    distances between their rows (larger = less alike); the default (``None``) is torch's
    ``pairwise_distance``, ``‖x − y + 1e-6‖₂``. ``swap`` as in :func:`triplet_margin_loss`.
    Shapes: ``anchor``, ``positive``, ``negative`` ``(N, D)`` or ``(D)``, the same; output
    ``(N)`` or ``()`` with ``'none'``, else a scalar. Unlike torch, a distance that returns
    anything but one value per triplet (e.g. an ``(N, N)`` matrix) is refused.

    Examples:
        >>> import torch
        >>> def cosine_distance(x, y):
        ...     return 1 - torch.nn.functional.cosine_similarity(x, y, dim=-1)
        >>> a = torch.tensor([[1.0, 0.0]])
        >>> pos, neg = torch.tensor([[0.0, 1.0]]), torch.tensor([[1.0, 1.0]])
        >>> triplet_margin_with_distance_loss(
        ...     a, pos, neg, distance_function=cosine_distance, margin=0.5
        ... )  # 1 − (1 − 0.7071) + 0.5
        tensor(1.2071)
    """
    how = resolve_reduction(reduction)
    margin = check_number("margin", margin, low=0.0, low_inclusive=False)
    check_embeddings(("anchor", "positive", "negative"), anchor, positive, negative)
    if distance_function is None:
        distance_function = _pairwise_distance  # torch's default: p=2, eps=1e-6
    distance_positive = _distances(distance_function, anchor, positive)
    distance_negative = _distances(distance_function, anchor, negative)
    if swap:
        distance_swap = _distances(distance_function, positive, negative)
        distance_negative = torch.minimum(distance_negative, distance_swap)
    loss = (margin + distance_positive - distance_negative).clamp(min=0)
    return apply_reduction(loss, how)
    # --8<-- [end:triplet_margin_with_distance_loss]


# --8<-- [start:contrastive_loss]
def contrastive_loss(
    input1: Tensor,
    input2: Tensor,
    target: Tensor,
    margin: float = 1.0,
    reduction: str = "mean",
) -> Tensor:
    """Contrastive loss (Hadsell, Chopra & LeCun, CVPR 2006) of pairs at distance ``d``.

    ``d = ‖x₁ − x₂‖₂`` (no eps); ``lᵢ = yᵢ·dᵢ² + (1 − yᵢ)·max(0, margin − dᵢ)²`` with
    ``target`` ``y = 1`` for a similar pair and ``y = 0`` for a dissimilar one (values in
    between weight both terms). The paper's factors ½ are left out: ``lᵢ`` is twice the
    paper's term (TensorFlow Addons' ``contrastive_loss`` has the same convention). Shapes:
    ``input1`` and ``input2`` ``(N, D)`` or ``(D)``, the same; ``target`` ``(N)`` or ``()``;
    output ``(N)`` or ``()`` with ``'none'``, else a scalar. ``margin`` > 0.

    Examples:
        >>> import torch
        >>> x1, x2 = torch.tensor([[0., 0.], [0., 0.]]), torch.tensor([[0.3, 0.4], [0.3, 0.4]])
        >>> contrastive_loss(x1, x2, torch.tensor([1., 0.]), reduction="none")  # d = 0.5
        tensor([0.2500, 0.2500])
    """
    how = resolve_reduction(reduction)
    margin = check_number("margin", margin, low=0.0, low_inclusive=False)
    check_embeddings(("input1", "input2"), input1, input2)
    check_floating("target", target)
    if target.shape != input1.shape[:-1]:
        raise ValueError(
            f"target must hold one label per pair, shape {tuple(input1.shape[:-1])} for "
            f"input1 {tuple(input1.shape)}; got target {tuple(target.shape)}."
        )
    check_in_unit_interval("target", target, "Use 1 for a similar pair, 0 for a dissimilar one.")
    # One distance per pair, both terms from it: backward then makes one (N, D) gradient (the
    # norm's), not a second one for a sum of squares. At d = 0 the norm's gradient is 0 (torch's
    # subgradient), so d² still has the gradient 2(x₁ − x₂) = 0 there.
    distance = torch.linalg.vector_norm(input1 - input2, dim=-1)
    similar = distance.square()
    dissimilar = (margin - distance).clamp(min=0).square()
    loss = target * similar + (1 - target) * dissimilar
    return apply_reduction(loss, how)
    # --8<-- [end:contrastive_loss]


# --8<-- [start:info_nce_loss]
def info_nce_loss(
    query: Tensor,
    key: Tensor,
    temperature: float = 0.1,
    reduction: str = "mean",
    nt_xent: bool = False,
) -> Tensor:
    """InfoNCE (van den Oord et al., 2018) with in-batch negatives; NT-Xent (SimCLR) with
    ``nt_xent=True``.

    Row ``i`` of ``key`` is the positive of row ``i`` of ``query``; the other rows of ``key``
    are its negatives. With cosine similarities ``sᵢⱼ = cos(qᵢ, kⱼ)`` (rows are normalised
    here), ``lᵢ = −log softmax_j(sᵢⱼ/τ)[i] = logsumexp_j(sᵢⱼ/τ) − sᵢᵢ/τ``: cross-entropy with
    the target class ``i``. With ``nt_xent=True`` the ``2N`` rows of ``query`` and ``key`` are
    all anchors, each with its partner view as positive and the other ``2N − 2`` rows (both
    views) as negatives; the output has ``2N`` terms, the query anchors first. Shapes:
    ``query`` and ``key`` ``(N, D)``, the same; output ``(N)`` (``(2N)`` for NT-Xent) with
    ``'none'``, else a scalar. ``temperature`` > 0.

    Examples:
        >>> import torch
        >>> q, k = torch.tensor([[1., 0.], [0., 1.]]), torch.tensor([[1., 0.], [0., 1.]])
        >>> info_nce_loss(q, k, temperature=1.0)  # log(e + 1) − 1
        tensor(0.3133)
    """
    how = resolve_reduction(reduction)
    temperature = check_number("temperature", temperature, low=0.0, low_inclusive=False)
    check_embeddings(("query", "key"), query, key)
    if query.dim() != 2:
        raise ValueError(
            f"query must be a batch of embeddings, shape (N, D); got {tuple(query.shape)}."
        )
    # Cosine similarity is the dot product of unit vectors.
    query, key = F.normalize(query, dim=1), F.normalize(key, dim=1)
    rows = torch.arange(len(query), device=query.device)
    if not nt_xent:
        logits = query @ key.T / temperature  # (N, N); the positives on the diagonal
        positive = rows
    else:
        views = torch.cat([query, key])  # (2N, D)
        logits = views @ views.T / temperature
        # An embedding is not its own negative: exp(−inf) = 0 drops it from the sum.
        self_pairs = torch.eye(len(views), dtype=torch.bool, device=views.device)
        logits = logits.masked_fill(self_pairs, float("-inf"))
        positive = torch.cat([rows + len(query), rows])  # each view's partner
    # −log softmax at the positive, in log-space (logsumexp never overflows).
    anchors = torch.arange(len(logits), device=logits.device)
    loss = torch.logsumexp(logits, dim=1) - logits[anchors, positive]
    return apply_reduction(loss, how)
    # --8<-- [end:info_nce_loss]
