"""The tutorial notebooks: well-formed sources, both languages built, prose true, reproducible.

The site build (the session ``build`` fixture) executes every tutorial in both languages and
fails on a cell that raises or on a number in the prose that differs from the notebook's
findings (``docs/_hooks/tutorials.py``). These tests read what it built, check the same
things again on the downloadable notebooks, execute every tutorial once more in fresh kernels
to show the outputs are the same, and check that the checks themselves catch what they must.
"""

from __future__ import annotations

import copy
import re
import sys
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.yaml import yaml_load
from nbformat import NotebookNode

from lossref._pages import term_problems
from tests.conftest import HOOKS, REPO, Build, Finished, load_hook

HOOK = load_hook("tutorials")
notebooks = sys.modules["tutorial_notebooks"]  # the module the hook uses
SOURCES = notebooks.sources()
NAMES = [path.stem for path in SOURCES]


def built(site: Path, name: str, language: str) -> tuple[Path, Path]:
    """The page of a tutorial and the notebook it offers for download."""
    prefix = "" if language == "en" else f"{language}/"
    suffix = "" if language == "en" else f".{language}"
    folder = site / f"{prefix}tutorials/{name}"
    return folder / "index.html", folder / f"{name}{suffix}.ipynb"


def conclusion(notebook: NotebookNode) -> NotebookNode:
    return [cell for cell in notebook.cells if cell.cell_type == "markdown"][-1]


@pytest.fixture(scope="module")
def site(build: Build) -> Path:
    assert build.returncode == 0, build.log
    return build.site


# --- the sources -----------------------------------------------------------------------------


def test_every_tutorial_is_in_the_nav() -> None:
    """A page the nav leaves out, or a nav entry without a source, also fails the strict build;
    this says which, without building."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as source:
        nav = yaml_load(source)["nav"]
    section = next(entry["Tutorials"] for entry in nav if "Tutorials" in entry)
    listed = sorted(path for item in section for path in item.values())
    assert NAMES, "no tutorial in notebooks/"
    assert listed == [f"tutorials/{name}.ipynb" for name in NAMES]


@pytest.mark.parametrize("path", SOURCES, ids=NAMES)
def test_source_is_well_formed(path: Path) -> None:
    notebooks.read(path)  # raises, listing every problem


@pytest.mark.parametrize("path", SOURCES, ids=NAMES)
def test_both_languages_run_the_same_code(path: Path) -> None:
    source = notebooks.read(path)
    english, chinese = (notebooks.localize(source, language) for language in ("en", "zh"))
    assert notebooks.code_cells(english) == notebooks.code_cells(chinese)
    parameters = [
        cell.source for cell in chinese.cells if "parameters" in cell.metadata.get("tags", [])
    ]
    assert parameters == ['LANG = "zh"']
    assert all("lang" not in cell.metadata for cell in english.cells + chinese.cells)


@pytest.mark.parametrize("path", SOURCES, ids=NAMES)
def test_chinese_prose_uses_glossary_terms(path: Path) -> None:
    """As on the Chinese pages (tests/test_pages.py): the glossary's terms, in prose and code."""
    problems = term_problems(path.read_text(encoding="utf-8"))
    assert [f"{path.name}:{line}: {message}" for line, message in problems] == []


SOURCE = """# %% [markdown] lang="en"
# # Title
#
# Prose.

# %% [markdown] lang="zh"
# # 标题

# %%
import math

# %% tags=["parameters"]
LANG = "en"

# %% tags=["findings"]
findings = {"root": round(math.sqrt(2), 3)}
findings

# %% [markdown] lang="en" findings=["root"]
# The root is 1.414.

# %% [markdown] lang="zh" findings=["root"]
# 平方根约为 1.4。
"""


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "tutorial.py"
    path.write_text(text, encoding="utf-8")
    return notebooks.source_problems(notebooks.jupytext.read(path, fmt="py:percent"))


def test_a_good_source_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(SOURCE, tmp_path) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('# %% [markdown] lang="zh"\n# # 标题', "# %% [markdown]\n# # 标题"), "has lang=None"),
        (
            ('# %% [markdown] lang="zh"\n# # 标题\n', ""),
            "prose before code cell 2 is missing in zh",
        ),
        (('LANG = "en"', 'LANG = "zh"'), 'must hold exactly `LANG = "en"`'),
        (('tags=["findings"]', ""), 'the last code cell, and only it, must be tagged "findings"'),
        (
            ('lang="zh" findings=["root"]', 'lang="zh"'),
            "the last zh Markdown cell (the conclusion)",
        ),
        (("# %%\nimport math", '# %% lang="en"\nimport math'), "code cells are shared"),
    ],
    ids=["no-lang", "untranslated", "parameters", "findings-cell", "conclusion", "code-lang"],
)
def test_source_problems_are_reported(
    change: tuple[str, str], problem: str, tmp_path: Path
) -> None:
    assert SOURCE.count(change[0]) == 1
    problems = problems_of(SOURCE.replace(*change), tmp_path)
    assert any(problem in found for found in problems), problems


# --- the numbers in the prose ----------------------------------------------------------------


def test_stated_numbers() -> None:
    text = (
        "L1 moved 2.9 thousand, MSE about 16 times as far (−0.61), at 150 m²; `delta=5.0` and "
        "[a link](../x2/) are not prose; 约 5% 的像素，δ = 5。"
    )
    stated = notebooks.stated_numbers(text)
    assert [(s.text, s.value, s.decimals, s.about) for s in stated] == [
        ("2.9", 2.9, 1, False),
        ("16", 16.0, 0, True),
        ("−0.61", -0.61, 2, False),
        ("150", 150.0, 0, False),
        ("5", 5.0, 0, True),
        ("5", 5.0, 0, False),
    ]


@pytest.mark.parametrize(
    ("text", "value", "agrees"),
    [
        ("2.85", 2.849, True),  # the finding rounded to the stated digits
        ("2.85", 2.856, False),
        ("45.6", 45.64, True),
        ("45.6", 45.7, False),
        ("about 16", 15.0, True),  # "about": within 10 %
        ("about 16", 14.0, False),
        ("约 5", 5.2, True),
        ("16", 15.0, False),
    ],
)
def test_a_stated_number_agrees_with_its_finding(text: str, value: float, agrees: bool) -> None:
    (stated,) = notebooks.stated_numbers(text)
    assert stated.agrees_with(value) is agrees


def test_prose_problems_name_the_number_and_the_finding() -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("MSE moved 45.9, L1 2.9.")]
    )
    notebook.cells[0].metadata["findings"] = ["moved_mse", "moved_l1"]
    found = {"moved_mse": 45.6, "moved_l1": 2.9}
    (problem,) = notebooks.prose_problems(notebook, found)
    assert "number 1 says 45.9 for 'moved_mse', but the notebook found 45.6" in problem
    notebook.cells[0].metadata["findings"] = ["moved_mse"]
    (problem,) = notebooks.prose_problems(notebook, found)
    assert "states 2 numbers (45.9, 2.9) but its findings list names 1 (moved_mse)" in problem


# --- the built site ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_tutorial_page_offers_its_executed_notebook(site: Path, name: str, language: str) -> None:
    page, download = built(site, name, language)
    html = page.read_text(encoding="utf-8")
    assert f'<a href="{download.name}" download>' in html
    notebook = nbformat.reads(download.read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(notebook)
    parameters = [
        cell.source for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])
    ]
    assert parameters == [f'LANG = "{language}"']
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), "not executed"
    assert "jupyter-wrapper" in html, "not rendered by mkdocs-jupyter"
    assert "<style" not in html, "the notebook CSS belongs in the shared stylesheet"
    assert "cdnjs" not in html, "a loader of MathJax or Mermaid left in the page"
    assert "mathjax" not in html.lower()
    assert "No description has been provided" not in html, "a figure without a text alternative"
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]*notebook\.[0-9a-f]+\.css)">', html)
    assert stylesheet is not None
    assert (page.parent / stylesheet[1]).resolve().is_file()


@pytest.mark.parametrize("name", NAMES)
def test_built_notebooks_state_their_findings(site: Path, name: str) -> None:
    """The downloadable notebooks, checked again apart from the hook: the same code and the
    same findings in both languages, and every number of the prose equal to its finding."""
    english, chinese = (
        nbformat.reads(built(site, name, language)[1].read_text(encoding="utf-8"), as_version=4)
        for language in ("en", "zh")
    )
    assert notebooks.code_cells(english) == notebooks.code_cells(chinese)
    found = notebooks.findings(english)
    assert notebooks.findings(chinese) == found
    for notebook in (english, chinese):
        assert notebooks.prose_problems(notebook, found) == []
        assert "findings" in conclusion(notebook).metadata


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_number_in_a_conclusion_fails(site: Path, name: str) -> None:
    """Each number of each conclusion, changed (its last digit + 2; doubled after "about"):
    every change is caught."""
    for language in ("en", "zh"):
        download = built(site, name, language)[1]
        notebook = nbformat.reads(download.read_text(encoding="utf-8"), as_version=4)
        found = notebooks.findings(notebook)
        text = conclusion(notebook).source
        stated = notebooks.stated_numbers(text)
        assert len(stated) >= 3
        for number in stated:
            if number.about:
                changed = f"{2 * number.value:g}"
            else:
                changed = number.text[:-1] + str((int(number.text[-1]) + 2) % 10)
            wrong = copy.deepcopy(notebook)
            conclusion(wrong).source = text[: number.start] + changed + text[number.end :]
            assert notebooks.prose_problems(wrong, found), f"{language}: {number.text} -> {changed}"


def test_tutorials_are_in_the_nav_in_both_languages(site: Path) -> None:
    for language, title in (("en", "Tutorials"), ("zh", "教程")):
        home = (site / ("" if language == "en" else "zh") / "index.html").read_text(
            encoding="utf-8"
        )
        assert title in home
        for name in NAMES:
            assert f"tutorials/{name}/" in home, (language, name)


# --- executing again ---------------------------------------------------------------------------


def test_tutorials_give_the_same_notebooks_every_time(
    site: Path, fresh_tutorial_notebooks: Finished
) -> None:
    """Every tutorial executed again in Chinese (``python docs/_hooks/tutorial_notebooks.py OUT
    -l zh --kernels 1``, started with the session) gives, byte for byte, the notebook the site
    offers. Here the tutorials run one after the other in one new kernel, the first in a fresh
    kernel; in the build, each ran after other notebooks (``start`` shares them out among a
    kernel per core, all English ones first). So this also shows that the outputs do not depend
    on what the kernel ran before."""
    assert fresh_tutorial_notebooks.returncode == 0, fresh_tutorial_notebooks.output
    for name in NAMES:
        again = (fresh_tutorial_notebooks.folder / f"{name}.zh.ipynb").read_text(encoding="utf-8")
        assert again == built(site, name, "zh")[1].read_text(encoding="utf-8"), name


def test_a_notebook_that_raises_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text(SOURCE.replace("import math", "import math\n\n1 / 0"), encoding="utf-8")
    with pytest.raises(notebooks.NotebookError) as raised:
        notebooks.run(path, "en")
    message = str(raised.value)
    line = (
        SOURCE.replace("import math", "import math\n\n1 / 0").splitlines().index("import math") + 1
    )
    assert f"broken.py:{line} (broken (en)): the notebook raised" in message
    assert "ZeroDivisionError" in message


def test_the_build_fails_when_a_notebook_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    failed: Future[object] = Future()
    failed.set_exception(notebooks.NotebookError("notebooks/x.py:3 (x (en)): the notebook raised"))
    monkeypatch.setitem(HOOK._runs, ("x", "en"), failed)
    file = HOOK.NotebookPage("tutorials/x.ipynb", str(HOOKS), str(REPO / "site"), True)
    page = SimpleNamespace(file=file)
    config = SimpleNamespace(theme={"language": "en"})
    with pytest.raises(PluginError, match=r"notebooks/x\.py:3 \(x \(en\)\): the notebook raised"):
        HOOK.on_pre_page(page, config, None)
