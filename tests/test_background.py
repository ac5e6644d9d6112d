"""The suite's scheduling (tests/conftest.py, tests/_background.py): the tests that read a
background command's result run last, and a command starts only when some test needs it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests._background import Background
from tests.conftest import STARTED, background_fixtures, pytest_collection_modifyitems


def item(name: str, *fixtures: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, fixturenames=list(fixtures))


def test_readers_of_background_results_run_last(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    monkeypatch.setattr(
        "tests.conftest.Background", lambda arguments, nice: started.append(arguments[0])
    )
    config = SimpleNamespace(option=SimpleNamespace(collectonly=False), stash={})
    items = [
        item("browser", "build", "tmp_path"),
        item("unit"),
        item("lint", "mypy_of_lossref"),
        item("page"),
    ]
    pytest_collection_modifyitems(config, items)  # type: ignore[arg-type]
    assert [i.name for i in items] == ["unit", "page", "browser", "lint"]
    assert [background_fixtures(i) for i in items[2:]] == [["build"], ["mypy_of_lossref"]]
    assert started == ["-m", "-m"]  # mkdocs and mypy; the tutorials were not asked for
    assert sorted(config.stash[STARTED]) == ["build", "mypy_of_lossref"]


def test_a_background_command_reports_its_output_and_status() -> None:
    ok = Background(["-c", "print('built'); open('{folder}/made', 'w').close()"], nice=5)
    failed = Background(["-c", "import sys; sys.exit('no site')"], nice=0)
    try:
        done = ok.result()
        assert (done.returncode, done.output) == (0, "built\n")
        assert (done.folder / "made").is_file()
        broken = failed.result()
        assert broken.returncode == 1
        assert "no site" in broken.output
    finally:
        folders = [ok.folder, failed.folder]
        ok.close()
        failed.close()
    assert not any(folder.exists() for folder in folders)
