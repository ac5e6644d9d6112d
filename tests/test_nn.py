"""lossref.nn: one generated module per loss, holding the function's settings."""

from __future__ import annotations

import inspect

import pytest
import torch
from torch import Tensor

import lossref
import lossref.nn
from lossref.registry import LOSSES, LossSpec
from tests._parity import example_inputs, non_default_settings, parameter_table

SPEC_IDS = [spec.id for spec in LOSSES]
TORCH_MODULE_SPECS = [s for s in LOSSES if s.torch and s.torch.startswith("torch.nn.")]


def module_class(spec: LossSpec) -> type[lossref.nn.FunctionLoss]:
    cls: type[lossref.nn.FunctionLoss] = getattr(lossref.nn, spec.module_name)
    return cls


def torch_module(spec: LossSpec) -> type[torch.nn.Module]:
    """``torch.nn.MSELoss`` for the spec whose counterpart is ``"torch.nn.MSELoss"``."""
    assert spec.torch is not None
    cls: type[torch.nn.Module] = getattr(torch.nn, spec.torch.removeprefix("torch.nn."))
    return cls


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_class_is_generated_from_the_function(spec: LossSpec) -> None:
    cls = module_class(spec)
    assert issubclass(cls, lossref.nn.FunctionLoss)
    assert issubclass(cls, torch.nn.Module)
    assert cls.function is spec.function
    assert cls.__name__ == spec.module_name
    assert spec.module_name in lossref.nn.__all__
    assert f"lossref.{spec.id}" in (cls.__doc__ or "")


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_constructor_takes_the_functions_settings(spec: LossSpec) -> None:
    """Same names, order, kinds and defaults as the function's parameters after its data
    arguments (those without a default), which are forward's."""
    cls = module_class(spec)
    table = parameter_table(spec.function)
    assert parameter_table(cls) == table[len(cls._inputs) :]
    assert cls._inputs == tuple(name for name, _, _ in table[: len(cls._inputs)])
    assert len(cls._inputs) >= 2


@pytest.mark.parametrize("spec", TORCH_MODULE_SPECS, ids=lambda s: s.id)
def test_constructor_starts_with_torchs(spec: LossSpec) -> None:
    """torch's module parameters come first, with the same names and defaults; lossref may add
    more at the end (e.g. ``weight`` for MSELoss, which F.mse_loss has and nn.MSELoss lacks)."""
    theirs = [(n, d) for n, _, d in parameter_table(torch_module(spec))]
    ours = [(n, d) for n, _, d in parameter_table(module_class(spec))]
    assert ours[: len(theirs)] == theirs


# kl_div's default 'mean' warns (tested in test_distribution); use 'sum' as its plain setting.
PLAIN_SETTINGS: dict[str, dict[str, object]] = {"kl_div": {"reduction": "sum"}}


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
@pytest.mark.parametrize("configured", [False, True])
def test_forward_equals_the_function(spec: LossSpec, configured: bool) -> None:
    inputs = example_inputs(spec.id)
    plain = PLAIN_SETTINGS.get(spec.id, {})
    settings = non_default_settings(spec.id) if configured else plain
    got = module_class(spec)(**settings)(*inputs)
    torch.testing.assert_close(got, spec.function(*inputs, **settings))
    if configured:  # the settings change the result, so the module did not drop them
        assert not torch.equal(got, spec.function(*inputs, **plain))


@pytest.mark.parametrize("spec", TORCH_MODULE_SPECS, ids=lambda s: s.id)
def test_module_matches_torch_module(spec: LossSpec) -> None:
    inputs = example_inputs(spec.id)
    settings = non_default_settings(spec.id)
    theirs = torch_module(spec)
    known = inspect.signature(theirs).parameters
    torch_settings = {k: v for k, v in settings.items() if k in known}
    ours = module_class(spec)(**torch_settings)(*inputs)
    torch.testing.assert_close(ours, theirs(**torch_settings)(*inputs))


def test_positional_settings_like_torch() -> None:
    weight = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64)
    prediction, target = example_inputs("cross_entropy")
    ours = lossref.nn.CrossEntropyLoss(weight)(prediction, target)
    torch.testing.assert_close(ours, torch.nn.CrossEntropyLoss(weight)(prediction, target))


TENSOR_SETTINGS = [
    ("l1_loss", "weight"),
    ("mse_loss", "weight"),
    ("huber_loss", "weight"),
    ("cross_entropy", "weight"),
    ("nll_loss", "weight"),
    ("binary_cross_entropy", "weight"),
    ("binary_cross_entropy_with_logits", "weight"),
    ("binary_cross_entropy_with_logits", "pos_weight"),
    ("softmax_focal_loss", "alpha"),
    ("quantile_loss", "quantiles"),
    ("multilabel_soft_margin_loss", "weight"),
    ("multi_margin_loss", "weight"),
]


@pytest.mark.parametrize(("loss_id", "name"), TENSOR_SETTINGS)
def test_tensor_settings_are_buffers_that_move(loss_id: str, name: str) -> None:
    spec = next(s for s in LOSSES if s.id == loss_id)
    settings = non_default_settings(loss_id, torch.float32)
    module = module_class(spec)(**settings)
    assert name in dict(module.named_buffers())
    assert name in module.state_dict()
    module.to(torch.float64)
    assert getattr(module, name).dtype == torch.float64
    prediction, target = example_inputs(loss_id, torch.float64)
    torch.testing.assert_close(
        module(prediction, target),
        spec.function(prediction, target, **non_default_settings(loss_id, torch.float64)),
    )


def test_tensor_parameters_are_all_known() -> None:
    """Every Tensor-typed setting of every loss is covered by the buffer test above (a
    callable such as ``distance_function: Callable[[Tensor, Tensor], Tensor]`` is no tensor)."""
    found = {
        (spec.id, name)
        for spec in LOSSES
        for name, parameter in inspect.signature(spec.function).parameters.items()
        if parameter.default is not inspect.Parameter.empty
        and "Tensor" in str(parameter.annotation)
        and not str(parameter.annotation).startswith("Callable")
    }
    assert found == set(TENSOR_SETTINGS)


def test_repr_shows_only_changed_settings() -> None:
    assert repr(lossref.nn.MSELoss()) == "MSELoss()"
    assert repr(lossref.nn.HuberLoss(delta=2.0)) == "HuberLoss(delta=2.0)"
    assert repr(lossref.nn.DiceLoss(batch=True, reduction="sum")) == (
        "DiceLoss(batch=True, reduction='sum')"
    )
    text = repr(lossref.nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0]), label_smoothing=0.1))
    assert text.startswith("CrossEntropyLoss(weight=tensor([1., 2.]), label_smoothing=0.1")
    assert "ignore_index" not in text
    assert "reduction" not in text


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_unknown_setting_names_the_class(spec: LossSpec) -> None:
    with pytest.raises(TypeError, match=f"{spec.module_name}: .*'not_a_setting'"):
        module_class(spec)(not_a_setting=1)


def test_too_many_positional_settings_names_the_class() -> None:
    with pytest.raises(TypeError, match="HuberLoss: too many positional arguments"):
        lossref.nn.HuberLoss("mean", 1.0, None, "extra")


def test_invalid_setting_fails_when_the_loss_runs() -> None:
    """Settings are checked by the function, so the message is the function's."""
    module = lossref.nn.HuberLoss(delta=-1.0)
    with pytest.raises(ValueError, match=r"delta must be in \(0, inf\]; got -1.0"):
        module(*example_inputs("huber_loss"))


def test_module_trains_like_torchs() -> None:
    """One optimizer step through the module moves parameters as torch's module does."""
    x = torch.randn(8, 4, generator=torch.Generator().manual_seed(0))
    y = torch.tensor([0, 1, 2, 0, 1, 2, 0, 1])

    def step(criterion: torch.nn.Module) -> Tensor:
        layer = torch.nn.Linear(4, 3)
        with torch.no_grad():
            layer.weight.copy_(torch.linspace(-1, 1, 12).view(3, 4))
            layer.bias.zero_()
        criterion(layer(x), y).backward()
        assert layer.weight.grad is not None
        return layer.weight.grad

    torch.testing.assert_close(
        step(lossref.nn.CrossEntropyLoss(label_smoothing=0.2)),
        step(torch.nn.CrossEntropyLoss(label_smoothing=0.2)),
    )
