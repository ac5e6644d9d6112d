"""The suite's slow commands, run in processes of their own beside the tests (see conftest.py).

Apart from conftest.py so that the test modules and conftest share one copy: pytest imports
conftest.py as ``conftest``, and ``from tests.conftest import ...`` would import a second one.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOOKS = REPO / "docs" / "_hooks"


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
    process when the session starts (or once collection shows a test needs it), so that it runs
    while the other tests do, and waited for by the tests that read its result (they run
    last). ``nice`` > 0: it takes the cores only when the suite leaves them idle."""

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
        [str(HOOKS / "tutorial_notebooks.py"), "{folder}", "-l", "zh", "--kernels", "1"],
        10,
    ),
    "mypy_of_lossref": (["-m", *MYPY, "lossref"], 10),
}

# Called with the build as soon as it has finished, while other tests still run, so that a
# module that needs only the site can start its own slow work (tests/test_browser.py).
WHEN_BUILT: list[Callable[[Build], None]] = []
