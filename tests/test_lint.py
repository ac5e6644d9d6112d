"""The package is clean for ruff (lint and format) and for mypy in strict mode.

The tools run as subprocesses of this interpreter with the settings of pyproject.toml; a test
is skipped, saying so, only when its tool is not installed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MYPY, Finished

REPO = Path(__file__).resolve().parents[1]
CONFIG = str(REPO / "pyproject.toml")
FIXES = {
    "ruff check": "fix the lines above (`ruff check --fix lossref` fixes many)",
    "ruff format": "run `ruff format lossref`",
    "mypy": "fix the types on the lines above",
}
COMMANDS = {
    "ruff check": ["ruff", "check", "--config", CONFIG],
    "ruff format": ["ruff", "format", "--check", "--config", CONFIG],
    "mypy": MYPY,
}


def run(name: str, *paths: str) -> subprocess.CompletedProcess[str]:
    command = COMMANDS[name]
    if importlib.util.find_spec(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed: pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", *command, *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("name", ["ruff check", "ruff format"])
def test_lossref_is_clean(name: str) -> None:
    result = run(name, "lossref")
    assert result.returncode == 0, f"{name} on lossref/: {FIXES[name]}\n{result.stdout}"


def test_lossref_is_typed_strictly(mypy_of_lossref: Finished) -> None:
    """``COMMANDS["mypy"]`` on lossref/, started with the session (tests/conftest.py):
    without a cache it takes about ten seconds (pyproject.toml skips torch's internals)."""
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed: pip install -e '.[test]'")
    assert mypy_of_lossref.returncode == 0, f"mypy on lossref/: {FIXES['mypy']}\n" + (
        mypy_of_lossref.output
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_tool_reports_a_bad_file(name: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import os\ndef twice(x):\n    return x+x\n")  # unused, unformatted, untyped
    result = run(name, str(bad))
    assert result.returncode != 0
    assert "bad.py" in result.stdout
