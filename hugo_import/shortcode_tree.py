"""Hugo shortcodes: find them in a page and arrange them into a tree.

`{{< name args >}}` and `{{% name args %}}` open a shortcode, `{{< /name >}}` closes it and
`{{< name />}}` stands alone. Arguments are positional or named, bare, `"quoted"` or
`` `raw` ``. Whether a shortcode has an inner part is known from the converter registered for
its name (`inner`: "yes", "no" or "optional", the last decided by whether a closing tag
follows). An unknown name fails here, before anything is written, naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import HugoImportError

OPENING = re.compile(r"\{\{([<%])")
NAME = re.compile(r"[A-Za-z0-9_][\w./-]*")


@dataclass
class Shortcode:
    """One shortcode call; `children` is its inner part (None when it has none)."""

    name: str
    positional: list[str]
    named: dict[str, str]
    line: int
    # Whether the call starts its line (after indentation): a block, not inline text.
    at_line_start: bool
    indent: str
    children: list[Node] | None = None
    markdown: bool = False

    def get(self, key: str, position: int | None = None, default: str = "") -> str:
        """A named argument, else the positional one at `position`, else `default`."""
        if key in self.named:
            return self.named[key]
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return default

    def flag(self, key: str, position: int | None = None) -> bool:
        """A boolean argument: `key=true`, or the bare word `key` among the positional ones."""
        value = self.named.get(key)
        if value is not None:
            return value.strip().lower() in {"true", "1", "yes"}
        if key in self.positional:
            return True
        return position is not None and self.get(key, position).lower() == "true"


Node = str | Shortcode


@dataclass
class Tag:
    """A shortcode tag as written: opening, closing or standalone."""

    name: str
    closing: bool
    standalone: bool
    positional: list[str]
    named: dict[str, str]
    start: int
    end: int
    markdown: bool
    line: int = 0


@dataclass
class Grammar:
    """The shortcodes a conversion knows, and where the text comes from.

    `inner` maps each name to whether it has an inner part ("yes", "no", "optional");
    `where` is the file for messages, `first_line` the file line of the text's first line,
    and `lines`, when given, the file line of each tag in order (the text may have moved
    since the file was read).
    """

    inner: Mapping[str, str]
    where: str
    first_line: int = 1
    lines: list[int] | None = None


def _arguments(text: str, where: str) -> tuple[list[str], dict[str, str]]:
    positional: list[str] = []
    named: dict[str, str] = {}
    pattern = re.compile(
        r'\s*(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<dq>(?:\\.|[^"\\])*)"|`(?P<raw>[^`]*)`|(?P<bare>[^\s"`]+))'
    )
    position = 0
    text = text.strip()
    while position < len(text):
        match = pattern.match(text, position)
        if match is None or match.end() == position:
            raise HugoImportError(f"{where}: cannot read the shortcode arguments {text!r}")
        if match["dq"] is not None:
            value = re.sub(r"\\(.)", r"\1", match["dq"])
        elif match["raw"] is not None:
            value = match["raw"]
        else:
            value = match["bare"]
        if match["key"]:
            named[match["key"]] = value
        else:
            positional.append(value)
        position = match.end()
    return positional, named


def tags(text: str, where: Callable[[int], str]) -> list[Tag]:
    """Every shortcode tag in `text`, in order."""
    found: list[Tag] = []
    for opening in OPENING.finditer(text):
        delimiter = opening[1]
        close = ">}}" if delimiter == "<" else "%}}"
        start = opening.start()
        if found and start < found[-1].end:
            continue
        end = _closing_delimiter(text, opening.end(), close)
        if end < 0:
            raise HugoImportError(f"{where(start)}: shortcode not closed by '{close}'")
        body = text[opening.end() : end].strip()
        closing = body.startswith("/")
        body = body[1:].lstrip() if closing else body
        standalone = body.endswith("/") and not closing
        body = body[:-1].rstrip() if standalone else body
        name = NAME.match(body)
        if name is None:
            raise HugoImportError(
                f"{where(start)}: a shortcode without a name: {text[start : end + 3]!r}"
            )
        positional, named = _arguments(body[name.end() :], where(start))
        found.append(
            Tag(name[0], closing, standalone, positional, named, start, end + 3, delimiter == "%")
        )
    return found


def _closing_delimiter(text: str, position: int, close: str) -> int:
    quote = ""
    while position < len(text):
        char = text[position]
        if quote:
            if char == "\\" and quote == '"':
                position += 1
            elif char == quote:
                quote = ""
        elif char in '"`':
            quote = char
        elif text.startswith(close, position):
            return position
        elif char == "\n" and text.startswith("\n\n", position):
            return -1
        position += 1
    return -1


def parse(text: str, grammar: Grammar) -> list[Node]:
    """The shortcode tree of `text`: text and shortcodes, with their inner parts."""

    def line(offset: int) -> int:
        return grammar.first_line + text.count("\n", 0, offset)

    def where(offset: int) -> str:
        return f"{grammar.where}:{line(offset)}"

    found = tags(text, where)
    if grammar.lines is not None and len(grammar.lines) == len(found):
        known_lines = grammar.lines
        for tag, number in zip(found, known_lines, strict=True):
            tag.line = number
    else:
        for tag in found:
            tag.line = line(tag.start)
    for tag in found:
        if tag.name not in grammar.inner:
            known = ", ".join(sorted(grammar.inner))
            raise HugoImportError(
                f"{grammar.where}:{tag.line}: unknown shortcode '{tag.name}'; "
                f"the importer knows: {known}"
            )
    root: list[Node] = []
    stack: list[tuple[Shortcode, list[Node], Tag]] = []
    position = 0

    def target() -> list[Node]:
        return stack[-1][1] if stack else root

    for index, tag in enumerate(found):
        if tag.start > position:
            target().append(text[position : tag.start])
        position = tag.end
        if tag.closing:
            if not stack or stack[-1][0].name != tag.name:
                expected = f"'{{{{< /{stack[-1][0].name} >}}}}'" if stack else "no closing tag"
                raise HugoImportError(
                    f"{grammar.where}:{tag.line}: closing shortcode '{tag.name}' does not match an "
                    f"opening one (expected {expected})"
                )
            shortcode, children, _ = stack.pop()
            shortcode.children = children
            continue
        line_start = text.rfind("\n", 0, tag.start) + 1
        before = text[line_start : tag.start]
        shortcode = Shortcode(
            name=tag.name,
            positional=tag.positional,
            named=tag.named,
            line=tag.line,
            at_line_start=not before.strip(),
            indent=before if not before.strip() else "",
            markdown=tag.markdown,
        )
        target().append(shortcode)
        inner = grammar.inner[tag.name]
        if tag.standalone or inner == "no":
            continue
        if inner == "optional" and not _closed_later(found, index):
            continue
        stack.append((shortcode, [], tag))
    if stack:
        shortcode, _, tag = stack[-1]
        raise HugoImportError(
            f"{grammar.where}:{tag.line}: shortcode '{shortcode.name}' is never closed "
            f"(no '{{{{< /{shortcode.name} >}}}}')"
        )
    if position < len(text):
        root.append(text[position:])
    return root


def _closed_later(found: list[Tag], index: int) -> bool:
    name = found[index].name
    depth = 0
    for tag in found[index + 1 :]:
        if tag.name != name or tag.standalone:
            continue
        if tag.closing:
            if depth == 0:
                return True
            depth -= 1
        else:
            depth += 1
    return False
