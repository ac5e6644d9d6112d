"""Shared test setup: one torch thread, and the slow commands (the site build, the tutorials
executed afresh, mypy) started once per session, beside the other tests.

The tests use tensors of a few dozen elements, for which torch's intra-op thread pool costs more
than it saves. Measured on a 2-core machine: ``log_softmax`` over dim 1 of a ``(2, 4, 2, 3)``
tensor took 2 µs with one thread, 10 µs with two, and up to ~1 ms with two while another process
kept a core busy (the whole suite then took 40 s instead of 12 s). Results do not depend on the
thread count; only the run time does.
"""

import importlib.util
import sys
from types import ModuleType

import pytest
import torch

from tests._background import (
    BACKGROUND,
    HOOKS,
    MYPY,
    REPO,
    WHEN_BUILT,
    Background,
    Build,
    Finished,
)

__all__ = ["HOOKS", "MYPY", "REPO", "Build", "Finished", "load_hook"]

torch.set_num_threads(1)


STARTED = pytest.StashKey[dict[str, Background]]()


def started(config: pytest.Config, name: str) -> Background:
    """The background command ``name`` of this session, started now if it was not yet."""
    commands = config.stash.setdefault(STARTED, {})
    if name not in commands:
        commands[name] = Background(*BACKGROUND[name])
    return commands[name]


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
        for name in BACKGROUND:
            started(config, name)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests that read a ``BACKGROUND`` result run last, and the commands they need start
    now if they have not yet: on 2 cores the site build and the other tests then run at the
    same time instead of one after the other."""
    items.sort(key=lambda item: bool(background_fixtures(item)))  # stable
    if config.option.collectonly:
        return
    wanted = {name for item in items for name in background_fixtures(item)}
    for name in BACKGROUND:
        if name in wanted:
            started(config, name)


def pytest_unconfigure(config: pytest.Config) -> None:
    for command in config.stash.get(STARTED, {}).values():
        command.close()


BUILT = pytest.StashKey[Build]()
ANNOUNCED = pytest.StashKey[bool]()


def built(config: pytest.Config) -> Build:
    """The finished site build (waited for the first time)."""
    if BUILT not in config.stash:
        finished = started(config, "build").result()
        config.stash[BUILT] = Build(finished.folder / "site", finished.returncode, finished.output)
    return config.stash[BUILT]


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """After each test, once the build has finished: hand it to ``WHEN_BUILT``, once."""
    build = item.config.stash.get(STARTED, {}).get("build")
    if build is None or ANNOUNCED in item.config.stash or build.process.poll() is None:
        return
    item.config.stash[ANNOUNCED] = True
    for callback in WHEN_BUILT:
        callback(built(item.config))


@pytest.fixture(scope="session")
def build(request: pytest.FixtureRequest) -> Build:
    """The site, built once for the whole session exactly as `bash .ci/dev build` builds it
    (strict); the site-build, link, tutorial and browser tests all read this one build."""
    return built(request.config)


@pytest.fixture(scope="session")
def fresh_tutorial_notebooks(request: pytest.FixtureRequest) -> Finished:
    """Every tutorial executed once more, in Chinese, one after the other in one new kernel:
    ``<folder>/<name>.zh.ipynb``."""
    return started(request.config, "fresh_tutorial_notebooks").result()


@pytest.fixture(scope="session")
def mypy_of_lossref(request: pytest.FixtureRequest) -> Finished:
    """``mypy --strict`` on the package (pyproject.toml's settings), started with the session."""
    return started(request.config, "mypy_of_lossref").result()


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
