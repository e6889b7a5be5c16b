"""MkDocs hook: publish the site's own stylesheet and scripts minified.

The sources under docs/assets/ keep their comments, which say why each rule exists; readers
download them without. Measured on the built site: course.css 3.1 -> 1.6 KiB gzip and
course.js 2.4 -> 1.4 KiB gzip, on every page. Material's and KaTeX's files come minified and
are not touched: only files that docs/assets/ publishes are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

MINIFIERS: dict[str, Callable[[str], str]] = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def on_post_build(config: MkDocsConfig) -> None:
    """Minify, in the built site, each CSS and JavaScript file that docs/assets/ publishes."""
    docs, site = Path(config.docs_dir), Path(config.site_dir)
    for source in sorted((docs / "assets").rglob("*")):
        minify = MINIFIERS.get(source.suffix)
        published = site / source.relative_to(docs)
        if minify and published.is_file():
            text = published.read_text(encoding="utf-8")
            published.write_text(minify(text).strip() + "\n", encoding="utf-8")
