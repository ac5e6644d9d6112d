"""Shared test setup: one torch thread, and the site built once per test session.

The tests use tensors of a few dozen elements, for which torch's intra-op thread pool costs more
than it saves. Measured on a 2-core machine: ``log_softmax`` over dim 1 of a ``(2, 4, 2, 3)``
tensor took 2 µs with one thread, 10 µs with two, and up to ~1 ms with two while another process
kept a core busy (the whole suite then took 40 s instead of 12 s). Results do not depend on the
thread count; only the run time does.
"""

import importlib.util
import subprocess
import sys
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


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The site, built once for the whole session exactly as `bash .ci/dev build` builds it
    (strict); the site-build, link and browser tests all read this one build."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(site, result.returncode, result.stdout + result.stderr)


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
