"""The contract of a loss page, in one place: read by the scaffold and by the page checks.

A loss with id ``<id>`` has ``docs/losses/<id>.md`` (English) and ``docs/losses/<id>.zh.md``
(简体中文), each with the loss's registry name as its H1 and the ``##`` sections of
``PAGE_SECTIONS``, in that order. The checks here read only text, so they run without
building the site; each problem names the file, the line and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

LANGUAGES = ("en", "zh")

# (English heading, Chinese heading) of each required `##` section, in page order.
PAGE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("What it measures", "衡量什么、何时使用"),
    ("Formula", "公式"),
    ("Intuition", "直观理解"),
    ("Worked example", "计算示例"),
    ("Implementation", "实现"),
    ("Gradient", "梯度"),
    ("Properties and pitfalls", "性质与常见陷阱"),
    ("Equivalents and reference", "其他框架中的对应与参考文献"),
)

# What the scaffold leaves where content is due; no published page or snippet may keep one.
SCAFFOLD_MARKER = "TODO(lossref)"

# Non-standard Chinese variants and the glossary term to write instead (content brief §4 and
# the registry's Chinese names). Only unambiguous variants are listed, so a hit is a mistake.
NONSTANDARD_TERMS: dict[str, str] = {
    "均方差": "均方误差",
    "交叉商": "交叉熵",
    "二元交叉熵": "二分类交叉熵",
    "平均绝对值误差": "平均绝对误差",
    "损耗函数": "损失函数",
    "函式": "函数",
    "规约方式": "归约方式",
    "反向传导": "反向传播",
    "正向传播": "前向传播",
    "一位有效编码": "独热编码",
    "类别不均衡": "类别不平衡",
    "标签平滑化": "标签平滑",
}

HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*")
FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")


def page_path(root: Path, loss_id: str, language: str) -> Path:
    """``docs/losses/<id>.md`` for English, ``.zh.md`` for Chinese, under ``root``."""
    suffix = "" if language == "en" else f".{language}"
    return root / "docs" / "losses" / f"{loss_id}{suffix}.md"


def sections(language: str) -> tuple[str, ...]:
    """The required ``##`` headings in ``language``, in order."""
    return tuple(pair[LANGUAGES.index(language)] for pair in PAGE_SECTIONS)


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line outside fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE.match(line)
        if opening and (fence is None or opening[1].startswith(fence)):
            fence = opening[1][0] * len(opening[1]) if fence is None else None
            continue
        if fence is None:
            yield number, line


def headings(text: str) -> list[tuple[int, int, str]]:
    """(line, level, title) of every Markdown heading outside fenced code."""
    found = []
    for number, line in prose_lines(text):
        match = HEADING.fullmatch(line)
        if match:
            found.append((number, len(match[1]), match[2].strip()))
    return found


def structure_problems(text: str, language: str, title: str) -> list[tuple[int, str]]:
    """The H1 must be ``title``; the ``##`` headings must be exactly the required sections."""
    problems: list[tuple[int, str]] = []
    found = headings(text)
    first = [(line, name) for line, level, name in found if level == 1]
    if not first:
        problems.append((1, f"no '# {title}' title: start the page with it"))
    elif first[0][1] != title:
        problems.append(
            (first[0][0], f"the title is {first[0][1]!r}: write '# {title}' (the registry name)")
        )
    required = sections(language)
    seen = [(line, name) for line, level, name in found if level == 2]
    names = [name for _, name in seen]
    for index, (line, name) in enumerate(seen):
        if name not in required:
            problems.append(
                (
                    line,
                    f"unexpected section '## {name}': use a required heading "
                    "(PAGE_SECTIONS in lossref/_pages.py) or make it a ### subsection",
                )
            )
        elif names.count(name) > 1 and names.index(name) != index:
            problems.append((line, f"section '## {name}' appears twice: merge the two"))
    missing = [name for name in required if name not in names]
    for name in missing:
        problems.append((len(text.splitlines()) or 1, f"missing section '## {name}': add it"))
    ordered = [name for name in names if name in required]
    if not missing and ordered != sorted(ordered, key=required.index):
        line = next(line for line, name in seen if name in required and name != required[0])
        order = " → ".join(required)
        problems.append((line, f"sections are out of order: the order is {order}"))
    return problems


def marker_problems(text: str) -> list[tuple[int, str]]:
    """Lines that still hold the scaffold's marker."""
    return [
        (number, f"scaffold marker {SCAFFOLD_MARKER} left: write the content it asks for")
        for number, line in enumerate(text.splitlines(), start=1)
        if SCAFFOLD_MARKER in line
    ]


def term_problems(text: str) -> list[tuple[int, str]]:
    """Non-standard Chinese terms in prose and code comments alike."""
    return [
        (number, f"non-standard term {variant!r}: write {standard!r} (glossary)")
        for number, line in enumerate(text.splitlines(), start=1)
        for variant, standard in NONSTANDARD_TERMS.items()
        if variant in line
    ]


def report(path: Path, problems: Iterable[tuple[int, str]], root: Path) -> list[str]:
    """``path:line: message`` lines, the path relative to ``root``."""
    name = path.relative_to(root) if path.is_relative_to(root) else path
    return [f"{name}:{line}: {message}" for line, message in sorted(problems)]


def loss_page_problems(root: Path, loss_id: str, name_en: str, name_zh: str) -> list[str]:
    """Everything wrong with the pages and snippets of one loss, checked from text alone."""
    problems: list[str] = []
    for language, title in zip(LANGUAGES, (name_en, name_zh), strict=True):
        path = page_path(root, loss_id, language)
        if not path.is_file():
            fix = f"create it (python -m lossref new {loss_id} ... scaffolds both languages)"
            problems.append(f"{path.relative_to(root)}: missing: {fix}")
            continue
        text = path.read_text(encoding="utf-8")
        found = structure_problems(text, language, title) + marker_problems(text)
        if language == "zh":
            found += term_problems(text)
        problems += report(path, found, root)
    snippets = root / "snippets" / loss_id
    for path in sorted(snippets.rglob("*")) if snippets.is_dir() else []:
        if path.is_file() and path.suffix in {".py", ".out"}:
            problems += report(path, marker_problems(path.read_text(encoding="utf-8")), root)
    return problems


def unregistered_pages(root: Path, ids: Iterable[str]) -> list[str]:
    """Loss pages under ``docs/losses/`` whose id is not in the registry."""
    known = set(ids)
    problems = []
    for path in sorted((root / "docs" / "losses").glob("*.md")):
        loss_id = path.name.removesuffix(".md").removesuffix(".zh")
        if loss_id != "index" and loss_id not in known:
            problems.append(
                f"{path.relative_to(root)}: no registry entry {loss_id!r}: add a LossSpec to "
                "lossref/registry.py (python -m lossref new does it) or rename the page"
            )
    return problems
