"""Hextra's shortcodes, as the nearest Material and pymdownx constructs.

- `callout` → an admonition without a title bar, of the type's colour.
- `cards`/`card` → Material's grid cards (a list in `<div class="grid cards">`).
- `filetree/container`, `filetree/folder`, `filetree/file` → a text tree in a code block.
- `badge` → a Material tag (`md-tag`), a link when it has one.
- `icon` → left out (decorative).
- `term` → the term's text.
- `jupyter` → the notebook's cells: Markdown as is, code as code blocks, text outputs.
- `pdf` → a link to the document (copied into the topic).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..convert import PageContext, Spec
from ..markdown import admonition, dedent_block, escape_html, indent, link
from ..shortcode_tree import Shortcode

CALLOUTS = {"default": "note", "info": "info", "warning": "warning", "error": "danger"}
CALLOUTS |= {"important": "info", "tip": "tip", "note": "note", "success": "success"}


def convert_callout(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """An admonition without title bar (Hextra's callouts have none)."""
    kind = call.get("type", 0, "default").lower()
    if kind not in CALLOUTS:
        page.note(call.line, f"callout type '{kind}': shown as a note")
    return admonition(CALLOUTS.get(kind, "note"), call.get("title"), dedent_block(inner()))


def _card(call: Shortcode, page: PageContext) -> str:
    title = call.get("title") or call.get("link") or "Tarjeta"
    target = page.page_link(call.get("link"), call.line) if call.get("link") else None
    heading = link(f"**{title}**", target) if target else f"**{title}**"
    parts = [heading]
    if call.get("image"):
        parts.append(page.image(call.get("imageAlt") or title, call.get("image"), "", call.line))
    if call.get("subtitle"):
        parts.append(call.get("subtitle"))
    if call.get("icon"):
        page.note(call.line, "card icon: left out (decorative)")
    return "- " + parts[0] + ("\n\n" + indent("\n\n".join(parts[1:])) if parts[1:] else "")


def convert_cards(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """Material's grid cards, one per `card`."""
    cards = [c for c in call.children or [] if isinstance(c, Shortcode)]
    items = [_card(c, page) for c in cards if c.name == "card"]
    return '<div class="grid cards" markdown>\n\n' + "\n\n".join(items) + "\n\n</div>"


def convert_card(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A card outside `cards`: a grid of one."""
    return '<div class="grid cards" markdown>\n\n' + _card(call, page) + "\n\n</div>"


def _tree(nodes: list[Any], depth: str, page: PageContext) -> list[str]:
    entries = [n for n in nodes if isinstance(n, Shortcode)]
    lines: list[str] = []
    for number, entry in enumerate(entries):
        last = number == len(entries) - 1
        name = entry.get("name", 0) or "?"
        folder = entry.name.endswith("folder")
        lines.append(f"{depth}{'└── ' if last else '├── '}{name}{'/' if folder else ''}")
        if folder:
            lines += _tree(entry.children or [], depth + ("    " if last else "│   "), page)
    return lines


def convert_filetree(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The tree as text in a code block, as hugo-book's pages draw one."""
    if call.name == "filetree/container":
        lines = _tree(call.children or [], "", page)
    else:
        lines = _tree([call], "", page)
    page.note(call.line, "filetree: drawn as text in a code block")
    return "```text\n" + "\n".join(lines) + "\n```"


def convert_badge(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A Material tag; a link when the badge has one."""
    text = call.get("content", 0) or (dedent_block(inner()) if call.children else "")
    target = page.page_link(call.get("link"), call.line) if call.get("link") else None
    if target:
        return f"[{text}]({target}){{ .md-tag }}"
    return f'<span class="md-tag">{escape_html(text)}</span>'


def convert_icon(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """Nothing: Hextra's icons are decorative."""
    page.note(call.line, f"icon '{call.get('name', 0)}': left out (decorative)")
    return ""


def convert_term(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The term's text (Hextra's tooltip from its glossary is not kept)."""
    page.note(call.line, "term: its text, without the glossary tooltip")
    return call.get("term", 0) or call.get("name")


def convert_pdf(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """A link to the PDF, copied into the topic (the site embeds no viewer)."""
    src = call.get("url") or call.get("src", 0)
    name = src.rsplit("/", 1)[-1]
    target = page.file_link(src, call.line)
    page.note(call.line, f"pdf '{name}': a link to the document (no embedded viewer)")
    if target is None:
        return f"Documento PDF no disponible: {name}"
    return "Documento PDF: " + link(name, target)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def notebook_markdown(notebook: dict[str, Any]) -> str:
    """A Jupyter notebook's cells as Markdown: text cells, code cells, their text outputs."""
    language = str(notebook.get("metadata", {}).get("kernelspec", {}).get("language") or "python")
    parts: list[str] = []
    for cell in notebook.get("cells", []):
        source = _text(cell.get("source")).rstrip()
        if cell.get("cell_type") == "markdown" and source:
            parts.append(source)
        elif cell.get("cell_type") == "code" and source:
            parts.append(f"```{language}\n{source}\n```")
            for output in cell.get("outputs", []):
                text = _text(output.get("text") or output.get("data", {}).get("text/plain"))
                if text.strip():
                    parts.append(f"```text\n{text.rstrip()}\n```")
    return "\n\n".join(parts)


def convert_jupyter(call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str:
    """The notebook's cells in the page, and a link to the notebook."""
    src = call.get("src", 0) or call.get("file")
    target = page.file_link(src, call.line)
    if target is None:
        return f"Cuaderno de Jupyter no disponible: {src}"
    found = page.files.find(src, page.source, page.url)
    assert found is not None
    path = page.files.copies[found]
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        from ..errors import HugoImportError

        raise HugoImportError(f"{path}: not a readable Jupyter notebook:\n{error}") from None
    page.note(call.line, "jupyter: cells as Markdown and code blocks; images in outputs left out")
    original = link(src.rsplit("/", 1)[-1], target)
    return f"{notebook_markdown(notebook)}\n\nCuaderno original: {original}"


SPECS = {
    "callout": Spec("yes", True, convert_callout),
    "cards": Spec("yes", True, convert_cards),
    "card": Spec("no", True, convert_card),
    "filetree/container": Spec("yes", True, convert_filetree),
    "filetree/folder": Spec("optional", True, convert_filetree),
    "filetree/file": Spec("no", True, convert_filetree),
    "badge": Spec("optional", False, convert_badge),
    "icon": Spec("no", False, convert_icon),
    "term": Spec("no", False, convert_term),
    "pdf": Spec("no", True, convert_pdf),
    "jupyter": Spec("no", True, convert_jupyter),
}
