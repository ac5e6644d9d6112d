"""The benchmark (lossref/_bench.py, ``python -m lossref bench``) and the performance page's
hook (docs/_hooks/performance.py), which builds its tables from docs/performance/results.json."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from lossref.__main__ import main
from lossref.registry import LOSSES
from tests.conftest import load_hook

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "docs" / "performance" / "results.json"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_hook("performance")


def small_results() -> dict[str, Any]:
    """A results file in the benchmark's format, every registered loss measured once."""
    eager, compiled, memory = [], [], []
    for index, spec in enumerate(LOSSES):
        peer = "torch" if spec.torch and spec.torch.startswith("torch.nn") else "tutorial"
        ratio = 0.5 + 0.25 * index
        seconds = {"lossref": 2e-3 * ratio, peer: 2e-3}
        common = {"loss": spec.id, "elements": 10**6, "classes": None, "reference": peer}
        eager.append({**common, "shape": [10**6], "seconds": seconds, "ratio": {peer: ratio}})
        peaks = {"lossref": int(4e6 * ratio), peer: 4_000_000}
        memory.append({**common, "input_bytes": 4_000_000, "peak_bytes": peaks})
        memory[-1]["ratio"] = {peer: ratio}
        if spec.torch:
            compiled.append(
                {
                    **common,
                    "shape": [10**6],
                    "compile_seconds": 3.0,
                    "seconds": {**seconds, "lossref compiled": 2e-3},
                    "ratio_compiled": 1.0 + index / 10,
                    "ratio_eager": ratio,
                }
            )
    return {
        "command": "python -m lossref bench",
        "date_utc": "2026-01-01 00:00",
        "machine": {
            "platform": "Linux-test",
            "python": "3.11.0",
            "cpu_model": "Test CPU",
            "cpu_count": 2,
            "threads": 2,
        },
        "versions": {"torch": "2.13.0", "monai": "1.6.1"},
        "settings": {"wall_seconds": 100},
        "eager": eager,
        "compiled": compiled,
        "memory": memory,
    }


def test_quick_bench_measures_every_loss(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    assert main(["bench", "--quick", "--threads", "1", "--out", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["machine"]["threads"] == 1
    assert results["versions"]["torch"]
    assert {entry["loss"] for entry in results["eager"]} == {spec.id for spec in LOSSES}
    for entry in results["eager"]:
        assert entry["seconds"]["lossref"] > 0
        assert entry["ratio"], f"{entry['loss']}: no peer"
        assert entry["reference"] in entry["ratio"]
    assert out.read_text(encoding="utf-8").endswith("}\n")


def test_committed_results_cover_every_registered_loss() -> None:
    assert RESULTS.is_file(), (
        "docs/performance/results.json is missing: run python -m lossref bench"
    )
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    measured = {entry["loss"] for entry in results["eager"]}
    missing = [spec.id for spec in LOSSES if spec.id not in measured]
    assert missing == [], (
        f"docs/performance/results.json has no measurement of {missing}: run "
        "`python -m lossref bench` (several minutes) and commit docs/performance/results.json"
    )
    with_counterpart = {spec.id for spec in LOSSES if spec.torch}
    assert {entry["loss"] for entry in results["compiled"]} == with_counterpart
    assert {entry["loss"] for entry in results["memory"]} == {spec.id for spec in LOSSES}


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("| Loss |", "Test CPU", "Met?", "compile time")),
        ("zh", ("| 损失函数 |", "测量环境", "是否达成", "编译耗时")),
    ],
)
def test_hook_renders_the_tables(hook: ModuleType, language: str, words: tuple[str, ...]) -> None:
    markdown = "\n\n".join(
        f"<!-- lossref:performance {name} -->"
        for name in ("machine", "eager", "compiled", "memory", "targets")
    )
    markdown += "\n\nrange <!-- lossref:performance compiled-range --> huber "
    markdown += "<!-- lossref:performance eager huber_loss -->"
    text = hook.render(markdown, small_results(), language, None)
    assert "lossref:performance" not in text
    for word in words:
        assert word in text
    for spec in LOSSES:
        assert f"`{spec.id}`" in text
    assert "range 1.00–" in text
    assert "huber 1.25×" in text  # the 4th loss: 0.5 + 3 × 0.25


def test_hook_checks_targets(hook: ModuleType) -> None:
    checks = hook.target_checks(small_results())
    met, failures, _ = checks["target_compiled"]
    assert not met
    assert any("`kl_div`" in failure for failure in failures)  # ratio 1.0 + 9/10 > 1.2
    assert checks["target_eager"][0]


def test_hook_names_the_command_when_a_loss_is_missing(hook: ModuleType, tmp_path: Path) -> None:
    results = small_results()
    results["eager"] = results["eager"][1:]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results), encoding="utf-8")
    with pytest.raises(PluginError, match=r"mse_loss.*python -m lossref bench"):
        hook.load(path)
    with pytest.raises(PluginError, match="python -m lossref bench"):
        hook.load(tmp_path / "absent.json")


def test_unknown_value_is_refused(hook: ModuleType) -> None:
    with pytest.raises(PluginError, match="no such value"):
        hook.render("<!-- lossref:performance eager no_loss -->", small_results(), "en", None)
