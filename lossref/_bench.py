"""``python -m lossref bench``: time lossref against the implementations people use instead.

Every measurement is forward plus backward (the gradient with respect to the prediction) of a
``'mean'``-reduced loss, float32, on the CPU, with ``torch.set_num_threads`` fixed. Within each
repeat the implementations run one after the other (interleaved, the order rotating from repeat
to repeat), so a slow spell of the machine hits all of them alike; the result is the median
over the repeats, and the ratio is lossref's median over the peer's.

Three measurements, written to one JSON file (``docs/performance/results.json`` by default):

* ``eager``: every loss at 1e3 … 1e7 elements (classification: ``N × C`` with ``C`` 10 and
  1000) against its peers: torch's native function where torch has the loss, torchvision's
  sigmoid focal formula, MONAI's ``DiceLoss`` / ``FocalLoss``, and the tutorial version that
  people copy where there is one.
* ``compiled``: ``torch.compile(lossref.<id>)`` against torch's native (eager) function, at
  1e6 elements, for every loss with a torch counterpart; compile time reported apart.
* ``memory``: peak memory allocated during forward plus backward, at 1e6 elements, read from
  the allocation events of ``torch.profiler`` (``profile_memory=True``): the running sum of
  allocations minus frees, whose maximum is the peak (the inputs exist before and do not
  count; the gradient does).

``--quick`` times each loss at 1e3 elements only, three repeats, and measures neither memory
nor compiled code: a smoke test of seconds.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

import lossref
from lossref.registry import LOSSES

Loss = Callable[..., Tensor]  # called with the case's tensors, the prediction first
# (elements, classes) -> the loss's data arguments; the first gets the gradient
Inputs = Callable[[int, int], tuple[Tensor, ...]]

ELEMENT_SIZES = (10**3, 10**4, 10**5, 10**6, 10**7)
CLASS_COUNTS = (10, 1000)
AT = 10**6  # the size of the compiled and memory measurements
COMMAND = "python -m lossref bench"
DEFAULT_OUT = Path("docs/performance/results.json")


# --- inputs --------------------------------------------------------------------------------


def _generator(n: int) -> torch.Generator:
    return torch.Generator().manual_seed(n)


def _regression(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    return torch.randn(n, generator=g), torch.randn(n, generator=g)


def _probabilities(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    return 0.05 + 0.9 * torch.rand(n, generator=g), (torch.rand(n, generator=g) > 0.5).float()


def _logits(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    return 2 * torch.randn(n, generator=g), (torch.rand(n, generator=g) > 0.5).float()


def _class_logits(n: int, c: int) -> tuple[Tensor, Tensor]:
    g = _generator(n + c)
    return torch.randn(n // c, c, generator=g), torch.randint(0, c, (n // c,), generator=g)


def _class_log_probabilities(n: int, c: int) -> tuple[Tensor, Tensor]:
    logits, target = _class_logits(n, c)
    return logits.log_softmax(1), target


def _distributions(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    shape = (n // 10, 10)
    log_q = torch.randn(shape, generator=g).log_softmax(1)
    return log_q, torch.randn(shape, generator=g).softmax(1)


def _masks(n: int, _: int) -> tuple[Tensor, Tensor]:
    """``(N=2, C=2, n/4)``: probabilities and a 0/1 mask (a flat spatial dim)."""
    g = _generator(n)
    shape = (2, 2, n // 4)
    return torch.rand(shape, generator=g), (torch.rand(shape, generator=g) > 0.5).float()


def _counts(n: int, _: int) -> tuple[Tensor, Tensor]:
    """Log-rates and Poisson counts drawn at those rates."""
    g = _generator(n)
    log_rate = torch.randn(n, generator=g)
    return log_rate, torch.poisson(log_rate.exp(), generator=g)


def _regression_with_variance(n: int, _: int) -> tuple[Tensor, Tensor, Tensor]:
    input, target = _regression(n, 0)
    return input, target, 0.5 + torch.rand(n, generator=_generator(n + 1))


QUANTILES = torch.tensor([0.1, 0.5, 0.9])


def _quantile_predictions(n: int, _: int) -> tuple[Tensor, Tensor]:
    """``(n/3, 3)`` predictions, one per level of ``QUANTILES``, and ``(n/3)`` targets."""
    g = _generator(n)
    rows = n // len(QUANTILES)
    return torch.randn(rows, len(QUANTILES), generator=g), torch.randn(rows, generator=g)


def _signs(n: int, generator: torch.Generator) -> Tensor:
    return torch.randint(0, 2, (n,), generator=generator).float() * 2 - 1


def _scores_and_signs(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    return torch.randn(n, generator=g), _signs(n, g)


def _score_pairs(n: int, _: int) -> tuple[Tensor, Tensor, Tensor]:
    g = _generator(n)
    return torch.randn(n, generator=g), torch.randn(n, generator=g), _signs(n, g)


def _distances_and_signs(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    return 2 * torch.rand(n, generator=g), _signs(n, g)


def _multi_hot(n: int, c: int) -> tuple[Tensor, Tensor]:
    g = _generator(n + c)
    return torch.randn(n // c, c, generator=g), (torch.rand(n // c, c, generator=g) < 0.3).float()


def _label_lists(n: int, c: int) -> tuple[Tensor, Tensor]:
    """Scores ``(n/c, c)`` and up to 3 class indices per row, padded with −1."""
    g = _generator(n + c)
    rows = n // c
    labels = torch.full((rows, c), -1, dtype=torch.long)
    labels[:, :3] = torch.randint(0, c, (rows, 3), generator=g)
    return torch.randn(rows, c, generator=g), labels


EMBEDDING_DIM = 100


def _embedding_pairs(n: int, _: int) -> tuple[Tensor, Tensor, Tensor]:
    """Two ``(n/D, D)`` embeddings and a ±1 label per pair."""
    g = _generator(n)
    rows = n // EMBEDDING_DIM
    first = torch.randn(rows, EMBEDDING_DIM, generator=g)
    return first, torch.randn(rows, EMBEDDING_DIM, generator=g), _signs(rows, g)


def _embedding_pairs_01(n: int, _: int) -> tuple[Tensor, Tensor, Tensor]:
    """As ``_embedding_pairs`` with labels 1 (similar) and 0 (dissimilar), scaled so that
    distances straddle the margin 1."""
    first, second, signs = _embedding_pairs(n, 0)
    return 0.1 * first, 0.1 * second, (signs + 1) / 2


def _triplets(n: int, _: int) -> tuple[Tensor, Tensor, Tensor]:
    g = _generator(n)
    shape = (n // EMBEDDING_DIM, EMBEDDING_DIM)
    anchor = torch.randn(shape, generator=g)
    return anchor, anchor + torch.randn(shape, generator=g), torch.randn(shape, generator=g)


CONTRAST_DIM = 1000  # the batch is n / D, and the similarity matrix (n / D)²


def _views(n: int, _: int) -> tuple[Tensor, Tensor]:
    g = _generator(n)
    shape = (max(2, n // CONTRAST_DIM), CONTRAST_DIM)
    query = torch.randn(shape, generator=g)
    return query, query + 0.5 * torch.randn(shape, generator=g)


def _boxes(n: int, _: int) -> tuple[Tensor, Tensor]:
    """``(n/4, 4)`` predicted and target boxes ``(x1, y1, x2, y2)``, most of them overlapping."""
    g = _generator(n)
    rows = max(1, n // 4)
    corner = 100 * torch.rand(rows, 2, generator=g)
    size = 1 + 50 * torch.rand(rows, 2, generator=g)
    moved = corner + 10 * torch.randn(rows, 2, generator=g)
    resized = (size + 10 * torch.randn(rows, 2, generator=g)).clamp(min=1)
    return torch.cat([moved, moved + resized], 1), torch.cat([corner, corner + size], 1)


CTC_STEPS, CTC_CLASSES, CTC_LABELS = 50, 20, 10


def _alignments(n: int, _: int) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """Log-probabilities ``(T, n/(T·C), C)``, label sequences of 5 to 10 symbols (no blank)."""
    g = _generator(n)
    batch = max(1, n // (CTC_STEPS * CTC_CLASSES))
    logits = torch.randn(CTC_STEPS, batch, CTC_CLASSES, generator=g)
    targets = torch.randint(1, CTC_CLASSES, (batch, CTC_LABELS), generator=g)
    input_lengths = torch.full((batch,), CTC_STEPS, dtype=torch.long)
    target_lengths = torch.randint(5, CTC_LABELS + 1, (batch,), generator=g)
    return logits.log_softmax(2), targets, input_lengths, target_lengths


# --- peers -----------------------------------------------------------------------------------


def _torchvision_sigmoid_focal_loss() -> Loss:
    """torchvision's own ``sigmoid_focal_loss`` (loaded by lossref/_torchvision.py), 'mean'."""
    from lossref._torchvision import torchvision_op

    return partial(torchvision_op("focal_loss", "sigmoid_focal_loss"), reduction="mean")


def tutorial_softmax_focal_loss(input: Tensor, target: Tensor) -> Tensor:
    """The focal loss of countless tutorials and forum answers: through cross-entropy."""
    ce = F.cross_entropy(input, target, reduction="none")
    p_t = torch.exp(-ce)
    return ((1 - p_t) ** 2 * ce).mean()


def tutorial_dice_loss(input: Tensor, target: Tensor) -> Tensor:
    """The tutorial soft Dice, per sample and channel like lossref's."""
    dims = tuple(range(2, input.dim()))
    intersection = (input * target).sum(dims)
    return (1 - (2 * intersection + 1e-5) / (input.sum(dims) + target.sum(dims) + 1e-5)).mean()


def tutorial_jaccard_loss(input: Tensor, target: Tensor) -> Tensor:
    """The tutorial soft IoU, per sample and channel like lossref's."""
    dims = tuple(range(2, input.dim()))
    intersection = (input * target).sum(dims)
    union = input.sum(dims) + target.sum(dims) - intersection
    return (1 - (intersection + 1e-5) / (union + 1e-5)).mean()


def tutorial_log_cosh_loss(input: Tensor, target: Tensor) -> Tensor:
    """log(cosh(e)) as usually written (it overflows for |e| > 89 in float32)."""
    return torch.log(torch.cosh(input - target)).mean()


def tutorial_quantile_loss(input: Tensor, target: Tensor) -> Tensor:
    """The pinball loss as usually written, one column per quantile level."""
    error = target.unsqueeze(-1) - input
    return torch.max(QUANTILES * error, (QUANTILES - 1) * error).mean()


def tutorial_poly1_loss(input: Tensor, target: Tensor) -> Tensor:
    """Poly-1 as usually written: cross-entropy plus ε·(1 − p_t), ε = 1."""
    ce = F.cross_entropy(input, target, reduction="none")
    return (ce + (1 - torch.exp(-ce))).mean()


def tutorial_contrastive_loss(input1: Tensor, input2: Tensor, target: Tensor) -> Tensor:
    """Hadsell et al.'s pairwise loss as usually written (margin 1, target 1 = similar)."""
    distance = F.pairwise_distance(input1, input2)
    dissimilar = (1 - distance).clamp(min=0).square()
    return (target * distance.square() + (1 - target) * dissimilar).mean()


def tutorial_info_nce_loss(query: Tensor, key: Tensor) -> Tensor:
    """InfoNCE with in-batch negatives as usually written (temperature 0.1)."""
    logits = F.normalize(query, dim=1) @ F.normalize(key, dim=1).T / 0.1
    return F.cross_entropy(logits, torch.arange(len(query)))


def tutorial_focal_tversky_loss(input: Tensor, target: Tensor) -> Tensor:
    """(1 − TI)^0.75 as usually written, α = 0.3 on false positives, β = 0.7 on misses."""
    dims = tuple(range(2, input.dim()))
    tp = (input * target).sum(dims)
    fp = (input * (1 - target)).sum(dims)
    fn = ((1 - input) * target).sum(dims)
    tversky = (tp + 1e-5) / (tp + 0.3 * fp + 0.7 * fn + 1e-5)
    return (1 - tversky).pow(0.75).mean()


def tutorial_tversky_loss(input: Tensor, target: Tensor) -> Tensor:
    """1 − TI as usually written, α = 0.3 on false positives, β = 0.7 on misses."""
    dims = tuple(range(2, input.dim()))
    tp = (input * target).sum(dims)
    fp = (input * (1 - target)).sum(dims)
    fn = ((1 - input) * target).sum(dims)
    return (1 - (tp + 1e-5) / (tp + 0.3 * fp + 0.7 * fn + 1e-5)).mean()


def _torchvision_peers() -> dict[str, dict[str, Loss]]:
    """torchvision's own box losses, 'mean'-reduced."""
    from lossref._torchvision import torchvision_op

    sources = {
        "generalized_box_iou_loss": "giou_loss",
        "distance_box_iou_loss": "diou_loss",
        "complete_box_iou_loss": "ciou_loss",
    }
    return {
        loss_id: {"torchvision": partial(torchvision_op(module, loss_id), reduction="mean")}
        for loss_id, module in sources.items()
    }


def _monai_peers() -> dict[str, dict[str, Loss]]:
    """MONAI's losses, where MONAI is installed (it is a test dependency)."""
    try:
        from monai.losses.dice import DiceLoss, GeneralizedDiceLoss
        from monai.losses.focal_loss import FocalLoss
        from monai.losses.tversky import TverskyLoss
    except ImportError:  # pragma: no cover - MONAI is in the test environment
        return {}
    focal = FocalLoss(use_softmax=True, to_onehot_y=True, gamma=2.0, reduction="mean")

    def softmax_focal(input: Tensor, target: Tensor) -> Tensor:
        # MONAI wants (N, C, ...) and the target as (N, 1, ...); it one-hot encodes it.
        loss: Tensor = focal(input, target.unsqueeze(1))
        return loss

    return {
        "dice_loss": {"MONAI DiceLoss": DiceLoss(reduction="mean")},
        "jaccard_loss": {"MONAI DiceLoss(jaccard=True)": DiceLoss(jaccard=True)},
        "softmax_focal_loss": {"MONAI FocalLoss(use_softmax=True)": softmax_focal},
        "tversky_loss": {"MONAI TverskyLoss": TverskyLoss(alpha=0.3, beta=0.7)},
        "generalized_dice_loss": {"MONAI GeneralizedDiceLoss": GeneralizedDiceLoss()},
    }


@dataclass(frozen=True)
class Case:
    """How one loss is benchmarked: its inputs, lossref's call and the peers' calls."""

    inputs: Inputs
    lossref: Loss
    # name -> call; the first is the reference (torch's function where torch has the loss)
    peers: dict[str, Loss]
    classes: tuple[int, ...] = (0,)  # 0: elementwise sizes; else N × C with these C
    # Where one call at 1e7 elements takes seconds (an (N, N) similarity matrix, a loop over
    # time steps), the largest size is left out so the whole run stays within minutes.
    max_elements: int = ELEMENT_SIZES[-1]


def _cases() -> dict[str, Case]:
    """One entry per registered loss (``python -m lossref bench`` refuses to run without)."""
    monai = _monai_peers()
    box = _torchvision_peers()
    classes = CLASS_COUNTS
    return {
        "mse_loss": Case(_regression, lossref.mse_loss, {"torch": F.mse_loss}),
        "l1_loss": Case(_regression, lossref.l1_loss, {"torch": F.l1_loss}),
        "smooth_l1_loss": Case(_regression, lossref.smooth_l1_loss, {"torch": F.smooth_l1_loss}),
        "huber_loss": Case(_regression, lossref.huber_loss, {"torch": F.huber_loss}),
        "cross_entropy": Case(
            _class_logits, lossref.cross_entropy, {"torch": F.cross_entropy}, classes
        ),
        "nll_loss": Case(
            _class_log_probabilities, lossref.nll_loss, {"torch": F.nll_loss}, classes
        ),
        "binary_cross_entropy": Case(
            _probabilities, lossref.binary_cross_entropy, {"torch": F.binary_cross_entropy}
        ),
        "binary_cross_entropy_with_logits": Case(
            _logits,
            lossref.binary_cross_entropy_with_logits,
            {"torch": F.binary_cross_entropy_with_logits},
        ),
        "sigmoid_focal_loss": Case(
            _logits,
            lambda x, y: lossref.sigmoid_focal_loss(x, y, reduction="mean"),
            {"torchvision": _torchvision_sigmoid_focal_loss()},
        ),
        "softmax_focal_loss": Case(
            _class_logits,
            lossref.softmax_focal_loss,
            {**monai.get("softmax_focal_loss", {}), "tutorial": tutorial_softmax_focal_loss},
            classes,
        ),
        "kl_div": Case(
            _distributions,
            lambda x, y: lossref.kl_div(x, y, reduction="batchmean"),
            {"torch": lambda x, y: F.kl_div(x, y, reduction="batchmean")},
        ),
        "dice_loss": Case(
            _masks,
            lossref.dice_loss,
            {**monai.get("dice_loss", {}), "tutorial": tutorial_dice_loss},
        ),
        "jaccard_loss": Case(
            _masks,
            lossref.jaccard_loss,
            {**monai.get("jaccard_loss", {}), "tutorial": tutorial_jaccard_loss},
        ),
        "poisson_nll_loss": Case(_counts, lossref.poisson_nll_loss, {"torch": F.poisson_nll_loss}),
        "gaussian_nll_loss": Case(
            _regression_with_variance, lossref.gaussian_nll_loss, {"torch": F.gaussian_nll_loss}
        ),
        "log_cosh_loss": Case(
            _regression, lossref.log_cosh_loss, {"tutorial": tutorial_log_cosh_loss}
        ),
        "quantile_loss": Case(
            _quantile_predictions,
            lambda x, y: lossref.quantile_loss(x, y, QUANTILES),
            {"tutorial": tutorial_quantile_loss},
        ),
        "soft_margin_loss": Case(
            _scores_and_signs, lossref.soft_margin_loss, {"torch": F.soft_margin_loss}
        ),
        "multilabel_soft_margin_loss": Case(
            _multi_hot,
            lossref.multilabel_soft_margin_loss,
            {"torch": F.multilabel_soft_margin_loss},
            classes,
        ),
        "multilabel_margin_loss": Case(
            _label_lists,
            lossref.multilabel_margin_loss,
            {"torch": F.multilabel_margin_loss},
            classes,
            max_elements=10**6,
        ),
        "multi_margin_loss": Case(
            _class_logits, lossref.multi_margin_loss, {"torch": F.multi_margin_loss}, classes
        ),
        "poly1_loss": Case(
            _class_logits, lossref.poly1_loss, {"tutorial": tutorial_poly1_loss}, classes
        ),
        "margin_ranking_loss": Case(
            _score_pairs, lossref.margin_ranking_loss, {"torch": F.margin_ranking_loss}
        ),
        "hinge_embedding_loss": Case(
            _distances_and_signs, lossref.hinge_embedding_loss, {"torch": F.hinge_embedding_loss}
        ),
        "cosine_embedding_loss": Case(
            _embedding_pairs, lossref.cosine_embedding_loss, {"torch": F.cosine_embedding_loss}
        ),
        "triplet_margin_loss": Case(
            _triplets, lossref.triplet_margin_loss, {"torch": F.triplet_margin_loss}
        ),
        "triplet_margin_with_distance_loss": Case(
            _triplets,
            lossref.triplet_margin_with_distance_loss,
            {"torch": F.triplet_margin_with_distance_loss},
        ),
        "contrastive_loss": Case(
            _embedding_pairs_01, lossref.contrastive_loss, {"tutorial": tutorial_contrastive_loss}
        ),
        "info_nce_loss": Case(
            _views, lossref.info_nce_loss, {"tutorial": tutorial_info_nce_loss}, max_elements=10**6
        ),
        "tversky_loss": Case(
            _masks,
            lossref.tversky_loss,
            {**monai.get("tversky_loss", {}), "tutorial": tutorial_tversky_loss},
        ),
        "focal_tversky_loss": Case(
            _masks, lossref.focal_tversky_loss, {"tutorial": tutorial_focal_tversky_loss}
        ),
        "generalized_dice_loss": Case(
            _masks, lossref.generalized_dice_loss, monai.get("generalized_dice_loss", {})
        ),
        **{
            loss_id: Case(_boxes, partial(getattr(lossref, loss_id), reduction="mean"), peers)
            for loss_id, peers in box.items()
        },
        "ctc_loss": Case(_alignments, lossref.ctc_loss, {"torch": F.ctc_loss}, max_elements=10**6),
    }


# --- measuring -------------------------------------------------------------------------------


def _step(function: Loss, input: Tensor, others: tuple[Tensor, ...]) -> None:
    input.grad = None
    torch.autograd.backward(function(input, *others))


def _seconds(function: Loss, input: Tensor, others: tuple[Tensor, ...], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        _step(function, input, others)
    return (time.perf_counter() - start) / calls


def _interleaved(
    functions: dict[str, Loss],
    input: Tensor,
    others: tuple[Tensor, ...],
    repeats: int,
    sample: float,
) -> dict[str, float]:
    """Median seconds per forward+backward of each function, timed in turn within a repeat."""
    leaf = input.detach().clone().requires_grad_(True)
    calls = {}
    for name, function in functions.items():
        _step(function, leaf, others)  # warm-up
        once = _seconds(function, leaf, others, 1)
        calls[name] = max(1, min(1000, round(sample / max(once, 1e-7))))
    times: dict[str, list[float]] = {name: [] for name in functions}
    names = list(functions)
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(_seconds(functions[name], leaf, others, calls[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def peak_bytes(function: Loss, input: Tensor, others: tuple[Tensor, ...]) -> int:
    """Peak bytes allocated by one forward+backward, from torch.profiler's allocation events."""
    from torch._C._profiler import _EventType
    from torch.profiler import ProfilerActivity, profile

    leaf = input.detach().clone().requires_grad_(True)
    _step(function, leaf, others)
    leaf.grad = None
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as profiler:
        _step(function, leaf, others)
    sizes: list[tuple[int, int]] = []

    def walk(nodes: list[Any]) -> None:
        for node in nodes:
            if node.tag == _EventType.Allocation:
                sizes.append((node.start_time_ns, node.extra_fields.alloc_size))
            walk(node.children)

    walk(profiler.profiler.kineto_results.experimental_event_tree())
    current = peak = 0
    for _, size in sorted(sizes):
        current += size
        peak = max(peak, current)
    return peak


def _sizes(case: Case, quick: bool) -> Iterator[tuple[int, int]]:
    for classes in case.classes:
        for n in (10**3,) if quick else [n for n in ELEMENT_SIZES if n <= case.max_elements]:
            yield n, classes


def _shape(tensor: Tensor) -> list[int]:
    return list(tensor.shape)


def _round(value: float) -> float:
    return float(f"{value:.4g}")


def _machine(threads: int) -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_model": model,
        "cpu_count": os.cpu_count(),
        "threads": threads,
    }


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(quick: bool = False, threads: int | None = None) -> dict[str, Any]:
    """Run the benchmark; the results as a JSON-ready dict."""
    cases = _cases()
    missing = [spec.id for spec in LOSSES if spec.id not in cases]
    if missing:
        raise KeyError(
            f"no benchmark case for {', '.join(missing)}: add one to _cases() in lossref/_bench.py"
        )
    threads = threads or os.cpu_count() or 1
    torch.set_num_threads(threads)
    repeats, sample = (3, 0.001) if quick else (5, 0.04)
    results: dict[str, Any] = {
        "command": COMMAND + (" --quick" if quick else ""),
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "machine": _machine(threads),
        "versions": {"torch": torch.__version__, "monai": _version("monai")},
        "settings": {
            "dtype": "float32",
            "device": "cpu",
            "repeats": repeats,
            "seconds_per_sample": sample,
            "reduction": "mean (kl_div: batchmean)",
        },
        "eager": [],
        "compiled": [],
        "memory": [],
    }
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if not quick:  # load the compiler once, so the first loss's compile time is not that
            _no_compile_cache()
            warm_up, other = _regression(10, 0)
            _step(torch.compile(_dot), warm_up.requires_grad_(), (other,))
        for spec in LOSSES:
            case = cases[spec.id]
            functions = {"lossref": case.lossref, **case.peers}
            for n, classes in _sizes(case, quick):
                input, *rest = case.inputs(n, classes)
                medians = _interleaved(functions, input, tuple(rest), repeats, sample)
                results["eager"].append(
                    {
                        "loss": spec.id,
                        "elements": input.numel(),
                        "classes": classes or None,
                        "shape": _shape(input),
                        "reference": next(iter(case.peers)),
                        "seconds": {name: _round(value) for name, value in medians.items()},
                        "ratio": {
                            name: _round(medians["lossref"] / medians[name]) for name in case.peers
                        },
                    }
                )
                _log(f"eager {spec.id} {tuple(input.shape)}: {time.perf_counter() - start:.0f}s")
            # --quick measures no memory and compiles nothing: the profiler's first use alone
            # imports torch._dynamo (3 s), and compiling takes seconds per loss.
            for _, classes in [] if quick else _sizes(case, quick=True):
                input, *rest = case.inputs(AT, classes)
                others: tuple[Tensor, ...] = tuple(rest)
                peaks = {name: peak_bytes(f, input, others) for name, f in functions.items()}
                results["memory"].append(
                    {
                        "loss": spec.id,
                        "elements": input.numel(),
                        "classes": classes or None,
                        "input_bytes": input.numel() * input.element_size(),
                        "reference": next(iter(case.peers)),
                        "peak_bytes": peaks,
                        "ratio": {
                            name: _round(peaks["lossref"] / max(peaks[name], 1))
                            for name in case.peers
                        },
                    }
                )
                if spec.torch is not None:
                    results["compiled"].append(_compiled(spec.id, case, input, others, repeats))
                    _log(f"compiled {spec.id}: {time.perf_counter() - start:.0f}s")
    results["settings"]["wall_seconds"] = round(time.perf_counter() - start)
    return results


def _dot(x: Tensor, y: Tensor) -> Tensor:
    return (x * y).sum()


def _no_compile_cache() -> None:
    """Compile from scratch every time, so that compile times are not cache hits."""
    import torch._functorch.config
    import torch._inductor.config

    torch._inductor.config.fx_graph_cache = False
    torch._functorch.config.enable_autograd_cache = False


def _compiled(
    loss_id: str, case: Case, input: Tensor, others: tuple[Tensor, ...], repeats: int
) -> Any:
    torch._dynamo.reset()
    compiled: Loss = torch.compile(case.lossref)
    leaf = input.detach().clone().requires_grad_(True)
    start = time.perf_counter()
    _step(compiled, leaf, others)
    compile_seconds = time.perf_counter() - start
    peer = next(iter(case.peers))  # torch's function, or torchvision's
    functions = {"lossref compiled": compiled, "lossref": case.lossref, peer: case.peers[peer]}
    medians = _interleaved(functions, input, others, repeats, 0.05)
    return {
        "loss": loss_id,
        "reference": peer,
        "elements": input.numel(),
        "classes": input.shape[1] if case.classes != (0,) else None,
        "shape": _shape(input),
        "compile_seconds": _round(compile_seconds),
        "seconds": {name: _round(value) for name, value in medians.items()},
        "ratio_compiled": _round(medians["lossref compiled"] / medians[peer]),
        "ratio_eager": _round(medians["lossref"] / medians[peer]),
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def dumps(results: dict[str, Any]) -> str:
    """Deterministic JSON: sorted keys, two-space indent, a final newline."""
    return json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(out: Path, quick: bool = False, threads: int | None = None) -> Path:
    """Run the benchmark and write ``out``."""
    results = run(quick=quick, threads=threads)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps(results), encoding="utf-8")
    return out
