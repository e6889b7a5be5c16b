"""Heading ids as Hugo made them and as this site makes them, to map links' anchors.

Hugo (Goldmark, `github` ids) keeps accented letters: "Función de coste" is
`#función-de-coste`, and a second "Ejemplo" is `#ejemplo-1`. The site's Markdown (the `toc`
extension's default slugify) folds accents and numbers repeats with `_`: `#funcion-de-coste`,
`#ejemplo_1`. A link's anchor is looked up among the Hugo ids of its target page and
replaced by the site's id of the same heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

ATX = re.compile(r"^[ >]*(?P<level>#{1,6})[ \t]+(?P<text>.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^[ >]*(=+|-+)[ \t]*$")
CUSTOM_ID = re.compile(r"\s*\{[^}]*#(?P<id>[\w:.-]+)[^}]*\}\s*$")
LIST_HEADING = re.compile(
    r"^[ >]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?P<level>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$"
)


@dataclass(frozen=True)
class Heading:
    """One heading: its plain text, Hugo's id and the site's id."""

    text: str
    hugo_id: str
    site_id: str


def plain(text: str) -> str:
    """The text a heading shows: Markdown emphasis, code marks, links and HTML removed."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|_|`+|~~)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    return " ".join(text.split())


def hugo_slug(text: str) -> str:
    """Goldmark's `github` heading id: letters and digits lower-cased, spaces to `-`."""
    out = []
    for char in text.strip():
        if char.isalnum():
            out.append(char.lower())
        elif char in "-_":
            out.append(char)
        elif char.isspace():
            out.append("-")
        elif unicodedata.category(char).startswith("M"):
            out.append(char)
    return "".join(out)


def find_headings(markdown: str, expand: Callable[[str], str]) -> list[Heading]:
    """The headings of a page (outside code, which is already set aside), in order.

    `expand` puts set-aside spans (inline code, math) back into a heading's text.
    """
    hugo_ids: dict[str, int] = {}
    site_ids: list[str] = []
    found: list[Heading] = []
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        match = ATX.match(line) or LIST_HEADING.match(line)
        text = match["text"] if match else None
        if text is None and number > 0 and SETEXT.match(line) and lines[number - 1].strip():
            previous = lines[number - 1].strip(" >")
            if not ATX.match(lines[number - 1]) and not previous.startswith(("-", "*", "|")):
                text = previous
        if text is None:
            continue
        custom = CUSTOM_ID.search(text)
        if custom:
            text = text[: custom.start()]
        shown = plain(expand(text))
        if custom:
            hugo_id = site_id = custom["id"]
        else:
            hugo_id = hugo_slug(shown)
            site_id = slugify(shown, "-")
        if hugo_id in hugo_ids:
            hugo_ids[hugo_id] += 1
            hugo_id = f"{hugo_id}-{hugo_ids[hugo_id]}"
        else:
            hugo_ids[hugo_id] = 0
        site_id = unique(site_id, set(site_ids))
        site_ids.append(site_id)
        found.append(Heading(shown, hugo_id, site_id))
    return found
