r"""Code, math and literal shortcodes, set aside while the rest of a page is converted.

A Hugo page's code must reach the site as the author wrote it: no shortcode, link or alert
conversion may touch it, and Hugo's escape for a shortcode shown literally
(`{{</* name */>}}`, `{{%/* name */%}}`) is undone, as Hugo does, wherever it appears. Math is
set aside too, so that a `[` or `*` in TeX is not read as a link or emphasis.

Each span is replaced by a one-line placeholder (control characters no page contains).
`restore` puts the spans back; a span of several lines gets its later lines re-indented to
the indentation its placeholder ended up at, since lists are re-indented in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

# Hugo's comment escape for a shortcode shown as text: `{{</* x */>}}` shows `{{< x >}}`.
SHORTCODE_ESCAPE = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)
PLACEHOLDER = "\x02{}:{}\x03"
PLACEHOLDERS = re.compile("\x02(code|math|text):(\\d+)\x03")
FENCE_OPEN = re.compile(
    r"^(?P<indent>[ \t]*)(?P<item>(?:[-+*]|\d{1,9}[.)])[ ]+)?(?P<mark>`{3,}|~{3,})(?P<info>[^\n]*)$"
)
NOT_BLANK = r"(?:(?!\n[ \t]*\n)[\s\S])"
# Math as pymdownx.arithmatex reads it (mirrors assets/hooks/katex_math.py), plus inline code.
INLINE = re.compile(
    rf"""
    (?P<code>(?<![`\\])(?P<ticks>`+)(?!`){NOT_BLANK}+?(?<!`)(?P=ticks)(?!`))
    | (?P<display>
        \$\$(?:\\.|(?!\$\$){NOT_BLANK})+?\$\$
      | \\\\?\[(?:\\[^\]]|(?!\\){NOT_BLANK})+?\\\\?\]
      | \\begin\{{(?P<env>[a-zA-Z]+\*?)\}}{NOT_BLANK}+?\\end\{{(?P=env)\}}
    )
    | (?P<inline>
        \$(?![\s$])(?:\\[^\n]|[^\\$\n]|\n(?![ \t]*\n))+?(?<![\s\\])\$(?!\d)
      | \\\\?\((?:\\[^)]|(?!\\){NOT_BLANK})+?\\\\?\)
    )
    | (?P<escape>\\[\\`$])
    """,
    re.VERBOSE,
)


@dataclass
class Span:
    """One span set aside: its text and the indentation of the line it started on."""

    text: str
    indent: int
    # A block (fenced code, display math) needs blank lines around it in Python-Markdown.
    block: bool = False


@dataclass
class Protected:
    """The spans of one page, by kind, in the order their placeholders were made."""

    spans: dict[str, list[Span]] = field(
        default_factory=lambda: {"code": [], "math": [], "text": []}
    )
    # The info string of each fenced code block, for the fence converter.
    fences: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, kind: str, span: Span) -> str:
        """Keep `span`; return its placeholder."""
        self.spans[kind].append(span)
        return PLACEHOLDER.format(kind, len(self.spans[kind]) - 1)


def unescape_shortcodes(text: str) -> str:
    """Undo Hugo's `{{</* x */>}}` escape: the shortcode as text."""
    return SHORTCODE_ESCAPE.sub(lambda m: "{{" + m[1] + m[2] + m[3] + "}}", text)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def fence_ranges(lines: list[str]) -> list[tuple[int, int, re.Match[str]]]:
    """Each fenced code block: its first and last line numbers and its opening line's match."""
    found: list[tuple[int, int, re.Match[str]]] = []
    i = 0
    while i < len(lines):
        opened = FENCE_OPEN.match(lines[i])
        if opened is None or (opened["mark"][0] == "`" and "`" in opened["info"]):
            i += 1
            continue
        mark = opened["mark"]
        closing = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        found.append((i, min(end, len(lines) - 1), opened))
        i = end + 1
    return found


def protect_fences(text: str, store: Protected) -> str:
    """Replace each fenced code block (any indentation, as in a list item) by a placeholder.

    The placeholder keeps the fence's indentation. A fence on a list item's first line
    (`- ```python`) moves to a line of its own: Python-Markdown needs it there, so the item
    starts empty ("-" and two spaces, which whitespace fixers keep in Markdown).
    """
    lines = text.split("\n")
    out: list[str] = []
    position = 0
    for start, end, opened in fence_ranges(lines):
        out.extend(lines[position:start])
        block = lines[start : end + 1]
        indent = _indent(block[0])
        item = opened["item"] or ""
        if item:
            out.append(" " * indent + item.rstrip() + "  ")
            indent += len(item)
        span = Span(
            unescape_shortcodes("\n".join([block[0][indent:], *block[1:]])), indent, block=True
        )
        out.append(" " * indent + store.add("code", span))
        position = end + 1
    out.extend(lines[position:])
    return "\n".join(out)


def protect_inline(text: str, store: Protected, *, math: bool = True) -> str:
    """Replace inline code and (on a page with math) math by placeholders."""

    def swap(match: re.Match[str]) -> str:
        start = text.rfind("\n", 0, match.start()) + 1
        line = text[start : match.start()]
        indent = _indent(line)
        at_line_start = not line.strip()
        if match["code"] is not None:
            code = unescape_shortcodes(match["code"]).replace("\n", " ")
            return store.add("code", Span(code, indent))
        if match["escape"] is not None or not math:
            return match.group()
        tex = match.group()
        # `\\(` is how a Hugo page without a math passthrough gets `\(` past Markdown.
        if tex.startswith(("\\\\(", "\\\\[")):
            tex = tex[1:-3] + tex[-2:]
        block = match["display"] is not None and at_line_start and _ends_line(text, match.end())
        return store.add("math", Span(tex, indent, block=block))

    return INLINE.sub(swap, text)


def _ends_line(text: str, end: int) -> bool:
    newline = text.find("\n", end)
    return not text[end : newline if newline >= 0 else len(text)].strip()


def protect_escapes(text: str, store: Protected) -> str:
    """Replace `{{</* x */>}}` outside code by a placeholder holding `{{< x >}}`."""
    return SHORTCODE_ESCAPE.sub(
        lambda m: store.add("text", Span("{{" + m[1] + m[2] + m[3] + "}}", 0)), text
    )


def restore(text: str, store: Protected) -> str:
    """Put every span back, re-indenting its later lines to its placeholder's line."""
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        if "\x02" not in line:
            out.append(line)
            continue
        found = re.match(r"^[ >]*", line)
        prefix = found.group() if found else ""
        blank = prefix.rstrip()
        alone = any(
            store.spans[m[1]][int(m[2])].block and line.strip() == m.group()
            for m in PLACEHOLDERS.finditer(line)
        )
        restored = line
        # A span's text can hold another placeholder (a shortcode escape inside a converted
        # block): put them back until none is left.
        while PLACEHOLDERS.search(restored):
            restored = PLACEHOLDERS.sub(partial(_span_text, store, prefix=prefix), restored)
        if alone and out and out[-1].strip(" >"):
            out.append(blank)
        out.extend(restored.split("\n"))
        if alone and number + 1 < len(lines) and lines[number + 1].strip(" >"):
            out.append(blank)
    return "\n".join(out)


def _span_text(store: Protected, match: re.Match[str], prefix: str) -> str:
    """A span's text, its later lines re-indented to `prefix` (blank ones left blank)."""
    span = store.spans[match[1]][int(match[2])]
    first, *rest = span.text.split("\n")
    blank = prefix.rstrip()
    lines = [prefix + _strip(part, span.indent) if part.strip() else blank for part in rest]
    return "\n".join([first, *lines])


def _strip(line: str, indent: int) -> str:
    return line[min(indent, _indent(line)) :]
