"""The registry describes every loss exactly once, and what it says resolves."""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType

import pytest
from torch import Tensor

import lossref
from lossref import registry
from lossref.registry import FAMILIES, LOSSES, LossSpec

SPEC_IDS = [spec.id for spec in LOSSES]
FAMILY_MODULES = {family: importlib.import_module(f"lossref.{family}") for family in FAMILIES}


def public_loss_functions() -> set[str]:
    """Every function exported by lossref (the subpackage modules nn and registry aside)."""
    return {name for name in lossref.__all__ if inspect.isfunction(getattr(lossref, name))}


def resolve(dotted: str) -> object:
    """``torch.nn.MSELoss`` → the object, importing the longest importable module prefix."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(dotted)


def test_ids_are_unique() -> None:
    assert len(SPEC_IDS) == len(set(SPEC_IDS))
    assert len({spec.module_name for spec in LOSSES}) == len(LOSSES)
    assert set(registry.BY_ID) == set(SPEC_IDS)


def test_every_public_loss_is_registered() -> None:
    assert public_loss_functions() == set(SPEC_IDS)


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_function_is_exported_under_its_id(spec: LossSpec) -> None:
    assert getattr(lossref, spec.id) is spec.function
    assert spec.function.__name__ == spec.id
    assert registry.get(spec.id) is spec


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_family_is_valid_and_is_the_defining_module(spec: LossSpec) -> None:
    assert spec.family in FAMILIES
    module: ModuleType = FAMILY_MODULES[spec.family]
    assert spec.function.__module__ == module.__name__
    assert spec.id in module.__all__


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_names_are_filled_in_both_languages(spec: LossSpec) -> None:
    assert spec.name_en.strip()
    assert spec.name_zh.strip()
    assert spec.name_en != spec.name_zh


@pytest.mark.parametrize(
    "spec", [s for s in LOSSES if s.torch and s.torch.startswith("torch.")], ids=lambda s: s.id
)
def test_torch_counterpart_resolves(spec: LossSpec) -> None:
    assert spec.torch is not None
    counterpart = resolve(spec.torch)
    assert inspect.isclass(counterpart)
    assert counterpart.__name__ == spec.module_name  # the lossref.nn class has torch's name


def test_counterparts_outside_torch_are_torchvision() -> None:
    """Counterparts outside torch are named, not imported: torchvision's package does not import
    beside this torch build (lossref/_torchvision.py loads its loss sources for the tests)."""
    others = {s.id: s.torch for s in LOSSES if s.torch and not s.torch.startswith("torch.")}
    assert others == {
        "sigmoid_focal_loss": "torchvision.ops.sigmoid_focal_loss",
        "generalized_box_iou_loss": "torchvision.ops.generalized_box_iou_loss",
        "distance_box_iou_loss": "torchvision.ops.distance_box_iou_loss",
        "complete_box_iou_loss": "torchvision.ops.complete_box_iou_loss",
    }


def test_losses_torch_lacks_have_no_counterpart() -> None:
    assert {s.id for s in LOSSES if s.torch is None} == {
        "softmax_focal_loss",
        "dice_loss",
        "jaccard_loss",
        # segmentation: tested against MONAI (focal Tversky: against tversky_loss ** exponent)
        "tversky_loss",
        "focal_tversky_loss",
        "generalized_dice_loss",
        # embedding: tested against pytorch-metric-learning
        "contrastive_loss",
        "info_nce_loss",
        # regression: tested against mpmath / scikit-learn and hand values
        "log_cosh_loss",
        "quantile_loss",
        # classification: tested against its formula on torch's cross-entropy
        "poly1_loss",
    }


def test_unknown_id_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match=r"unknown loss id 'dice'; known ids: .*dice_loss"):
        registry.get("dice")


def test_spec_validates_family_and_id() -> None:
    def fake(input: Tensor, target: Tensor) -> Tensor:
        return input

    with pytest.raises(ValueError, match=r"family must be one of .*; got 'vision' for fake"):
        LossSpec("fake", "vision", "Fake", "假", "Fake", None, None, fake)
    with pytest.raises(ValueError, match="id 'other' must be the function's name 'fake'"):
        LossSpec("other", "regression", "Fake", "假", "Fake", None, None, fake)
