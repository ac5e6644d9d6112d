"""MkDocs hook: the performance page's tables, figure and numbers, from the benchmark's JSON.

``python -m lossref bench`` writes ``docs/performance/results.json``; nothing on the page is
typed by hand. A line ``<!-- lossref:performance NAME -->`` becomes a block:

* ``machine``: where and when the numbers were measured;
* ``compiled``, ``eager``, ``memory``: the tables; ``targets``: each target, met or not;
* ``figure``: the ratios as an SVG, drawn with ``lossplots``' fonts and colours.

``<!-- lossref:performance NAME ARG -->`` inside a sentence becomes one number:
``compiled-range``, ``compiled-median``, ``compiled-met`` (how many compiled measurements are
within 1.2×), ``compiled-over`` and ``memory-over`` (the losses over their target), and
``eager ID``, ``compiled ID``, ``memory ID`` (a loss's ratio at 1e6 elements, C = 10),
``compile-seconds ID`` (its compile time).
"""

from __future__ import annotations

import html
import io
import json
import posixpath
import re
import statistics
import sys
from pathlib import Path
from typing import Any

# mkdocs imports a hook with its folder on sys.path; pytest's doctest collection does not.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

import matplotlib
from loss_registry import page_language
from lossplots import COLOURS, RC, STYLES, TEXT_COLOUR
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from lossref.registry import BY_ID, LOSSES

RESULTS = Path("performance/results.json")  # under docs_dir
PLACEHOLDER = re.compile(r"<!-- lossref:performance ([a-z-]+)(?: ([a-z0-9_]+))? -->")
FIGURE_DIR = "assets/figures"
WIDTH = 800
AT = 10**6
COMPILE_TARGET = 1.2
MEMORY_TARGET = 2.0
NOISE = 1.05  # "no slower": within 5%, the timing noise between repeats

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "loss": "Loss",
        "peer": "Against",
        "classes": "C",
        "compile": "compile time",
        "eager": "eager lossref",
        "compiled": "compiled lossref",
        "peer_time": "peer time",
        "ratio": "ratio",
        "size": "elements",
        "lossref_peak": "lossref peak",
        "peer_peak": "peer peak",
        "target": "Target",
        "met": "Met?",
        "detail": "Measured",
        "yes": "yes",
        "none": "none",
        "no": "no",
        "machine": "Measured on {cpu} ({cpus} CPUs, {threads} torch threads), {platform}, "
        "Python {python}, torch {torch}, MONAI {monai}, {date} UTC, with `{command}` "
        "(total {wall} s).",
        "target_free": "Every loss without a torch counterpart: eager lossref no slower than "
        "the fastest peer, at every size",
        "target_eager": "With a counterpart: the eager ratio published",
        "target_compiled": "With a counterpart: `torch.compile(lossref.…)` within 1.2× of "
        "the native function, at 1e6 elements",
        "target_memory": "Peak memory of forward + backward no more than 2× the reference's, "
        "at 1e6 elements",
        "published": "the tables above",
        "slower": "slower than the fastest peer (sizes where slower / sizes, worst ratio): ",
        "over": "over: ",
        "all": "all {n}",
        "figure_left": "eager lossref ÷ reference peer",
        "figure_right": "lossref ÷ native, 1e6 elements",
        "x_left": "elements",
        "alt": "Left: the time of eager lossref divided by the reference peer's, against the "
        "number of elements, one line per loss. Right: at 1e6 elements, eager and compiled "
        "lossref divided by the native function, one pair of bars per loss.",
    },
    "zh": {
        "loss": "损失函数",
        "peer": "对比对象",
        "classes": "C",
        "compile": "编译耗时",
        "eager": "lossref(eager)",
        "compiled": "lossref(编译后)",
        "peer_time": "对比对象耗时",
        "ratio": "比值",
        "size": "元素数",
        "lossref_peak": "lossref 峰值",
        "peer_peak": "对比对象峰值",
        "target": "目标",
        "met": "是否达成",
        "detail": "实测",
        "yes": "是",
        "none": "无",
        "no": "否",
        "machine": "测量环境：{cpu}({cpus} 个 CPU，torch 线程数 {threads})，{platform}，"
        "Python {python}，torch {torch}，MONAI {monai}；时间 {date}(UTC)；命令 `{command}`"
        "(共 {wall} 秒)。",
        "target_free": "没有 torch 对应接口的损失函数：在每个规模下，eager 模式的 lossref "
        "不慢于最快的对比实现",
        "target_eager": "有对应接口的损失函数：公布 eager 模式的耗时比",
        "target_compiled": "有对应接口的损失函数：在 1e6 个元素时，"
        "`torch.compile(lossref.…)` 不超过原生实现的 1.2 倍",
        "target_memory": "在 1e6 个元素时，前向加反向的峰值内存不超过参照实现的 2 倍",
        "published": "见上方各表",
        "slower": "慢于最快的对比实现(较慢的规模数/规模总数，最大比值)：",
        "over": "超出：",
        "all": "全部 {n} 项",
        "figure_left": "eager lossref ÷ 参照实现",
        "figure_right": "lossref ÷ 原生实现(1e6 个元素)",
        "x_left": "元素数",
        "alt": "左图：eager 模式的 lossref 耗时除以参照实现的耗时，横轴为元素数，每条线对应一个"
        "损失函数。右图：1e6 个元素时，eager 与编译后的 lossref 耗时除以原生实现的耗时。",
    },
}

_drawn: dict[str, bytes] = {}


def load(path: Path) -> dict[str, Any]:
    """The results, checked to hold every registered loss."""
    if not path.is_file():
        raise PluginError(f"{path} is missing: run `python -m lossref bench` to measure.")
    results: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    measured = {entry["loss"] for entry in results["eager"]}
    missing = [spec.id for spec in LOSSES if spec.id not in measured]
    if missing:
        raise PluginError(
            f"{path} has no measurement of {', '.join(missing)}: run `python -m lossref bench` "
            "(several minutes) and commit the new results."
        )
    return results


def _ratio(value: float) -> str:
    return f"{value:.2f}×"


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3g} ms"
    return f"{value * 1e6:.3g} µs"


def _bytes(value: int) -> str:
    return f"{value / 2**20:.1f} MiB"


def _size(n: int) -> str:
    exponent = len(str(n)) - 1
    return f"1e{exponent}" if n == 10**exponent else str(n)


def _classes(entry: dict[str, Any]) -> str:
    return str(entry["classes"]) if entry.get("classes") else "–"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine(results: dict[str, Any], language: str) -> str:
    m, v = results["machine"], results["versions"]
    return TEXT[language]["machine"].format(
        cpu=m["cpu_model"],
        cpus=m["cpu_count"],
        threads=m["threads"],
        platform=m["platform"],
        python=m["python"],
        torch=v["torch"],
        monai=v.get("monai") or "–",
        date=results["date_utc"],
        command=results["command"],
        wall=results["settings"].get("wall_seconds", "?"),
    )


def _sizes(results: dict[str, Any]) -> list[int]:
    return sorted({entry["elements"] for entry in results["eager"]})


def eager_table(results: dict[str, Any], language: str) -> str:
    """One row per (loss, C, peer); one column per size: lossref's time ÷ the peer's."""
    t = TEXT[language]
    sizes = _sizes(results)
    rows: dict[tuple[str, str, str], dict[int, str]] = {}
    order = {spec.id: index for index, spec in enumerate(LOSSES)}
    for entry in results["eager"]:
        for peer, ratio in entry["ratio"].items():
            key = (entry["loss"], _classes(entry), peer)
            rows.setdefault(key, {})[entry["elements"]] = _ratio(ratio)
    body = [
        [f"`{loss}`", classes, peer, *(cells.get(size, "–") for size in sizes)]
        for (loss, classes, peer), cells in sorted(
            rows.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1], item[0][2])
        )
    ]
    return _table([t["loss"], t["classes"], t["peer"], *map(_size, sizes)], body)


def compiled_table(results: dict[str, Any], language: str) -> str:
    t = TEXT[language]
    rows = []
    for entry in results["compiled"]:
        seconds = entry["seconds"]
        peer = entry["reference"]
        rows.append(
            [
                f"`{entry['loss']}`",
                _classes(entry),
                peer,
                _seconds(seconds[peer]),
                _seconds(seconds["lossref"]),
                _ratio(entry["ratio_eager"]),
                _seconds(seconds["lossref compiled"]),
                _ratio(entry["ratio_compiled"]),
                f"{entry['compile_seconds']:.1f} s",
            ]
        )
    header = [t["loss"], t["classes"], t["peer"], t["peer_time"], t["eager"], t["ratio"]]
    return _table([*header, t["compiled"], t["ratio"], t["compile"]], rows)


def memory_table(results: dict[str, Any], language: str) -> str:
    t = TEXT[language]
    rows = []
    for entry in results["memory"]:
        peaks = entry["peak_bytes"]
        for peer, ratio in entry["ratio"].items():
            rows.append(
                [
                    f"`{entry['loss']}`",
                    _classes(entry),
                    peer,
                    _bytes(peaks["lossref"]),
                    _bytes(peaks[peer]),
                    _ratio(ratio),
                ]
            )
    header = [t["loss"], t["classes"], t["peer"], t["lossref_peak"], t["peer_peak"], t["ratio"]]
    return _table(header, rows)


def target_checks(results: dict[str, Any]) -> dict[str, tuple[bool, list[str], int]]:
    """Per target: met, the failures (``loss C size ratio``), how many cases were checked."""
    slow: dict[str, list[float]] = {}  # loss -> its ratios to the fastest peer, where > NOISE
    counts: dict[str, int] = {}
    for entry in results["eager"]:
        spec = BY_ID.get(entry["loss"])
        if spec is None or spec.torch is not None:
            continue
        counts[entry["loss"]] = counts.get(entry["loss"], 0) + 1
        fastest = max(entry["ratio"].values())  # lossref ÷ the fastest peer
        if fastest > NOISE:
            slow.setdefault(entry["loss"], []).append(fastest)
    free = [
        f"`{loss}` {len(ratios)}/{counts[loss]}, {_ratio(max(ratios))}"
        for loss, ratios in slow.items()
    ]
    free_count = sum(counts.values())
    compiled = [
        f"`{entry['loss']}` {_where(entry)} {_ratio(entry['ratio_compiled'])}"
        for entry in results["compiled"]
        if entry["ratio_compiled"] > COMPILE_TARGET
    ]
    memory = [
        f"`{entry['loss']}` {_where(entry)} {_ratio(entry['ratio'][entry['reference']])}"
        for entry in results["memory"]
        if entry["ratio"][entry["reference"]] > MEMORY_TARGET
    ]
    return {
        "target_free": (not free, free, free_count),
        "target_eager": (True, [], len(results["eager"])),
        "target_compiled": (not compiled, compiled, len(results["compiled"])),
        "target_memory": (not memory, memory, len(results["memory"])),
    }


def _where(entry: dict[str, Any]) -> str:
    size = _size(entry["elements"])
    return f"({size}, C={entry['classes']})" if entry.get("classes") else f"({size})"


def targets_table(results: dict[str, Any], language: str) -> str:
    t = TEXT[language]
    rows = []
    for key, (met, failures, count) in target_checks(results).items():
        if key == "target_eager":
            detail = t["published"]
        elif met:
            detail = t["all"].format(n=count)
        else:
            detail = (t["slower"] if key == "target_free" else t["over"]) + ", ".join(failures)
        rows.append([t[key], t["yes"] if met else t["no"], detail])
    return _table([t["target"], t["met"], t["detail"]], rows)


def value(results: dict[str, Any], name: str, loss: str | None, language: str = "en") -> str:
    """One number (or list of losses) for a sentence."""
    compiled = results["compiled"]
    over = {
        "compiled-over": [e["loss"] for e in compiled if e["ratio_compiled"] > COMPILE_TARGET],
        "memory-over": [
            e["loss"] for e in results["memory"] if e["ratio"][e["reference"]] > MEMORY_TARGET
        ],
    }
    if name in over:
        ids = [f"`{loss_id}`" for loss_id in dict.fromkeys(over[name])]
        return ("、" if language == "zh" else ", ").join(ids) or TEXT[language]["none"]
    if name == "compiled-range":
        ratios = [entry["ratio_compiled"] for entry in compiled]
        return f"{min(ratios):.2f}–{max(ratios):.2f}×"
    if name == "compiled-median":
        return _ratio(statistics.median(entry["ratio_compiled"] for entry in compiled))
    if name == "compiled-met":
        met = sum(entry["ratio_compiled"] <= COMPILE_TARGET for entry in compiled)
        return f"{met}/{len(compiled)}"
    if name == "compile-seconds" and loss:
        seconds = [entry["compile_seconds"] for entry in compiled if entry["loss"] == loss]
        if seconds:
            return f"{max(seconds):.0f} s"
    sections = {"eager": "eager", "compiled": "compiled", "memory": "memory"}
    if name in sections and loss:
        for entry in results[sections[name]]:
            if entry["loss"] != loss or (name == "eager" and entry["elements"] != AT):
                continue
            if entry.get("classes") not in (None, 10):
                continue
            if name == "compiled":
                return _ratio(entry["ratio_compiled"])
            return _ratio(entry["ratio"][entry["reference"]])
    raise PluginError(f"<!-- lossref:performance {name} {loss or ''} -->: no such value")


def figure_svg(results: dict[str, Any], language: str) -> bytes:
    """Left: eager ratio against size per loss (reference peer, C = 10); right: eager and
    compiled ratios at 1e6 elements."""
    t = TEXT[language]
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(8.0, 5.2))
        FigureCanvasSVG(figure)
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": (1.25, 1)})
        for index, spec in enumerate(LOSSES):
            points = sorted(
                (entry["elements"], entry["ratio"][entry["reference"]])
                for entry in results["eager"]
                if entry["loss"] == spec.id and entry.get("classes") in (None, 10)
            )
            if not points:
                continue
            left.plot(
                [n for n, _ in points],
                [r for _, r in points],
                color=COLOURS[index % len(COLOURS)],
                linestyle=STYLES[index // len(COLOURS) % len(STYLES)],
                marker="o",
                markersize=3,
                label=spec.id,
            )
        left.set_xscale("log")
        left.set_yscale("log")
        left.set_xlabel(t["x_left"])
        left.set_title(t["figure_left"], fontsize=10)
        entries = [e for e in results["compiled"] if e.get("classes") in (None, 10)]
        positions = list(range(len(entries)))
        right.barh(
            [p + 0.2 for p in positions],
            [e["ratio_eager"] for e in entries],
            height=0.4,
            color=COLOURS[1],
            label=t["eager"],
        )
        right.barh(
            [p - 0.2 for p in positions],
            [e["ratio_compiled"] for e in entries],
            height=0.4,
            color=COLOURS[0],
            label=t["compiled"],
        )
        right.set_xscale("log")
        right.set_yticks(positions, [e["loss"] for e in entries], fontsize=7.5)
        right.invert_yaxis()
        right.axvline(1.0, color=TEXT_COLOUR, linewidth=0.8)
        right.axvline(COMPILE_TARGET, color=TEXT_COLOUR, linewidth=0.8, linestyle="--")
        right.set_title(t["figure_right"], fontsize=10)
        right.legend(fontsize=8, loc="lower right")
        left.axhline(1.0, color=TEXT_COLOUR, linewidth=0.8)
        times = FuncFormatter(lambda v, _: f"{v:g}×")
        left.yaxis.set_major_formatter(times)
        left.yaxis.set_minor_formatter(NullFormatter())
        right.xaxis.set_major_formatter(times)
        right.xaxis.set_minor_formatter(NullFormatter())
        for axes in (left, right):
            axes.grid(True, which="major")
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
        figure.legend(*left.get_legend_handles_labels(), loc="lower left", fontsize=7.5, ncols=3)
        figure.subplots_adjust(left=0.07, right=0.985, bottom=0.3, top=0.94, wspace=0.75)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _figure_html(results: dict[str, Any], language: str, page: Page) -> str:
    name = f"performance.{language}.svg"
    svg = _drawn.get(name) or figure_svg(results, language)
    _drawn[name] = svg
    page_dir = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    source = posixpath.relpath(f"{FIGURE_DIR}/{name}", page_dir or ".")
    head = svg[:2000].decode("utf-8")
    width = float(head.split('width="', 1)[1].split("pt", 1)[0])
    height = float(head.split('height="', 1)[1].split("pt", 1)[0])
    return (
        f'<figure class="lossref-figure"><img src="{source}" '
        f'alt="{html.escape(TEXT[language]["alt"])}" width="{WIDTH}" '
        f'height="{round(WIDTH * height / width)}"></figure>'
    )


def render(markdown: str, results: dict[str, Any], language: str, page: Page | None) -> str:
    """Replace every placeholder (the figure needs ``page``, for its relative link)."""
    blocks = {
        "machine": machine,
        "eager": eager_table,
        "compiled": compiled_table,
        "memory": memory_table,
        "targets": targets_table,
    }

    def replace(match: re.Match[str]) -> str:
        name, argument = match.group(1), match.group(2)
        if name in blocks and argument is None:
            return blocks[name](results, language)
        if name == "figure":
            if page is None:
                raise PluginError("the performance figure needs a page")
            return _figure_html(results, language, page)
        return value(results, name, argument, language)

    return PLACEHOLDER.sub(replace, markdown)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _drawn.clear()
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not PLACEHOLDER.search(markdown):
        return markdown
    results = load(Path(config.docs_dir) / RESULTS)
    return render(markdown, results, page_language(page, config), page)


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / FIGURE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, svg in _drawn.items():
        (target / name).write_bytes(svg)
