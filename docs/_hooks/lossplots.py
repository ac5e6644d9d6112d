"""The site's figures: each loss and its gradient as curves, computed by lossref itself.

``FIGURES`` holds every per-loss plotting choice, one entry per registered loss id: the
x axis (``AXES``), the function that evaluates the loss along it, and the parameter values
drawn as separate curves. ``loss_svg`` and ``family_svg`` render SVG bytes; the hook
``figures.py`` puts them on the pages. Gradients come from autograd through the lossref
function, so a figure shows what the package computes, not a second formula.

Output is deterministic: text is drawn as paths (no reader font needed, Chinese included),
``svg.hashsalt`` is fixed and no date is written, so the same build gives the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib
import torch
from matplotlib import font_manager
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import fontManager
from torch import Tensor

import lossref
from lossref.detection import box_pair
from lossref.registry import LOSSES, LossSpec

LANGUAGES = ("en", "zh")
# DejaVu Sans (shipped with matplotlib) draws Latin and maths; Noto Sans CJK (Debian's
# fonts-noto-cjk) the Chinese.
CJK_FONT = "Noto Sans CJK SC"
# Mid-tone colours on a transparent background read on Material's light and dark schemes.
TEXT_COLOUR = "#808080"
# Eight colours and five line styles: curves up to the 40th differ in colour or in style.
COLOURS = (
    "#3b7dd8",
    "#e0803a",
    "#33a474",
    "#d0507a",
    "#9a6fd0",
    "#2aa3b8",
    "#c9a227",
    "#a86b45",
)
STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
RC: dict[str, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "lossref",
    "font.family": ["DejaVu Sans", CJK_FONT],  # Chinese glyphs fall back to Noto
    "font.size": 10,
    "axes.unicode_minus": True,
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.edgecolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "grid.color": TEXT_COLOUR,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
}


@dataclass(frozen=True)
class Axis:
    """What the x axis shows, the variable the gradient is taken with respect to, labels."""

    grid: Callable[[], Tensor]
    label: dict[str, str]  # the x axis, per language
    gradient: str  # ∂ℓ/∂(variable), language-neutral
    variable: Callable[[Tensor], Tensor] = lambda x: x  # x shown -> variable differentiated


def _logit(p: Tensor) -> Tensor:
    return torch.log(p) - torch.log1p(-p)


AXES: dict[str, Axis] = {
    "error": Axis(
        lambda: torch.linspace(-3, 3, 241, dtype=torch.float64),
        {"en": "error e = ŷ − y", "zh": "误差 e = ŷ − y"},
        "∂ℓ/∂ŷ",
    ),
    "margin": Axis(
        lambda: torch.linspace(-6, 6, 241, dtype=torch.float64),
        {
            "en": "true-class logit minus the other logit, z (2 classes)",
            "zh": "真实类别的 logit 减去另一类的 logit，z(两类)",
        },
        "∂ℓ/∂z",
    ),
    "logit": Axis(
        lambda: torch.linspace(-6, 6, 241, dtype=torch.float64),
        {"en": "logit z", "zh": "logit z"},
        "∂ℓ/∂z",
    ),
    "probability": Axis(
        lambda: torch.linspace(0.02, 0.98, 241, dtype=torch.float64),
        {"en": "predicted probability p", "zh": "预测概率 p"},
        "∂ℓ/∂p",
    ),
    "true_probability": Axis(
        lambda: torch.linspace(0.02, 0.98, 241, dtype=torch.float64),
        {"en": "probability of the true class, p_t", "zh": "真实类别的预测概率 p_t"},
        "∂ℓ/∂z (z = logit)",
        _logit,
    ),
    "model_probability": Axis(
        lambda: torch.linspace(0.02, 0.98, 241, dtype=torch.float64),
        {"en": "model's probability of class 1, q", "zh": "模型给类别 1 的概率 q"},
        "∂ℓ/∂q",
    ),
    "foreground": Axis(
        lambda: torch.linspace(0.0, 1.0, 201, dtype=torch.float64),
        {
            "en": "predicted probability p on the 2 foreground pixels of a 4-pixel mask",
            "zh": "4 像素掩码中 2 个前景像素的预测概率 p",
        },
        "∂ℓ/∂p",
    ),
    "score_difference": Axis(
        lambda: torch.linspace(-3, 3, 241, dtype=torch.float64),
        {"en": "score difference x₁ − x₂", "zh": "得分之差 x₁ − x₂"},
        "∂ℓ/∂(x₁ − x₂)",
    ),
    "pair_distance": Axis(
        lambda: torch.linspace(0, 3, 241, dtype=torch.float64),
        {
            "en": "distance d between the two items of a pair",
            "zh": "一对样本之间的距离 d",
        },
        "∂ℓ/∂d",
    ),
    "cosine": Axis(
        # Open at ±1: the pair below is built from sqrt(1 − c²), whose slope is infinite there.
        lambda: torch.linspace(-1, 1, 243, dtype=torch.float64)[1:-1],
        {"en": "cosine similarity cos(x₁, x₂)", "zh": "余弦相似度 cos(x₁, x₂)"},
        "∂ℓ/∂cos",
    ),
    "box_offset": Axis(
        lambda: torch.linspace(-4.5, 4.5, 241, dtype=torch.float64),
        {
            "en": "x: centre of the predicted box, 2 × 2 unless the legend says otherwise "
            "(target: the 2 × 2 box centred at 0)",
            "zh": "x：预测框中心的横坐标，预测框除图例注明外为 2 × 2"
            "(目标框：以 0 为中心的 2 × 2 框)",
        },
        "∂ℓ/∂x",
    ),
    "log_rate": Axis(
        lambda: torch.linspace(-3, 3, 241, dtype=torch.float64),
        {
            "en": "predicted log-rate z = log λ (the input, log_input=True)",
            "zh": "预测的对数速率 z = log λ(即 input，log_input=True)",
        },
        "∂ℓ/∂z",
    ),
    "score": Axis(
        lambda: torch.linspace(-6, 6, 241, dtype=torch.float64),
        {"en": "score x (the raw model output)", "zh": "得分 x(模型的原始输出)"},
        "∂ℓ/∂x",
    ),
    "blank_probability": Axis(
        lambda: torch.linspace(0.02, 0.98, 241, dtype=torch.float64),
        {
            "en": "probability q of the blank at each of T = 3 frames (symbols: blank, a)",
            "zh": "T = 3 帧中每一帧上空白符的概率 q(符号：空白符与 a)",
        },
        "∂ℓ/∂z, z = log(q / (1 − q))",
        _logit,
    ),
    "distance_gap": Axis(
        lambda: torch.linspace(-3, 3, 241, dtype=torch.float64),
        {
            "en": "Δ = d(a, n) − d(a, p): how much farther the negative is than the positive",
            "zh": "Δ = d(a, n) − d(a, p)：负样本比正样本远出多少",
        },
        "∂ℓ/∂Δ",
    ),
    "embedding_distance": Axis(
        # Open at 0, where ‖x₁ − x₂‖ has no derivative (autograd takes 0 there).
        lambda: torch.linspace(0, 3, 241, dtype=torch.float64)[1:],
        {
            "en": "d = ‖x₁ − x₂‖: the distance between the two embeddings of a pair",
            "zh": "d = ‖x₁ − x₂‖：一对嵌入之间的距离",
        },
        "∂ℓ/∂d",
    ),
    "positive_cosine": Axis(
        # Open at ±1: the positive key is built from sqrt(1 − s²), whose slope is infinite there.
        lambda: torch.linspace(-1, 1, 243, dtype=torch.float64)[1:-1],
        {
            "en": "s⁺ = cos(q, k⁺): the query's cosine similarity to its positive key",
            "zh": "s⁺ = cos(q, k⁺)：查询与其正样本键的余弦相似度",
        },
        "∂ℓ/∂s⁺",
    ),
}

# --- the losses along their axes: x (the differentiated variable) -> one loss per point ----


def _regression(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    def loss(e: Tensor, **kwargs: Any) -> Tensor:
        return function(e, torch.zeros_like(e), reduction="none", **kwargs)

    return loss


def _two_class_logits(z: Tensor) -> Tensor:
    return torch.stack([z, torch.zeros_like(z)], dim=1)


def _true_class(z: Tensor) -> Tensor:
    return torch.zeros(len(z), dtype=torch.long)


def cross_entropy_margin(z: Tensor, **kwargs: Any) -> Tensor:
    return lossref.cross_entropy(_two_class_logits(z), _true_class(z), reduction="none", **kwargs)


def nll_probability(p: Tensor) -> Tensor:
    log_probabilities = torch.log(torch.stack([p, 1 - p], dim=1))
    return lossref.nll_loss(log_probabilities, _true_class(p), reduction="none")


def nll_logit(z: Tensor) -> Tensor:
    log_probabilities = torch.log_softmax(_two_class_logits(z), dim=1)
    return lossref.nll_loss(log_probabilities, _true_class(z), reduction="none")


def bce_probability(p: Tensor, y: float = 1.0) -> Tensor:
    return lossref.binary_cross_entropy(p, torch.full_like(p, y), reduction="none")


def bce_logit(z: Tensor) -> Tensor:
    return bce_probability(torch.sigmoid(z))


def bce_with_logits(z: Tensor, y: float = 1.0) -> Tensor:
    return lossref.binary_cross_entropy_with_logits(z, torch.full_like(z, y), reduction="none")


def sigmoid_focal(z: Tensor, **kwargs: Any) -> Tensor:
    return lossref.sigmoid_focal_loss(z, torch.ones_like(z), reduction="none", **kwargs)


def softmax_focal(z: Tensor, **kwargs: Any) -> Tensor:
    return lossref.softmax_focal_loss(
        _two_class_logits(z), _true_class(z), reduction="none", **kwargs
    )


def kl_two_class(q: Tensor, p: float = 0.3) -> Tensor:
    log_q = torch.log(torch.stack([q, 1 - q], dim=1))
    target = torch.tensor([p, 1 - p], dtype=q.dtype).expand_as(log_q)
    return lossref.kl_div(log_q, target, reduction="none").sum(dim=1)


def _overlap(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """Mask ``[1, 1, 0, 0]``; prediction ``[p, p, b, b]``: one sample per point."""

    def loss(p: Tensor, background: float = 0.0, **kwargs: Any) -> Tensor:
        b = torch.full_like(p, background)
        prediction = torch.stack([p, p, b, b], dim=1).unsqueeze(1)
        mask = torch.tensor([1.0, 1.0, 0.0, 0.0], dtype=p.dtype).expand_as(prediction)
        return function(prediction, mask, reduction="none", **kwargs).reshape(-1)

    return loss


def generalized_dice_overlap(p: Tensor, background: float = 0.0, channels: int = 2) -> Tensor:
    """``_overlap``'s mask and prediction as channel 1; with ``channels=2`` channel 0 is the
    background class, mask ``[0, 0, 1, 1]`` and prediction ``1 −`` channel 1 (softmax-like)."""
    b = torch.full_like(p, background)
    foreground = torch.stack([p, p, b, b], dim=1)
    mask = torch.tensor([1.0, 1.0, 0.0, 0.0], dtype=p.dtype).expand_as(foreground)
    if channels == 1:
        prediction, masks = foreground.unsqueeze(1), mask.unsqueeze(1)
    else:
        prediction = torch.stack([1 - foreground, foreground], dim=1)
        masks = torch.stack([1 - mask, mask], dim=1)
    return lossref.generalized_dice_loss(prediction, masks, reduction="none")


def ranking_difference(s: Tensor, y: float = 1.0, margin: float = 0.0) -> Tensor:
    """``margin_ranking_loss`` with ``x₁ = s``, ``x₂ = 0`` and label ``y``."""
    return lossref.margin_ranking_loss(
        s, torch.zeros_like(s), torch.full_like(s, y), margin=margin, reduction="none"
    )


def hinge_distance(d: Tensor, y: float = 1.0, margin: float = 1.0) -> Tensor:
    """``hinge_embedding_loss`` of the distance ``d`` with label ``y``."""
    return lossref.hinge_embedding_loss(d, torch.full_like(d, y), margin=margin, reduction="none")


def cosine_pair(c: Tensor, y: float = 1.0, margin: float = 0.0) -> Tensor:
    """``cosine_embedding_loss`` of ``x₁ = (1, 0)`` and the unit vector
    ``x₂ = (c, sqrt(1 − c²))``, whose cosine is ``c``."""
    x1 = torch.stack([torch.ones_like(c), torch.zeros_like(c)], dim=1)
    x2 = torch.stack([c, torch.sqrt(1 - c**2)], dim=1)
    y_ = torch.full_like(c, y)
    return lossref.cosine_embedding_loss(x1, x2, y_, margin=margin, reduction="none")


def cosine_turned_away(t: Tensor) -> Tensor:
    """``cosine_embedding_loss`` of a dissimilar pair (``y = −1``, margin 0): ``x₁ = (1, 0)``
    and ``x₂ = (−t, 1)``, at the angle θ with ``tan(θ − 90°) = t`` (``t > 0``: beyond a right
    angle, the pair is where it should be)."""
    x1 = torch.stack([torch.ones_like(t), torch.zeros_like(t)], dim=1)
    x2 = torch.stack([-t, torch.ones_like(t)], dim=1)
    y = torch.full_like(t, -1.0)
    return lossref.cosine_embedding_loss(x1, x2, y, reduction="none")


def _sliding_box(function: Callable[..., Tensor]) -> Callable[..., Tensor]:
    """Target ``[-1, -1, 1, 1]``; prediction a ``width × height`` box centred at ``(x, 0)``.
    ``plain=True`` draws ``1 − IoU`` instead, from the geometry helper the losses share."""

    def loss(x: Tensor, width: float = 2.0, height: float = 2.0, plain: bool = False) -> Tensor:
        half_height = torch.full_like(x, height / 2)
        prediction = torch.stack([x - width / 2, -half_height, x + width / 2, half_height], 1)
        target = torch.tensor([-1.0, -1.0, 1.0, 1.0], dtype=x.dtype).expand_as(prediction)
        if plain:
            pair = box_pair(prediction, target)
            return 1 - pair.intersection / pair.union
        return function(prediction, target)

    return loss


def poisson_log_rate(z: Tensor, y: float = 1.0) -> Tensor:
    """``poisson_nll_loss`` of the count ``y`` at the log-rate ``z``."""
    return lossref.poisson_nll_loss(z, torch.full_like(z, y), reduction="none")


def poisson_rate_error(e: Tensor, y: float = 4.0) -> Tensor:
    """The same along the error axis: the predicted rate is ``y + e``, its log the input."""
    return poisson_log_rate(torch.log(y + e), y)


def gaussian_error(e: Tensor, var: float = 1.0) -> Tensor:
    """``gaussian_nll_loss`` of target 0 at the mean ``e``, with the fixed variance ``var``."""
    return lossref.gaussian_nll_loss(e, torch.zeros_like(e), var, reduction="none")


def soft_margin_score(x: Tensor, y: float = 1.0) -> Tensor:
    """``soft_margin_loss`` of the score ``x`` with label ``y`` (1 or −1)."""
    return lossref.soft_margin_loss(x, torch.full_like(x, y), reduction="none")


def multilabel_soft_margin_score(x: Tensor, y: float = 1.0, others: int = 0) -> Tensor:
    """One sample: class 0 scored ``x`` with label ``y``, then ``others`` classes with label 0
    and score −2 (their terms are constant; they divide the slope by the class count)."""
    scores = torch.cat([x[:, None], torch.full((len(x), others), -2.0, dtype=x.dtype)], 1)
    labels = torch.zeros_like(scores)
    labels[:, 0] = y
    return lossref.multilabel_soft_margin_loss(scores, labels, reduction="none")


def multilabel_margin_two_class(z: Tensor, listed: tuple[int, int] = (0, -1)) -> Tensor:
    """Scores ``(z, 0)``; the class list ``listed`` (default: class 0 alone)."""
    target = torch.tensor(listed).expand(len(z), 2)
    return lossref.multilabel_margin_loss(_two_class_logits(z), target, reduction="none")


def multi_margin_two_class(z: Tensor, **kwargs: Any) -> Tensor:
    return lossref.multi_margin_loss(
        _two_class_logits(z), _true_class(z), reduction="none", **kwargs
    )


def poly1_two_class(z: Tensor, **kwargs: Any) -> Tensor:
    return lossref.poly1_loss(_two_class_logits(z), _true_class(z), reduction="none", **kwargs)


CTC_FRAMES = 3


def ctc_blank_probability(z: Tensor, target: str = "a") -> Tensor:
    """``ctc_loss`` over ``T = 3`` frames of symbols (blank, a), every frame the same: logit
    ``z`` for the blank against 0 for a; ``target`` is a string of a's."""
    frame = torch.stack([z, torch.zeros_like(z)], dim=1).log_softmax(1)  # (points, C = 2)
    log_probs = frame.expand(CTC_FRAMES, -1, -1)  # (T, N = points, C)
    targets = torch.ones(len(z), len(target), dtype=torch.long)
    input_lengths = torch.full((len(z),), CTC_FRAMES)
    target_lengths = torch.full((len(z),), len(target))
    return lossref.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="none")


def triplet_gap(
    gap: Tensor, function: Callable[..., Tensor] = lossref.triplet_margin_loss, **kwargs: Any
) -> Tensor:
    """1-D triplets: anchor 0, positive 3.5, negative 3.5 + Δ, so d(a, n) − d(a, p) = Δ (up to
    torch's eps of 1e-6 inside the distance)."""
    anchor = torch.zeros(len(gap), 1, dtype=gap.dtype)
    positive = torch.full_like(anchor, 3.5)
    return function(anchor, positive, positive + gap[:, None], reduction="none", **kwargs)


def triplet_distance_gap(gap: Tensor, **kwargs: Any) -> Tensor:
    """``triplet_gap`` for ``triplet_margin_with_distance_loss`` (its default distance)."""
    return triplet_gap(gap, lossref.triplet_margin_with_distance_loss, **kwargs)


def contrastive_distance(d: Tensor, y: float = 1.0, margin: float = 1.0) -> Tensor:
    """``contrastive_loss`` of the 1-D embeddings ``x₁ = d`` and ``x₂ = 0`` (distance ``|d|``),
    similar (``y = 1``) or dissimilar (``y = 0``)."""
    target = torch.full_like(d, y)
    return lossref.contrastive_loss(
        d[:, None], torch.zeros_like(d)[:, None], target, margin=margin, reduction="none"
    )


def contrastive_gap(z: Tensor, y: float = 0.0) -> Tensor:
    """``contrastive_distance`` at the distance ``d = z`` for ``z > 0``; NaN, which is not
    drawn, where ``z ≤ 0``: a distance is never negative (and has no derivative at 0)."""
    undefined = torch.where(z <= 0, torch.nan, 0.0)  # NaN also reaches the gradient
    return contrastive_distance(z.clamp(min=0), y) + undefined * z


def _unit(cosine: Tensor, side: float = 1.0) -> Tensor:
    """The 2-D unit vector at cosine ``cosine`` to ``(1, 0)``, above (side 1) or below (−1)."""
    return torch.stack([cosine, side * torch.sqrt(1 - cosine**2)], dim=-1)


NEGATIVE_COSINES = (0.5, 0.0, -0.5)


def info_nce_positive(s: Tensor, temperature: float = 0.1) -> Tensor:
    """The InfoNCE term of the query ``(1, 0)`` whose positive key is at cosine ``s``, with three
    negative keys at the cosines ``NEGATIVE_COSINES``: a batch of 4 per point (the other three
    queries equal their keys; their terms are not drawn)."""
    negatives = _unit(torch.tensor(NEGATIVE_COSINES, dtype=s.dtype), side=-1.0)
    query = torch.cat([_unit(torch.ones(1, dtype=s.dtype)), negatives])
    terms = [
        lossref.info_nce_loss(query, torch.cat([_unit(c)[None], negatives]), temperature, "none")
        for c in s
    ]
    return torch.stack([term[0] for term in terms])


def info_nce_gap(z: Tensor, temperature: float = 0.1) -> Tensor:
    """A batch of N = 2: the query ``(1, 0)``, its positive and one negative key at cosines
    ``±z·τ/2``. The logit gap (s⁺ − s⁻)/τ is ``z``, and the term ``softplus(−z)`` for any τ."""
    query = _unit(torch.ones(1, dtype=z.dtype))
    terms = []
    for c in z * temperature / 2:
        negative = _unit(-c, side=-1.0)[None]  # also the second query, so the batch is 2
        key = torch.cat([_unit(c)[None], negative])
        terms.append(lossref.info_nce_loss(torch.cat([query, negative]), key, temperature, "none"))
    return torch.stack([term[0] for term in terms])


@dataclass(frozen=True)
class LossFigure:
    """How one loss is drawn: its own figure, and its curve in its family's comparison."""

    axis: str
    function: Callable[..., Tensor]
    curves: tuple[tuple[str, dict[str, Any]], ...] = (("", {}),)  # (legend label, kwargs)
    # In the family figure: the function along FAMILY_AXES[family] (default: ``function``),
    # with the loss's default parameters, and the legend label (default: the loss's name).
    family_function: Callable[..., Tensor] | None = None
    family_kwargs: dict[str, Any] = field(default_factory=dict)
    family_note: str = ""  # the parameters in the family legend, e.g. "δ = 1"


def _gamma(values: tuple[float, ...], **kwargs: Any) -> tuple[tuple[str, dict[str, Any]], ...]:
    return tuple((f"γ = {g:g}", {"gamma": g, **kwargs}) for g in values)


# Every loss in lossref.registry needs an entry (the hook fails the build otherwise).
FIGURES: dict[str, LossFigure] = {
    "mse_loss": LossFigure("error", _regression(lossref.mse_loss)),
    "l1_loss": LossFigure("error", _regression(lossref.l1_loss)),
    "smooth_l1_loss": LossFigure(
        "error",
        _regression(lossref.smooth_l1_loss),
        tuple((f"β = {b:g}", {"beta": b}) for b in (0.5, 1.0, 2.0)),
        family_kwargs={"beta": 1.0},
        family_note="β = 1",
    ),
    "huber_loss": LossFigure(
        "error",
        _regression(lossref.huber_loss),
        tuple((f"δ = {d:g}", {"delta": d}) for d in (0.5, 1.0, 2.0)),
        family_kwargs={"delta": 1.0},
        family_note="δ = 1",
    ),
    "cross_entropy": LossFigure(
        "margin",
        cross_entropy_margin,
        (("label_smoothing = 0", {}), ("label_smoothing = 0.1", {"label_smoothing": 0.1})),
        family_function=cross_entropy_margin,
    ),
    "nll_loss": LossFigure("probability", nll_probability, family_function=nll_logit),
    "binary_cross_entropy": LossFigure(
        "probability",
        bce_probability,
        (("y = 1", {"y": 1.0}), ("y = 0", {"y": 0.0})),
        family_function=bce_logit,
    ),
    "binary_cross_entropy_with_logits": LossFigure(
        "logit",
        bce_with_logits,
        (("y = 1", {"y": 1.0}), ("y = 0", {"y": 0.0})),
        family_function=bce_with_logits,
    ),
    "sigmoid_focal_loss": LossFigure(
        "true_probability",
        sigmoid_focal,
        (*_gamma((0, 0.5, 1, 2, 5), alpha=-1.0),),
        family_kwargs={"gamma": 2.0, "alpha": 0.25},
        family_note="α = 0.25, γ = 2",
    ),
    "softmax_focal_loss": LossFigure(
        "true_probability",
        softmax_focal,
        _gamma((0, 0.5, 1, 2, 5)),
        family_kwargs={"gamma": 2.0},
        family_note="γ = 2",
    ),
    "kl_div": LossFigure(
        "model_probability",
        kl_two_class,
        tuple((f"p = ({p:g}, {1 - p:g})", {"p": p}) for p in (0.1, 0.3, 0.5)),
    ),
    "dice_loss": LossFigure(
        "foreground",
        _overlap(lossref.dice_loss),
        tuple((f"b = {b:g}", {"background": b}) for b in (0.0, 0.3, 0.6)),
    ),
    "jaccard_loss": LossFigure(
        "foreground",
        _overlap(lossref.jaccard_loss),
        tuple((f"b = {b:g}", {"background": b}) for b in (0.0, 0.3, 0.6)),
    ),
    # b = 0.3 so that the false positives, which alpha weighs, are not 0.
    "tversky_loss": LossFigure(
        "foreground",
        _overlap(lossref.tversky_loss),
        tuple(
            (f"α = {a:g}, β = {b:g}; b = 0.3", {"alpha": a, "beta": b, "background": 0.3})
            for a, b in ((0.5, 0.5), (0.3, 0.7), (0.7, 0.3))
        ),
        family_note="α = 0.3, β = 0.7",
    ),
    "focal_tversky_loss": LossFigure(
        "foreground",
        _overlap(lossref.focal_tversky_loss),
        tuple(
            (f"exponent = {label}; b = 0.3", {"exponent": e, "background": 0.3})
            for label, e in (("0.75", 0.75), ("1", 1.0), ("4/3", 4 / 3))
        ),
        family_note="exponent = 0.75",
    ),
    "generalized_dice_loss": LossFigure(
        "foreground",
        generalized_dice_overlap,
        # C = 1: the foreground channel only; C = 2: with the background channel (1 − p, 1 − b).
        (
            ("C = 1; b = 0", {"channels": 1}),
            ("C = 2; b = 0", {}),
            ("C = 2; b = 0.3", {"background": 0.3}),
        ),
        family_note="C = 2",
    ),
    "margin_ranking_loss": LossFigure(
        "score_difference",
        ranking_difference,
        (
            ("y = 1, margin = 0", {"y": 1.0}),
            ("y = −1, margin = 0", {"y": -1.0}),
            ("y = 1, margin = 1", {"y": 1.0, "margin": 1.0}),
            ("y = −1, margin = 1", {"y": -1.0, "margin": 1.0}),
        ),
        family_note="y = 1, margin = 0",
    ),
    "hinge_embedding_loss": LossFigure(
        "pair_distance",
        hinge_distance,
        (
            ("y = 1", {"y": 1.0}),
            ("y = −1, margin = 1", {"y": -1.0}),
            ("y = −1, margin = 2", {"y": -1.0, "margin": 2.0}),
        ),
        family_function=hinge_distance,
        family_kwargs={"y": -1.0},
        family_note="y = −1; x₁ − x₂ = d",
    ),
    "cosine_embedding_loss": LossFigure(
        "cosine",
        cosine_pair,
        (
            ("y = 1", {"y": 1.0}),
            ("y = −1, margin = 0", {"y": -1.0}),
            ("y = −1, margin = 0.5", {"y": -1.0, "margin": 0.5}),
        ),
        family_function=cosine_turned_away,
        family_note="y = −1; x₁ − x₂ = tan(θ − 90°)",
    ),
    "generalized_box_iou_loss": LossFigure(
        "box_offset",
        _sliding_box(lossref.generalized_box_iou_loss),
        (("1 − IoU", {"plain": True}), ("GIoU", {})),
    ),
    "distance_box_iou_loss": LossFigure(
        "box_offset",
        _sliding_box(lossref.distance_box_iou_loss),
        (("1 − IoU", {"plain": True}), ("DIoU", {})),
    ),
    "complete_box_iou_loss": LossFigure(
        "box_offset",
        _sliding_box(lossref.complete_box_iou_loss),
        (
            ("1 − IoU", {"plain": True}),
            ("CIoU (= DIoU)", {}),
            ("CIoU, 4 × 1", {"width": 4.0, "height": 1.0}),
        ),
    ),
    "poisson_nll_loss": LossFigure(
        "log_rate",
        poisson_log_rate,
        tuple((f"y = {y:g}", {"y": y}) for y in (0.0, 1.0, 3.0)),
        family_function=poisson_rate_error,
        family_note="y = 4, λ = y + e",
    ),
    "gaussian_nll_loss": LossFigure(
        "error",
        gaussian_error,
        tuple((f"var = {v:g}", {"var": v}) for v in (0.5, 1.0, 2.0)),
        family_note="var = 1",
    ),
    "log_cosh_loss": LossFigure("error", _regression(lossref.log_cosh_loss)),
    "quantile_loss": LossFigure(
        "error",
        _regression(lossref.quantile_loss),
        tuple((f"τ = {t:g}", {"quantiles": t}) for t in (0.1, 0.5, 0.9)),
        family_note="τ = 0.5",
    ),
    # classification: margin losses and Poly-1
    "soft_margin_loss": LossFigure(
        "score",
        soft_margin_score,
        (("y = 1", {"y": 1.0}), ("y = −1", {"y": -1.0})),
        family_function=soft_margin_score,
    ),
    "multilabel_soft_margin_loss": LossFigure(
        "score",
        multilabel_soft_margin_score,
        (
            ("C = 1, y = 1", {"y": 1.0}),
            ("C = 1, y = 0", {"y": 0.0}),
            ("C = 4, y = (1, 0, 0, 0), x₂ = x₃ = x₄ = −2", {"y": 1.0, "others": 3}),
        ),
        family_function=multilabel_soft_margin_score,
    ),
    "multilabel_margin_loss": LossFigure(
        "margin",
        multilabel_margin_two_class,
        (
            ("target = (0, −1)", {}),
            ("target = (0, 0)", {"listed": (0, 0)}),
        ),
        family_function=multilabel_margin_two_class,
    ),
    "multi_margin_loss": LossFigure(
        "margin",
        multi_margin_two_class,
        (
            ("p = 1, margin = 1", {}),
            ("p = 2, margin = 1", {"p": 2}),
            ("p = 1, margin = 2", {"margin": 2.0}),
        ),
        family_function=multi_margin_two_class,
        family_note="p = 1, margin = 1",
    ),
    "poly1_loss": LossFigure(
        "true_probability",
        poly1_two_class,
        tuple((f"ε = {e:g}".replace("-", "−"), {"epsilon": e}) for e in (-1.0, 0.0, 1.0, 2.0)),
        family_note="ε = 2",
    ),
    "ctc_loss": LossFigure(
        "blank_probability",
        ctc_blank_probability,
        tuple((f'"{word}"', {"target": word}) for word in ("", "a", "aa")),
    ),
    # embedding: triplets, pairs and in-batch contrast. In the family figure (axis
    # score_difference) x₁ − x₂ is the gap by which the right answer leads.
    "triplet_margin_loss": LossFigure(
        "distance_gap",
        triplet_gap,
        tuple((f"margin = {m:g}", {"margin": m}) for m in (0.5, 1.0, 2.0)),
        family_function=triplet_gap,
        family_note="x₁ − x₂ = d(a, n) − d(a, p)",
    ),
    "triplet_margin_with_distance_loss": LossFigure(
        "distance_gap",
        triplet_distance_gap,
        tuple((f"margin = {m:g}", {"margin": m}) for m in (0.3, 1.0)),
        family_function=triplet_distance_gap,
        family_note="x₁ − x₂ = d(a, n) − d(a, p)",
    ),
    "contrastive_loss": LossFigure(
        "embedding_distance",
        contrastive_distance,
        (
            ("y = 1", {"y": 1.0}),
            ("y = 0, margin = 1", {"y": 0.0}),
            ("y = 0, margin = 2", {"y": 0.0, "margin": 2.0}),
        ),
        family_function=contrastive_gap,
        family_note="y = 0; x₁ − x₂ = d > 0",
    ),
    "info_nce_loss": LossFigure(
        "positive_cosine",
        info_nce_positive,
        tuple((f"τ = {t:g}", {"temperature": t}) for t in (0.1, 0.2, 0.5, 1.0)),
        family_function=info_nce_gap,
        family_note="N = 2; x₁ − x₂ = (s⁺ − s⁻)/τ",
    ),
}

# The shared x axis of each family's comparison figure.
FAMILY_AXES = {
    "regression": "error",
    "classification": "true_probability",
    "distribution": "model_probability",
    "segmentation": "foreground",
    "detection": "box_offset",
    "embedding": "score_difference",
}

# What a curve's label means where it is not self-explanatory, per axis, per language.
LEGEND_NOTES = {
    "blank_probability": {"en": "target", "zh": "目标序列"},
    "foreground": {
        "en": "b: probability on the 2 background pixels",
        "zh": "b：2 个背景像素的预测概率",
    },
    "model_probability": {"en": "p: the target distribution", "zh": "p：目标分布"},
    "log_rate": {"en": "y: the observed count", "zh": "y：观测到的计数"},
    "embedding_distance": {
        "en": "y = 1: similar pair; y = 0: dissimilar",
        "zh": "y = 1：相似的一对；y = 0：不相似的一对",
    },
    "positive_cosine": {
        "en": "τ: temperature; 3 negatives at cos 0.5, 0, −0.5",
        "zh": "τ：温度；3 个负样本的余弦相似度为 0.5、0、−0.5",
    },
}
PANEL_TITLES = {"en": ("loss ℓ", "gradient"), "zh": ("损失 ℓ", "梯度")}


def missing_figures() -> list[str]:
    """Registered losses without an entry in ``FIGURES``."""
    return [spec.id for spec in LOSSES if spec.id not in FIGURES]


def evaluate(
    axis: Axis, function: Callable[..., Tensor], kwargs: dict[str, Any]
) -> tuple[Tensor, Tensor, Tensor]:
    """``(x, loss, gradient)`` along ``axis``; the gradient by autograd through lossref."""
    x = axis.grid()
    variable = axis.variable(x).detach().requires_grad_(True)
    loss = function(variable, **kwargs)
    (gradient,) = torch.autograd.grad(loss.sum(), variable)
    return x, loss.detach(), gradient


def _name(spec: LossSpec, language: str) -> str:
    return spec.name_zh if language == "zh" else spec.name_en


def _render(
    axis_key: str,
    curves: list[tuple[str, Tensor, Tensor, Tensor]],
    language: str,
    legend_title: str | None = None,
    legend_below: bool = False,
) -> bytes:
    axis = AXES[axis_key]
    labelled = any(label for label, *_ in curves)
    # A family figure's legend (long, merged names) goes under the plots, one entry per curve;
    # an entry wrapped by _merged_label takes 0.15 in more per extra line.
    extra_lines = sum(label.count("\n") for label, *_ in curves)
    below = 0.24 * len(curves) + 0.15 * extra_lines + 0.1 if legend_below and labelled else 0.0
    height = 3.1 + below
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(8.0, height))
        FigureCanvasSVG(figure)
        loss_axes, gradient_axes = figure.subplots(1, 2)
        for index, (label, x, loss, gradient) in enumerate(curves):
            style = {"color": COLOURS[index % len(COLOURS)], "linestyle": STYLES[index % 5]}
            loss_axes.plot(x.numpy(), loss.numpy(), label=label or None, **style)
            gradient_axes.plot(x.numpy(), gradient.numpy(), **style)
        loss_title, gradient_title = PANEL_TITLES[language]
        loss_axes.set_title(loss_title, fontsize=10)
        gradient_axes.set_title(f"{gradient_title} {axis.gradient}", fontsize=10)
        for axes in (loss_axes, gradient_axes):
            axes.grid(True)
            axes.axhline(0, color=TEXT_COLOUR, linewidth=0.6)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
        figure.supxlabel(axis.label[language], fontsize=10, y=(below + 0.03) / height)
        if labelled and below:
            figure.legend(loc="lower center", fontsize=8.5, ncols=1, borderaxespad=0.2)
        elif labelled:
            loss_axes.legend(fontsize=8.5, title=legend_title, title_fontsize=8.5)
        # Fixed margins, not tight_layout: it would lay out every label twice (40% of the time).
        figure.subplots_adjust(
            left=0.075,
            right=0.985,
            bottom=(below + 0.5) / height,
            top=1 - 0.31 / height,
            wspace=0.2,
        )
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def loss_svg(spec: LossSpec, language: str) -> bytes:
    """The figure of one loss: loss and gradient for each parameter value in ``FIGURES``."""
    entry = FIGURES[spec.id]
    axis = AXES[entry.axis]
    curves = [(label, *evaluate(axis, entry.function, kw)) for label, kw in entry.curves]
    note = LEGEND_NOTES.get(entry.axis, {}).get(language)
    return _render(entry.axis, curves, language, note)


def family_members(family: str) -> list[LossSpec]:
    return [spec for spec in LOSSES if spec.family == family]


def family_svg(family: str, language: str) -> bytes:
    """Every loss of ``family`` on one figure, default parameters; coinciding curves merged."""
    axis_key = FAMILY_AXES[family]
    axis = AXES[axis_key]
    curves: list[tuple[list[str], Tensor, Tensor, Tensor]] = []  # (the names merged, ...)
    for spec in family_members(family):
        entry = FIGURES[spec.id]
        if entry.family_function is None and entry.axis != axis_key:
            raise ValueError(f"{spec.id}: on axis {entry.axis!r}, needs a family_function")
        function = entry.family_function or entry.function
        x, loss, gradient = evaluate(axis, function, entry.family_kwargs)
        label = _name(spec, language) + (f" ({entry.family_note})" if entry.family_note else "")
        for names, _, other_loss, other_gradient in curves:
            if torch.allclose(loss, other_loss) and torch.allclose(gradient, other_gradient):
                names.append(label)
                break
        else:
            curves.append(([label], x, loss, gradient))
    labelled = [(_merged_label(names), *curve) for names, *curve in curves]
    return _render(axis_key, labelled, language, legend_below=True)


# The width of the 8-inch figure, in legend characters (a Chinese character counts as 2).
LEGEND_COLUMNS = 120


def _merged_label(names: list[str]) -> str:
    """``a = b = c``, broken into lines at the ``=`` joins where it would be wider than the
    figure; a continuation line starts with ``=``."""
    lines = [names[0]]
    for name in names[1:]:
        joined = f"{lines[-1]} = {name}"
        width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in joined)
        if width <= LEGEND_COLUMNS:
            lines[-1] = joined
        else:
            lines.append(f"= {name}")
    return "\n".join(lines)


def families_to_compare() -> list[str]:
    """The families with two or more losses, in registry order."""
    families = dict.fromkeys(spec.family for spec in LOSSES)
    return [family for family in families if len(family_members(family)) > 1]


def cjk_font_missing() -> bool:
    """Whether matplotlib lacks ``CJK_FONT``, after a look for it among the system fonts (its
    font cache may predate the font's installation)."""
    if any(font.name == CJK_FONT for font in fontManager.ttflist):
        return False
    for path in font_manager.findSystemFonts():
        if "NotoSansCJK" in Path(path).name:
            fontManager.addfont(path)
    return not any(font.name == CJK_FONT for font in fontManager.ttflist)
