"""A topic on one page, for printing and PDF: built from the HTML its section pages already have.

`printable_topic()` leaves `MARKER` in the page; once every page of the build is rendered,
`assets/hooks/course.py` replaces it with the sections' HTML, one `<section>` each. Nothing is
converted twice, so the printable page costs a string join instead of a second Markdown
conversion of the whole topic, and any error is reported by the section page it comes from.

Joining pages into one document needs three changes to each section's HTML, made here:

- its headings go one level down (the printable page's own title is the only `<h1>`);
- its ids get the section's name as a prefix, so that two sections' "Introducción" headings,
  tabs, footnotes or figure titles do not clash, and every reference to an id (`href="#…"`,
  `for`, `aria-*`, SVG `url(#…)`) follows;
- links to the other sections of the topic become links inside the page, so a printed or
  PDF copy keeps working cross-references;
- the solutions of its self-check questions (`macros/questions.py`) move to a "Soluciones"
  section at the end of the topic, each question linking to its solution and back, and the
  questions are no longer interactive (`self-check.js` leaves them alone), as on paper.
"""

from __future__ import annotations

import html as html_module
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from .course import Course, CourseError, PageInfo

# What printable_topic() writes into the page: a raw HTML block Markdown leaves alone.
MARKER = '<div class="course-printable-marker" data-course-printable="sections"></div>'

# An HTML start tag with its attributes (values quoted or not); text between tags is left alone.
_TAG = re.compile(
    r"<(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*(?P<end>/?)>"
)
_ATTR = re.compile(
    r"(?P<name>[^\s\"'>/=]+)(?:(?P<eq>\s*=\s*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?"
)
# Attributes that hold one id, or a space-separated list of ids.
_ID_ATTRS = {"id", "for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"}
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Attributes the join rewrites (ids, references to ids, addresses), or SVG's `url(#…)`.
_REWRITTEN = re.compile(
    r"\s(?:id|for|name|href|src|srcset|xlink:href|aria-labelledby|aria-describedby"
    r"|aria-controls|headers)\s*=|url\(#",
    re.IGNORECASE,
)

# The self-check questions' HTML (macros/questions.py, after Markdown): a question's start
# tag, holding its id, and its folded solution.
SOLUTIONS = "soluciones"
SOLUTIONS_TITLE = "Soluciones"
_QUESTION_OR_ANSWER = re.compile(
    r'<div class="course-question"[^>]*?\bid="(?P<id>[^"]+)"[^>]*>'
    r'|<details class="course-answer">\s*<summary>[^<]*</summary>\s*(?P<answer>.*?)\s*</details>',
    re.DOTALL,
)
_SELF_CHECK = re.compile(r'(<section class="course-self-check"[^>]*?) data-self-check="[^"]*"')
_SOLUTION_HEADING = re.compile(
    r'<h(?P<level>[23]) class="course-solutions-heading" id="(?P<id>[^"]+)">(?P<title>[^<]*)<'
)


@dataclass(frozen=True)
class Section:
    """One section page as the printable page takes it: its name, URL and rendered HTML."""

    # The id of the section on the printable page, and the prefix of its ids.
    name: str
    # The section's URL from the site's root (`t3/frameworks/`): its relative links start there.
    url: str
    html: str
    # Its title, for the heading of its solutions ("Soluciones").
    title: str = ""


def section_name(src_path: str, topic_folder: str) -> str:
    """The id of a section on its topic's printable page: its path in the topic, as a slug."""
    inner = src_path.removeprefix(f"{topic_folder}/").removesuffix(".md").removesuffix("/index")
    return re.sub(r"[^a-z0-9_-]+", "-", inner.lower()).strip("-") or "seccion"


def printed_pages(course: Course, from_page: str) -> list[PageInfo]:
    """The pages the printable page `from_page` shows: its topic's, sub-topics too, in order."""
    topic = course.topic_of(from_page)
    pages = [p for p in topic.walk() if p.src_path not in {topic.index.src_path, from_page}]
    if not pages:
        raise CourseError(
            f"docs/{from_page}: no section pages beside {topic.index.src_path} to print"
        )
    return pages


def render_marker(course: Course, from_page: str) -> str:
    """What `printable_topic()` writes: the marker, once the topic has pages to print.

    The sections are joined once every page is rendered; under `mkdocs serve`, a printable
    page whose sections changed is then published again from its own last HTML.
    """
    printed_pages(course, from_page)
    return MARKER


def _split_url(value: str) -> tuple[str, str]:
    path, hash_mark, fragment = value.partition("#")
    return path, fragment if hash_mark else ""


def _is_relative(value: str) -> bool:
    return not (value.startswith(("/", "#")) or _SCHEME.match(value))


def _rebased(value: str, section_url: str, page_url: str) -> str:
    """A relative URL of the section page, made relative to the printable page instead."""
    path, fragment = _split_url(urljoin("/" + section_url, value))
    page = "/" + page_url
    relative = posixpath.relpath(path, page if page.endswith("/") else posixpath.dirname(page))
    if path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


class _Rewriter:
    """Rewrites one section's tags for the printable page."""

    def __init__(self, section: Section, page_url: str, local: Mapping[str, str]) -> None:
        self.section, self.page_url, self.local = section, page_url, local
        self.prefix = section.name

    def ids(self, value: str) -> str:
        return " ".join(f"{self.prefix}-{token}" for token in value.split())

    def url(self, value: str) -> str:
        if value.startswith("#"):
            return f"#{self.prefix}-{value[1:]}" if len(value) > 1 else f"#{self.prefix}"
        if not _is_relative(value):
            return value
        path, fragment = _split_url(urljoin("/" + self.section.url, value))
        target = self.local.get(path)
        if target is not None:
            return f"#{target}-{fragment}" if fragment else f"#{target}"
        return _rebased(value, self.section.url, self.page_url)

    def attribute(self, match: re.Match[str], tag: str) -> str:
        name, value = match.group("name"), match.group("value")
        if value is None:
            return match.group()
        quote = value[0] if value[0] in "\"'" else ""
        inner = value[1:-1] if quote else value
        lowered = name.lower()
        if lowered in _ID_ATTRS or (lowered == "name" and tag == "input"):
            inner = self.ids(inner)
        elif lowered in {"href", "xlink:href", "src"}:
            inner = self.url(inner)
        elif lowered == "srcset":
            inner = ", ".join(
                " ".join([self.url(c.split()[0]), *c.split()[1:]])
                for c in inner.split(",")
                if c.strip()
            )
        elif "url(#" in inner:
            inner = _URL_REF.sub(lambda m: f"url(#{self.prefix}-{m.group(1)})", inner)
        return f"{name}{match.group('eq')}{quote}{inner}{quote}"

    def tag(self, match: re.Match[str]) -> str:
        attrs = match.group("attrs")
        if not _REWRITTEN.search(attrs):
            return match.group()  # most tags: nothing to rewrite
        name = match.group("name").lower()
        attrs = _ATTR.sub(lambda m: self.attribute(m, name), attrs)
        return f"<{match.group('name')}{attrs}{match.group('end')}>"


def namespace(html: str, section: Section, page_url: str, local: Mapping[str, str]) -> str:
    """The section's HTML with its ids prefixed and its links seen from the printable page.

    `local` maps the URL path of each printed section (`/t3/frameworks/`) to its name: links to
    them become links inside the printable page.
    """
    return _TAG.sub(_Rewriter(section, page_url, local).tag, html)


def demote(html: str) -> str:
    """Every heading one level down (`<h6>` stays), so a page becomes a section."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def gather_solutions(html: str) -> tuple[str, list[tuple[str, str]]]:
    """A section's HTML without its questions' solutions, and each (question id, solution).

    Each solution leaves a link to where it goes; the block of questions loses the
    attribute that `self-check.js` looks for, so on this page they stay as on paper.
    """
    solutions: list[tuple[str, str]] = []
    question = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal question
        if match.group("id") is not None:
            question = match.group("id")
            return match.group()
        if not question:
            raise CourseError("a self-check solution outside its question")
        solutions.append((question, match.group("answer")))
        return (
            f'<p class="course-answer-link"><a href="#{SOLUTIONS}-{question}">'
            "Solución al final del tema</a></p>"
        )

    html = _QUESTION_OR_ANSWER.sub(replace, html)
    return _SELF_CHECK.sub(r"\1", html), solutions


def render_solutions(groups: Sequence[tuple[Section, list[tuple[str, str]]]]) -> str:
    """The "Soluciones" section: each section's solutions, in order, linked to their questions."""
    parts = [
        '<section class="course-printable-section course-solutions">',
        f'<h2 class="course-solutions-heading" id="{SOLUTIONS}">{SOLUTIONS_TITLE}'
        f'<a class="headerlink" href="#{SOLUTIONS}" title="Enlace a esta sección">&para;</a></h2>',
    ]
    for section, solutions in groups:
        ident = f"{SOLUTIONS}-{section.name}"
        title = html_module.escape(section.title or section.name)
        parts.append(
            f'<h3 class="course-solutions-heading" id="{ident}">{title}'
            f'<a class="headerlink" href="#{ident}" title="Enlace a esta sección">&para;</a></h3>'
        )
        parts.append('<ol class="course-solutions__list">')
        parts += [
            f'<li id="{SOLUTIONS}-{question}">\n{answer}\n'
            f'<p class="course-solutions__back"><a href="#{question}">Volver a la pregunta</a></p>'
            "</li>"
            for question, answer in solutions
        ]
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def solution_headings(html: str) -> list[tuple[int, str, str]]:
    """The headings of the "Soluciones" section in `html`: level, id and text, for contents."""
    return [
        (int(m.group("level")), m.group("id"), html_module.unescape(m.group("title")))
        for m in _SOLUTION_HEADING.finditer(html)
    ]


def print_section(
    section: Section, page_url: str, local: Mapping[str, str]
) -> tuple[str, list[tuple[str, str]]]:
    """One section as the printable page shows it, and its solutions (see `join_sections`)."""
    return gather_solutions(demote(namespace(section.html, section, page_url, local)))


# How `join_sections` prints each section: `print_section`, or a cache in front of it.
SectionPrinter = Callable[[Section, str, Mapping[str, str]], tuple[str, list[tuple[str, str]]]]


def join_sections(
    sections: Sequence[Section], page_url: str, printer: SectionPrinter = print_section
) -> str:
    """The sections' HTML as one document: each a `<section>` with the section's name as id.

    The self-check solutions of every section follow them, in a last "Soluciones" section.
    Each section is printed by `printer` (`print_section`, which depends on its arguments only).
    """
    local = {"/" + section.url: section.name for section in sections}
    parts, groups = [], []
    for section in sections:
        if section.name == SOLUTIONS:
            raise CourseError(
                f"{section.url}: a section named {SOLUTIONS!r} clashes with the printable "
                "page's own Soluciones; rename the page"
            )
        body, solutions = printer(section, page_url, local)
        parts.append(
            f'<section class="course-printable-section" id="{section.name}">\n{body}\n</section>'
        )
        if solutions:
            groups.append((section, solutions))
    if groups:
        parts.append(render_solutions(groups))
    return "\n".join(parts)


def fill(
    page_html: str,
    sections: Sequence[Section],
    page_url: str,
    where: str,
    printer: SectionPrinter = print_section,
) -> str:
    """The printable page's HTML with `MARKER` replaced by the joined sections."""
    if page_html.count(MARKER) != 1:
        raise CourseError(f"{where}: printable_topic() must appear exactly once on the page")
    for section in sections:
        if MARKER in section.html:
            raise CourseError(
                f"{where}: prints the section {section.url}, which calls printable_topic() "
                "itself; only one page of a topic may print it"
            )
    return page_html.replace(MARKER, join_sections(sections, page_url, printer))
