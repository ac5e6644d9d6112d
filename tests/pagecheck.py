"""pytest plugin: run the code shown on documentation pages and check what it prints.

Used with pytest-markdown-docs::

    pytest -p tests.pagecheck --markdown-docs --markdown-docs-syntax=superfences docs

The rules it enforces on every collected ``.md`` page:

* Code that the tests run is a ``python`` fence, at any indentation: fences inside content tabs
  (``=== "..."``) and admonitions (``!!! note``) run too. A page's python fences run in page
  order in one namespace, like the cells of a notebook, starting from ``torch.manual_seed(0)``.
* What a fence prints is shown in an output fence right after it (only blank lines between),
  written ``{.text .output}`` with an optional ``title="..."``. The printed text must equal the
  output fence's content, up to trailing whitespace. A fence that prints needs one.
* ``--8<--`` includes are expanded by pymdownx.snippets configured exactly as in mkdocs.yml, so
  the code tested is the code the page shows; they are allowed only inside fences.
* Nothing can show code without running it: other spellings of python, ``notest``, ``pycon``,
  unknown languages, options or classes, and fences in blockquotes fail the page's
  ``[pagecheck]`` item, with the line and what to write instead.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import linecache
import os
import random
import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mkdocs.utils.yaml import yaml_load
from pymdownx.snippets import SnippetMissingError, SnippetPreprocessor
from pytest_markdown_docs._runners import _Runner, register_runner
from pytest_markdown_docs.definitions import FenceTestDefinition

PYTHON = "python"
OUTPUT = "output"  # the class that marks an output fence: {.text .output}
LANGUAGES = frozenset(
    {PYTHON, "text", "bash", "console", "shell", "sh", "toml", "yaml", "json", "ini", "diff"}
    | {"markdown", "math"}
)
ATTRIBUTES = ("title", "hl_lines", "linenums")
FIX_LANGUAGE = "write ```python for code the tests run, or ```text for anything else"

# What may precede a fence marker on its line: indentation, blockquote '>' and list markers.
FENCE_OPEN = re.compile(
    r"(?P<prefix>(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*)(?P<marker>`{3,}|~{3,})(?P<info>.*)"
)
INFO_ITEM = re.compile(r"""(?P<key>[\w-]+)=(?P<value>"[^"]*"|'[^']*'|\S*)|(?P<word>\S+)""")


class PageCheckError(Exception):
    """A failed check; its message is the whole report (file, line, what to do)."""


@dataclass(frozen=True)
class Fence:
    """One fenced block of a page."""

    line: int  # 1-based line of the opening fence
    end: int  # 1-based line of the closing fence
    indent: str  # what precedes the opening marker: spaces, or '>' or a list marker
    lang: str | None
    classes: tuple[str, ...] = ()  # classes after the language: ("output",)
    attrs: dict[str, str] = field(default_factory=dict)
    words: tuple[str, ...] = ()  # bare options such as "notest"
    text: str = ""  # the content, dedented, with includes expanded

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and OUTPUT in self.classes


@dataclass
class Page:
    """What the checks need from one page: its fences, their problems, what runs."""

    fences: list[Fence]
    problems: list[tuple[int, str]]  # (line, message)
    runnable: list[Fence]  # the python fences the tests run, in page order
    outputs: dict[int, Fence]  # python fence line -> its output fence


def parse_info(info: str) -> tuple[str | None, tuple[str, ...], dict[str, str], tuple[str, ...]]:
    """Split a fence's info string into language, extra classes, attributes and bare words.

    Both superfences forms are understood: ``python title="x"`` and ``{.python title="x"}``.
    """
    info = info.strip()
    braces = info.startswith("{") and info.endswith("}")
    lang: str | None = None
    classes: list[str] = []
    attrs: dict[str, str] = {}
    words: list[str] = []
    for item in INFO_ITEM.finditer(info[1:-1] if braces else info):
        word = item["word"]
        if word is None:
            attrs[item["key"]] = item["value"].strip("\"'")
        elif braces and word.startswith("."):
            if lang is None:
                lang = word[1:]
            else:
                classes.append(word[1:])
        elif not braces and lang is None and not attrs and not words:
            lang = word
        else:
            words.append(word)
    return lang, tuple(classes), attrs, tuple(words)


def fence_problems(fence: Fence) -> list[str]:
    """What is wrong with one fence's opening line, each with how to fix it."""
    if ">" in fence.indent:
        return ["a fence inside a blockquote is not run by the tests: move it out of the quote"]
    if fence.indent.strip():
        return [
            "a fence cannot share its line with a list marker (it renders as inline code): "
            "start it on the next line, indented under the item"
        ]
    lang = fence.lang
    if lang is None:
        return [f"this fence has no language: {FIX_LANGUAGE}"]
    if lang not in LANGUAGES:
        if lang.lower() in {"pycon", "pytb"}:
            how = "write the code in ```python and what it prints in a ```{.text .output} fence"
            return [f"```{lang} is not run by the tests: {how}"]
        if "py" in lang.lower():
            return [f"```{lang} is not run by the tests: write ```python (the one spelling)"]
        known = ", ".join(sorted(LANGUAGES))
        return [f"unknown language {lang!r}: {FIX_LANGUAGE} (known: {known})"]
    problems = []
    for word in fence.words:
        if word == "notest":
            problems.append(f"'notest' is not allowed on this site: {FIX_LANGUAGE}")
        elif word == "continuation":
            problems.append("remove 'continuation': a page's python fences always share state")
        else:
            problems.append(f"unknown fence option {word!r}{did_you_mean(word, ATTRIBUTES)}")
    for key in fence.attrs:
        if key not in ATTRIBUTES:
            hint = did_you_mean(key, ATTRIBUTES) or f" (allowed: {', '.join(ATTRIBUTES)})"
            problems.append(f"unknown fence attribute {key!r}{hint}")
    for name in fence.classes:
        if name != OUTPUT or lang != "text":
            hint = did_you_mean(name, (OUTPUT,)) or ""
            problems.append(f"unknown class '.{name}'{hint}: the one class is {{.text .output}}")
    return problems


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word.lstrip(".").split("=")[0], choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def read_fences(lines: list[str]) -> Iterator[tuple[re.Match[str], int, int]]:
    """Each fence as (opening match, opening index, closing index), at any indentation."""
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.fullmatch(lines[index])
        # CommonMark: a backtick fence's info string cannot contain a backtick.
        if opening is None or (opening["marker"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        marker = opening["marker"]
        closing = re.compile(rf"[ \t>]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*")
        end = next(
            (i for i in range(index + 1, len(lines)) if closing.fullmatch(lines[i])), len(lines)
        )
        yield opening, index, end
        index = end + 1


def is_include(line: str) -> bool:
    """Whether ``line`` is a pymdownx.snippets include (not an escaped one)."""
    found = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
    return found is not None and not found["escape"]


def scan_page(text: str, expand: Callable[[str], str]) -> Page:
    """Read a page's fences, expand their includes and find everything the rules forbid."""
    lines = text.splitlines()
    fences: list[Fence] = []
    problems: list[tuple[int, str]] = []
    inside: set[int] = set()
    for opening, start, end in read_fences(lines):
        inside.update(range(start, end + 1))
        line = start + 1
        if end == len(lines):
            problems.append((line, "this fence is never closed: add the closing ``` line"))
        indent = opening["prefix"]
        body = "\n".join(
            raw[len(indent) :] if raw.startswith(indent) else raw.lstrip()
            for raw in lines[start + 1 : end]
        )
        try:
            body = expand(body)
        except SnippetMissingError as error:
            problems.append((line, f"an include in this fence does not resolve: {error}"))
        lang, classes, attrs, words = parse_info(opening["info"])
        fence = Fence(line, end + 1, indent, lang, classes, attrs, words, body)
        problems += [(line, message) for message in fence_problems(fence)]
        fences.append(fence)
    problems += [
        (
            number,
            "an include outside a code fence would add unchecked Markdown (and code): "
            "include files only inside a fence",
        )
        for number, raw in enumerate(lines, start=1)
        if number - 1 not in inside and is_include(raw)
    ]
    bad_lines = {line for line, _ in problems}
    runnable = [f for f in fences if f.lang == PYTHON and f.line not in bad_lines]
    outputs: dict[int, Fence] = {}
    for before, fence in zip([None, *fences], fences, strict=False):
        code = code_above(before, fence, lines)
        if fence.is_output and code is not None:
            outputs[code.line] = fence
        elif fence.is_output:
            problems.append(
                (
                    fence.line,
                    "an output fence must come right after the python "
                    "fence whose output it shows (only blank lines between)",
                )
            )
        elif code is not None and fence.lang == "text" and not fence.classes:
            problems.append(
                (
                    fence.line,
                    "a ```text fence right after python code looks like its "
                    "output but is not checked: write ```{.text .output}",
                )
            )
    problems.sort()
    return Page(fences, problems, runnable, outputs)


def code_above(before: Fence | None, fence: Fence, lines: list[str]) -> Fence | None:
    """``before`` if it is a python fence directly above ``fence`` (blank lines between)."""
    if before is None or before.lang != PYTHON or before.indent != fence.indent:
        return None
    return None if any(raw.strip() for raw in lines[before.end : fence.line - 1]) else before


def snippets_config(mkdocs_yml: Path) -> dict[str, Any]:
    """The pymdownx.snippets options of ``mkdocs.yml``, base paths made absolute."""
    with mkdocs_yml.open(encoding="utf-8") as source:
        site = yaml_load(source)
    for entry in site.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name == "pymdownx.snippets":
            options = dict(options or {})
            base = options.get("base_path", ["."])
            bases = [base] if isinstance(base, str) else base
            options["base_path"] = [str(mkdocs_yml.parent / b) for b in bases]
            return options
    raise pytest.UsageError(f"{mkdocs_yml} does not enable pymdownx.snippets")


class Site:
    """The pages of one MkDocs site, read with that site's snippet configuration."""

    def __init__(self, mkdocs_yml: Path) -> None:
        config = {"pymdownx.snippets": snippets_config(mkdocs_yml)}
        md = markdown.Markdown(extensions=list(config), extension_configs=config)
        self._snippets = md.preprocessors["snippet"]
        self._pages: dict[str, Page] = {}

    def expand(self, text: str) -> str:
        """``text`` with its ``--8<--`` includes replaced, as the site renders it."""
        return "\n".join(self._snippets.run(text.split("\n")))

    def scan(self, text: str) -> Page:
        if text not in self._pages:
            self._pages[text] = scan_page(text, self.expand)
        return self._pages[text]

    def page(self, path: Path) -> Page:
        return self.scan(path.read_text(encoding="utf-8"))


def normalise(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip().splitlines()]


def output_diff(documented: str, printed: str, where: str) -> str | None:
    """A unified diff of documented against printed output, or None if they agree."""
    expected, actual = normalise(documented), normalise(printed)
    if expected == actual:
        return None
    diff = difflib.unified_diff(expected, actual, f"{where} (documented)", "printed", lineterm="")
    return "\n".join(diff)


def fresh_namespace(base: dict[str, Any]) -> dict[str, Any]:
    """Reset the global state pages may change, seed the generators, return a namespace."""
    import torch  # here: collecting pages should not pay for importing torch

    torch.set_printoptions(profile="default")
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)
    torch.manual_seed(0)
    random.seed(0)
    return dict(base)


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` relative to the working directory when it lies below it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@dataclass
class PageRun:
    """A page's python fences, run one after another in one namespace."""

    name: str
    page: Page
    namespace: dict[str, Any]
    done: int = 0
    failed_at: int | None = None

    def step(self, check: bool = True) -> None:
        """Run the next fence; with ``check``, compare what it prints with its output fence."""
        fence = self.page.runnable[self.done]
        self.done += 1
        if self.failed_at is not None:
            raise PageCheckError(
                f"{self.name}:{fence.line}: not run, because the block at line "
                f"{self.failed_at} failed first"
            )
        # Page line numbers in tracebacks: the code starts on the line after the fence.
        source = "\n" * fence.line + fence.text + "\n"
        filename = f"{self.name}, block at line {fence.line}"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(compile(source, filename, "exec", dont_inherit=True), self.namespace)
        except Exception as error:
            self.failed_at = fence.line
            raise PageCheckError(describe_error(self.name, fence, filename, error)) from error
        if check:
            self.check_output(fence, printed.getvalue())

    def check_output(self, fence: Fence, printed: str) -> None:
        output = self.page.outputs.get(fence.line)
        if output is None:
            if printed.strip():
                raise PageCheckError(
                    f"{self.name}:{fence.line}: this block prints, but no output fence shows "
                    f"what; add one right after it:\n```{{.text .output}}\n{printed.rstrip()}\n```"
                )
            return
        unread = [text for line, text in self.page.problems if line == output.line]
        if unread:
            raise PageCheckError(f"{self.name}:{output.line}: output not compared: {unread[0]}")
        diff = output_diff(output.text, printed, f"{self.name}:{output.line}")
        if diff is not None:
            raise PageCheckError(
                f"{self.name}:{output.line}: the output shown differs from what the block at "
                f"line {fence.line} prints:\n{diff}"
            )


def describe_error(name: str, fence: Fence, filename: str, error: BaseException) -> str:
    """The traceback of ``error`` from the page's code on, headed by the page and line."""
    frames = traceback.extract_tb(error.__traceback__)
    first = next((i for i, frame in enumerate(frames) if frame.filename == filename), 0)
    report = traceback.format_list(frames[first:]) + traceback.format_exception_only(error)
    return (
        f"{name}:{fence.line}: this block raised an exception\n"
        f"Traceback (most recent call last):\n{''.join(report).rstrip()}"
    )


def run_page(page: Page, name: str) -> list[str]:
    """Check ``page`` as the plugin does, all in one go: every failure message, in order."""
    failures = [f"{name}:{line}: {message}" for line, message in page.problems]
    run = PageRun(name, page, fresh_namespace({"__name__": "__main__"}))
    for _ in page.runnable:
        try:
            run.step()
        except PageCheckError as failure:
            failures.append(str(failure))
    return failures


# --- pytest integration -------------------------------------------------------------------

SITE: Site | None = None  # set in pytest_configure when --markdown-docs is on


def current_site() -> Site:
    if SITE is None:
        raise RuntimeError("tests.pagecheck is not configured: run pytest with --markdown-docs")
    return SITE


class FenceParser(MarkdownIt):
    """What pytest-markdown-docs parses pages with: it yields every runnable python fence.

    Unlike a CommonMark parser it finds fences at any indentation (content tabs,
    admonitions), and it hands over their code with includes expanded.
    """

    def parse(self, src: str, env: Any = None) -> list[Token]:
        page = current_site().scan(src)
        return [
            Token("fence", "code", 0, map=[f.line - 1, f.end], info=PYTHON, content=f.text)
            for f in page.runnable
        ]


class PageRunner(_Runner):
    """Runs a page's fences in order in one namespace and checks their output."""

    def __init__(self) -> None:
        self._runs: dict[str, PageRun] = {}

    def runtest(
        self, test: FenceTestDefinition, args: dict[str, Any], *, asyncio_runner: Any = None
    ) -> None:
        path = Path(test.source_path)
        if path.suffix != ".md":  # a fence in a docstring: run it as pytest-markdown-docs does
            exec(compile(test.source, str(path), "exec", dont_inherit=True), args)
            return
        page = current_site().page(path)
        index = [fence.line for fence in page.runnable].index(test.start_line)
        run = self._runs.get(str(path))
        if run is None or run.done != index:
            # The page's first block, or blocks selected out of order (-k, --lf): start over
            # and replay the blocks before this one, whose own tests check their output.
            run = PageRun(shown(path), page, fresh_namespace(args))
            self._runs[str(path)] = run
            for _ in range(index):
                run.step(check=False)
        try:
            run.step()
        finally:
            if run.done == len(page.runnable):
                del self._runs[str(path)]

    def repr_failure(
        self,
        test: FenceTestDefinition,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, PageCheckError):
            return str(excinfo.value)
        return str(excinfo.getrepr(style="short"))


class PageCheckItem(pytest.Item):
    """The rules of the module docstring, checked on one page's text."""

    def runtest(self) -> None:
        problems = current_site().page(self.path).problems
        if problems:
            name = shown(self.path)
            raise PageCheckError("\n".join(f"{name}:{line}: {text}" for line, text in problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, PageCheckError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{shown(self.path)}: page check"


class PageFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield PageCheckItem.from_parent(self, name="[pagecheck]")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--mkdocs-config",
        default=None,
        help="mkdocs.yml whose pymdownx.snippets settings expand page includes "
        "(default: mkdocs.yml in the rootdir)",
    )


def pytest_configure(config: pytest.Config) -> None:
    global SITE
    if not config.option.markdowndocs:
        return
    SITE = Site(Path(config.option.mkdocs_config or config.rootpath / "mkdocs.yml"))
    register_runner(default=True)(PageRunner)


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return FenceParser("commonmark")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if parent.config.option.markdowndocs and file_path.suffix == ".md":
        return PageFile.from_parent(parent, path=file_path)
    return None
