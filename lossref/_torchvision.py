"""torchvision's loss functions, loaded from its Python sources without its compiled ops.

torchvision 0.28.0 is the release paired with torch 2.13.0, but its compiled extension does not
register its operators beside this CPU build of torch, so ``import torchvision`` fails
("operator torchvision::nms does not exist"). Its losses are plain torch code in single files
(``torchvision/ops/giou_loss.py``, ...). This loads those files as members of empty
``torchvision`` and ``torchvision.ops`` packages, so the maintained implementation is what the
tests and the benchmark compare against, without executing the package ``__init__`` that
loads the extension. torchvision is a test dependency (``pip install -e .[test]``).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any


def torchvision_op(module: str, name: str) -> Callable[..., Any]:
    """``torchvision.ops.<module>.<name>``, e.g. ``torchvision_op("giou_loss",
    "generalized_box_iou_loss")``."""
    if "torchvision" not in sys.modules:
        spec = importlib.util.find_spec("torchvision")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("torchvision is a test dependency: pip install -e .[test]")
        root = Path(next(iter(spec.submodule_search_locations)))
        for package, path in (("torchvision", root), ("torchvision.ops", root / "ops")):
            shell = types.ModuleType(package)
            shell.__path__ = [str(path)]
            sys.modules[package] = shell
    function: Callable[..., Any] = getattr(
        importlib.import_module(f"torchvision.ops.{module}"), name
    )
    return function
