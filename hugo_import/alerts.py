"""GitHub-style alerts (`> [!NOTE] **Título**`) as Material admonitions.

The five alert types map to the admonition of the nearest colour and meaning; the title is
the text after the marker (the author's habit: `**Título**`), else the type's name in
Spanish, since Material would otherwise show the English type name.
"""

from __future__ import annotations

import re
from typing import Protocol

from .markdown import admonition

ALERT = re.compile(r"^(?P<indent>[ ]*)>[ ]?\[!(?P<kind>[A-Za-z]+)\][-+]?[ \t]*(?P<title>.*)$")
QUOTED = re.compile(r"^(?P<indent>[ ]*)>(?P<rest>.*)$")
KINDS = {
    "note": ("note", "Nota"),
    "tip": ("tip", "Consejo"),
    "important": ("info", "Importante"),
    "warning": ("warning", "Advertencia"),
    "caution": ("danger", "Precaución"),
}


class Notes(Protocol):
    """Where an unknown alert type is reported."""

    def note(self, line: int, message: str) -> None:
        """Report a construct converted approximately."""

    def line_of(self, snippet: str) -> int:
        """The file line where `snippet` appears."""


def alert_title(raw: str) -> str:
    """The alert's title: the text after `[!TYPE]`, without the bold marks around it."""
    title = raw.strip()
    bold = re.fullmatch(r"(\*\*|__)(.+?)\1", title)
    return bold[2].strip() if bold else title


def convert_alerts(text: str, notes: Notes) -> str:
    """Every alert of `text` (nested ones too) as an admonition, at the alert's indentation."""
    lines = text.split("\n")
    out: list[str] = []
    number = 0
    while number < len(lines):
        opened = ALERT.match(lines[number])
        if opened is None:
            out.append(lines[number])
            number += 1
            continue
        indent = opened["indent"]
        body: list[str] = []
        end = number + 1
        while end < len(lines):
            quoted = QUOTED.match(lines[end])
            if quoted is None or quoted["indent"] != indent:
                break
            body.append(quoted["rest"][1:] if quoted["rest"].startswith(" ") else quoted["rest"])
            end += 1
        name = opened["kind"].lower()
        kind, default_title = KINDS.get(name, ("note", opened["kind"].capitalize()))
        if name not in KINDS:
            notes.note(
                notes.line_of(lines[number]), f"alert type '[!{opened['kind']}]': shown as a note"
            )
        title = alert_title(opened["title"]) or default_title
        inner = convert_alerts("\n".join(body).strip("\n"), notes)
        block = admonition(kind, title, inner)
        if out and out[-1].strip():
            out.append("")
        out.extend(indent + line if line.strip() else "" for line in block.split("\n"))
        if end < len(lines) and lines[end].strip():
            out.append("")
        number = end
    return "\n".join(out)
