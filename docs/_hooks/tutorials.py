"""MkDocs hook: the tutorials, executed at build time and rendered by mkdocs-jupyter.

Each ``notebooks/<name>.py`` (see ``tutorial_notebooks.py``) becomes two pages,
``tutorials/<name>/`` and ``zh/tutorials/<name>/``: the notebook of that language, executed
when the site is built (a cell that raises, or a number in the prose that differs from the
notebook's findings, fails the build), with a link to download it.

Why the pages are added here, and not as ``.ipynb`` files under ``docs/``: mkdocs-jupyter
marks a notebook as a page by wrapping its ``File`` in ``on_files``, and mkdocs-static-i18n,
whose ``on_files`` runs last (priority -100), rebuilds the file list from plain ``File``
objects, so the notebook becomes an asset to download instead of a page
(ultrabug/mkdocs-static-i18n#198). This hook's ``on_files`` runs after i18n's (priority
-110) and adds, for the language being built, one page per tutorial that is a page by its own
class and carries what i18n gives its own pages (``locale``, ``alternates``: the language
switcher goes to the same tutorial). mkdocs-jupyter renders it like any notebook page: its
``on_pre_page`` looks only at the file's extension.

The notebooks start executing when the first (English) build is configured, in a kernel per
core that runs its share of the tutorials, every English notebook first, while mkdocs reads and
renders the other pages; a tutorial page waits for its own notebook. mkdocs-jupyter's template
puts ~600 kB of JupyterLab CSS into every notebook page; it is moved into one stylesheet that
every tutorial page links to (``assets/stylesheets/notebook.<hash>.css``).
"""

from __future__ import annotations

import hashlib
import html
import logging
import posixpath
import re
import sys
import tempfile
from concurrent.futures import Future
from pathlib import Path

# mkdocs imports a hook with its folder on sys.path; pytest's doctest collection does not.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from tutorial_notebooks import LANGUAGES, NotebookError, Run, cancel, sources, start

log = logging.getLogger("mkdocs.hooks.tutorials")

SECTION = "tutorials"
DEFAULT_LANGUAGE = LANGUAGES[0]
STYLESHEET_DIR = "assets/stylesheets"
DOWNLOAD = {
    "en": "Download this notebook, with its outputs: {link}",
    "zh": "下载本笔记本（含运行结果）：{link}",
}
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
FIRST_TITLE_END = re.compile(r"</h1>")
NO_ALT = 'alt="No description has been provided for this image"'  # nbconvert's placeholder
IMAGE_TYPES = ("image/svg+xml", "image/png", "image/jpeg")
HEADING = re.compile(r'(<h[1-6] id=")[^"]*(">.*?<a class="anchor-link" href="#)[^"]*(">)', re.S)
# The loaders mkdocs-jupyter's template always writes: MathJax (configured to load nothing,
# "data:,") and Mermaid (a script that imports Mermaid from a CDN when a page has a diagram,
# and its style), each up to the comment that ends it.
LOADERS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!<script).)*?"
    r"<!-- End of mermaid configuration -->",
    re.S,
)

# The executed notebooks, written where mkdocs-jupyter reads them (a folder of this process).
_folder = tempfile.TemporaryDirectory(prefix="lossref-tutorials-")
_runs: dict[tuple[str, str], Future[Run]] = {}
_stylesheets: dict[str, str] = {}  # file name -> CSS, for this build
_figures: dict[str, list[str | None]] = {}  # page -> alt text of each figure, for this build


class NotebookPage(File):
    """A tutorial notebook of one language, built as a page (``tutorials/<name>/``)."""

    def is_documentation_page(self) -> bool:
        return True


def _tutorial(page: Page) -> NotebookPage | None:
    return page.file if isinstance(page.file, NotebookPage) else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start running every tutorial in both languages (once for both language builds)."""
    _runs.update(start(sources()))
    _stylesheets.clear()
    return config


def _page_file(name: str, language: str, config: MkDocsConfig) -> NotebookPage:
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    page = f"{name}/index.html" if config.use_directory_urls else f"{name}.html"
    return NotebookPage(
        f"{SECTION}/{name}{suffix}.ipynb",
        _folder.name,
        config.site_dir,
        config.use_directory_urls,
        dest_uri=f"{prefix}{SECTION}/{page}",
    )


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100): see the module docstring
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = str(config.theme["language"])
    for path in sources():
        pages = {other: _page_file(path.stem, other, config) for other in LANGUAGES}
        page = pages[language]
        # What mkdocs-static-i18n sets on its own pages: the switcher links to the alternates.
        page.locale = language  # type: ignore[attr-defined]
        page.locale_alternate_of = language  # type: ignore[attr-defined]
        page.alternates = pages  # type: ignore[attr-defined]
        files.append(page)
    return files


@event_priority(10)  # before mkdocs-jupyter reads the notebook
def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Wait for this page's notebook, and write it where the page is read from."""
    file = _tutorial(page)
    if file is None:
        return page
    name = Path(file.src_uri).name.split(".", 1)[0]
    language = str(config.theme["language"])
    try:
        run = _runs[name, language].result()
    except NotebookError as error:
        cancel()
        raise PluginError(str(error)) from None
    assert file.abs_src_path is not None
    Path(file.abs_src_path).parent.mkdir(parents=True, exist_ok=True)
    Path(file.abs_src_path).write_text(run.text, encoding="utf-8")
    _figures[file.src_uri] = [
        output["metadata"].get(kind, {}).get("alt")
        for cell in run.notebook.cells
        for output in cell.get("outputs", [])
        for kind in IMAGE_TYPES
        if kind in output.get("data", {})
    ]
    log.info(f"Tutorial {name} ({language}) executed in {run.seconds:.1f} s")
    return page


def _anchors(items: list[AnchorLink]) -> list[str]:
    return [anchor for item in items for anchor in (item.id, *_anchors(item.children))]


def _headings_as_in_toc(html_text: str, page: Page) -> str:
    """Give the headings the ids of the page's table of contents.

    mkdocs-jupyter computes the TOC with Python-Markdown's ids and the headings' ids with its
    own ASCII-only slugify, so a Chinese heading gets ``id=""`` while its TOC entry links to
    ``#_1``. Both list the notebook's headings in order."""
    anchors = _anchors(list(page.toc))
    count = len(HEADING.findall(html_text))
    if count != len(anchors):
        raise PluginError(
            f"{page.file.src_uri}: {count} headings but {len(anchors)} TOC entries: a heading "
            "mkdocs-jupyter did not render as a heading?"
        )
    remaining = iter(anchors)

    def with_toc_id(match: re.Match[str]) -> str:
        anchor = next(remaining)
        return f"{match[1]}{anchor}{match[2]}{anchor}{match[3]}"

    return HEADING.sub(with_toc_id, html_text)


def _figures_described(html_text: str, file: NotebookPage) -> str:
    """nbconvert gives every figure the same placeholder text alternative; put in each the
    ``alt`` its notebook displayed it with (``show(figure, alt)`` in the tutorials)."""
    alts = _figures[file.src_uri]
    if None in alts or html_text.count(NO_ALT) != len(alts):
        raise PluginError(
            f"{file.src_uri}: show each figure with a text alternative, "
            '`display(figure, metadata={"image/svg+xml": {"alt": ...}})` (`show` does it)'
        )
    for alt in alts:
        html_text = html_text.replace(NO_ALT, f'alt="{html.escape(alt or "")}"', 1)
    return html_text


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make the rendered notebook fit the site: heading ids as in the TOC, text alternatives
    for the figures, no CDN loaders, its CSS in a shared stylesheet; and offer the notebook
    for download."""
    file = _tutorial(page)
    if file is None:
        return html_text
    html_text = _figures_described(_headings_as_in_toc(html_text, page), file)
    html_text = LOADERS.sub("", html_text)
    css = "\n".join(STYLE.findall(html_text))
    name = f"notebook.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    _stylesheets[name] = css
    page_dir = file.url if file.url.endswith("/") else posixpath.dirname(file.url)
    href = posixpath.relpath(f"{STYLESHEET_DIR}/{name}", page_dir or ".")
    html_text = STYLE.sub("", html_text)
    download = Path(file.abs_src_path or "").name  # mkdocs-jupyter copies it beside the page
    language = str(config.theme["language"])
    link = f'<a href="{html.escape(download)}" download>{html.escape(download)}</a>'
    note = f'<p class="lossref-download">{DOWNLOAD[language].format(link=link)}</p>'
    html_text, found = FIRST_TITLE_END.subn(f"</h1>\n{note}", html_text, count=1)
    if not found:
        raise PluginError(f"{file.src_uri}: the notebook has no title (a `# ` heading)")
    return f'<link rel="stylesheet" href="{href}">\n{html_text}'


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / STYLESHEET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, css in _stylesheets.items():
        (target / name).write_text(css, encoding="utf-8")


def on_build_error(error: Exception) -> None:
    cancel()
