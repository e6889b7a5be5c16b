"""Lists re-indented from CommonMark (Hugo's Goldmark) to Python-Markdown's rules.

In CommonMark a list item's content lines up with the text after its marker (two spaces
after `- `, three after `1. `); Python-Markdown wants four spaces per level, a blank line
before a list that follows a paragraph, and only `.` after a number. Hugo pages nest
paragraphs, code and math in list items the CommonMark way, so without this they would
fall out of their items. markdown-it-py (a CommonMark parser) finds the items; each line is
then re-indented by the chain of blockquotes and list items it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

MARKER = re.compile(r"^(?P<indent> *)(?P<marker>[-+*]|\d{1,9}[.)])(?P<space> {1,4}(?! )| *$)?")
QUOTE = re.compile(r"^ {0,3}> ?")
TAB_STOP = 4


@dataclass
class Container:
    """A blockquote or a list item, and the lines it covers."""

    kind: str
    start: int
    end: int
    # For a list item: the width of its marker and the spaces after it, once its first
    # line is read (continuation lines are stripped of that much indentation).
    width: int = 0


def normalize_lists(text: str) -> str:
    """`text` with every list item's content indented by four spaces per level."""
    if not re.search(r"^\s*([-+*]|\d{1,9}[.)])( |$)", text, re.MULTILINE):
        return text
    lines = text.split("\n")
    chains: list[list[Container]] = [[] for _ in lines]
    list_starts: set[int] = set()
    stack: list[Container] = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in {"blockquote_open", "list_item_open"} and token.map:
            kind = "quote" if token.type == "blockquote_open" else "item"
            container = Container(kind, token.map[0], token.map[1])
            stack.append(container)
            for number in range(container.start, min(container.end, len(lines))):
                chains[number] = list(stack)
        elif token.type in {"blockquote_close", "list_item_close"}:
            stack.pop()
        elif token.type in {"bullet_list_open", "ordered_list_open"} and token.map:
            list_starts.add(token.map[0])
    out: list[str] = []
    for number, line in enumerate(lines):
        chain = chains[number]
        if number in list_starts and number > 0 and lines[number - 1].strip(" >"):
            parent = [c for c in chain if not (c.kind == "item" and c.start == number)]
            inside_item = bool(parent) and parent[-1].kind == "item"
            if not inside_item:
                # Python-Markdown starts a list only after a blank line (a nested list
                # right under its item's first line is fine).
                out.append(_blank(parent))
        out.append(_rewrite(line, chain, number))
    return "\n".join(out)


def _blank(chain: list[Container]) -> str:
    return "".join("> " if c.kind == "quote" else "" for c in chain).rstrip()


def _rewrite(line: str, chain: list[Container], number: int) -> str:
    """The line re-indented: four spaces per list item it continues, `> ` per quote."""
    prefix = ""
    rest = line
    for container in chain:
        if container.kind == "quote":
            quoted = QUOTE.match(rest)
            if quoted:
                rest = rest[quoted.end() :]
            prefix += "> "
            continue
        if number == container.start:
            marker = MARKER.match(rest)
            if marker is None:
                continue
            space = marker["space"] or " "
            container.width = len(marker["marker"]) + len(space)
            item = marker["marker"]
            if item[-1] == ")":
                item = item[:-1] + "."
            after = rest[marker.end() :]
            # An item that starts empty keeps two spaces after its marker (see protect).
            rest = item + ("  " if not after.strip() else " " + after)
            continue
        if not rest.strip():
            rest = ""
            continue
        leading = len(rest) - len(rest.lstrip(" "))
        rest = rest[min(leading, container.width) :]
        prefix += " " * TAB_STOP
    if not rest.strip():
        return prefix.rstrip()
    return prefix + rest
