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
from lossref.registry import LOSSES, LossSpec

LANGUAGES = ("en", "zh")
# DejaVu Sans (shipped with matplotlib) draws Latin and maths; Noto Sans CJK (Debian's
# fonts-noto-cjk) the Chinese.
CJK_FONT = "Noto Sans CJK SC"
# Mid-tone colours on a transparent background read on Material's light and dark schemes.
TEXT_COLOUR = "#808080"
COLOURS = ("#3b7dd8", "#e0803a", "#33a474", "#d0507a", "#9a6fd0")
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

    def loss(p: Tensor, background: float = 0.0) -> Tensor:
        b = torch.full_like(p, background)
        prediction = torch.stack([p, p, b, b], dim=1).unsqueeze(1)
        mask = torch.tensor([1.0, 1.0, 0.0, 0.0], dtype=p.dtype).expand_as(prediction)
        return function(prediction, mask, reduction="none").reshape(-1)

    return loss


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
}

# The shared x axis of each family's comparison figure.
FAMILY_AXES = {
    "regression": "error",
    "classification": "true_probability",
    "distribution": "model_probability",
    "segmentation": "foreground",
}

# What a curve's label means where it is not self-explanatory, per axis, per language.
LEGEND_NOTES = {
    "foreground": {
        "en": "b: probability on the 2 background pixels",
        "zh": "b：2 个背景像素的预测概率",
    },
    "model_probability": {"en": "p: the target distribution", "zh": "p：目标分布"},
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
    # A family figure's legend (long, merged names) goes under the plots, one line per curve.
    below = 0.24 * len(curves) + 0.1 if legend_below and labelled else 0.0
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
    curves: list[tuple[str, Tensor, Tensor, Tensor]] = []
    for spec in family_members(family):
        entry = FIGURES[spec.id]
        if entry.family_function is None and entry.axis != axis_key:
            raise ValueError(f"{spec.id}: on axis {entry.axis!r}, needs a family_function")
        function = entry.family_function or entry.function
        x, loss, gradient = evaluate(axis, function, entry.family_kwargs)
        label = _name(spec, language) + (f" ({entry.family_note})" if entry.family_note else "")
        for index, (other, _, other_loss, other_gradient) in enumerate(curves):
            if torch.allclose(loss, other_loss) and torch.allclose(gradient, other_gradient):
                curves[index] = (f"{other} = {label}", x, loss, gradient)
                break
        else:
            curves.append((label, x, loss, gradient))
    return _render(axis_key, curves, language, legend_below=True)


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
