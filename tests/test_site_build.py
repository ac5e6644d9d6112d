"""The documentation site builds strictly, in both languages, and fetches nothing from elsewhere."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from lossref.registry import LOSSES
from tests.pagecheck import Page, Site

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"

# Tags whose URL a browser fetches as the page loads (an <a href> is only a link, and so is a
# <link rel="canonical"> or rel="alternate").
FETCHING_TAG = re.compile(r"<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*>", re.I)
URL_ATTRIBUTE = re.compile(r"""\b(?:src|href|srcset|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
NOT_FETCHED = re.compile(r"""\brel\s*=\s*["']?(?:canonical|alternate)\b""", re.I)
CSS_REMOTE = re.compile(
    r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I
)


@dataclass
class Build:
    site: Path
    returncode: int
    log: str


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site, built once for this module exactly as `bash .ci/dev build` builds it."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(site, result.returncode, result.stdout + result.stderr)


def source_pages() -> list[Path]:
    """The English pages (``foo.md``), relative to docs/."""
    return sorted(
        path.relative_to(DOCS)
        for path in DOCS.rglob("*.md")
        if not path.name.endswith(".zh.md") and "_hooks" not in path.parts
    )


def built_page(page: Path) -> Path:
    """Where mkdocs writes ``page``: ``a/index.md`` -> ``a/index.html``, ``a/b.md`` ->
    ``a/b/index.html``."""
    if page.stem == "index":
        return page.with_suffix(".html")
    return page.with_suffix("") / "index.html"


def test_build_is_strict_and_warning_free(build: Build) -> None:
    problems = [line for line in build.log.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    assert build.returncode == 0, build.log
    assert problems == []


def test_every_page_has_a_translation() -> None:
    english = {page.with_suffix("") for page in source_pages()}
    chinese = {
        path.relative_to(DOCS).with_suffix("").with_suffix("") for path in DOCS.rglob("*.zh.md")
    }
    assert sorted(english - chinese) == [], "pages without a .zh.md translation"
    assert sorted(chinese - english) == [], "translations without an English page"


def test_translations_run_the_same_code_with_the_same_outputs() -> None:
    site = Site(REPO / "mkdocs.yml")
    for page in source_pages():
        translation = DOCS / page.with_suffix(".zh.md")
        if not translation.is_file():
            continue  # test_every_page_has_a_translation reports it
        english, chinese = site.page(DOCS / page), site.page(translation)
        for name, checked in (("code", code_shown), ("outputs", outputs_shown)):
            assert checked(english) == checked(chinese), f"{page}: {name} differ from .zh.md"


def code_shown(page: Page) -> list[str]:
    return [fence.text for fence in page.runnable]


def outputs_shown(page: Page) -> list[str | None]:
    return [getattr(page.outputs.get(fence.line), "text", None) for fence in page.runnable]


def test_every_page_is_built_in_both_languages(build: Build) -> None:
    pages = source_pages()
    assert Path("index.md") in pages
    for page in pages:
        assert (build.site / built_page(page)).is_file(), page
        assert (build.site / "zh" / built_page(page)).is_file(), page


def test_nothing_is_fetched_from_another_host(build: Build) -> None:
    remote = []
    for path in sorted(build.site.rglob("*")):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            tags = [
                tag
                for tag in FETCHING_TAG.findall(text)
                if URL_ATTRIBUTE.search(tag) and not NOT_FETCHED.search(tag)
            ]
            remote += [f"{path.relative_to(build.site)}: {tag}" for tag in tags]
            remote += [f"{path.relative_to(build.site)}: {m[0]}" for m in CSS_REMOTE.finditer(text)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            remote += [f"{path.relative_to(build.site)}: {m[0]}" for m in CSS_REMOTE.finditer(text)]
    assert remote == []


def test_no_theme_feature_that_fetches_is_on(build: Build) -> None:
    """Material's JavaScript fetches from other hosts only for these: repository facts
    (``repo_url``), Mermaid diagrams, and Google Fonts unless ``font: false``."""
    for path in build.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'class="md-source"' not in text, path
        assert 'class="mermaid"' not in text, path
        assert "fonts.googleapis.com" not in text, path


def test_katex_is_served_by_the_site(build: Build) -> None:
    katex = build.site / "assets" / "katex"
    assert (katex / "katex.min.js").is_file()
    assert (build.site / "assets" / "javascripts" / "katex-init.js").is_file()
    css = (katex / "katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert fonts, "no woff2 fonts referenced by katex.min.css"
    assert sorted(font for font in fonts if not (katex / font).is_file()) == []
    for language in ("", "zh/"):
        home = (build.site / language / "index.html").read_text(encoding="utf-8")
        assert "assets/katex/katex.min.js" in home
        assert "assets/katex/katex.min.css" in home


def test_search_splits_chinese_into_words(build: Build) -> None:
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = index["config"]
    # lunr's zh language would need jieba in the browser; Material segments at build time.
    assert config["lang"] == ["en"]
    assert "\\u200b" in config["separator"]
    separator = re.compile(config["separator"])
    chinese = [doc for doc in index["docs"] if doc["location"].startswith("zh/")]
    assert chinese, "no Chinese pages in the search index"
    text = " ".join(doc["title"] + " " + doc["text"] for doc in chinese)
    assert "\u200b" in text, "Chinese text is not segmented: is jieba installed?"
    words = set(separator.split(text))
    assert "损失" in words
    # The browser splits a Han query into indexed words; 交叉熵 must split into some.
    assert splits_into("交叉熵", words)


def splits_into(query: str, words: set[str]) -> bool:
    """Whether ``query`` is a concatenation of ``words``."""
    reachable = {0}
    for end in range(1, len(query) + 1):
        if any(query[start:end] in words for start in reachable if start < end):
            reachable.add(end)
    return len(query) in reachable


def test_loss_table_lists_every_loss_in_both_languages(build: Build) -> None:
    english = (build.site / "losses" / "index.html").read_text(encoding="utf-8")
    chinese = (build.site / "zh" / "losses" / "index.html").read_text(encoding="utf-8")
    assert "lossref:loss-table" not in english + chinese
    for spec in LOSSES:
        assert spec.name_en in english, spec.id
        assert spec.name_zh in chinese, spec.id
    assert "回归" in chinese
    assert "regression" in english


# --- the loss-table hook on its own ------------------------------------------------------


def load_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"hook_{name}", DOCS / "_hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_loss_table_links_only_pages_that_exist(tmp_path: Path) -> None:
    hook = load_hook("loss_registry")
    (tmp_path / "losses").mkdir()
    (tmp_path / "losses" / "huber_loss.md").write_text("# Huber\n")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="losses/index.md", locale="en"))
    english = hook.loss_table("en", page, tmp_path)
    chinese = hook.loss_table("zh", page, tmp_path)
    assert "[Huber loss](huber_loss.md)" in english
    assert "| Mean squared error (L2) |" in english  # no page yet: no link
    assert "](" not in chinese  # no Chinese page exists yet
    assert len(english.splitlines()) == 2 + len(LOSSES)
