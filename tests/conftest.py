"""Shared test setup: one torch thread, and the slow commands (the site build, the tutorials
executed afresh, mypy) started once per session, beside the other tests.

The tests use tensors of a few dozen elements, for which torch's intra-op thread pool costs more
than it saves. Measured on a 2-core machine: ``log_softmax`` over dim 1 of a ``(2, 4, 2, 3)``
tensor took 2 µs with one thread, 10 µs with two, and up to ~1 ms with two while another process
kept a core busy (the whole suite then took 40 s instead of 12 s). Results do not depend on the
thread count; only the run time does.
"""

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import torch

REPO = Path(__file__).resolve().parents[1]
HOOKS = REPO / "docs" / "_hooks"

torch.set_num_threads(1)


@dataclass
class Build:
    site: Path
    returncode: int
    log: str


@dataclass
class Finished:
    returncode: int
    output: str
    folder: Path  # where the command wrote its files


class Background:
    """A command of a few dozen seconds that needs no test before it: started in its own
    process when the tests are collected, so that it runs while the other tests do, and waited
    for by the tests that read its result (they run last). ``nice`` > 0: it takes the cores
    only when the suite leaves them idle."""

    def __init__(self, arguments: list[str], nice: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="lossref-tests-"))
        self.output = (self.folder / "output.log").open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, *(a.replace("{folder}", str(self.folder)) for a in arguments)],
            cwd=REPO,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
            start_new_session=True,  # so that close() can stop its children too (kernels)
        )

    def result(self) -> Finished:
        returncode = self.process.wait(timeout=BACKGROUND_TIMEOUT)
        self.output.seek(0)
        return Finished(returncode, self.output.read(), self.folder)

    def close(self) -> None:
        if self.process.poll() is None:  # the session ended early (-x, Ctrl-C)
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.output.close()
        shutil.rmtree(self.folder, ignore_errors=True)


BACKGROUND_TIMEOUT = 900  # seconds; each takes 1 to 2 minutes beside the other tests
# fixture name -> (the arguments to python, "{folder}" being the command's own folder; its
# niceness). The build is not niced: the browser tests wait for it.
MYPY = ["mypy", "--config-file", str(REPO / "pyproject.toml")]  # also tests/test_lint.py
BACKGROUND: dict[str, tuple[list[str], int]] = {
    "build": (["-m", "mkdocs", "build", "--strict", "--site-dir", "{folder}/site"], 0),
    "fresh_tutorial_notebooks": (
        [str(HOOKS / "tutorial_notebooks.py"), "{folder}", "-l", "zh"],
        10,
    ),
    "mypy_of_lossref": (["-m", *MYPY, "lossref"], 10),
}
STARTED = pytest.StashKey[dict[str, Background]]()


def background_fixtures(item: pytest.Item) -> list[str]:
    return [name for name in BACKGROUND if name in getattr(item, "fixturenames", ())]


def asks_for_everything(config: pytest.Config) -> bool:
    """Run with no paths and no selection: every test will run, so every background command is
    needed and can start before the tests are even collected (about 15 s on 2 cores)."""
    return (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
        and not config.option.collectonly
    )


def pytest_configure(config: pytest.Config) -> None:
    if asks_for_everything(config):
        config.stash[STARTED] = {name: Background(*BACKGROUND[name]) for name in BACKGROUND}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that read a ``BACKGROUND`` result run last, and the commands they need start
    now if they have not yet: on 2 cores the site build and the other tests then run at the
    same time instead of one after the other."""
    items.sort(key=lambda item: bool(background_fixtures(item)))  # stable
    if config.option.collectonly:
        return
    started = config.stash.setdefault(STARTED, {})
    for name in BACKGROUND:
        if name not in started and any(name in background_fixtures(item) for item in items):
            started[name] = Background(*BACKGROUND[name])


def pytest_unconfigure(config: pytest.Config) -> None:
    for started in config.stash.get(STARTED, {}).values():
        started.close()


def background(request: pytest.FixtureRequest, name: str) -> Finished:
    started = request.config.stash.setdefault(STARTED, {})
    if name not in started:  # requested in a way collection did not see
        started[name] = Background(*BACKGROUND[name])
    return started[name].result()


@pytest.fixture(scope="session")
def build(request: pytest.FixtureRequest) -> Build:
    """The site, built once for the whole session exactly as `bash .ci/dev build` builds it
    (strict); the site-build, link, tutorial and browser tests all read this one build."""
    finished = background(request, "build")
    return Build(finished.folder / "site", finished.returncode, finished.output)


@pytest.fixture(scope="session")
def fresh_tutorial_notebooks(request: pytest.FixtureRequest) -> Finished:
    """Every tutorial executed once more, in Chinese, each in a fresh kernel:
    ``<folder>/<name>.zh.ipynb``."""
    return background(request, "fresh_tutorial_notebooks")


@pytest.fixture(scope="session")
def mypy_of_lossref(request: pytest.FixtureRequest) -> Finished:
    """``mypy --strict`` on the package (pyproject.toml's settings): a minute without a cache."""
    return background(request, "mypy_of_lossref")


def load_hook(name: str) -> ModuleType:
    """``docs/_hooks/<name>.py`` imported as mkdocs imports it: from its folder, so that its
    imports of sibling modules (``lossplots``, ``loss_registry``) resolve."""
    sys.path.insert(0, str(HOOKS))
    try:
        spec = importlib.util.spec_from_file_location(f"hook_{name}", HOOKS / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(HOOKS))
