"""The documentation site builds strictly, in both languages, and fetches nothing from elsewhere."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from itertools import zip_longest
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from lossref.registry import LOSSES
from tests.conftest import REPO, Build, load_hook
from tests.pagecheck import Page, Site

DOCS = REPO / "docs"

# Tags whose URL a browser fetches as the page loads (an <a href> is only a link, and so is a
# <link rel="canonical"> or rel="alternate").
FETCHING_TAG = re.compile(r"<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*>", re.I)
URL_ATTRIBUTE = re.compile(r"""\b(?:src|href|srcset|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
NOT_FETCHED = re.compile(r"""\brel\s*=\s*["']?(?:canonical|alternate)\b""", re.I)
CSS_REMOTE = re.compile(
    r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I
)


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


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(REPO / "mkdocs.yml")


@pytest.mark.parametrize("page", source_pages(), ids=str)
def test_translations_run_the_same_code_with_the_same_outputs(site: Site, page: Path) -> None:
    translation = DOCS / page.with_suffix(".zh.md")
    if not translation.is_file():
        pytest.skip("no .zh.md: test_every_page_has_a_translation reports it")
    english, chinese = site.page(DOCS / page), site.page(translation)
    names = (f"docs/{page}", f"docs/{page.with_suffix('.zh.md')}")
    problems = twin_differences(english, chinese, *names)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def twin_differences(english: Page, chinese: Page, en_name: str, zh_name: str) -> list[str]:
    """Where two translations run different code or document different outputs: the block's
    number and the lines in both files."""
    problems = []
    pairs = zip_longest(english.runnable, chinese.runnable)
    for number, (en, zh) in enumerate(pairs, start=1):
        if en is None or zh is None:
            here, there, block = (zh_name, en_name, zh) if en is None else (en_name, zh_name, en)
            assert block is not None
            problems.append(
                f"{here}:{block.line}: python block {number} has no counterpart in {there}: "
                "add the same block there (include the same snippet file) or remove it here"
            )
            continue
        where = f"{en_name}:{en.line} and {zh_name}:{zh.line}"
        if en.text != zh.text:
            problems.append(
                f"{where}: python block {number} differs: both languages must show the same "
                "code (include the same snippet file)"
            )
        outputs = [page.outputs.get(fence.line) for page, fence in ((english, en), (chinese, zh))]
        texts = [getattr(output, "text", None) for output in outputs]
        if texts[0] != texts[1]:
            problems.append(
                f"{where}: the output shown after python block {number} differs: include the "
                "same .out file after the block in both languages"
            )
    return problems


def test_twin_differences_are_reported(site: Site) -> None:
    block = "```python\nprint({})\n```\n\n```{{.text .output}}\n{}\n```\n\n"
    english = site.scan(block.format(1, 1) + block.format(2, 2))
    chinese = site.scan(block.format(1, 9) + block.format(3, 3) + block.format(4, 4))
    problems = twin_differences(english, chinese, "a.md", "a.zh.md")
    assert [p.split(": ")[0] for p in problems] == [
        "a.md:1 and a.zh.md:1",
        "a.md:9 and a.zh.md:9",
        "a.md:9 and a.zh.md:9",
        "a.zh.md:17",
    ]
    assert "output shown after python block 1 differs" in problems[0]
    assert "python block 2 differs" in problems[1]
    assert twin_differences(english, english, "a.md", "a.md") == []


def test_every_page_is_built_in_both_languages(build: Build) -> None:
    pages = source_pages()
    assert Path("index.md") in pages
    for page in pages:
        assert (build.site / built_page(page)).is_file(), page
        assert (build.site / "zh" / built_page(page)).is_file(), page


HREF = re.compile(r"""\bhref=["']([^"']*)["']""")
HTML_ID = re.compile(r"""\b(?:id|name)=["']([^"']+)["']""")


def test_internal_links_and_anchors_resolve(build: Build) -> None:
    """Every local ``href`` in the built HTML, from pages, hooks and theme alike, leads to a
    file of the site and, with a ``#fragment``, to an element with that id."""
    problems = broken_links(build.site)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def broken_links(site: Path) -> list[str]:
    ids: dict[Path, set[str]] = {}
    problems = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        ids.setdefault(page, set(HTML_ID.findall(text)))
        for href in sorted(set(HREF.findall(text))):
            link = urlsplit(html.unescape(href))
            if link.scheme or link.netloc or not (link.path or link.fragment):
                continue
            path = unquote(link.path)
            target = (site / path.lstrip("/")) if path.startswith("/") else page.parent / path
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site)} (from {source_of(page.relative_to(site))})"
            if not target.resolve().is_file():
                problems.append(f"{where}: link {href!r} leads to no file: fix or remove it")
            elif link.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(HTML_ID.findall(target.read_text(encoding="utf-8")))
                if unquote(link.fragment) not in ids[target]:
                    problems.append(
                        f"{where}: link {href!r}: no id {link.fragment!r} in "
                        f"{target.resolve().relative_to(site.resolve())}: use an existing "
                        "heading's anchor"
                    )
    return problems


def source_of(built: Path) -> str:
    """The page a built file comes from: ``zh/a/b/index.html`` -> ``docs/a/b.zh.md``."""
    parts = list(built.parts)
    suffix = ".zh.md" if parts[0] == "zh" else ".md"
    parts = parts[1:] if parts[0] == "zh" else parts
    if (
        parts[-1] == "index.html"
        and len(parts) > 1
        and not (DOCS / Path(*parts[:-1]) / "index.md").is_file()
    ):
        parts = parts[:-1]
    else:
        parts[-1] = parts[-1].removesuffix(".html")
    return f"docs/{Path(*parts)}{suffix}"


def test_broken_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="ok">x</h2><a href="#ok"></a><a href="../b/"></a><a href="#gone"></a>'
        '<a href="https://example.org/"></a><a href="../index.html#ok"></a>'
    )
    (tmp_path / "index.html").write_text('<p id="top"></p>')
    assert broken_links(tmp_path) == [
        "a/index.html (from docs/a.md): link '#gone': no id 'gone' in a/index.html: "
        "use an existing heading's anchor",
        "a/index.html (from docs/a.md): link '../b/' leads to no file: fix or remove it",
        "a/index.html (from docs/a.md): link '../index.html#ok': no id 'ok' in index.html: "
        "use an existing heading's anchor",
    ]


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
        # The loader is on every page; it fetches KaTeX itself, only where there is math.
        assert "assets/javascripts/katex-init.js" in home
        assert "katex.min.js" not in home


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


def test_search_index_leaves_out_code_blocks_but_keeps_names(build: Build) -> None:
    """docs/_hooks/search_index.py: no <pre> text, inline code kept, every page still there."""
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "<pre" not in text
    assert "<code>pos_weight</code>" in text
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {f"losses/{spec.id}/" for spec in LOSSES} <= pages


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


# --- what the browser test checks on a sample of the loss pages, here on every page ----------

FORMULA = re.compile(r"""<(span|div) class="arithmatex">(.*?)</\1>""", re.S)
DELIMITERS = re.compile(r"^\\[(\[]|\\[)\]]$")  # katex-init.js strips the same
# The options of docs/assets/javascripts/katex-init.js, but an error throws: in the browser it
# becomes red source text in the page and a reader's puzzle.
TYPESET = r"""
const katex = require(process.argv[1]);
const formulas = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const errors = [];
for (const [where, tex, display] of formulas) {
  try {
    katex.renderToString(tex, { displayMode: display, throwOnError: true });
  } catch (error) {
    errors.push(`${where}: ${error.message}`);
  }
}
process.stdout.write(JSON.stringify({ typeset: formulas.length - errors.length, errors }));
"""


def formulas(site: Path) -> list[tuple[str, str, bool]]:
    """Every formula of the built site: (page, TeX as katex-init.js reads it, display?)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for tag, inner in FORMULA.findall(page.read_text(encoding="utf-8")):
            tex = DELIMITERS.sub("", html.unescape(inner).strip())
            found.append((str(page.relative_to(site)), tex, tag == "div"))
    return found


def typeset(site: Path, found: list[tuple[str, str, bool]]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: `bash .ci/dev setup` installs it with KaTeX")
    result = subprocess.run(
        [node, "-e", TYPESET, str(site / "assets" / "katex" / "katex.min.js")],
        input=json.dumps(found),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome: dict[str, Any] = json.loads(result.stdout)
    return outcome


def test_every_formula_typesets(build: Build) -> None:
    """Every formula of every page, both languages, typeset by the KaTeX the site serves."""
    found = formulas(build.site)
    assert len(found) > 40 * len(LOSSES)
    outcome = typeset(build.site, found)
    assert outcome["errors"] == []
    assert outcome["typeset"] == len(found)


def test_a_formula_katex_cannot_typeset_is_reported(build: Build) -> None:
    bad = [("losses/x/index.html", r"\frac{1}{", False), ("a.html", r"\ell(e)", True)]
    outcome = typeset(build.site, bad)
    assert outcome["typeset"] == 1
    assert len(outcome["errors"]) == 1
    assert outcome["errors"][0].startswith("losses/x/index.html: KaTeX parse error")


# What must not be left in a page's text once its formulas are typeset: a delimiter or a command
# that arithmatex did not turn into a formula. tests/test_browser.py checks the same after
# KaTeX has run, on the pages it loads.
RAW_TEX = ("$", "\\(", "\\[", "\\frac", "\\begin")
ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
NOT_PROSE = re.compile(r"<(pre|code|script|style)\b[^>]*>.*?</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def raw_tex(site: Path) -> list[str]:
    """Raw TeX left in the text of every page's article (its code and formulas left out)."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        article = ARTICLE.search(page.read_text(encoding="utf-8"))
        if article is None:  # a redirect
            continue
        prose = NOT_PROSE.sub(" ", FORMULA.sub(" ", article[1]))
        text = " ".join(html.unescape(TAG.sub(" ", prose)).split())
        for tex in RAW_TEX:
            at = text.find(tex)
            if at >= 0:
                context = text[max(at - 30, 0) : at + 30]
                problems.append(f"{page.relative_to(site)}: raw TeX {tex!r} in ...{context}...")
    return problems


def test_no_raw_tex_is_left_in_any_page(build: Build) -> None:
    """Every page, both languages: the formulas themselves are checked above."""
    assert raw_tex(build.site) == []


def test_raw_tex_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<article><p>Loss <span class="arithmatex">\\(\\ell\\)</span>, costs $5 and '
        '\\frac{1}{2} of it</p><pre><code>print("$")</code></pre>'
        "<p>Inline <code>\\begin</code></p></article>"
    )
    (tmp_path / "redirect.html").write_text("<p>$</p>")
    problems = raw_tex(tmp_path)
    assert [problem.split(" in ")[0] for problem in problems] == [
        "index.html: raw TeX '$'",
        "index.html: raw TeX '\\\\frac'",
    ]
    assert "costs $5 and" in problems[0]


IMAGE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r"""\b(src|alt)="([^"]*)\"""")
LOSS_FIGURE = re.compile(r"""<figure class="lossref-figure">\s*<img\b[^>]*>""")


def image_problems(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site)
        for tag in IMAGE.findall(page.read_text(encoding="utf-8")):
            attributes = dict(ATTRIBUTE.findall(tag))
            source = html.unescape(attributes.get("src", ""))
            if not attributes.get("alt", "").strip():
                problems.append(f"{where}: image without alt text: {source[:60]}")
            if source.startswith("data:image/"):
                continue
            if urlsplit(source).scheme or not (page.parent / unquote(source)).resolve().is_file():
                problems.append(f"{where}: image {source!r} is no file of the site")
    return problems


def test_every_image_is_a_file_of_the_site_with_alt_text(build: Build) -> None:
    assert image_problems(build.site) == []
    for spec in LOSSES:
        for prefix in ("", "zh/"):
            page = build.site / prefix / "losses" / spec.id / "index.html"
            assert LOSS_FIGURE.search(page.read_text(encoding="utf-8")), f"no figure in {page}"


def test_image_problems_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.svg").write_text("<svg/>")
    (tmp_path / "index.html").write_text(
        '<img src="a.svg" alt="A curve"><img src="b.svg" alt="Gone"><img src="a.svg">'
        '<img alt="Inline" src="data:image/png;base64,AAAA">'
    )
    assert image_problems(tmp_path) == [
        "index.html: image 'b.svg' is no file of the site",
        "index.html: image without alt text: a.svg",
    ]
