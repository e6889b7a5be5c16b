"""Small Markdown building blocks shared by every renderer: escaping, tables, Spanish formats.

Nothing here knows about the course data (only what records.py calls plain text);
`render.py` composes these helpers.
"""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from urllib.parse import quote

from .records import NOT_TEXT

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

_MONTH_ABBREVIATIONS = (
    "ene.",
    "feb.",
    "mar.",
    "abr.",
    "may.",
    "jun.",
    "jul.",
    "ago.",
    "sept.",
    "oct.",
    "nov.",
    "dic.",
)

# Characters that Markdown (or arithmatex's `$`) would read as syntax inside a cell.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#!|$])")
# What would open a block if the text started a paragraph: a list item (`-`, `+`, `1.`,
# `1)`), a definition (`:`), content tabs (`===`), a pymdownx block (`///`) or a fence
# (`~~~`). `-`, `+`, `.` and `)` take a backslash; the others only an entity.
_BLOCK_START = re.compile(r"^(?:(?P<sign>[-+])|(?P<entity>[:=/~])|(?P<digits>\d+)(?P<dot>[.)]))")


def visible(text: str, *, keep: str = "") -> str:
    """Return `text` with every control, format or separator character shown as U+FFFD.

    The data module rejects such characters when it loads; this keeps the renderers safe
    for records built some other way. Characters in `keep` (a line feed in a code block
    the renderer wrote itself) stay.
    """
    if text.isprintable():
        # No character of NOT_TEXT is printable: the common case, without a look at each one.
        return text
    return "".join(
        "\ufffd" if unicodedata.category(c) in NOT_TEXT and c not in keep else c for c in text
    )


# Whitespace that breaks or separates lines, or that Markdown reads as a space; not the
# no-break spaces that the number formats put between digits and units.
_BREAKING_SPACE = re.compile(r"[ \t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Collapse every run of spaces and line breaks into one space; keep no-break spaces."""
    return _BREAKING_SPACE.sub(" ", text).strip(" ")


def escape(text: str) -> str:
    """Return `text` as inert Markdown: HTML escaped, syntax characters backslash-escaped.

    Newlines collapse to spaces so that a value never breaks a table row, and a leading
    character that would open a block (a list, a definition, tabs) is escaped too, so the
    text can start a paragraph.
    """
    text = visible(one_line(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)

    def neutral(match: re.Match[str]) -> str:
        if match.group("sign"):
            return "\\" + match.group("sign")
        if match.group("entity"):
            return f"&#{ord(match.group('entity'))};"
        return f"{match.group('digits')}\\{match.group('dot')}"

    return _BLOCK_START.sub(neutral, text, count=1)


def attribute(text: str) -> str:
    """Return `text` for an HTML attribute value that Markdown passes on as it is (`abbr`).

    One line, with `&`, `<`, `>`, `"` and `'` as entities: Python-Markdown keeps entities
    in attribute values, so the reader sees the characters, and no raw `<` ever reaches
    the Markdown source.
    """
    text = visible(one_line(text))
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        text = text.replace(char, entity)
    return text.replace("'", "&#39;")


def code(text: str) -> str:
    """Return `text` as an inline code span (identifiers such as `MatMul`)."""
    if "`" in text or "|" in text:
        raise ValueError(f"cannot show {text!r} as inline code: it contains ` or |")
    return f"`{text}`"


def link(text: str, url: str) -> str:
    """Return a Markdown link whose text is escaped and whose URL cannot end early.

    Only absolute http(s) URLs: a `javascript:` or `data:` link is refused.
    """
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"refusing to link to {url!r}: expected an absolute http(s) URL")
    return f"[{escape(text)}]({quote(url, safe=':/?#&=%~+@,;!*')})"


def relative_link(text: str, target: str, from_page: str) -> str:
    """Link `text` to the docs page `target` (a src path) from the page `from_page`."""
    href = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
    return f"[{escape(text)}]({href})"


# The parts of a formatted cell that a `|` means something different in: a backslash
# escape, a code span, inline math (arithmatex's `$…$` and `\(…\)`), or a bare pipe.
_CELL_PARTS = re.compile(
    r"(?P<bracket_math>\\\((?:\\[^)]|[^\\])+?\\\))"
    r"|(?P<escape>\\.)"
    r"|(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<dollar_math>\$(?!\s)(?:\\.|[^\\$])+?(?<!\s)\$)"
    r"|(?P<pipe>\|)"
)
_MATH_PIPES = re.compile(r"(?P<bar>\\?\|)(?P<letter>(?=[A-Za-z]))?|\\.")


def _math_without_pipes(tex: str) -> str:
    r"""TeX with `|` written `\vert` (and `\|` written `\Vert`): the same formula.

    A space ends the command before a letter (`a|b` becomes `a\vert b`); it is not added
    otherwise, since arithmatex needs the closing `$` right after the formula.
    """

    def swap(match: re.Match[str]) -> str:
        bar = match.group("bar")
        if bar is None:
            return match.group()
        command = "\\vert" if bar == "|" else "\\Vert"
        return command + (" " if match.group("letter") is not None else "")

    return _MATH_PIPES.sub(swap, tex)


def cell(text: str) -> str:
    r"""Normalise one formatted cell so that it stays one cell of one row.

    Line breaks collapse to spaces. A `|` would end the cell: outside code and math it is
    escaped; inside math the tables extension cannot see it is math, so the formula gets
    `\vert`, which KaTeX draws as the same bar (a `\|` inside math becomes `\Vert`).
    """

    def part(match: re.Match[str]) -> str:
        if match.group("pipe"):
            return "\\|"
        if match.group("bracket_math") or match.group("dollar_math"):
            return _math_without_pipes(match.group())
        return match.group()

    return _CELL_PARTS.sub(part, one_line(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Build a Markdown table from already-formatted cells.

    Every table of the site goes through here, and every cell through `cell`. An empty
    table is an error, never output.
    """
    if not rows:
        raise ValueError("refusing to render a table without rows")
    width = len(headers)
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} cells, expected {width}: {row!r}")
    lines = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "| " + " | ".join("---" for _ in headers) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float, decimals: int | None = None) -> str:
    """Format a number the Spanish way: decimal comma, spaces between groups of five+ digits.

    `2048` stays `2048` (four-digit numbers are not grouped), `16896` becomes `16 896`
    with a non-breaking space, `11.5` becomes `11,5`.
    """
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}: expected a finite number")
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


def spanish_day(day: date) -> str:
    """Format a day in Spanish with the month abbreviated as the RAE does (`2 dic. 2026`)."""
    return f"{day.day} {_MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"


def join_items(items: Sequence[str]) -> str:
    """Join already-formatted items into one cell, comma separated."""
    return ", ".join(items)


def indent(text: str, spaces: int = 4) -> str:
    """Indent every line but the first, for output placed inside a block (a tab, a list)."""
    pad = " " * spaces
    return "\n".join(
        line if i == 0 or not line else pad + line for i, line in enumerate(text.split("\n"))
    )
