"""Every loss has its two pages, and every loss page follows the page contract.

The contract (required sections, scaffold marker, glossary variants) is in
``lossref/_pages.py``; the scaffold writes pages from the same constants. What these tests leave
to the strict build (tests/test_site_build.py): that every page is in the nav (the registry
hook adds each registered loss page; ``validation.nav.omitted_files: warn`` with ``--strict``
fails on any page left out) and that Markdown links and anchors resolve
(``validation.links``). ``test_strict_build_validates_nav_and_links`` keeps those settings on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from lossref._pages import (
    LANGUAGES,
    PAGE_SECTIONS,
    SCAFFOLD_MARKER,
    loss_page_problems,
    marker_problems,
    page_path,
    structure_problems,
    term_problems,
    unregistered_pages,
)
from lossref.registry import FAMILIES, LOSSES, LossSpec

REPO = Path(__file__).resolve().parents[1]
SPEC_IDS = [spec.id for spec in LOSSES]


def fail(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_loss_page_is_registered() -> None:
    """The other direction, a page for every registered loss, is part of test_loss_page."""
    fail(unregistered_pages(REPO, SPEC_IDS))


@pytest.mark.parametrize("spec", LOSSES, ids=SPEC_IDS)
def test_loss_page(spec: LossSpec) -> None:
    """Titles, the required sections in order, no scaffold marker, glossary terms."""
    fail(loss_page_problems(REPO, spec.id, spec.name_en, spec.name_zh))


def test_chinese_pages_use_glossary_terms() -> None:
    problems = []
    for path in sorted((REPO / "docs").rglob("*.zh.md")):
        text = path.read_text(encoding="utf-8")
        problems += [f"{path.relative_to(REPO)}:{line}: {m}" for line, m in term_problems(text)]
    fail(problems)


def test_strict_build_validates_nav_and_links() -> None:
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml_load(source)
    validation = config["validation"]
    assert validation["nav"] == {"omitted_files": "warn", "not_found": "warn"}
    assert validation["links"]["not_found"] == "warn"
    assert validation["links"]["anchors"] == "warn"


def test_every_nav_title_has_a_chinese_translation() -> None:
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as source:
        config = yaml_load(source)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    zh = next(language for language in i18n["languages"] if language["locale"] == "zh")
    translated = zh.get("nav_translations", {})
    family_titles = dict(FAMILIES.values())  # the hook's family sections
    missing = sorted((set(nav_titles(config["nav"])) | set(family_titles)) - set(translated))
    assert missing == [], f"mkdocs.yml: add these to the zh nav_translations: {missing}"
    wrong = {en: translated[en] for en, zh in family_titles.items() if translated[en] != zh}
    assert wrong == {}, "mkdocs.yml: family titles must be translated as in registry.FAMILIES"


def nav_titles(nav: list[object]) -> list[str]:
    titles = []
    for entry in nav:
        if isinstance(entry, dict):
            for title, value in entry.items():
                titles.append(str(title))
                if isinstance(value, list):
                    titles += nav_titles(value)
    return titles


def test_contributing_guide_is_the_site_page() -> None:
    """CONTRIBUTING.md and docs/contributing.md tell the same workflow, from "## Set up" on."""
    root, page = (
        path.read_text(encoding="utf-8")
        for path in (REPO / "CONTRIBUTING.md", REPO / "docs" / "contributing.md")
    )
    start = "## Set up"
    assert root[root.index(start) :] == page[page.index(start) :], (
        "CONTRIBUTING.md and docs/contributing.md differ after '## Set up': edit both alike"
    )


# --- each check fails on bad input ----------------------------------------------------------


def good_page(language: str, title: str) -> str:
    index = LANGUAGES.index(language)
    return f"# {title}\n\n" + "".join(f"## {pair[index]}\n\ntext\n\n" for pair in PAGE_SECTIONS)


def test_a_well_formed_page_passes() -> None:
    assert structure_problems(good_page("en", "Huber loss"), "en", "Huber loss") == []
    assert structure_problems(good_page("zh", "Huber 损失"), "zh", "Huber 损失") == []


def test_wrong_title_is_reported() -> None:
    problems = structure_problems(good_page("zh", "胡伯损失"), "zh", "Huber 损失")
    assert problems == [(1, "the title is '胡伯损失': write '# Huber 损失' (the registry name)")]


def test_missing_unknown_and_misordered_sections_are_reported() -> None:
    text = good_page("en", "X").replace("## Formula\n", "## Formulas\n")
    problems = structure_problems(text, "en", "X")
    assert problems[0][0] == 7
    assert problems[0][1].startswith("unexpected section '## Formulas': use a required heading")
    assert any("missing section '## Formula'" in message for _, message in problems)
    swapped = (
        good_page("en", "X")
        .replace("## Formula\n", "## @\n")
        .replace("## Intuition\n", "## Formula\n")
    )
    swapped = swapped.replace("## @\n", "## Intuition\n")
    assert any("out of order" in message for _, message in structure_problems(swapped, "en", "X"))
    twice = good_page("en", "X") + "## Formula\n"
    assert any("appears twice" in message for _, message in structure_problems(twice, "en", "X"))


def test_headings_inside_code_fences_do_not_count() -> None:
    text = good_page("en", "X") + "```markdown\n## Not a section\n```\n"
    assert structure_problems(text, "en", "X") == []


def test_markers_and_nonstandard_terms_are_reported() -> None:
    assert marker_problems(f"ok\n<!-- {SCAFFOLD_MARKER}: write -->\n")[0][0] == 2
    assert term_problems("它就是均方差。\n") == [
        (1, "non-standard term '均方差': write '均方误差' (glossary)")
    ]
    assert term_problems("均方误差与二分类交叉熵。\n") == []


def test_missing_and_unregistered_pages_are_reported(tmp_path: Path) -> None:
    (tmp_path / "docs" / "losses").mkdir(parents=True)
    page_path(tmp_path, "huber_loss", "en").write_text(good_page("en", "Huber loss"))
    page_path(tmp_path, "stray", "zh").write_text("# 杂项\n")
    problems = loss_page_problems(tmp_path, "huber_loss", "Huber loss", "Huber 损失")
    assert problems == [
        "docs/losses/huber_loss.zh.md: missing: create it "
        "(python -m lossref new huber_loss ... scaffolds both languages)"
    ]
    assert unregistered_pages(tmp_path, ["huber_loss"])[0].startswith(
        "docs/losses/stray.zh.md: no registry entry 'stray'"
    )
