"""MkDocs hook: the figures of the loss pages, drawn at build time by ``lossplots.py``.

* ``<!-- lossref:figure -->`` on ``losses/<id>.md`` (and ``.zh.md``) becomes that loss's
  figure: the loss and its gradient as curves, labelled in the page's language.
* ``<!-- lossref:family-figures -->`` becomes one comparison figure per family with two or
  more losses, each under a heading.

The SVGs are drawn once per build (both languages), kept in memory and written to
``<site_dir>/assets/figures/`` after the build. The build fails when a registered loss has no
entry in ``lossplots.FIGURES`` or when the Chinese font is missing.
"""

from __future__ import annotations

import html
import posixpath
import sys
from pathlib import Path, PurePosixPath

# mkdocs imports a hook with its folder on sys.path; pytest's doctest collection does not.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from loss_registry import FAMILIES_ZH, FAMILY_TITLES, page_language
from lossplots import (
    AXES,
    CJK_FONT,
    FIGURES,
    LEGEND_NOTES,
    cjk_font_missing,
    families_to_compare,
    family_members,
    family_svg,
    loss_svg,
    missing_figures,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lossref.registry import BY_ID, LossSpec

LOSS_PLACEHOLDER = "<!-- lossref:figure -->"
FAMILY_PLACEHOLDER = "<!-- lossref:family-figures -->"
FIGURE_DIR = "assets/figures"
# The SVGs' own size in CSS pixels (8 in wide at matplotlib's 72 points per inch, scaled).
WIDTH = 800

_drawn: dict[str, bytes] = {}  # file name -> SVG, for this build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    missing = missing_figures()
    if missing:
        raise PluginError(
            f"No figure for {', '.join(missing)}: add an entry to FIGURES in "
            "docs/_hooks/lossplots.py (the x axis, the function and the curves to draw)."
        )
    if cjk_font_missing():
        raise PluginError(
            f"Font {CJK_FONT!r} not found, so Chinese figure labels cannot be drawn. Install "
            "it with `apt-get install fonts-noto-cjk` (`bash .ci/dev setup` does this), then "
            "delete matplotlib's font cache (~/.cache/matplotlib) if it still is not found."
        )
    _drawn.clear()
    return config


def _figure_html(name: str, svg: bytes, alt: str, page: Page) -> str:
    _drawn[name] = svg
    page_dir = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    source = posixpath.relpath(f"{FIGURE_DIR}/{name}", page_dir or ".")
    height = _svg_height(svg)
    return (
        f'<figure class="lossref-figure"><img src="{source}" alt="{html.escape(alt)}" '
        f'width="{WIDTH}" height="{height}"></figure>'
    )


def _svg_height(svg: bytes) -> int:
    """The height, in CSS pixels at ``WIDTH``, of an SVG whose size is given in points."""
    head = svg[:2000].decode("utf-8")
    width = float(head.split('width="', 1)[1].split("pt", 1)[0])
    height = float(head.split('height="', 1)[1].split("pt", 1)[0])
    return round(WIDTH * height / width)


def loss_alt(spec: LossSpec, language: str) -> str:
    entry = FIGURES[spec.id]
    axis = AXES[entry.axis]
    labels = [label for label, _ in entry.curves if label]
    note = LEGEND_NOTES.get(entry.axis, {}).get(language, "")
    if language == "zh":
        text = f"{spec.name_zh}：左图为损失，右图为梯度 {axis.gradient}，横轴为{axis.label['zh']}"
        if labels:
            text += f"；每条曲线对应一个参数取值：{'、'.join(labels)}"
        return text + (f"（{note}）" if note else "") + "。"
    text = (
        f"{spec.name_en}: the loss (left) and its gradient {axis.gradient} (right) against "
        f"the {axis.label['en']}"
    )
    if labels:
        text += f"; one curve for each of {', '.join(labels)}"
    return text + (f" ({note})" if note else "") + "."


def family_alt(family: str, language: str) -> str:
    if language == "zh":
        names = "、".join(spec.name_zh for spec in family_members(family))
        return f"{FAMILIES_ZH[family]}类损失函数对比：{names}，左图为损失，右图为梯度。"
    names = ", ".join(spec.name_en for spec in family_members(family))
    return f"The {family} losses compared: {names}; the loss (left) and its gradient (right)."


def _loss_id(page: Page) -> str | None:
    path = PurePosixPath(page.file.src_uri)
    stem = path.name.split(".", 1)[0]
    return stem if path.parent == PurePosixPath("losses") and stem in BY_ID else None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = page_language(page, config)
    if LOSS_PLACEHOLDER in markdown:
        loss_id = _loss_id(page)
        if loss_id is None:
            raise PluginError(f"{page.file.src_uri}: {LOSS_PLACEHOLDER} on a page of no loss")
        spec = BY_ID[loss_id]
        name = f"{loss_id}.{language}.svg"
        svg = _drawn.get(name) or loss_svg(spec, language)
        markdown = markdown.replace(
            LOSS_PLACEHOLDER, _figure_html(name, svg, loss_alt(spec, language), page)
        )
    if FAMILY_PLACEHOLDER in markdown:
        blocks = []
        for family in families_to_compare():
            name = f"family-{family}.{language}.svg"
            svg = _drawn.get(name) or family_svg(family, language)
            title = FAMILIES_ZH[family] if language == "zh" else FAMILY_TITLES[family]
            figure = _figure_html(name, svg, family_alt(family, language), page)
            blocks.append(f"### {title}\n\n{figure}")
        markdown = markdown.replace(FAMILY_PLACEHOLDER, "\n\n".join(blocks))
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Write the figures drawn in this build (mkdocs-static-i18n builds each language with
    its own ``site_dir``, each with the pages' links relative to it)."""
    target = Path(config.site_dir) / FIGURE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, svg in _drawn.items():
        (target / name).write_bytes(svg)
