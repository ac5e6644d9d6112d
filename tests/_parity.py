"""Shared helpers for comparing a lossref function with a reference implementation.

A comparison runs both functions on fresh leaf copies of the same tensors, checks the values
with ``torch.testing.assert_close`` (default tolerances for the dtype), then back-propagates the
same fixed cotangent through both and checks the gradients with respect to the named tensors.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest
import torch
from torch import Tensor

from lossref._torchvision import torchvision_op

# torchvision's own sigmoid focal loss: the reference of the tests and the benchmark's peer.
torchvision_sigmoid_focal_loss = torchvision_op("focal_loss", "sigmoid_focal_loss")

DTYPES = [pytest.param(torch.float32, id="float32"), pytest.param(torch.float64, id="float64")]
REDUCTIONS = ["mean", "sum", "none"]

# (size_average, reduce) pairs of torch's deprecated spelling, each with a `reduction` that
# they must override.
LEGACY_REDUCTIONS = (
    (None, False, "mean"),
    (False, None, "none"),
    (True, None, "sum"),
    (None, True, "none"),
    (True, True, "sum"),
    (False, True, "mean"),
    (True, False, "mean"),
    (False, False, "sum"),
)


def generator(seed: int) -> torch.Generator:
    """A private random stream, so no test depends on the global seed or on test order."""
    return torch.Generator().manual_seed(seed)


def cotangent(output: Tensor) -> Tensor:
    """A fixed, non-uniform upstream gradient, so 'none' outputs are not just summed."""
    return torch.linspace(0.5, 1.5, output.numel(), dtype=output.dtype).reshape(output.shape)


def value_and_grads(
    function: Callable[..., Tensor],
    tensors: Mapping[str, Tensor],
    grad_wrt: Sequence[str],
    settings: Mapping[str, Any],
) -> tuple[Tensor, list[Tensor]]:
    """Call ``function(**tensors, **settings)`` on leaf copies; return the value and gradients."""
    leaves = {
        name: tensor.detach().clone().requires_grad_(name in grad_wrt)
        for name, tensor in tensors.items()
    }
    output = function(**leaves, **settings)
    if not grad_wrt:
        return output.detach(), []
    grads = torch.autograd.grad(
        output,
        [leaves[name] for name in grad_wrt],
        grad_outputs=cotangent(output),
        materialize_grads=True,
    )
    return output.detach(), list(grads)


def assert_matches(
    ours: Callable[..., Tensor],
    reference: Callable[..., Tensor],
    tensors: Mapping[str, Tensor],
    grad_wrt: Sequence[str] = ("input",),
    *,
    equal_nan: bool = False,
    **settings: Any,
) -> tuple[Tensor, list[Tensor]]:
    """Value and gradients of ``ours`` equal those of ``reference``; returns ours."""
    our_value, our_grads = value_and_grads(ours, tensors, grad_wrt, settings)
    with warnings.catch_warnings():
        # torch's own deprecation / 'mean' warnings are not what a parity test is about.
        warnings.simplefilter("ignore")
        ref_value, ref_grads = value_and_grads(reference, tensors, grad_wrt, settings)
    torch.testing.assert_close(our_value, ref_value, equal_nan=equal_nan)
    for name, our_grad, ref_grad in zip(grad_wrt, our_grads, ref_grads, strict=True):
        torch.testing.assert_close(
            our_grad, ref_grad, equal_nan=equal_nan, msg=_prefixed(f"gradient w.r.t. {name}")
        )
    return our_value, our_grads


def _prefixed(prefix: str) -> Callable[[str], str]:
    def message(text: str) -> str:
        return f"{prefix}: {text}"

    return message


def parameter_table(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    """Names, kinds and defaults of a signature (annotations differ in spelling, not meaning)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def call_legacy(function: Callable[..., Tensor], *args: Any, **kwargs: Any) -> Tensor:
    """Call a torch function with deprecated arguments, without its warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def example_inputs(loss_id: str, dtype: torch.dtype = torch.float64) -> tuple[Tensor, ...]:
    """Small valid data arguments for the loss ``loss_id``, in the order of its signature
    (its parameters without a default): ``(prediction, target)`` for most losses."""
    g = generator(sum(map(ord, loss_id)))
    if loss_id in ("l1_loss", "mse_loss", "smooth_l1_loss", "huber_loss"):
        return torch.randn(4, 3, generator=g, dtype=dtype), torch.randn(
            4, 3, generator=g, dtype=dtype
        )
    if loss_id in ("cross_entropy", "nll_loss", "softmax_focal_loss"):
        logits = torch.randn(4, 3, generator=g, dtype=dtype)
        target = torch.tensor([0, 2, 1, 2])
        return (logits.log_softmax(1) if loss_id == "nll_loss" else logits), target
    binary = (torch.rand(4, 3, generator=g) > 0.5).to(dtype)
    if loss_id == "binary_cross_entropy":
        return 0.05 + 0.9 * torch.rand(4, 3, generator=g, dtype=dtype), binary
    if loss_id in ("binary_cross_entropy_with_logits", "sigmoid_focal_loss"):
        return 2 * torch.randn(4, 3, generator=g, dtype=dtype), binary
    if loss_id == "kl_div":
        return (
            torch.randn(4, 3, generator=g, dtype=dtype).log_softmax(1),
            torch.randn(4, 3, generator=g, dtype=dtype).softmax(1),
        )
    if loss_id in ("dice_loss", "jaccard_loss"):
        return torch.rand(2, 3, 4, generator=g, dtype=dtype), binary.view(2, 3, 2).repeat(1, 1, 2)
    if loss_id in ("tversky_loss", "focal_tversky_loss", "generalized_dice_loss"):
        # (N=2, C=3, 4) probabilities and a 0/1 mask; a class may be absent from a sample.
        return torch.rand(2, 3, 4, generator=g, dtype=dtype), binary.view(2, 3, 2).repeat(1, 1, 2)
    if loss_id in ("generalized_box_iou_loss", "distance_box_iou_loss", "complete_box_iou_loss"):
        corners = 4 * torch.rand(2, 4, 2, generator=g, dtype=dtype)  # boxes1, boxes2: (4, 4)
        sizes = 0.5 + 2 * torch.rand(2, 4, 2, generator=g, dtype=dtype)
        boxes1, boxes2 = torch.cat([corners, corners + sizes], dim=-1).unbind(0)
        return boxes1, boxes2
    if loss_id in ("triplet_margin_loss", "triplet_margin_with_distance_loss"):
        # anchor, positive, negative (4, 3); positives near their anchors, so margins vary.
        anchor = torch.randn(4, 3, generator=g, dtype=dtype)
        positive = anchor + 0.5 * torch.randn(4, 3, generator=g, dtype=dtype)
        return anchor, positive, torch.randn(4, 3, generator=g, dtype=dtype)
    if loss_id == "contrastive_loss":  # input1, input2 (4, 3); target (4,): 1 similar, 0 not
        pair = 0.5 * torch.randn(2, 4, 3, generator=g, dtype=dtype)
        return pair[0], pair[1], torch.tensor([1.0, 0.0, 1.0, 0.0], dtype=dtype)
    if loss_id == "info_nce_loss":  # query, key (4, 3): row i of key is query i's positive
        query = torch.randn(4, 3, generator=g, dtype=dtype)
        return query, query + 0.5 * torch.randn(4, 3, generator=g, dtype=dtype)
    if loss_id == "ctc_loss":
        # log_probs (T=6, N=2, C=5), padded targets (2, 3) with labels 1..3 (neither 0 nor 4
        # is used, so blank may be 0 or 4), input_lengths and target_lengths (2,).
        log_probs = torch.randn(6, 2, 5, generator=g, dtype=dtype).log_softmax(2)
        targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
        return log_probs, targets, torch.tensor([6, 5]), torch.tensor([3, 2])
    if loss_id in ("poisson_nll_loss", "gaussian_nll_loss", "log_cosh_loss", "quantile_loss"):
        # Positive predictions (valid rates for poisson_nll_loss with log_input=False) and
        # targets with counts above 1 (where full=True adds Stirling's term); var (4, 3) > 0.
        prediction = 0.1 + 3 * torch.rand(4, 3, generator=g, dtype=dtype)
        target = torch.randint(0, 6, (4, 3), generator=g).to(dtype)
        if loss_id == "gaussian_nll_loss":
            return prediction, target, 0.2 + torch.rand(4, 3, generator=g, dtype=dtype)
        return prediction, target
    classification_margin = (
        "soft_margin_loss",
        "multilabel_soft_margin_loss",
        "multilabel_margin_loss",
        "multi_margin_loss",
        "poly1_loss",
    )
    if loss_id in classification_margin:  # scores (4, 3) and labels of the loss's kind
        scores = 2 * torch.randn(4, 3, generator=g, dtype=dtype)
        if loss_id == "soft_margin_loss":
            return scores, 2 * binary - 1  # labels 1 and -1
        if loss_id == "multilabel_soft_margin_loss":
            return scores, binary  # 0/1 per class
        if loss_id == "multilabel_margin_loss":  # class lists ended by -1
            return scores, torch.tensor([[2, 0, -1], [1, -1, 0], [0, 1, 2], [-1, 0, 0]])
        return scores, torch.tensor([0, 2, 1, 2])
    if loss_id in ("margin_ranking_loss", "hinge_embedding_loss", "cosine_embedding_loss"):
        # Scores, distances or embeddings (4, 3); labels 1 and -1 (per element, or per row of
        # the embeddings for cosine_embedding_loss).
        first, second = torch.randn(2, 4, 3, generator=g, dtype=dtype)
        signs = torch.tensor([[1.0, -1.0, -1.0], [-1.0, 1.0, 1.0]] * 2, dtype=dtype)
        if loss_id == "hinge_embedding_loss":
            return first.abs(), signs
        if loss_id == "margin_ranking_loss":
            return first, second, signs
        return first, second, signs[:, 0]
    raise KeyError(loss_id)


def non_default_settings(loss_id: str, dtype: torch.dtype = torch.float64) -> dict[str, Any]:
    """Settings that change the result of ``loss_id`` on ``example_inputs(loss_id)``."""
    weight = torch.tensor([0.5, 1.0, 2.0], dtype=dtype)
    element_weight = torch.linspace(0.5, 2.0, 12, dtype=dtype).view(4, 3)
    table: dict[str, dict[str, Any]] = {
        "l1_loss": {"reduction": "sum", "weight": element_weight},
        "mse_loss": {"reduction": "none", "weight": element_weight},
        "smooth_l1_loss": {"reduction": "sum", "beta": 0.5},
        "huber_loss": {"delta": 0.5, "weight": element_weight},
        "cross_entropy": {"weight": weight, "ignore_index": 1, "label_smoothing": 0.1},
        "nll_loss": {"weight": weight, "reduction": "sum"},
        "binary_cross_entropy": {"weight": weight, "reduction": "sum"},
        "binary_cross_entropy_with_logits": {"weight": weight, "pos_weight": 2 * weight},
        "sigmoid_focal_loss": {"alpha": 0.5, "gamma": 1.5, "reduction": "mean"},
        "softmax_focal_loss": {"gamma": 1.0, "alpha": weight, "reduction": "sum"},
        "kl_div": {"reduction": "batchmean"},
        "dice_loss": {"smooth": 1.0, "batch": True, "reduction": "none"},
        "jaccard_loss": {"smooth": 1.0, "batch": True, "reduction": "none"},
        "tversky_loss": {"alpha": 0.6, "beta": 0.2, "batch": True, "reduction": "none"},
        "focal_tversky_loss": {"exponent": 1.5, "alpha": 0.5, "smooth": 1.0, "reduction": "sum"},
        "generalized_dice_loss": {"smooth": 1.0, "reduction": "none"},
        "generalized_box_iou_loss": {"reduction": "sum", "eps": 1e-3},
        "distance_box_iou_loss": {"reduction": "mean", "eps": 1e-3},
        "complete_box_iou_loss": {"reduction": "sum", "eps": 1e-3},
        "triplet_margin_loss": {"margin": 0.5, "p": 1.0, "swap": True, "reduction": "sum"},
        "triplet_margin_with_distance_loss": {
            "distance_function": cosine_distance,
            "margin": 0.5,
            "swap": True,
        },
        "contrastive_loss": {"margin": 2.0, "reduction": "sum"},
        "info_nce_loss": {"temperature": 0.5, "nt_xent": True},
        "ctc_loss": {"blank": 4, "reduction": "sum", "zero_infinity": True},
        "soft_margin_loss": {"reduction": "sum"},
        "multilabel_soft_margin_loss": {"weight": weight, "reduction": "none"},
        "multilabel_margin_loss": {"reduction": "none"},
        "multi_margin_loss": {"p": 2, "margin": 0.5, "weight": weight},
        "poly1_loss": {"epsilon": 1.0, "ignore_index": 1, "reduction": "sum"},
        "poisson_nll_loss": {"log_input": False, "full": True, "reduction": "sum"},
        "gaussian_nll_loss": {"full": True, "eps": 0.5, "reduction": "none"},
        "log_cosh_loss": {"reduction": "sum"},
        "quantile_loss": {"quantiles": torch.tensor(0.9, dtype=dtype), "reduction": "sum"},
        "margin_ranking_loss": {"margin": 0.5, "reduction": "sum"},
        "hinge_embedding_loss": {"margin": 2.0, "reduction": "none"},
        "cosine_embedding_loss": {"margin": 0.3, "reduction": "sum"},
    }
    return table[loss_id]


def cosine_distance(x: Tensor, y: Tensor) -> Tensor:
    """``1 − cos(x, y)`` row by row: a ``distance_function`` for the triplet losses."""
    return 1 - torch.nn.functional.cosine_similarity(x, y, dim=-1)


def compiled(function: Callable[..., Tensor], fullgraph: bool = True) -> Callable[..., Tensor]:
    """``torch.compile`` of ``function``, by default as one graph (a graph break raises). The
    backend is ``aot_eager``: the graph and its autograd are traced as under the default
    backend and run with eager kernels, since what the tests check is the graph (a check inside
    it, not a break); Inductor's C++ compile would add about 15 s to the suite. The benchmark
    compiles with Inductor."""
    return torch.compile(function, backend="aot_eager", fullgraph=fullgraph)
