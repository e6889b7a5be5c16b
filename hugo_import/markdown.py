"""Small Markdown builders shared by the converters: indentation, admonitions, tabs, links."""

from __future__ import annotations

import html
import re
import textwrap

INDENT = "    "


def indent(text: str, prefix: str = INDENT) -> str:
    """Every non-blank line of `text` prefixed; blank lines stay empty."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def dedent_block(text: str) -> str:
    """The inner part of a block shortcode: outer blank lines dropped, common indent removed.

    A first line on the opening tag's own line (`{{< tab >}}text`) has no indentation of
    its own, so it does not count for the common indentation of the lines below it.
    """
    lines = text.split("\n")
    first = lines[0].strip()
    rest = textwrap.dedent("\n".join(lines[1:]))
    body = f"{first}\n{rest}" if first else rest
    return body.strip("\n").rstrip()


def quote_title(title: str) -> str:
    """An admonition or tab title, safe inside its double quotes."""
    return " ".join(title.replace('"', "&quot;").split())


def admonition(kind: str, title: str, body: str, *, collapsible: str = "") -> str:
    """`!!! kind "title"` (or `???`/`???+` when collapsible is "closed"/"open") and its body."""
    marker = {"": "!!!", "closed": "???", "open": "???+"}[collapsible]
    head = f'{marker} {kind} "{quote_title(title)}"'
    return f"{head}\n\n{indent(body)}" if body.strip() else head


def tabs(entries: list[tuple[str, str]]) -> str:
    """pymdownx.tabbed tabs, one per (title, body)."""
    parts = [f'=== "{quote_title(title)}"\n\n{indent(body)}' for title, body in entries]
    return "\n\n".join(parts)


def escape_html(text: str) -> str:
    """Text safe inside HTML (and inside Markdown, which leaves HTML entities alone)."""
    return html.escape(text, quote=True)


def escape_link_text(text: str) -> str:
    """Text safe as a Markdown link's text."""
    return re.sub(r"([\[\]\\])", r"\\\1", text)


def link(text: str, target: str, title: str = "") -> str:
    """A Markdown link."""
    suffix = f' "{title}"' if title else ""
    return f"[{text}]({target}{suffix})"


def list_item(body: str) -> str:
    """`body` as one item of a bullet list (an item starting with a block starts empty)."""
    first, _, rest = body.rstrip("\n").partition("\n")
    if not first.strip():
        return "-  \n\n" + indent(rest.strip("\n"))
    return "- " + first.strip() + ("\n" + indent(rest) if rest.strip() else "")
