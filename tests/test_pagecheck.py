"""Tests of tests/pagecheck.py: a documented output cannot drift, and no code escapes testing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytest_markdown_docs.definitions import FenceTestDefinition

from tests import pagecheck
from tests.pagecheck import Fence, Page, Site, output_diff, parse_info, run_page

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "pages" / "l1_mse.md"
DOCS = REPO / "docs"


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(REPO / "mkdocs.yml")


def page_of(site: Site, markdown: str) -> Page:
    return site.scan(textwrap.dedent(markdown))


def mutate(text: str, position: int) -> str:
    """``text`` with the digit at ``position`` replaced by the next digit."""
    return text[:position] + str((int(text[position]) + 1) % 10) + text[position + 1 :]


def output_digits(text: str, output: Fence) -> list[int]:
    """Positions in ``text`` of the digits written inside the output fence ``output``."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: output.line])  # just after the opening line
    stop = sum(len(line) for line in lines[: output.end - 1])  # just before the closing line
    return [start + m.start() for m in re.finditer(r"\d", text[start:stop])]


# --- the fixture page: passes as written, fails on every changed digit ---------------------


def test_fixture_page_passes(site: Site) -> None:
    page = site.page(FIXTURE)
    assert page.problems == []
    assert len(page.runnable) == 4
    assert len(page.outputs) == 4
    assert run_page(page, "l1_mse.md") == []


def test_fences_in_tabs_and_admonitions_run(site: Site) -> None:
    page = site.page(FIXTURE)
    assert [fence.indent for fence in page.runnable] == ["", "    ", "    ", "    "]


def test_include_is_expanded_as_on_the_site(site: Site) -> None:
    first = site.page(FIXTURE).runnable[0]
    assert "--8<--" not in first.text
    assert "target = torch.tensor([4.0, 5.0, 6.0, 7.0])" in first.text
    # The expansion is pymdownx.snippets itself: the same text as rendering the line would give.
    include = '--8<-- "tests/fixtures/pages/l1_mse_inputs.py"'
    source = REPO / "tests/fixtures/pages/l1_mse_inputs.py"
    assert site.expand(include).rstrip() == source.read_text(encoding="utf-8").rstrip()


def test_every_changed_digit_of_an_output_fails(site: Site) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    page = site.scan(text)
    mutants = 0
    for output in page.outputs.values():
        for position in output_digits(text, output):
            failures = run_page(site.scan(mutate(text, position)), "l1_mse.md")
            assert len(failures) == 1, (output.line, failures)
            assert failures[0].startswith(f"l1_mse.md:{output.line}: the output shown differs")
            mutants += 1
    assert mutants == 7


def test_every_documented_output_on_the_site_is_checked(site: Site) -> None:
    """For each real page: each output fence is tied to a fence that runs, and a changed digit
    in it is a difference. (That the unchanged pages pass is the docs run itself.)"""
    for path in sorted(DOCS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        page = site.scan(text)
        outputs = [fence for fence in page.fences if fence.is_output]
        assert outputs == list(page.outputs.values()), f"{path}: an output fence is not checked"
        assert set(page.outputs) <= {fence.line for fence in page.runnable}, path
        for python_line, output in page.outputs.items():
            digits = output_digits(text, output)
            included_digit = re.search(r"\d", output.text)
            if digits:  # written on the page: change it there and read the page again
                mutated = site.scan(mutate(text, digits[0])).outputs[python_line].text
            elif included_digit:  # included from a file: change the included text
                mutated = mutate(output.text, included_digit.start())
            else:
                continue
            assert output_diff(mutated, output.text, str(path)) is not None


# --- comparison --------------------------------------------------------------------------


def test_output_comparison_ignores_only_trailing_whitespace() -> None:
    assert output_diff("tensor(2.)\n", "tensor(2.)  \n\n", "p.md:3") is None
    assert output_diff("a\nb", "a   \nb\n", "p.md:3") is None
    assert output_diff(" a", "a", "p.md:3") is not None
    assert output_diff("a\n\nb", "a\nb", "p.md:3") is not None
    diff = output_diff("tensor(2.)", "tensor(3.)", "docs/x.md:12")
    assert diff is not None
    assert "docs/x.md:12 (documented)" in diff
    assert "-tensor(2.)" in diff
    assert "+tensor(3.)" in diff


def test_a_block_that_prints_needs_an_output_fence(site: Site) -> None:
    page = page_of(site, '```python\nprint("hello")\n```\n')
    (failure,) = run_page(page, "p.md")
    assert failure.startswith("p.md:1: this block prints, but no output fence")


def test_an_output_that_cannot_be_read_is_not_compared(site: Site) -> None:
    page = page_of(site, '```python\nprint(1)\n```\n\n```{.text .output}\n--8<-- "no.out"\n```\n')
    problem, failure = run_page(page, "p.md")
    assert problem.startswith("p.md:5: an include in this fence does not resolve")
    assert failure.startswith("p.md:5: output not compared: an include in this fence")


def test_blocks_share_one_namespace_in_order(site: Site) -> None:
    page = page_of(
        site,
        """
        ```python
        import torch
        x = torch.rand(3)
        ```

        Text between blocks.

        ```python
        torch.manual_seed(0)
        print(torch.equal(x, torch.rand(3)))
        ```

        ```{.text .output}
        True
        ```
        """,
    )
    assert run_page(page, "p.md") == []  # x is seen, and was drawn after torch.manual_seed(0)


def test_an_error_names_page_and_line_and_stops_the_page(site: Site) -> None:
    page = page_of(site, "```python\n\nx = 1 / 0\n```\n\n```python\nx\n```\n")
    first, second = run_page(page, "p.md")
    assert first.startswith("p.md:1: this block raised an exception")
    assert '"p.md, block at line 1", line 3' in first
    assert "ZeroDivisionError" in first
    assert second == "p.md:6: not run, because the block at line 1 failed first"


def test_blocks_selected_out_of_order_replay_the_earlier_ones(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagecheck, "SITE", site)
    runner = pagecheck.PageRunner()
    lines = [fence.line for fence in site.page(FIXTURE).runnable]

    def run(line: int) -> None:
        test = FenceTestDefinition("", (), line, FIXTURE, None)
        runner.runtest(test, {"__name__": "fence"})

    run(lines[2])  # alone, as with -k: blocks 1 and 2 are replayed first
    run(lines[3])
    for line in lines:  # then the whole page in order, from a fresh start
        run(line)


# --- nothing escapes ---------------------------------------------------------------------

ESCAPES = {
    "py": ("```py\nprint(1)\n```", "write ```python (the one spelling)"),
    "python3": ("```python3\nprint(1)\n```", "write ```python"),
    "Python": ("```Python\nprint(1)\n```", "write ```python"),
    "braces py": ("```{.py}\nprint(1)\n```", "write ```python"),
    "pycon": ("```pycon\n>>> print(1)\n1\n```", "```pycon is not run"),
    "notest": ("```python notest\nprint(1)\n```", "'notest' is not allowed"),
    "notest class": ("```{.python .notest}\nprint(1)\n```", "unknown class '.notest'"),
    "continuation": ("```python continuation\nprint(1)\n```", "remove 'continuation'"),
    "misspelt title": ('```python tilte="x"\nprint(1)\n```', "did you mean 'title'?"),
    "misspelt hl_lines": ('```python hl_line="1"\nprint(1)\n```', "did you mean 'hl_lines'?"),
    "misspelt output": ("```python\nprint(1)\n```\n\n```{.text .ouput}\n1\n```", "'output'?"),
    "no language": ("```\nprint(1)\n```", "this fence has no language"),
    "unknown language": ("```rust\nfn main() {}\n```", "unknown language 'rust'"),
    "blockquote": ("> ```python\n> print(1)\n> ```", "inside a blockquote"),
    "list marker": ("- ```python\n  print(1)\n  ```", "cannot share its line with a list marker"),
    "numbered item": ("1. ```python\n   print(1)\n   ```", "cannot share its line"),
    "tab notest": ('=== "A"\n\n    ```python notest\n    print(1)\n    ```', "'notest'"),
    "note py": ("!!! note\n\n    ```py\n    print(1)\n    ```", "write ```python"),
    "include outside fences": ('--8<-- "docs/index.md"', "include outside a code fence"),
    "block include": ("--8<--\ndocs/index.md\n--8<--", "include outside a code fence"),
    "missing include": ('```python\n--8<-- "nope/missing.py"\n```', "does not resolve"),
    "missing section": (
        '```python\n--8<-- "tests/fixtures/pages/l1_mse_inputs.py:nope"\n```',
        "does not resolve",
    ),
    "output alone": ("Text.\n\n```{.text .output}\n1\n```", "must come right after"),
    "output after prose": (
        "```python\nprint(1)\n```\n\nText.\n\n```{.text .output}\n1\n```",
        "must come right after",
    ),
    "text as output": ("```python\nprint(1)\n```\n\n```text\n1\n```", "write ```{.text .output}"),
    "unclosed": ("```python\nprint(1)\n", "never closed"),
}


@pytest.mark.parametrize("name", ESCAPES)
def test_escape_is_rejected(site: Site, name: str) -> None:
    markdown, message = ESCAPES[name]
    page = site.scan(markdown + "\n")
    assert any(message in text for _, text in page.problems), page.problems


def test_allowed_forms_are_accepted(site: Site) -> None:
    page = page_of(
        site,
        """
        ```{.python title="Example" hl_lines="1" linenums="1"}
        print(1)
        ```

        ```{.text .output title="输出"}
        1
        ```

        ~~~python
        print(2)
        ~~~

        ```{ .text .output }
        2
        ```

        ```bash
        pip install lossref
        ```

        ````markdown
        ```python
        inside a Markdown example, not a fence of the page
        ```
        ````
        """,
    )
    assert page.problems == []
    assert len(page.runnable) == 2
    assert run_page(page, "p.md") == []


def test_parse_info() -> None:
    assert parse_info("python") == ("python", (), {}, ())
    assert parse_info('{.text .output title="Out put"}') == (
        "text",
        ("output",),
        {"title": "Out put"},
        (),
    )
    assert parse_info('python title="a b" notest') == ("python", (), {"title": "a b"}, ("notest",))
    assert parse_info("") == (None, (), {}, ())


# --- through pytest: pytest-markdown-docs runs what the plugin hands it -------------------


def test_plugin_in_a_pytest_run(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    fixture = FIXTURE.read_text(encoding="utf-8")
    (tmp_path / "good.md").write_text(fixture)
    (tmp_path / "mutant.md").write_text(fixture.replace("tensor(8.)", "tensor(9.)"))
    (tmp_path / "escape.md").write_text('=== "Tab"\n\n    ```py\n    print(1)\n    ```\n')
    (tmp_path / "missing.md").write_text('```python\n--8<-- "nope/missing.py"\n```\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "tests.pagecheck",
            "--markdown-docs",
            "--markdown-docs-syntax=superfences",
            f"--mkdocs-config={REPO / 'mkdocs.yml'}",
            "-p",
            "no:cacheprovider",
            "-rA",
            ".",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    outcomes = dict(
        (m["id"], m["outcome"])
        for m in re.finditer(r"^(?P<outcome>PASSED|FAILED) (?P<id>\S+)", result.stdout, re.M)
    )
    good = {f"good.md::[CodeFence#{i}][line:{n}]" for i, n in enumerate((6, 21, 31, 41), 1)}
    assert {key: outcomes.get(key) for key in good} == dict.fromkeys(good, "PASSED")
    assert outcomes["good.md::[pagecheck]"] == "PASSED"
    assert outcomes["mutant.md::[CodeFence#3][line:31]"] == "FAILED"
    assert outcomes["mutant.md::[CodeFence#4][line:41]"] == "PASSED"
    assert "mutant.md:35: the output shown differs" in result.stdout
    assert "-tensor(9.)\n+tensor(8.)" in result.stdout
    assert outcomes["escape.md::[pagecheck]"] == "FAILED"
    assert "escape.md:3: ```py is not run by the tests" in result.stdout
    assert outcomes["missing.md::[pagecheck]"] == "FAILED"
    assert "missing.md:1: an include in this fence does not resolve" in result.stdout
    assert result.returncode == 1
