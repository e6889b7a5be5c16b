"""hugo-book's shortcodes, as the nearest Material and pymdownx constructs.

- `hint` → an admonition without a title bar, of the hint's colour.
- `columns` → Material's grid cards, one per item of its list (or `<--->` part).
- `button` → a link styled as a Material button (`{ .md-button }`).
- `section` → the list of the section's pages (with their description when `summary`).
- `image` → the image, with its title as a caption.
- `openapi` → the specification as Markdown (`openapi.render_openapi`).
- `katex`, `mermaid` → display or inline math, and code (done before the rest, in `convert`).
- `html` → its content as raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..convert import PageContext, Spec
from ..errors import HugoImportError
from ..links import relative
from ..markdown import admonition, dedent_block, link, list_item
from ..openapi import load_spec, render_openapi
from ..shortcode_tree import Shortcode

HINTS = {"info": "info", "success": "success", "warning": "warning", "danger": "danger"}
HINTS |= {"tip": "tip", "note": "note", "important": "info", "caution": "danger"}
ITEM = re.compile(r"^(?:[-+*]|\d{1,9}[.)]) ", re.MULTILINE)


def convert_hint(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """An admonition without title bar."""
    kind = call.get("type", 0, "note").lower()
    if kind not in HINTS and kind not in {"default", "note"}:
        page.note(call.line, f"hint type '{kind}': shown as a note")
    return admonition(HINTS.get(kind, "note"), "", dedent_block(inner()))


def _items(body: str) -> list[str]:
    """The top-level items of the list that `body` is, each without its marker and indent."""
    items: list[list[str]] = []
    for line in body.split("\n"):
        if ITEM.match(line):
            items.append([ITEM.sub("", line, count=1).strip()])
        elif items:
            items[-1].append(line[4:] if line.startswith("    ") else line.strip())
    return ["\n".join(item).rstrip("\n") for item in items]


def convert_columns(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """Material's grid cards: each column a card."""
    body = dedent_block(inner())
    parts = [p.strip("\n") for p in body.split("<--->")] if "<--->" in body else _items(body)
    if not parts:
        page.note(call.line, "columns without a list: kept as one block")
        parts = [body]
    cards = [list_item(part) for part in parts]
    page.note(call.line, "columns: Material grid cards")
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"


def convert_button(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link styled as a button."""
    text = " ".join(dedent_block(inner()).split()) or "Enlace"
    dest = call.get("href") or call.get("relref")
    target = page.page_link(dest, call.line, bool(call.get("relref"))) if dest else None
    if target is None:
        return text
    return f"[{text}]({target}){{ .md-button }}"


def convert_section(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The list of the pages below this section's page."""
    if not page.children:
        page.note(call.line, "section: this page has no pages below it; nothing listed")
        return ""
    lines = []
    for child in page.children:
        entry = "- " + link(child.title, relative(child.target, page.target))
        if call.flag("summary") and child.description:
            entry += ": " + child.description
        lines.append(entry)
    return "\n".join(lines)


def convert_image(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The image, its title as a caption (the click-to-enlarge is left out)."""
    image = page.image(call.get("alt"), call.get("src", 0), "", call.line)
    title = call.get("title")
    if title and image.startswith("!"):
        return f"{image}\n/// caption\n{title}\n///"
    return image


def convert_openapi(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The OpenAPI specification rendered as Markdown, as hugo-book's shortcode does."""
    src = call.get("src", 0)
    found = page.files.find(src, page.source, page.url)
    if found is None:
        raise HugoImportError(
            f"{page.where(call.line)}: openapi: '{src}' not found in the site's assets"
        )
    path = page.files.copies.pop(found)
    page.note(call.line, f"openapi '{src}': rendered into the page as Markdown")
    return render_openapi(load_spec(path))


def convert_html(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The raw HTML inside."""
    return dedent_block(inner())


def convert_raw(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """Never called: `convert` turns `katex` and `mermaid` into math and code first."""
    return inner()


SPECS = {
    "hint": Spec("yes", True, convert_hint),
    "columns": Spec("yes", True, convert_columns),
    "button": Spec("yes", False, convert_button),
    "section": Spec("no", True, convert_section),
    "image": Spec("no", True, convert_image),
    "openapi": Spec("no", True, convert_openapi),
    "html": Spec("yes", True, convert_html),
    "katex": Spec("optional", False, convert_raw),
    "mermaid": Spec("yes", True, convert_raw),
}
