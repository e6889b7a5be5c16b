"""Shortcodes that Hextra and hugo-book both have, with each theme's arguments.

- `tabs`/`tab` → pymdownx.tabbed tabs. Titles: the tab's own (`name`, `title`, or hugo-book's
  first argument), else Hextra's `items="A,B"` on `tabs`.
- `details` → a pymdownx.details block. Hextra's is open unless `closed="true"`; hugo-book's
  and Hugo's own are closed unless `open`.
- `steps` → its content as it is (an ordered list, or headings): numbered by the list or the
  headings themselves.
- `asciinema` → a link to the recording (copied into the topic); the site runs no player.
"""

from __future__ import annotations

from collections.abc import Callable

from ..convert import PageContext, Spec
from ..markdown import admonition, dedent_block, link, tabs
from ..shortcode_tree import Shortcode


def convert_tabs(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """pymdownx.tabbed tabs, one per `tab` inside."""
    from ..convert import render
    from . import SPECS

    items = [item.strip() for item in call.get("items").split(",") if item.strip()]
    entries: list[tuple[str, str]] = []
    for child in call.children or []:
        if isinstance(child, str):
            if child.strip():
                page.note(call.line, "text between the tabs of 'tabs': kept after the tabs")
            continue
        if child.name != "tab":
            page.note(child.line, f"'{child.name}' directly inside 'tabs': shown as a tab")
        index = len(entries)
        title = child.get("name") or child.get("title", 0)
        if not title:
            title = items[index] if index < len(items) else f"Pestaña {index + 1}"
            if index >= len(items):
                page.note(child.line, f"tab without a title: named '{title}'")
        body = dedent_block(render(child.children or [], page, SPECS))
        entries.append((title, body))
    if not entries:
        page.note(call.line, "'tabs' without any 'tab': its text is kept as it is")
        return dedent_block(inner())
    return tabs(entries)


def convert_tab(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A `tab` outside `tabs`: one tab on its own."""
    title = call.get("name") or call.get("title", 0) or "Pestaña"
    return tabs([(title, dedent_block(inner()))])


def convert_details(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A collapsible block with the shortcode's title."""
    title = call.get("title", 0) or call.get("summary") or "Detalles"
    if "closed" in call.named:
        is_open = not call.flag("closed")
    elif "open" in call.named:
        is_open = call.flag("open")
    elif "open" in call.positional[1:]:
        is_open = True
    else:
        # Hextra opens its details unless told; hugo-book and Hugo's own keep them closed.
        is_open = page.site.dialect == "hextra"
    return admonition(
        "note", title, dedent_block(inner()), collapsible="open" if is_open else "closed"
    )


def convert_steps(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The steps' content as it is: the list or headings number the steps."""
    page.note(call.line, "steps: kept as their numbered list or headings (no step connectors)")
    return dedent_block(inner())


def convert_asciinema(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the terminal recording."""
    cast = call.get("cast") or call.get("file") or call.get("src", 0)
    name = cast.rsplit("/", 1)[-1] or "grabación"
    target = page.file_link(cast, call.line)
    page.note(call.line, f"asciinema recording '{name}': a link to the file (no player)")
    if target is None:
        return f"Grabación de terminal no disponible: {name}"
    return "Grabación de terminal (asciinema): " + link(name, target)


SPECS = {
    "tabs": Spec("yes", True, convert_tabs),
    "tab": Spec("yes", True, convert_tab),
    "details": Spec("yes", True, convert_details),
    "steps": Spec("yes", True, convert_steps),
    "asciinema": Spec("no", True, convert_asciinema),
}
