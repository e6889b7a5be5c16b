"""One page's Markdown, converted from Hugo's to the site's, step by step.

1. Shortcodes whose inner part is raw text (`highlight`, `katex`, `mermaid`) become fenced
   code or math, before anything else reads their content.
2. Code and math are set aside (`protect`), and Hugo's `{{</* x */>}}` escapes undone.
3. Lists are re-indented for Python-Markdown (`lists`).
4. Links and images are rewritten (`links`).
5. GitHub-style alerts become admonitions (`alerts`).
6. The other shortcodes are converted, innermost first (`families`).
7. Code and math are put back.

`PageContext` is what the converters see of the import: the page, the other pages, the
files to copy and the report. The functions here and in the converters only return text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from . import alerts, lists, protect
from .errors import HugoImportError
from .files import Files, is_remote
from .links import (
    LinkContext,
    PageRef,
    Resolver,
    map_anchor,
    placeholder,
    relative,
    rewrite_links,
    url_relative,
)
from .markdown import escape_html
from .report import Report
from .shortcode_tree import Grammar, Node, Shortcode, parse, tags
from .site import HugoSite


@dataclass
class PageContext:
    """One page being converted, and the import around it."""

    source: Path
    display: str
    content_path: str
    url: str
    target: str
    body: str
    body_line: int
    meta: Mapping[str, Any]
    site: HugoSite
    resolver: Resolver
    files: Files
    report: Report
    children: list[PageRef] = field(default_factory=list)
    math: bool = False
    uses_math: bool = False

    def where(self, line: int) -> str:
        """`file:line` for the report and for errors."""
        return f"{self.display}:{line}"

    def note(self, line: int, message: str) -> None:
        """Report a construct converted approximately."""
        self.report.note(self.where(line), message)

    def line_of(self, snippet: str) -> int:
        """The file line where `snippet` first appears in the page (its first line if nowhere)."""
        first = snippet.strip().split("\n", 1)[0][:60]
        found = self.body.find(first) if first else -1
        return self.body_line + (self.body.count("\n", 0, found) if found >= 0 else 0)

    # -- Links ---------------------------------------------------------------------------------

    def page_link(self, dest: str, line: int, ref: bool = False) -> str | None:
        """The site link for a Hugo link `dest`; None (and a note) when it leads nowhere."""
        if is_remote(dest) or not dest:
            return dest or None
        path, hash_mark, fragment = dest.partition("#")
        if not path:
            here = self.resolver.by_path.get(self.content_path.removesuffix(".md"))
            if here is None or not fragment:
                return dest
            mapped = map_anchor(here, fragment)
            if mapped is None:
                self.note(line, f"link to '#{fragment}': no such heading on the page; link dropped")
                return None
            return f"#{mapped}"
        page = self.resolver.find(path, self.content_path, self.url, ref=ref)
        if page is None:
            found = self.files.find(path, self.source, self.url)
            if found is not None:
                return relative(self._topic_path(found), self.target)
            if path == "/" or path in {"", "."}:
                return relative("index.md", self.target)
            what = "a draft" if self._is_draft(path) else "not found in the section or the site"
            self.note(line, f"link to '{dest}': {what}; kept as text")
            return None
        link = relative(page.target, self.target)
        if fragment:
            mapped = map_anchor(page, fragment)
            if mapped is None:
                self.note(
                    line, f"link to '{dest}': no heading '#{fragment}' there; links to the page"
                )
            else:
                link += f"#{mapped}"
        return link

    def _is_draft(self, path: str) -> bool:
        return any(path.strip("/").endswith(d) for d in self.resolver.drafts)

    def _topic_path(self, below_topic: str) -> str:
        topic = self.target.split("/", 1)[0]
        return f"{topic}/{below_topic}"

    def file_link(self, src: str, line: int) -> str | None:
        """A link to a file (a cast, a PDF…), copied into the topic; None when missing."""
        if is_remote(src):
            return src
        found = self.files.find(src, self.source, self.url)
        if found is None:
            self.report.missing.append(f"{self.where(line)}: {src}")
            return None
        return relative(self._topic_path(found), self.target)

    # -- Images --------------------------------------------------------------------------------

    def image(self, alt: str, src: str, title: str, line: int) -> str:
        """Markdown for an image: the copy, a link when remote, a placeholder when missing."""
        if is_remote(src):
            self.report.remote.append(f"{self.where(line)}: {src}")
            return f"[Imagen: {alt.strip() or src}]({src})"
        found = self.files.find(src, self.source, self.url)
        if found is None:
            self.report.missing.append(f"{self.where(line)}: {src} ({alt.strip() or 'no text'})")
            return placeholder(alt, src)
        suffix = f' "{title}"' if title else ""
        return f"![{alt}]({relative(self._topic_path(found), self.target)}{suffix})"

    def html_image(self, attrs: dict[str, str], tag: str, line: int) -> str:
        """An HTML `<img>`, treated as a Markdown image is (its src relative to the page's URL)."""
        src, alt = attrs.get("src", ""), attrs.get("alt", "")
        if is_remote(src):
            self.report.remote.append(f"{self.where(line)}: {src}")
            return f'<a href="{escape_html(src)}">Imagen: {escape_html(alt or src)}</a>'
        found = self.files.find(src, self.source, self.url)
        if found is None:
            self.report.missing.append(f"{self.where(line)}: {src} ({alt or 'no text'})")
            return placeholder(alt, src)
        new = url_relative(self._topic_path(found), self.target)
        return re.sub(r"""(\bsrc\s*=\s*)(["']).*?\2""", lambda m: f'{m[1]}"{new}"', tag, count=1)

    def links(self) -> LinkContext:
        """The callbacks `links.rewrite_links` uses."""
        return LinkContext(self.page_link, self.image, self.html_image, self.line_of)


class Converter(Protocol):
    """A shortcode converter: the call, the page, and a way to render its inner part."""

    def __call__(self, call: Shortcode, page: PageContext, inner: Callable[[], str]) -> str: ...


@dataclass(frozen=True)
class Spec:
    """How one shortcode is converted: its inner part, block or inline, the function."""

    inner: str
    block: bool
    convert: Converter


# -- The steps ------------------------------------------------------------------------------------


def mask_code(body: str) -> str:
    """`body` with code and shortcode escapes blanked out, lines and offsets unchanged."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    out = body.split("\n")
    for start, end, opened in protect.fence_ranges(out):
        first = len(opened["indent"]) + len(opened["item"] or "")
        out[start] = out[start][:first] + " " * (len(out[start]) - first)
        for number in range(start + 1, end + 1):
            out[number] = " " * len(out[number])
    masked = "\n".join(out)
    masked = protect.SHORTCODE_ESCAPE.sub(blank, masked)
    return re.sub(r"(?<!`)(`+)(?!`)[\s\S]+?(?<!`)\1(?!`)", blank, masked)


def check_shortcodes(
    body: str, page: PageContext, specs: Mapping[str, Spec]
) -> list[tuple[str, int]]:
    """Fail on an unknown or badly nested shortcode; return each tag's name and file line."""
    masked = mask_code(body)
    grammar = Grammar(
        {name: spec.inner for name, spec in specs.items()}, page.display, page.body_line
    )
    parse(masked, grammar)

    def where(offset: int) -> str:
        return page.where(page.body_line + masked.count("\n", 0, offset))

    return [(t.name, page.body_line + masked.count("\n", 0, t.start)) for t in tags(masked, where)]


RAW = {"highlight", "katex", "mermaid"}


def convert_raw_shortcodes(body: str, page: PageContext, lines: list[tuple[str, int]]) -> str:
    """`highlight`, `katex` and `mermaid` shortcodes as fenced code or math (outside code)."""
    masked = mask_code(body)
    found = tags(masked, page.where)
    out: list[str] = []
    position = 0
    index = 0
    while index < len(found):
        tag = found[index]
        if tag.name not in RAW or tag.closing:
            index += 1
            continue
        line = lines[index][1] if index < len(lines) else page.body_line
        closing = next(
            (
                i
                for i in range(index + 1, len(found))
                if found[i].name == tag.name and found[i].closing
            ),
            None,
        )
        if tag.standalone or closing is None:
            out.append(body[position : tag.start])
            position = tag.end
            page.uses_math = page.uses_math or tag.name == "katex"
            index += 1
            continue
        inner = body[tag.end : found[closing].start]
        out.append(body[position : tag.start])
        out.append(_raw(tag.name, tag.positional, tag.named, inner, page, line, body, tag.start))
        position = found[closing].end
        index = closing + 1
    out.append(body[position:])
    return "".join(out)


def _raw(
    name: str,
    positional: list[str],
    named: dict[str, str],
    inner: str,
    page: PageContext,
    line: int,
    body: str,
    start: int,
) -> str:
    line_start = body.rfind("\n", 0, start) + 1
    indent = body[line_start:start]
    at_line_start = not indent.strip()
    code = inner.strip("\n")
    if name == "katex":
        page.uses_math = True
        tex = " ".join(code.split()) if not at_line_start else code.strip()
        display = named.get("display", "").lower() in {"true", "1"} or "display" in positional
        if display and at_line_start:
            return f"$$\n{tex}\n$$"
        return f"\\[{tex}\\]" if display else f"\\({tex}\\)"
    if name == "mermaid":
        page.note(line, "Mermaid diagram: shown as its source (the site draws no Mermaid)")
        return _fence("mermaid", "", code, indent)
    language = named.get("lang") or (positional[0] if positional else "text")
    options = named.get("options") or (positional[1] if len(positional) > 1 else "")
    return _fence(language, hugo_code_options(options, page, line), code, indent)


def _fence(language: str, options: str, code: str, indent: str) -> str:
    import textwrap

    code = textwrap.dedent(code)
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", code)), default=0) + 1)
    head = f"{ticks}{language}{' ' + options if options else ''}"
    lines = [head, *code.split("\n"), ticks]
    return "\n".join([lines[0], *(indent + line if line else "" for line in lines[1:])])


HUGO_OPTION = re.compile(r"(?P<key>\w+)\s*=\s*(?P<value>\[[^\]]*\]|\"[^\"]*\"|[^,\s}]+)")


def hugo_code_options(options: str, page: PageContext, line: int) -> str:
    """Hugo's code block options (`linenos`, `hl_lines`, `filename`…) for superfences."""
    out: list[str] = []
    start = "1"
    numbered = False
    for match in HUGO_OPTION.finditer(options):
        key, value = match["key"], match["value"].strip('"')
        if key == "filename" or key == "title":
            out.append(f'title="{value}"')
        elif key == "hl_lines":
            ranges = re.findall(r"\d+(?:-\d+)?", value)
            out.append(f'hl_lines="{" ".join(ranges)}"')
        elif key == "linenos":
            numbered = value.lower() not in {"false", "none"}
        elif key == "linenostart":
            start = value
            numbered = True
        elif key not in {"anchorlinenos", "lineanchors", "style", "noclasses", "hl_inline"}:
            page.note(line, f"code block option '{key}' has no equivalent; left out")
    if numbered:
        out.append(f'linenums="{start}"')
    return " ".join(out)


def convert_fences(
    text: str, store: protect.Protected, page: PageContext, line_of: Callable[[str], int]
) -> str:
    """Fenced code with Hugo's options, and `katex`/`math` fences as display math."""
    for span in store.spans["code"]:
        if not span.block:
            continue
        head, _, rest = span.text.partition("\n")
        found = re.match(
            r"^(?P<ticks>`{3,}|~{3,})\s*(?P<lang>[^\s{]*)\s*(?:\{(?P<opts>.*)\})?\s*$", head
        )
        if found is None:
            continue
        language = found["lang"]
        options = found["opts"] or ""
        line = line_of(head + "\n" + rest.split("\n", 1)[0])
        if language in {"katex", "math"}:
            page.uses_math = True
            body = rest.rsplit("\n", 1)[0] if "\n" in rest else ""
            span.text = "$$\n" + body + "\n" + " " * span.indent + "$$"
            continue
        if language == "mermaid":
            page.note(line, "Mermaid diagram: shown as its source (the site draws no Mermaid)")
        extra = hugo_code_options(options, page, line) if options else ""
        new_head = f"{found['ticks']}{language}{' ' + extra if extra else ''}"
        span.text = new_head + ("\n" + rest if rest or "\n" in span.text else "")
    return text


def escape_dollars(text: str) -> str:
    """On a page without math, a `$` is a dollar sign (arithmatex would read `$…$` as math)."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def render(nodes: list[Node], page: PageContext, specs: Mapping[str, Spec]) -> str:
    """Text and converted shortcodes; block shortcodes on lines of their own with blank lines."""
    out: list[str] = []
    pending: str | None = None
    for node in nodes:
        if isinstance(node, str):
            if pending is not None and not node.startswith("\n"):
                # Text right after a block's closing tag starts a paragraph of its own.
                node = "\n" + pending + node.lstrip(" ")
            out.append(node)
            pending = None
            continue
        spec = specs[node.name]

        def inner(call: Node = node) -> str:
            assert isinstance(call, Shortcode)
            return render(call.children or [], page, specs)

        converted = spec.convert(node, page, inner)
        if not (spec.block and node.at_line_start):
            out.append(converted)
            pending = None
            continue
        so_far = "".join(out)
        line_start = so_far.rfind("\n") + 1
        if not so_far[line_start:].strip():
            so_far = so_far[:line_start]
        previous = so_far.rstrip("\n").rsplit("\n", 1)[-1] if so_far.strip() else ""
        if previous.strip() and not so_far.endswith("\n\n"):
            so_far += "\n"
        prefix = node.indent
        lines = converted.split("\n")
        rest = [prefix + line if line.strip() else "" for line in lines[1:]]
        out = [so_far, "\n".join([prefix + lines[0], *rest]), "\n"]
        pending = prefix
    return "".join(out)


def convert_body(page: PageContext, specs: Mapping[str, Spec]) -> str:
    """The page's body for the site."""
    lines = check_shortcodes(page.body, page, specs)
    text = convert_raw_shortcodes(page.body, page, lines)
    page.math = page.math or page.uses_math
    store = protect.Protected()
    text = protect.protect_fences(text, store)
    text = convert_fences(text, store, page, page.line_of)
    text = protect.protect_inline(text, store, math=page.math or page.uses_math)
    text = protect.protect_escapes(text, store)
    if store.spans["math"]:
        page.uses_math = True
    if not page.math and not page.uses_math:
        text = escape_dollars(text)
    text = lists.normalize_lists(text)
    text = rewrite_links(text, page.links())
    text = alerts.convert_alerts(text, page)
    tag_lines = [number for name, number in lines if name not in RAW]
    grammar = Grammar(
        {n: s.inner for n, s in specs.items()}, page.display, page.body_line, tag_lines
    )
    nodes = parse(text, grammar)
    text = render(nodes, page, specs)
    # Blank lines added around blocks never pile up (code, still set aside, keeps its own).
    text = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", text)
    return protect.restore(text, store).strip("\n") + "\n"


__all__ = ["HugoImportError", "PageContext", "Spec", "convert_body"]
