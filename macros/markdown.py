"""Small Markdown building blocks shared by every renderer: escaping, tables, Spanish formats.

Nothing here knows about the course data; `render.py` composes these helpers.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from urllib.parse import quote

NBSP = "\u00a0"

_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)

# Characters that Markdown (or arithmatex's `$`) would read as syntax inside a cell.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#!|$])")


def escape(text: str) -> str:
    """Return `text` as inert Markdown: HTML escaped, syntax characters backslash-escaped.

    Newlines collapse to spaces so that a value never breaks a table row.
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def code(text: str) -> str:
    """Return `text` as an inline code span (identifiers such as `MatMul`)."""
    if "`" in text or "|" in text:
        raise ValueError(f"cannot show {text!r} as inline code: it contains ` or |")
    return f"`{text}`"


def link(text: str, url: str) -> str:
    """Return a Markdown link whose text is escaped and whose URL cannot end early."""
    return f"[{escape(text)}]({quote(url, safe=':/?#&=%~+@,;!*')})"


def relative_link(text: str, target: str, from_page: str) -> str:
    """Link `text` to the docs page `target` (a src path) from the page `from_page`."""
    href = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"[{escape(text)}]({href})"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Build a Markdown table from already-formatted cells.

    Every table of the site goes through here. An empty table is an error, never output.
    """
    if not rows:
        raise ValueError("refusing to render a table without rows")
    width = len(headers)
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} cells, expected {width}: {row!r}")
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join("---" for _ in headers) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float, decimals: int | None = None) -> str:
    """Format a number the Spanish way: decimal comma, spaces between groups of five+ digits.

    `2048` stays `2048` (four-digit numbers are not grouped), `16896` becomes `16 896`
    with a non-breaking space, `11.5` becomes `11,5`.
    """
    if decimals is None:
        text = f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}".rstrip("0")
    else:
        text = f"{value:.{decimals}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if len(digits) > 4:
        groups: list[str] = []
        while digits:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        digits = NBSP.join(groups)
    return sign + digits + ("," + fraction if fraction else "")


def quantity(value: float, unit: str) -> str:
    """Format a number with its unit, joined by a non-breaking space (`16 GiB`)."""
    return f"{number(value)}{NBSP}{unit}"


def spanish_date(value: str) -> str:
    """Format `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in Spanish (`noviembre de 2015`)."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} de {parts[0]}"
    return f"{int(parts[2])} de {month} de {parts[0]}"


def join_items(items: Sequence[str]) -> str:
    """Join already-formatted items into one cell, comma separated."""
    return ", ".join(items)


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line but the first, for output placed inside a block (a tab, a list)."""
    pad = " " * spaces
    return "\n".join(
        line if i == 0 or not line else pad + line for i, line in enumerate(text.split("\n"))
    )
