"""MkDocs hook: leave code blocks out of the search index.

Material's search plugin indexes each section's full HTML text, code blocks included. With
every loss page showing its implementation and runnable examples, the blocks (``<pre>``) were
half of ``search/search_index.json``, which every page downloads on its first visit. Readers
search for words and names: prose and inline ``code`` stay in the index, and a name defined in
a code block is found through the prose that explains it. Runs last, after the search plugin
has written the index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

CODE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


@event_priority(-100)  # after every plugin's on_post_build, the search plugin's included
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite the search index of every language without the code blocks' text."""
    for path in Path(config.site_dir).glob("**/search/search_index.json"):
        index = json.loads(path.read_text(encoding="utf-8"))
        for doc in index["docs"]:
            doc["text"] = CODE_BLOCK.sub(" ", doc["text"])
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
