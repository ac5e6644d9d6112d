"""MkDocs hook: make the language switcher a plain link to the same page in the other language.

mkdocs-static-i18n points each page's ``<link rel="alternate" hreflang>`` tags at that page's
translation. Material's script fetches ``sitemap.xml`` relative to every such link (so
``/zh/losses/huber_loss/sitemap.xml``: a 404 and a console error on every page), and when a
sitemap does resolve it sends readers whose page it cannot find to the other language's home.
Without the head tags the script leaves the switcher alone, and its links (``md-select__link``,
which the i18n plugin also points at the translation) take the reader to the same page.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

ALTERNATE_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return ALTERNATE_LINK.sub("", output)
