"""MkDocs hook: serve KaTeX from the site itself, copied from the npm package in .ci/.

``assets/javascripts/katex-init.js`` loads ``assets/katex/katex.min.js`` and ``katex.min.css``
on pages with math; this hook puts them (and the woff2 fonts the CSS points to) into every
built site directory, so pages never load math support from another host. It runs after each
build, which covers ``mkdocs serve`` too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Paths relative to katex/dist. Only woff2 fonts: every browser that runs the site reads them,
# and the CSS lists them first.
KATEX_FILES = ("katex.min.js", "katex.min.css", "fonts/*.woff2")


def katex_dist(config: MkDocsConfig) -> Path:
    """The installed ``katex/dist`` folder; a clear error if ``npm ci`` has not run."""
    dist = Path(config.config_file_path).parent / ".ci" / "node_modules" / "katex" / "dist"
    if not (dist / "katex.min.js").is_file():
        raise PluginError(
            f"KaTeX not found at {dist}. Install it with `npm ci --prefix .ci` "
            "(`bash .ci/dev setup` does this)."
        )
    return dist


def on_post_build(config: MkDocsConfig) -> None:
    """Copy the KaTeX files into ``<site_dir>/assets/katex/``."""
    dist = katex_dist(config)
    target = Path(config.site_dir) / "assets" / "katex"
    for pattern in KATEX_FILES:
        for source in dist.glob(pattern):
            destination = target / source.relative_to(dist)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, destination)
