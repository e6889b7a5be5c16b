"""MkDocs hook: the URLs a page had before (front matter `aliases`) send readers to it.

Pages imported from Hugo list their old URLs in `aliases`, Hugo's own key (`/docs/dl/t1/`,
from the site's root). For each, the build writes a small page at that address that
redirects to the page's new address. The target is relative (`../../../dl/t1/`), so the
redirect works wherever the site is published: the root of GitHub Pages or a
pull-request preview's sub-path. The redirect keeps the address's `#anchor`, with accents
folded as the site's heading ids are.

An alias that is also a page's address, or another page's alias, fails the build naming
both pages; an alias that is not a path from the site's root fails naming the page.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.redirects")

SAFE_PATH = re.compile(r"^/(?:[\w.~%!$&'()*+,;=:@-]+/?)*$")

# The redirect page: a meta refresh (works without JavaScript), and a script that carries
# the `#anchor` over (folded as the site's ids are: "#función" → "#funcion").
TEMPLATE = """<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Esta página se ha movido</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>
var hash = location.hash;
try {{
  hash = decodeURIComponent(hash).normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "");
}} catch (e) {{}}
location.replace("{target}" + hash);
</script>
</head>
<body>
<p>Esta página se ha movido a <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


@dataclass
class State:
    """The aliases of the current build: output path → (alias, page)."""

    pages: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, tuple[str, Page]] = field(default_factory=dict)


STATE = State()


def alias_output(alias: str, where: str) -> str:
    """The file an alias is served from (`/a/b/` → `a/b/index.html`, `/a.html` → `a.html`)."""
    if (
        not isinstance(alias, str)
        or not SAFE_PATH.match(alias)
        or "/../" in f"{alias}/"
        or "/./" in alias
    ):
        raise PluginError(
            f"{where}: alias {alias!r} is not a path from the site's root (such as '/docs/dl/t1/')"
        )
    path = alias.lstrip("/")
    if not path or path.endswith("/"):
        return f"{path}index.html"
    if posixpath.splitext(path)[1] in {".html", ".htm"}:
        return path
    return f"{path}/index.html"


def target_url(output: str, page_url: str) -> str:
    """The page's URL relative to the folder the redirect file is served from."""
    folder = posixpath.dirname(output) or "."
    relative = posixpath.relpath(page_url or ".", folder)
    return relative + "/" if page_url.endswith("/") or not page_url else relative


def redirect_page(target: str, title: str) -> str:
    """The HTML of one redirect."""
    return TEMPLATE.format(target=html.escape(target, quote=True), title=html.escape(title))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Start a build: remember every published file, where an alias must not land."""
    STATE.pages = {file.dest_uri: file.src_uri for file in files}
    STATE.redirects = {}
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Record the page's aliases; fail on one that collides with a page or another alias."""
    aliases = page.meta.get("aliases") or []
    where = f"docs/{page.file.src_uri}"
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list):
        raise PluginError(f"{where}: 'aliases' must be a list of old URLs, got {aliases!r}")
    for alias in aliases:
        output = alias_output(alias, where)
        if output == page.file.dest_uri:
            continue
        if output in STATE.pages:
            raise PluginError(
                f"{where}: alias {alias} is the address of docs/{STATE.pages[output]}; "
                "remove the alias or move that page"
            )
        known = STATE.redirects.get(output)
        if known is not None and known[1] is not page:
            raise PluginError(
                f"{where}: alias {alias} is also an alias of docs/{known[1].file.src_uri}; "
                "an old URL can lead to one page only"
            )
        STATE.redirects[output] = (alias, page)
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Write one redirect page per alias."""
    for output, (_alias, page) in sorted(STATE.redirects.items()):
        path = Path(config.site_dir, output)
        path.parent.mkdir(parents=True, exist_ok=True)
        title = page.title or page.file.src_uri
        path.write_text(redirect_page(target_url(output, page.url), str(title)), encoding="utf-8")
    if STATE.redirects:
        log.info(f"Redirects: {len(STATE.redirects)} old URLs lead to their pages")


def on_build_error(error: Exception, **kwargs: Any) -> None:
    """Forget the build's aliases."""
    STATE.redirects = {}
