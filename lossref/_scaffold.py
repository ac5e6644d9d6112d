"""``python -m lossref new``: add a loss's files, and ``outputs``: regenerate snippet outputs.

The scaffold validates everything before it writes anything, then writes every file at once
(staged, then renamed; restored on failure), so an error leaves the repository unchanged.
"""

from __future__ import annotations

import ast
import builtins
import inspect
import keyword
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lossref._pages import NONSTANDARD_TERMS, SCAFFOLD_MARKER, page_path, sections
from lossref.registry import FAMILIES

ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
TORCH_PATTERN = re.compile(r"torch\.nn\.([A-Z]\w*)")
LINE_LENGTH = 100
TODO = f"<!-- {SCAFFOLD_MARKER}: {{}} -->"


class ScaffoldError(Exception):
    """Why nothing was written; the message says what to do."""


@dataclass(frozen=True)
class Draft:
    """The facts the scaffold is given about a new loss."""

    id: str
    family: str
    name_en: str
    name_zh: str
    torch: str | None = None
    paper: str | None = None
    module_name: str | None = None

    @property
    def class_name(self) -> str:
        """The ``lossref.nn`` class: as given, torch's class name, or the id in CamelCase."""
        if self.module_name:
            return self.module_name
        match = TORCH_PATTERN.fullmatch(self.torch or "")
        return match[1] if match else "".join(part.capitalize() for part in self.id.split("_"))


# --- validation ----------------------------------------------------------------------------


def registered(root: Path) -> dict[str, str]:
    """Registered id -> nn class name, read from ``lossref/registry.py`` under ``root``."""
    tree = ast.parse((root / "lossref" / "registry.py").read_text(encoding="utf-8"))
    specs = {}
    for call in ast.walk(losses_node(tree)):
        if isinstance(call, ast.Call) and len(call.args) >= 5:
            loss_id, class_name = call.args[0], call.args[4]
            if isinstance(loss_id, ast.Constant) and isinstance(class_name, ast.Constant):
                specs[str(loss_id.value)] = str(class_name.value)
    return specs


def losses_node(tree: ast.Module) -> ast.expr:
    """The value assigned to ``LOSSES``."""
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name) and node.target.id == "LOSSES":
                return node.value
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "LOSSES" for t in node.targets
        ):
            return node.value
    raise ScaffoldError("lossref/registry.py: no LOSSES tuple found")


def top_level_names(path: Path) -> set[str]:
    """Names a module defines or imports at its top level."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def torch_problems(draft: Draft) -> list[str]:
    """The counterpart must be a torch.nn class; an id torch already has must be that loss."""
    import torch
    import torch.nn.functional as F

    problems = []
    counterpart: type[torch.nn.Module] | None = None
    if draft.torch is not None:
        match = TORCH_PATTERN.fullmatch(draft.torch)
        found = getattr(torch.nn, match[1], None) if match else None
        if not (inspect.isclass(found) and issubclass(found, torch.nn.Module)):
            problems.append(
                f"--torch {draft.torch!r}: name the torch.nn loss class, e.g. torch.nn.HuberLoss"
            )
        else:
            counterpart = found
    shadowed = [
        f"{where}.{draft.id}" for where, ns in (("torch", torch), ("F", F)) if hasattr(ns, draft.id)
    ]
    if shadowed:
        source = inspect.getsource(counterpart.forward) if counterpart else ""
        if f"F.{draft.id}(" not in source:
            problems.append(
                f"id {draft.id!r} shadows {' and '.join(shadowed)}: lossref.{draft.id} must be "
                f"that same loss, so pass --torch torch.nn.<Class> whose forward calls "
                f"F.{draft.id}, or choose another id"
            )
    return problems


def validate(root: Path, draft: Draft) -> None:
    """Raise ``ScaffoldError`` listing every problem; return only if all is well."""
    problems: list[str] = []
    if not (root / "lossref" / "registry.py").is_file() or not (root / "docs").is_dir():
        raise ScaffoldError(f"{root}: not a lossref checkout; run this from the repository root")
    if not ID_PATTERN.fullmatch(draft.id) or keyword.iskeyword(draft.id) or len(draft.id) > 40:
        problems.append(
            f"id {draft.id!r} is not a snake_case Python identifier of at most 40 "
            "characters (e.g. hinge_loss): "
            "it becomes the function name"
        )
    elif hasattr(builtins, draft.id):
        problems.append(f"id {draft.id!r} is a Python builtin: choose another")
    if draft.family not in FAMILIES:
        problems.append(f"unknown family {draft.family!r}: choose one of {', '.join(FAMILIES)}")
    specs = registered(root)
    if draft.id in specs:
        problems.append(f"id {draft.id!r} is already registered in lossref/registry.py")
    elif draft.family in FAMILIES and draft.id in top_level_names(module_path(root, draft)):
        problems.append(f"lossref/{draft.family}.py already defines {draft.id!r}")
    if draft.id in top_level_names(root / "lossref" / "__init__.py"):
        problems.append(f"lossref/__init__.py already has a name {draft.id!r}")
    torch_class = TORCH_PATTERN.fullmatch(draft.torch or "")
    if draft.module_name and torch_class and draft.module_name != torch_class[1]:
        problems.append(f"--module-name must be torch's class name {torch_class[1]!r}, or left out")
    elif draft.class_name in specs.values() or not re.fullmatch(r"[A-Z]\w*", draft.class_name):
        problems.append(
            f"module name {draft.class_name!r} is taken or not CamelCase: pass --module-name"
        )
    for label, text in (("--name-en", draft.name_en), ("--name-zh", draft.name_zh)):
        if not text.strip() or not text.isprintable() or len(text) > 50:
            problems.append(f"{label} must be a single line of 1 to 50 characters")
    if draft.name_en.strip() == draft.name_zh.strip():
        problems.append("--name-zh must be the Chinese name, not the English one")
    for variant, standard in NONSTANDARD_TERMS.items():
        if variant in draft.name_zh:
            problems.append(f"--name-zh uses {variant!r}: the glossary term is {standard!r}")
    if draft.paper is not None and not draft.paper.isprintable():
        problems.append("--paper must be a single line")
    if ID_PATTERN.fullmatch(draft.id):
        problems += [
            f"{path.relative_to(root)} already exists"
            for path in created_paths(root, draft)
            if path.exists()
        ]
        problems += torch_problems(draft)
    if problems:
        raise ScaffoldError("nothing was changed:\n" + "\n".join(f"  - {p}" for p in problems))


# --- rendering -----------------------------------------------------------------------------


def module_path(root: Path, draft: Draft) -> Path:
    return root / "lossref" / f"{draft.family}.py"


def created_paths(root: Path, draft: Draft) -> list[Path]:
    snippets = root / "snippets" / draft.id
    return [
        root / "tests" / f"test_{draft.id}.py",
        page_path(root, draft.id, "en"),
        page_path(root, draft.id, "zh"),
        snippets / "worked_example.py",
        snippets / "worked_example.out",
    ]


def literal(text: str | None, indent: int) -> str:
    """A Python string literal as ruff formats it, split on spaces to fit the line length."""
    if text is None:
        return "None"
    width = LINE_LENGTH - indent - 3  # the quotes and the trailing comma
    chunks, line = [], ""
    for word in re.split(r"(?<= )", text):
        if line and len(line) + len(word) > width:
            chunks.append(line)
            line = ""
        line += word
    chunks.append(line)
    return ("\n" + " " * indent).join(map(quoted, chunks))


def quoted(text: str) -> str:
    """``text`` in double quotes, or single quotes if that saves escapes (as ruff prefers)."""
    quote = "'" if '"' in text and "'" not in text else '"'
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def sequence(head: str, names: list[str], close: str, exploded: bool) -> str:
    """``head a, b)`` on one line if it fits and was not exploded, else one name per line."""
    one_line = f"{head}{', '.join(names)}{close}"
    if not exploded and len(one_line) <= LINE_LENGTH:
        return one_line
    return head + "\n" + "".join(f"    {name},\n" for name in names) + close


def replace_lines(text: str, node: ast.stmt, new: str) -> str:
    lines = text.splitlines(keepends=True)
    end = node.end_lineno or node.lineno
    return "".join([*lines[: node.lineno - 1], new + "\n", *lines[end:]])


def add_to_all(text: str, name: str) -> str:
    """``text`` with ``name`` added to its ``__all__`` list, kept sorted."""
    for node in ast.parse(text).body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and isinstance(target, ast.Name)
            and target.id == "__all__"
            and isinstance(node.value, ast.List)
        ):
            names = sorted([*(ast.literal_eval(node.value)), name])
            quoted = [f'"{n}"' for n in names]
            exploded = node.end_lineno != node.lineno
            return replace_lines(text, node, sequence("__all__ = [", quoted, "]", exploded))
    raise ScaffoldError("no __all__ = [...] list to add the new loss to")


def add_import(text: str, module: str, name: str) -> str:
    """``text`` with ``name`` added to its ``from <module> import ...`` line; a new line, in
    sorted place among the ``lossref`` imports, where there is none yet."""
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == module:
            present = [alias.name for alias in node.names]
            if name in present:
                return text
            names = sorted([*present, name])
            exploded = node.end_lineno != node.lineno
            new = sequence(f"from {module} import (", names, ")", exploded)
            if "\n" not in new:
                new = f"from {module} import {', '.join(names)}"
            return replace_lines(text, node, new)
    ours = [
        node
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lossref")
    ]
    if not ours:
        raise ScaffoldError(f"no 'from lossref... import' line to put 'from {module}' beside")
    lines = text.splitlines(keepends=True)
    later = [node for node in ours if (node.module or "") > module]
    at = later[0].lineno - 1 if later else (ours[-1].end_lineno or ours[-1].lineno)
    return "".join([*lines[:at], f"from {module} import {name}\n", *lines[at:]])


def registry_entry(draft: Draft) -> str:
    values = [draft.id, draft.family, draft.name_en, draft.name_zh, draft.class_name]
    lines = [literal(value, 8) for value in values]
    lines += [literal(draft.torch, 8), literal(draft.paper, 8), f"{draft.family}.{draft.id}"]
    return "    LossSpec(\n" + "".join(f"        {line},\n" for line in lines) + "    ),\n"


def add_registry_entry(text: str, draft: Draft) -> str:
    lines = text.splitlines(keepends=True)
    end = losses_node(ast.parse(text)).end_lineno or 0
    if lines[end - 1].strip() != ")":
        raise ScaffoldError("lossref/registry.py: LOSSES must end with ')' on its own line")
    return "".join([*lines[: end - 1], registry_entry(draft), *lines[end - 1 :]])


def function_stub(draft: Draft) -> str:
    return f'''

# --8<-- [start:{draft.id}]
def {draft.id}(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """{draft.name_en}: ``lᵢ = ...``, then the reduction.

    {SCAFFOLD_MARKER}: the formula, the shapes of ``input`` and ``target``, the
    settings (torch's names and defaults where torch has the loss), the reference, and an
    ``Examples:`` section.
    """
    raise NotImplementedError("scaffolded, not implemented yet")
    # --8<-- [end:{draft.id}]
'''


def test_stub(draft: Draft) -> str:
    reference = draft.torch or "values computed by hand"
    header = f'''"""``lossref.{draft.id}`` against {reference}."""

from __future__ import annotations

import torch

import lossref

'''
    if draft.torch:
        return (
            header
            + f"""
def test_matches_torch() -> None:
    g = torch.Generator().manual_seed(0)
    # {SCAFFOLD_MARKER}: inputs valid for this loss (tests/_parity.py has each family's).
    prediction = torch.randn(4, 3, generator=g, dtype=torch.float64)
    target = torch.randn(4, 3, generator=g, dtype=torch.float64)
    expected = {draft.torch}()(prediction, target)
    torch.testing.assert_close(lossref.{draft.id}(prediction, target), expected)
"""
        )
    return (
        header
        + f"""
def test_matches_a_hand_computed_value() -> None:
    prediction = torch.tensor([0.5, 2.0, -1.0])
    target = torch.tensor([1.0, 2.0, 0.0])
    # {SCAFFOLD_MARKER}: the loss of these inputs, computed by hand (NaN never matches).
    expected = torch.tensor(float("nan"))
    torch.testing.assert_close(lossref.{draft.id}(prediction, target), expected)
"""
    )


def snippet(draft: Draft) -> str:
    reference = f"print({draft.torch}()(prediction, target))\n" if draft.torch else ""
    return f"""import torch

import lossref

# {SCAFFOLD_MARKER}: the worked example's inputs (the numbers of the page's table).
prediction = torch.tensor([0.5, 2.0, -1.0])
target = torch.tensor([1.0, 2.0, 0.0])

print(lossref.{draft.id}(prediction, target))
{reference}"""


PAGE_TODO = {
    "en": (
        "one paragraph: what it scores, and when to use it",
        "the per-element formula and each reduction, as math; define every symbol",
        "a plain-language picture of how it scores a prediction",
        "a small input table and the hand computation step by step, adding up to the printed "
        "result; then regenerate the output: python -m lossref outputs {id}",
        "one sentence per design choice (stability, why this form)",
        "the gradient with respect to the prediction, as math, and what it means for training",
        "bullets, each claim about numbers with a snippet and its output",
        "Keras and optax equivalents (say none where none exists), then the paper",
    ),
    "zh": (
        "用一段话说明它衡量什么、适合什么场景",
        "用公式写出逐元素的损失和每种归约方式，并定义每个符号",
        "用通俗的话说明它如何给预测值打分",
        "给出小的输入表格和逐步的手算过程，结果要与打印的数值一致；"
        "然后重新生成输出：python -m lossref outputs {id}",
        "每个设计选择（数值稳定性、为何采用这种写法）各用一句话说明",
        "用公式写出对预测值的梯度，并说明它对训练意味着什么",
        "逐条列出；凡是关于数值的说法，都附上代码片段及其输出",
        "Keras 与 optax 中的对应接口（没有就写“无”），然后是参考文献",
    ),
}
PAGE_WORDS = {
    "en": {
        "output": "Output",
        "none": "none",
        "paper": "Paper: ",
        "library": "| library | API | notes |",
    },
    "zh": {
        "output": "输出",
        "none": "无",
        "paper": "参考文献：",
        "library": "| 框架 | 接口 | 说明 |",
    },
}


def page(draft: Draft, language: str, imports: bool) -> str:
    words = PAGE_WORDS[language]
    title = draft.name_en if language == "en" else draft.name_zh
    source = f"lossref/{draft.family}.py"
    # The loss and gradient curves open the intuition section; the build draws them from a
    # FIGURES entry in docs/_hooks/lossplots.py (and names the loss until it has one).
    leading = {2: "<!-- lossref:figure -->"}
    blocks = {
        3: f'```python\n--8<-- "{draft.id}/worked_example.py"\n```\n\n'
        f'```{{.text .output title="{words["output"]}"}}\n'
        f'--8<-- "{draft.id}/worked_example.out"\n```',
        4: "```python\n"
        + (f'--8<-- "{source}:imports"\n' if imports else "")
        + f'--8<-- "{source}:{draft.id}"\n```',
        7: f"{words['library']}\n|---|---|---|\n"
        f"| PyTorch | {f'`{draft.torch}`' if draft.torch else words['none']} | |\n\n"
        f"{words['paper']}{draft.paper or TODO.format('paper')}",
    }
    parts = [f"# {title}"]
    for index, heading in enumerate(sections(language)):
        parts.append(f"## {heading}")
        if index in leading:
            parts.append(leading[index])
        parts.append(TODO.format(PAGE_TODO[language][index].format(id=draft.id)))
        if index in blocks:
            parts.append(blocks[index])
    return "\n\n".join(parts) + "\n"


def plan(root: Path, draft: Draft) -> dict[Path, str]:
    """Every file the scaffold writes, with its new content."""
    family = module_path(root, draft)
    family_text = family.read_text(encoding="utf-8")
    init = root / "lossref" / "__init__.py"
    registry = root / "lossref" / "registry.py"
    paths = created_paths(root, draft)
    imports = "[start:imports]" in family_text
    contents = [
        test_stub(draft),
        page(draft, "en", imports),
        page(draft, "zh", imports),
        snippet(draft),
        f"{SCAFFOLD_MARKER}: run python -m lossref outputs {draft.id}\n",
    ]
    changes = dict(zip(paths, contents, strict=True))
    changes[family] = add_to_all(family_text, draft.id).rstrip("\n") + "\n" + function_stub(draft)
    init_text = add_import(init.read_text(encoding="utf-8"), f"lossref.{draft.family}", draft.id)
    changes[init] = add_to_all(init_text, draft.id)
    registry_text = add_import(registry.read_text(encoding="utf-8"), "lossref", draft.family)
    changes[registry] = add_registry_entry(registry_text, draft)
    return changes


# --- writing -------------------------------------------------------------------------------


def write_all(changes: dict[Path, str]) -> None:
    """Write every file or none: stage each beside its target, then rename them all."""
    originals = {path: path.read_bytes() if path.exists() else None for path in changes}
    new_dirs = sorted({p for path in changes for p in path.parents if not p.exists()})
    staged: dict[Path, Path] = {}
    try:
        for directory in new_dirs:
            directory.mkdir(exist_ok=True)
        for path, text in changes.items():
            staged[path] = path.with_name(f".{path.name}.lossref-tmp")
            staged[path].write_text(text, encoding="utf-8")
        for path, temporary in staged.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
        for path, old in originals.items():
            if old is not None:
                path.write_bytes(old)
            else:
                path.unlink(missing_ok=True)
        for directory in reversed(new_dirs):
            directory.rmdir()
        raise


def new_loss(root: Path, draft: Draft) -> list[Path]:
    """Scaffold ``draft`` under ``root``; the paths written, or ``ScaffoldError``."""
    validate(root, draft)
    changes = plan(root, draft)
    write_all(changes)
    return sorted(changes)


def regenerate_outputs(root: Path, target: str) -> list[Path]:
    """Run every ``.py`` of a snippet folder (a path, or a loss id) and write each ``.out``
    whose content changed; return those. The scripts run in parallel, each in a fresh
    interpreter from the repository root; if one fails, no output is written.
    """
    folder = root / target if (root / target).is_dir() else root / "snippets" / target
    scripts = sorted(folder.glob("*.py"))
    if not scripts:
        raise ScaffoldError(f"{target}: no snippets/<id>/*.py to run (give an id or a folder)")
    path = os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}

    def run(script: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(script)]
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        runs = dict(zip(scripts, pool.map(run, scripts), strict=True))
    for script, done in runs.items():
        if done.returncode != 0:
            raise ScaffoldError(
                f"{script.relative_to(root)}: exited with status {done.returncode}; no output "
                f"was written:\n{done.stderr.rstrip()}"
            )
    outputs = {script.with_suffix(".out"): done.stdout for script, done in runs.items()}
    changed = {
        out: text
        for out, text in outputs.items()
        if not out.is_file() or out.read_text(encoding="utf-8") != text
    }
    write_all(changed)
    return sorted(changed)
