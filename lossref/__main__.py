"""Contributor commands, run from the repository root.

python -m lossref new <id> --family F --name-en "..." --name-zh "..." [--torch X] [--paper "..."]
python -m lossref outputs <id or snippets/folder>...   regenerate .out files by running .py
python -m lossref check [<id>...]                     page structure, markers, glossary
python -m lossref bench [--quick] [--out FILE]        time every loss against its peers
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lossref._pages import SCAFFOLD_MARKER, loss_page_problems, unregistered_pages
from lossref._scaffold import Draft, ScaffoldError, new_loss, regenerate_outputs
from lossref.registry import FAMILIES, LOSSES, get


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m lossref", description=__doc__.split("\n")[0])
    main.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (cwd)")
    commands = main.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="scaffold a new loss: function, registry, test, pages")
    new.add_argument("id", help="the function name, snake_case, e.g. hinge_loss")
    new.add_argument("--family", required=True, help=f"one of {', '.join(FAMILIES)}")
    new.add_argument("--name-en", required=True, help="English name, the page's title")
    new.add_argument("--name-zh", required=True, help="Chinese name (glossary), the zh title")
    new.add_argument("--torch", help="torch counterpart, a torch.nn class: torch.nn.HuberLoss")
    new.add_argument("--paper", help="the reference to cite")
    new.add_argument("--module-name", help="lossref.nn class name (default: torch's, or CamelCase)")
    outputs = commands.add_parser("outputs", help="run snippets/<id>/*.py, write their .out")
    outputs.add_argument("targets", nargs="+", help="loss ids or snippet folders")
    check = commands.add_parser("check", help="check loss pages from text (no build, no run)")
    check.add_argument("ids", nargs="*", help="loss ids (default: every registered loss)")
    bench = commands.add_parser(
        "bench", help="time lossref against torch, MONAI and the rest (lossref/_bench.py)"
    )
    bench.add_argument("--quick", action="store_true", help="a tiny subset, in seconds")
    bench.add_argument(
        "--out", type=Path, default=Path("docs/performance/results.json"), help="JSON to write"
    )
    bench.add_argument("--threads", type=int, help="torch threads (default: the CPU count)")
    return main


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 on success, 1 with a message on stderr otherwise."""
    args = parser().parse_args(argv)
    root: Path = args.root.resolve()
    try:
        if args.command == "new":
            draft = Draft(
                args.id,
                args.family,
                args.name_en,
                args.name_zh,
                args.torch,
                args.paper,
                args.module_name,
            )
            for path in new_loss(root, draft):
                print(f"wrote {path.relative_to(root)}")
            print(
                f"next: fill in every {SCAFFOLD_MARKER} marker, then bash .ci/dev check {args.id}"
            )
        elif args.command == "outputs":
            for target in args.targets:
                changed = regenerate_outputs(root, target)
                for path in changed:
                    print(f"updated {path.relative_to(root)}")
                print(f"{target}: {len(changed)} output(s) changed")
        elif args.command == "bench":
            from lossref._bench import main as bench

            out = args.out if args.out.is_absolute() else root / args.out
            print(f"wrote {bench(out, quick=args.quick, threads=args.threads)}")
        else:
            problems = (
                unregistered_pages(root, (spec.id for spec in LOSSES)) if not args.ids else []
            )
            for spec in map(get, args.ids) if args.ids else LOSSES:
                problems += loss_page_problems(root, spec.id, spec.name_en, spec.name_zh)
            if problems:
                print("\n".join(problems), file=sys.stderr)
                return 1
    except (ScaffoldError, KeyError) as error:
        print(f"lossref: {error.args[0] if error.args else error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
