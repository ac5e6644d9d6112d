"""The tutorial notebooks: one source per tutorial, one executed notebook per language.

A tutorial is one jupytext percent-format file, ``notebooks/<name>.py``. Its code cells are
shared by both languages; each Markdown cell carries its language in its header
(``# %% [markdown] lang="zh"``). ``localize`` keeps the shared cells and one language's prose,
and sets the one cell tagged ``parameters`` (``LANG = "en"``, which picks the plot labels) to
that language. So the English and Chinese notebooks run the same code by construction.

``execute`` runs a notebook in a ``python3`` kernel of this interpreter; ``start`` runs every
tutorial in each language, shared out among a few kernels that run at once. The cell tagged
``findings`` (the last code cell) ends with a dict of the results the prose states, which
``findings`` reads back. Every Markdown cell with a ``findings=[...]`` list in its header (at
least each language's conclusion, the last Markdown cell) states its numbers in that order, and
``prose_problems`` compares each with the finding it names: equal to the finding rounded to the
stated digits, or within 10 % where the prose says "about" ("约"). Numbers in code spans are not
checked (use them for parameters such as `pos_weight=20`).

The site hook ``tutorials.py`` builds the pages from these notebooks; ``tests/test_tutorials.py``
runs the same functions.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert.preprocessors import CoalesceStreamsPreprocessor
from nbformat import NotebookNode

REPO = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO / "notebooks"
LANGUAGES = ("en", "zh")
PARAMETERS = re.compile(r'LANG = "en"(?P<comment>[ \t]*#.*)?')
PARAMETERS_TAG = "parameters"
FINDINGS_TAG = "findings"
KERNEL = "python3"
TIMEOUT = 300  # seconds per cell; a notebook that needs more is not a tutorial
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class NotebookError(Exception):
    """A notebook source that is malformed, or a notebook that raised when executed."""


@dataclass(frozen=True)
class Run:
    """One executed notebook: the notebook, its ``.ipynb`` text and its findings."""

    name: str
    language: str
    notebook: NotebookNode
    text: str
    findings: dict[str, Any]
    seconds: float


# --- sources --------------------------------------------------------------------------------


def sources(directory: Path = SOURCE_DIR) -> list[Path]:
    """The tutorial sources, ``notebooks/*.py``, sorted by name."""
    return sorted(directory.glob("*.py"))


def read(path: Path) -> NotebookNode:
    """The source as one notebook holding both languages; a malformed one raises."""
    notebook = jupytext.read(path, fmt="py:percent")
    problems = source_problems(notebook)
    if problems:
        raise NotebookError(f"{_shown(path)}:\n  " + "\n  ".join(problems))
    return notebook


def _language(cell: NotebookNode) -> str | None:
    language = cell.metadata.get("lang")
    return str(language) if language is not None else None


def _tagged(notebook: NotebookNode, tag: str) -> list[int]:
    return [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and tag in cell.metadata.get("tags", [])
    ]


def source_problems(notebook: NotebookNode) -> list[str]:
    """What is wrong with a source, each with what to do (empty: nothing)."""
    problems = []
    cells = notebook.cells
    for number, cell in enumerate(cells, start=1):
        language = _language(cell)
        if cell.cell_type == "markdown" and language not in LANGUAGES:
            problems.append(
                f"Markdown cell {number} has lang={language!r}: give each Markdown cell its "
                f'language, `# %% [markdown] lang="en"` or `lang="zh"`'
            )
        elif cell.cell_type == "code" and language is not None:
            problems.append(f"code cell {number} has a lang: code cells are shared, remove it")
        elif cell.cell_type not in ("markdown", "code"):
            problems.append(f"cell {number} is a {cell.cell_type} cell: use Markdown or code")
    parameters = _tagged(notebook, PARAMETERS_TAG)
    if len(parameters) != 1 or not PARAMETERS.fullmatch(cells[parameters[0]].source.strip()):
        problems.append(
            f'one code cell tagged "{PARAMETERS_TAG}" must hold exactly `LANG = "en"` (the '
            "language of the plot labels, set per language when the site is built)"
        )
    code = [index for index, cell in enumerate(cells) if cell.cell_type == "code"]
    findings = _tagged(notebook, FINDINGS_TAG)
    if len(findings) != 1 or findings[0] != code[-1]:
        problems.append(
            f'the last code cell, and only it, must be tagged "{FINDINGS_TAG}" and end with the '
            "dict of results the prose states"
        )
    # Between two code cells, prose in both languages or in neither.
    gap: list[str] = []
    for cell in [*cells, None]:
        if cell is None or cell.cell_type == "code":
            if set(gap) not in (set(), set(LANGUAGES)):
                missing = sorted(set(LANGUAGES) - set(gap))
                problems.append(
                    f"prose before code cell {cells.index(cell) + 1 if cell else 'end'} is "
                    f"missing in {', '.join(missing)}: write it in every language"
                )
            gap = []
        elif cell.cell_type == "markdown":
            gap.append(_language(cell) or "")
    for language in LANGUAGES:
        prose = [c for c in cells if c.cell_type == "markdown" and _language(c) == language]
        if not prose or not prose[0].source.startswith("# "):
            problems.append(f"the first {language} Markdown cell must start with the title, `# `")
        if not prose or FINDINGS_TAG not in prose[-1].metadata:
            problems.append(
                f"the last {language} Markdown cell (the conclusion) must list the findings its "
                f'numbers state, in order: `# %% [markdown] lang="{language}" findings=[...]`'
            )
    return problems


def localize(notebook: NotebookNode, language: str) -> NotebookNode:
    """The notebook of one language: the shared code, that language's prose, ``LANG`` set."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    result = copy.deepcopy(notebook)
    result.cells = [cell for cell in result.cells if _language(cell) in (None, language)]
    for index, cell in enumerate(result.cells):
        cell.metadata.pop("lang", None)
        cell.id = f"cell-{index}"  # stable ids: the same source gives the same notebook
        if PARAMETERS_TAG in cell.metadata.get("tags", []):
            cell.source = cell.source.replace('"en"', f'"{language}"', 1)
    result.metadata.pop("jupytext", None)
    result.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": KERNEL,
    }
    result.nbformat, result.nbformat_minor = 4, 5
    return result


def code_cells(notebook: NotebookNode) -> list[str]:
    """The sources of the code cells, the parameters cell with its language left out."""
    return [
        re.sub(r'LANG = "\w+"', "LANG = ...", cell.source)
        if PARAMETERS_TAG in cell.metadata.get("tags", [])
        else cell.source
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


# --- execution ------------------------------------------------------------------------------


def kernel_environment() -> dict[str, str]:
    """The kernel's environment: this one, with the inline backend, and nothing that varies
    from run to run in the outputs (SVG figures carry ``SOURCE_DATE_EPOCH`` as their date).

    One torch thread: the tutorials' tensors are small, up to 4 kernels run at once, and
    OpenMP threads that wait for a busy core burn it (on this 2-core machine under load, a
    page's 2000-step training snippet took 99 s with two threads, 20 s with one). The numbers
    then do not depend on how many cores the building machine has."""
    environment = dict(os.environ)
    environment.pop("MPLBACKEND", None)  # a non-interactive backend would show no figures
    environment.update(
        SOURCE_DATE_EPOCH="0",
        PYTHONHASHSEED="0",
        PYDEVD_DISABLE_FILE_VALIDATION="1",  # the debugger's note about frozen modules
        OMP_NUM_THREADS="1",
    )
    return environment


@contextmanager
def kernel() -> Iterator[KernelManager]:
    """A ``python3`` kernel of this interpreter, started in the repository (so that
    ``import lossref`` finds this checkout), and shut down afterwards. It talks over Unix
    sockets in a private folder: no TCP port, no socket left behind."""
    with tempfile.TemporaryDirectory(prefix="lossref-kernel-") as sockets:
        manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=f"{sockets}/kernel")
        manager.start_kernel(env=kernel_environment(), cwd=str(REPO))
        try:
            yield manager
        finally:
            manager.shutdown_kernel(now=True)


def execute(
    notebook: NotebookNode,
    label: str,
    source: Path | None = None,
    manager: KernelManager | None = None,
) -> NotebookNode:
    """Run every cell of ``notebook`` in place, in ``manager``'s kernel, its variables cleared
    first (``%reset -f``), or in a fresh kernel. A cell that raises raises ``NotebookError``
    naming ``label``, the cell (its line in ``source``) and the error."""
    if manager is None:
        with kernel() as fresh:
            return execute(notebook, label, source, fresh)
    _clear(manager)
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=TIMEOUT,
        allow_errors=False,
        record_timing=False,  # no timestamps in the notebook
    )
    try:
        client.execute()
    except CellExecutionError as error:
        raise NotebookError(_failure(notebook, label, source, error)) from None
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    _normalize(notebook)
    return notebook


def _clear(manager: KernelManager) -> None:
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        client.execute_interactive("%reset -f", silent=True, timeout=TIMEOUT)
    finally:
        client.stop_channels()


def _normalize(notebook: NotebookNode) -> None:
    """What may differ between two runs of the same code, made the same: how the kernel's
    flushes cut printing into stream outputs (merged), and the execution counts, which go on
    from the previous notebook in a reused kernel (numbered from 1, as in a fresh one)."""
    CoalesceStreamsPreprocessor().preprocess(notebook, {})
    code = (cell for cell in notebook.cells if cell.cell_type == "code")
    for count, cell in enumerate(code, start=1):
        cell.execution_count = count
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count


def _failure(notebook: NotebookNode, label: str, source: Path | None, error: Exception) -> str:
    failed = next(
        (
            (number, cell)
            for number, cell in enumerate(notebook.cells, start=1)
            if any(output.get("output_type") == "error" for output in cell.get("outputs", []))
        ),
        None,
    )
    where = label
    if failed is not None:
        number, cell = failed
        line = _source_line(source, cell.source) if source else None
        where = f"{_shown(source)}:{line}" if line else f"{label}, cell {number}"
        where += f" ({label})"
    trace = ANSI.sub("", str(error)).strip()
    return f"{where}: the notebook raised:\n{trace}"


def _source_line(source: Path, cell_source: str) -> int | None:
    """The line of ``source`` where the code cell holding ``cell_source`` starts."""
    first = next((line for line in cell_source.splitlines() if line.strip()), None)
    if first is None:
        return None
    lines = source.read_text(encoding="utf-8").splitlines()
    return next((n for n, line in enumerate(lines, start=1) if line.endswith(first)), None)


def _shown(path: Path | None) -> str:
    if path is None:
        return "<notebook>"
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def findings(notebook: NotebookNode) -> dict[str, Any]:
    """The dict that the cell tagged ``findings`` ends with, read from its output."""
    cells = [notebook.cells[index] for index in _tagged(notebook, FINDINGS_TAG)]
    results = [
        output["data"]["text/plain"]
        for cell in cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "execute_result"
    ]
    if len(results) != 1:
        raise NotebookError(
            f'the cell tagged "{FINDINGS_TAG}" must end with the findings dict (its last line '
            "is `findings`), so that it is displayed"
        )
    value = ast.literal_eval(results[0])
    if not isinstance(value, dict):
        raise NotebookError(f'the cell tagged "{FINDINGS_TAG}" must end with a dict')
    return value


# --- the numbers in the prose ---------------------------------------------------------------

# A number in prose: not part of a name (L1, x2) or of a longer number; "−" (U+2212) is its
# sign, a hyphen is not (2-3 is a range).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(?P<sign>−)?(?P<value>\d+(?:\.\d+)?)(?![A-Za-z0-9_])")
ABOUT = re.compile(r"(?:\babout|\baround|\broughly|≈|~|约|大约)\s*$")
NOT_PROSE = re.compile(r"`[^`]*`|<!--.*?-->|\]\([^)]*\)", re.S)  # code, comments, link targets


@dataclass(frozen=True)
class Stated:
    """A number as the prose states it, and where (``text[start:end]``)."""

    text: str
    value: float
    decimals: int
    about: bool
    start: int
    end: int

    def agrees_with(self, value: float) -> bool:
        """The finding, rounded to the stated digits; within 10 % if stated as "about"."""
        tolerance = 0.5 * 10.0**-self.decimals
        if self.about:
            tolerance = max(tolerance, 0.1 * abs(value))
        return abs(self.value - value) <= tolerance * (1 + 1e-9)  # a half, in binary


def stated_numbers(markdown: str) -> list[Stated]:
    """The numbers of a Markdown text, in order, code spans and link targets left out."""
    text = NOT_PROSE.sub(lambda match: " " * len(match[0]), markdown)  # same offsets
    numbers = []
    for match in NUMBER.finditer(text):
        digits = match["value"]
        value = float(digits) * (-1 if match["sign"] else 1)
        decimals = len(digits.partition(".")[2])
        about = bool(ABOUT.search(text[max(0, match.start() - 12) : match.start()]))
        numbers.append(Stated(match[0], value, decimals, about, match.start(), match.end()))
    return numbers


def prose_problems(notebook: NotebookNode, found: dict[str, Any]) -> list[str]:
    """Each number of a Markdown cell with a ``findings`` list that differs from its finding."""
    problems = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "markdown" or FINDINGS_TAG not in cell.metadata:
            continue
        keys = list(cell.metadata[FINDINGS_TAG])
        stated = stated_numbers(cell.source)
        where = f"Markdown cell {number} ({cell.source.strip().splitlines()[0][:40]!r}...)"
        if len(keys) != len(stated):
            problems.append(
                f"{where} states {len(stated)} numbers ({', '.join(s.text for s in stated)}) "
                f"but its findings list names {len(keys)} ({', '.join(keys)}): one key per "
                "number, in order (numbers in `code` are not counted)"
            )
            continue
        for position, (key, claim) in enumerate(zip(keys, stated, strict=True), start=1):
            if key not in found:
                problems.append(f"{where}: number {position} names {key!r}, not a finding")
            elif not isinstance(found[key], int | float) or not claim.agrees_with(found[key]):
                about = "about " if claim.about else ""
                problems.append(
                    f"{where}: number {position} says {about}{claim.text} for {key!r}, but the "
                    f"notebook found {found[key]!r}"
                )
    return problems


# --- runs, shared by the site's builds in this process --------------------------------------

_runs: dict[str, Future[Run]] = {}
_jobs: list[Future[None]] = []
_pool: ThreadPoolExecutor | None = None


def _digest(*parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        for chunk in part:
            digest.update(chunk)
    return digest.hexdigest()


def run_key(path: Path, language: str) -> str:
    """What a run's outputs depend on: the source, the language and the package's code."""
    package = sorted((REPO / "lossref").glob("*.py"))
    return _digest([path.read_bytes(), language.encode()], (p.read_bytes() for p in package))


def run(path: Path, language: str, manager: KernelManager | None = None) -> Run:
    """Localize and execute one tutorial (in ``manager``'s kernel, or a fresh one), and check
    its prose against its findings."""
    start = time.monotonic()
    label = f"{path.stem} ({language})"
    notebook = execute(localize(read(path), language), label, path, manager)
    found = findings(notebook)
    problems = prose_problems(notebook, found)
    if problems:
        raise NotebookError(
            f"{_shown(path)} ({language}): the prose does not match the findings "
            f"{found}:\n  " + "\n  ".join(problems)
        )
    text = nbformat.writes(notebook)
    return Run(path.stem, language, notebook, text, found, time.monotonic() - start)


KERNELS = min(4, os.cpu_count() or 1)  # more kernels than cores only pay more kernel starts


def _run_in_one_kernel(
    tutorials: list[tuple[Path, dict[str, Future[Run]]]], languages: tuple[str, ...]
) -> None:
    """Run ``tutorials`` in one kernel: every tutorial in the first language, then every one
    in the next (the first language's build needs its notebooks first). The kernel's start and
    the first imports (seconds: torch, torch._dynamo that torch.optim loads, matplotlib) are
    paid once, not once per notebook."""
    try:
        with kernel() as manager:
            for language in languages:
                for path, futures in tutorials:
                    future = futures[language]
                    if not future.set_running_or_notify_cancel():
                        continue
                    try:
                        future.set_result(run(path, language, manager))
                    except Exception as error:
                        future.set_exception(error)
    except Exception as error:  # the kernel did not start or stop
        for _, futures in tutorials:
            for future in futures.values():
                if not future.done():
                    future.set_exception(error)


def start(
    paths: list[Path], languages: tuple[str, ...] = LANGUAGES, kernels: int = KERNELS
) -> dict[tuple[str, str], Future[Run]]:
    """Start (or reuse) the run of each tutorial in each language and return them by
    ``(name, language)``. The tutorials are shared out among ``kernels`` kernels (by default
    one per core, up to 4) that run at once.

    Runs are remembered for this process by ``run_key``, so the second language build of the
    site and ``mkdocs serve``'s rebuilds reuse them while nothing they depend on changes."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="notebook")
    runs = {}
    to_run = []
    for path in paths:
        keys = {language: run_key(path, language) for language in languages}
        if any(key not in _runs or _runs[key].cancelled() for key in keys.values()):
            futures: dict[str, Future[Run]] = {language: Future() for language in languages}
            _runs.update({keys[language]: futures[language] for language in languages})
            to_run.append((path, futures))
        runs.update({(path.stem, language): _runs[keys[language]] for language in languages})
    kernels = max(1, min(kernels, len(to_run)))
    for share in (to_run[k::kernels] for k in range(kernels)):
        if share:
            _jobs.append(_pool.submit(_run_in_one_kernel, share, languages))
    return runs


def cancel() -> None:
    """Cancel the runs not yet started (the build failed or the server stops)."""
    for future in [*_jobs, *_runs.values()]:
        future.cancel()


def main(argv: list[str] | None = None) -> int:
    """``python docs/_hooks/tutorial_notebooks.py OUT [--language zh ...] [--kernels N]``:
    execute every tutorial without building the site, and write each executed notebook to
    ``OUT/<name>.<language>.ipynb``. The tutorials are shared out among N kernels (by default
    one per core, up to 4). With ``--kernels 1`` they run one after the other in one kernel, so
    each but the first runs after another tutorial than in the site's build: the test suite's
    check that the outputs do not depend on what the kernel ran before. A notebook that
    raises, or prose that differs from the findings, is reported and the exit status is 1."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("-l", "--language", action="append", choices=LANGUAGES, dest="languages")
    parser.add_argument("--kernels", type=int, default=KERNELS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    runs = start(sources(), tuple(args.languages or LANGUAGES), args.kernels)
    failed = 0
    for (name, language), future in runs.items():
        try:
            run = future.result()
        except NotebookError as error:
            print(error)
            failed += 1
            continue
        (args.out / f"{name}.{language}.ipynb").write_text(run.text, encoding="utf-8")
        print(f"{name} ({language}): {run.seconds:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
