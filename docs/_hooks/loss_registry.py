"""MkDocs hook: what the site takes from ``lossref.registry``, so no list is kept by hand.

* Navigation: the loss pages ``losses/<id>.md`` that exist are appended to the nav's
  "Losses" section, in registry order. A page that is not a registered loss stays out of the
  nav, which the strict build reports.
* Overview table: the line ``<!-- lossref:loss-table -->`` is replaced by a table of every
  loss, in the page's language. A name links to its page only once that page exists in that
  language, so the table never holds a broken link.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lossref.registry import FAMILIES, LOSSES

PLACEHOLDER = "<!-- lossref:loss-table -->"
NAV_SECTION = "Losses"

HEADERS = {
    "en": ("Loss", "Chinese name", "Family", "PyTorch counterpart"),
    "zh": ("损失函数", "英文名称", "类别", "PyTorch 对应接口"),
}
# Nav subsection per family; mkdocs.yml's nav_translations gives the Chinese titles.
FAMILY_TITLES = {family: titles[0] for family, titles in FAMILIES.items()}
FAMILIES_ZH = {family: titles[1] for family, titles in FAMILIES.items()}
NO_COUNTERPART = {"en": "none", "zh": "无"}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Append the existing loss pages to the nav's Losses section, one subsection per family
    (titled as in ``FAMILY_TITLES``, translated in mkdocs.yml), in registry order."""
    sections = [entry for entry in config.nav or [] if isinstance(entry, dict)]
    section = next((entry[NAV_SECTION] for entry in sections if NAV_SECTION in entry), None)
    if not isinstance(section, list):
        raise PluginError(f"mkdocs.yml: the nav needs a {NAV_SECTION!r} section (a list)")
    listed = {title for entry in section if isinstance(entry, dict) for title in entry}
    for family, title in FAMILY_TITLES.items():
        pages = [
            f"losses/{spec.id}.md"
            for spec in LOSSES
            if spec.family == family
            and (Path(config.docs_dir) / "losses" / f"{spec.id}.md").is_file()
        ]
        if pages and title not in listed:
            section.append({title: pages})
    return config


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The language the page is written in: ``zh`` for ``*.zh.md``, else the site default."""
    locale = getattr(page.file, "locale", None)  # set by mkdocs-static-i18n
    return locale if locale in HEADERS else str(config.theme["language"])


def loss_table(language: str, page: Page, docs_dir: Path) -> str:
    """The Markdown table for ``language``, with links relative to ``page``."""
    suffix = "" if language == "en" else f".{language}"
    page_dir = posixpath.dirname(page.file.src_uri)
    rows = [
        "| " + " | ".join(HEADERS[language]) + " |",
        "|" + "---|" * len(HEADERS[language]),
    ]
    for spec in LOSSES:
        name, other_name = spec.name_en, spec.name_zh
        if language == "zh":
            name, other_name = other_name, name
        if (docs_dir / "losses" / f"{spec.id}{suffix}.md").is_file():
            name = f"[{name}]({posixpath.relpath(f'losses/{spec.id}.md', page_dir or '.')})"
        torch_api = f"`{spec.torch}`" if spec.torch else NO_COUNTERPART[language]
        family = FAMILIES_ZH[spec.family] if language == "zh" else FAMILY_TITLES[spec.family]
        rows.append(f"| {name} | {other_name} | {family} | {torch_api} |")
    return "\n".join(rows)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the placeholder line, if the page has one, with the table."""
    if PLACEHOLDER not in markdown:
        return markdown
    table = loss_table(page_language(page, config), page, Path(config.docs_dir))
    return markdown.replace(PLACEHOLDER, table)
