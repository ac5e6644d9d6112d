"""The figures hook (docs/_hooks/figures.py) and its plotting table (lossplots.py).

The built pages, with their figures loaded in a browser, are checked in test_browser.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from lossref.registry import BY_ID, LOSSES
from tests.conftest import load_hook

REPO = Path(__file__).resolve().parents[1]
HEADINGS = {"en": "## Intuition", "zh": "## 直观理解"}


@pytest.fixture(scope="module")
def hooks() -> SimpleNamespace:
    """The hook and the plotting module it imports."""
    hook = load_hook("figures")
    return SimpleNamespace(hook=hook, plots=sys.modules["lossplots"])


def test_every_registered_loss_has_exactly_one_figure_entry(hooks: SimpleNamespace) -> None:
    assert hooks.plots.missing_figures() == []
    assert sorted(set(hooks.plots.FIGURES) - set(BY_ID)) == [], "entries for no loss"
    for loss_id, entry in hooks.plots.FIGURES.items():
        assert entry.axis in hooks.plots.AXES, loss_id


def test_build_fails_clearly_for_a_loss_without_figure(
    hooks: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    figures = dict(hooks.plots.FIGURES)
    del figures["kl_div"]
    monkeypatch.setattr(hooks.plots, "FIGURES", figures)
    with pytest.raises(PluginError, match=r"No figure for kl_div: add an entry to FIGURES"):
        hooks.hook.on_config(SimpleNamespace())


def test_figures_are_deterministic_and_need_no_reader_font(hooks: SimpleNamespace) -> None:
    spec = BY_ID["huber_loss"]
    first = hooks.plots.loss_svg(spec, "zh")
    assert first == hooks.plots.loss_svg(spec, "zh")
    svg = first.decode("utf-8")
    assert "<text" not in svg, "text must be drawn as paths"
    assert "<dc:date>" not in svg


@pytest.mark.parametrize("spec", LOSSES, ids=lambda spec: spec.id)
def test_every_loss_page_places_its_figure_under_intuition(spec: object) -> None:
    for language, heading in HEADINGS.items():
        suffix = "" if language == "en" else f".{language}"
        page = REPO / "docs" / "losses" / f"{spec.id}{suffix}.md"  # type: ignore[attr-defined]
        if not page.is_file():
            continue  # test_structure / the scaffold report missing pages
        text = page.read_text(encoding="utf-8")
        assert text.count("<!-- lossref:figure -->") == 1, page
        assert f"{heading}\n\n<!-- lossref:figure -->\n" in text, page


@pytest.mark.parametrize("language", ["en", "zh"])
def test_placeholder_becomes_an_image_with_alt_text_in_the_pages_language(
    hooks: SimpleNamespace, language: str
) -> None:
    suffix = "" if language == "en" else ".zh"
    url = "losses/dice_loss/" if language == "en" else "zh/losses/dice_loss/"
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri=f"losses/dice_loss{suffix}.md", locale=language), url=url
    )
    config = SimpleNamespace(theme={"language": "en"})
    html = hooks.hook.on_page_markdown("<!-- lossref:figure -->\n", page, config, None)
    image = re.search(r'<img src="([^"]+)" alt="([^"]+)" width="800" height="(\d+)">', html)
    assert image, html
    source, alt, _ = image.groups()
    depth = "../../" if language == "en" else "../../../"
    assert source == f"{depth}assets/figures/dice_loss.{language}.svg"
    name = BY_ID["dice_loss"].name_zh if language == "zh" else BY_ID["dice_loss"].name_en
    assert alt.startswith(name)
    assert bool(re.search(r"[\u4e00-\u9fff]", alt)) == (language == "zh")
