"""``python -m lossref new`` and ``outputs``, run in a temporary copy of the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lossref import _scaffold
from lossref.__main__ import main
from lossref._pages import SCAFFOLD_MARKER, loss_page_problems
from lossref._scaffold import Draft, ScaffoldError, new_loss, regenerate_outputs

REPO = Path(__file__).resolve().parents[1]
NEW = ["new", "hinge_loss", "--family", "classification", "--name-en", "Hinge loss"]
NEW += ["--name-zh", "合页损失", "--paper", "Cortes & Vapnik, “Support-Vector Networks”, 1995"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """What the scaffold reads and writes: the package, the loss pages, pyproject.toml."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "lossref", tmp_path / "lossref", ignore=ignore)
    shutil.copytree(REPO / "docs" / "losses", tmp_path / "docs" / "losses")
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "snippets").mkdir()
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def scaffold(repo: Path, *args: str) -> int:
    return main(["--root", str(repo), *NEW, *args])


def test_new_loss_writes_a_complete_skeleton(repo: Path) -> None:
    assert scaffold(repo) == 0
    for path in (
        "tests/test_hinge_loss.py",
        "docs/losses/hinge_loss.md",
        "docs/losses/hinge_loss.zh.md",
        "snippets/hinge_loss/worked_example.py",
        "snippets/hinge_loss/worked_example.out",
    ):
        assert (repo / path).is_file(), path
    source = (repo / "lossref" / "classification.py").read_text(encoding="utf-8")
    assert "# --8<-- [start:hinge_loss]" in source
    assert "# --8<-- [end:hinge_loss]" in source
    assert 'raise NotImplementedError("scaffolded, not implemented yet")' in source
    test = (repo / "tests" / "test_hinge_loss.py").read_text(encoding="utf-8")
    assert 'expected = torch.tensor(float("nan"))' in test  # fails until computed by hand
    # The copy imports, registers the loss, generates its module and exports it; its test
    # fails until the loss is written; the formatter and linter accept what was written.
    check = """
import lossref, lossref.nn, torch
spec = lossref.registry.get("hinge_loss")
assert spec.function is lossref.hinge_loss and spec.paper.startswith("Cortes")
assert lossref.nn.HingeLoss.function is lossref.hinge_loss
try:
    lossref.hinge_loss(torch.zeros(2), torch.zeros(2))
except NotImplementedError:
    print("stub")
"""
    run = subprocess.run(
        [sys.executable, "-c", check], cwd=repo, capture_output=True, text=True, timeout=120
    )
    assert (run.returncode, run.stdout) == (0, "stub\n"), run.stderr
    for command in (["check"], ["format", "--check"]):
        lint = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--no-cache", "lossref", "tests", "snippets"],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_torch_counterpart_is_the_tests_reference(repo: Path) -> None:
    # Every current torch loss is in lossref; NLLLoss2d (deprecated, still in torch.nn) is not.
    torch_class = "torch.nn.NLLLoss2d"
    new_loss(
        repo, Draft("nll_loss2d", "classification", "NLL, 2-D", "二维负对数似然损失", torch_class)
    )
    test = (repo / "tests" / "test_nll_loss2d.py").read_text(encoding="utf-8")
    assert "expected = torch.nn.NLLLoss2d()(prediction, target)" in test
    registry = (repo / "lossref" / "registry.py").read_text(encoding="utf-8")
    assert '        "NLLLoss2d",\n        "torch.nn.NLLLoss2d",\n' in registry


def test_scaffolded_pages_fail_the_page_check_only_for_their_markers(repo: Path) -> None:
    assert scaffold(repo) == 0
    problems = loss_page_problems(repo, "hinge_loss", "Hinge loss", "合页损失")
    assert problems
    assert all(f"scaffold marker {SCAFFOLD_MARKER} left" in p for p in problems), problems
    reported = {p.split(":")[0] for p in problems}
    assert reported == {
        "docs/losses/hinge_loss.md",
        "docs/losses/hinge_loss.zh.md",
        "snippets/hinge_loss/worked_example.py",
        "snippets/hinge_loss/worked_example.out",
    }
    for path in (repo / "docs" / "losses").glob("hinge_loss*.md"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if SCAFFOLD_MARKER not in line))
    problems = loss_page_problems(repo, "hinge_loss", "Hinge loss", "合页损失")
    assert {p.split(":")[0] for p in problems} == {"snippets/hinge_loss/worked_example.py"} | {
        "snippets/hinge_loss/worked_example.out"
    }


def test_clean_repository_passes_the_page_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "huber_loss"], "'huber_loss' is already registered"),
        (["new", "HingeLoss"], "not a snake_case Python identifier"),
        (["new", "hinge-loss"], "not a snake_case Python identifier"),
        (["new", "2hinge"], "not a snake_case Python identifier"),
        (["new", "lambda"], "not a snake_case Python identifier"),
        (["new", "sum"], "is a Python builtin"),
        (["new", "margin_ranking_loss"], "shadows torch.margin_ranking_loss"),
        (["new", "hinge_loss", "--family", "vision"], "unknown family 'vision'"),
        (["new", "hinge_loss", "--name-zh", "均方差"], "the glossary term is '均方误差'"),
        (["new", "hinge_loss", "--torch", "torch.nn.Linear2"], "name the torch.nn loss class"),
    ],
)
def test_invalid_requests_change_nothing(
    repo: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo)
    # argparse keeps the last of repeated options, so NEW's defaults come first.
    argv = ["--root", str(repo), *NEW[:1], args[1], *NEW[2:], *args[2:]]
    assert main(argv) == 1
    error = capsys.readouterr().err
    assert "nothing was changed" in error
    assert message in error
    assert snapshot(repo) == before


def test_running_twice_changes_nothing_the_second_time(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert scaffold(repo) == 0
    after_first = snapshot(repo)
    assert scaffold(repo) == 1
    assert "already registered" in capsys.readouterr().err
    assert snapshot(repo) == after_first


def test_a_failed_write_restores_every_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(repo)
    calls = []

    def replace(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 4:
            raise OSError("disk full")
        os.replace(source, target)

    monkeypatch.setattr(_scaffold.os, "replace", replace)
    with pytest.raises(OSError, match="disk full"):
        new_loss(repo, Draft("hinge_loss", "classification", "Hinge loss", "合页损失"))
    assert snapshot(repo) == before
    assert not (repo / "snippets" / "hinge_loss").exists()


def test_outputs_are_regenerated_by_running_the_snippets(repo: Path) -> None:
    folder = repo / "snippets" / "demo"
    folder.mkdir()
    (folder / "a.py").write_text("print(6 * 7)\n")
    (folder / "b.py").write_text("print('b')\n")
    (folder / "a.out").write_text("typed by hand\n")
    assert regenerate_outputs(repo, "demo") == [folder / "a.out", folder / "b.out"]
    assert (folder / "a.out").read_text() == "42\n"
    assert regenerate_outputs(repo, "demo") == []  # nothing changed
    (folder / "c.py").write_text("raise SystemExit('broken')\n")
    (folder / "a.py").write_text("print(0)\n")
    pattern = r"snippets/demo/c\.py: exited with status 1; no output was written:\nbroken"
    with pytest.raises(ScaffoldError, match=pattern):
        regenerate_outputs(repo, "snippets/demo")
    assert (folder / "a.out").read_text() == "42\n"
    assert not (folder / "c.out").exists()
