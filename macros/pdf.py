"""A topic as a PDF document: the HTML that Chromium prints, and the link on the landing page.

`mkdocs build` prints each topic's printable page (the page that calls `printable_topic()`)
to `<topic>/apuntes-<topic>.pdf` (`assets/hooks/pdf.py` drives Chromium). What it prints is
the document built here from the printable page's sections, as the site rendered them, with
the site's own stylesheets:

- a cover: the site's name, the topic's title (the printable page's `<h1>`), the date of the
  last commit that changed the topic's pages and the topic's address;
- a contents page (sections and their subsections) with the page each one starts on;
- the sections, each starting a page, with its title at the top of its pages (a named
  page per section: Chromium has no `string-set`) and page numbers at the foot.

The topic's landing page calls `pdf_download()`, which leaves `render_download_marker`'s
note (without the call, the hook puts the note at the end of the page); once the PDF
exists, the hook replaces it with `render_download_link`: a link, the file's size and its
page count. `mkdocs serve` makes no PDF and the note stays: it says
the PDF is made when the site is published.

Pure Python: no MkDocs or Chromium import.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from . import dependencies
from .course import Course, CourseError, PageInfo, Topic
from .markdown import NBSP, number, spanish_date

# What `pdf_download()` writes; `{folder}` is the topic's. Pagefind, which indexes the page
# before the PDF exists, leaves it out; Material's lunr index holds the plain text until the
# hook swaps it for the link's (where Pagefind does not answer the search).
NOTE_TEXT = "El PDF de este tema se genera al publicar el sitio."
_START = '<p class="course-pdf-download" data-pagefind-ignore'
MARKER = _START + ' data-course-pdf="{folder}">' + NOTE_TEXT + "</p>"
_MARKER = re.compile(
    re.escape(_START) + r' data-course-pdf="(?P<folder>[^"]*)">' + re.escape(NOTE_TEXT) + "</p>"
)
# A page that prints its topic: the macro call, as course.mentions() finds macro calls.
_PRINTABLE_CALL = re.compile(r"\{\{-?\s*printable_topic\(\s*\)")
# The sections that macros/printable.py joins into the printable page.
_SECTION_START = '<section class="course-printable-section"'
# The stylesheet only the PDF links (docs/assets/), after the site's own.
STYLESHEET = "assets/stylesheets/pdf.css"


# -- Which page prints a topic, and where its PDF goes ---------------------------------------------


def printable_page(topic: Topic) -> PageInfo | None:
    """The page of `topic` (not its sub-topics) that calls `printable_topic()`, if one does.

    Recorded as read (incremental rebuilds): that page's Markdown, or every page's when
    none calls it, since any of them may come to.
    """
    for page in topic.pages:
        if _PRINTABLE_CALL.search(page.body):
            dependencies.record("page-body", page.src_path)
            return page
    for page in topic.pages:
        dependencies.record("page-body", page.src_path)
    return None


def pdf_path(topic: Topic) -> str:
    """Where the topic's PDF is published, from the site's root: `t3/apuntes-t3.pdf`."""
    return f"{topic.folder}/apuntes-{topic.folder.replace('/', '-')}.pdf"


def render_download_marker(course: Course, from_page: str) -> str:
    """What `pdf_download()` writes on a topic's landing page: a note the build replaces."""
    page = course.page(from_page)
    if not page.is_index or not page.folder:
        raise CourseError(f"docs/{from_page}: pdf_download() only works on a topic's index.md")
    topic = course.topic(page.folder)
    if printable_page(topic) is None:
        raise CourseError(
            f"docs/{from_page}: pdf_download(): no page of docs/{topic.folder}/ calls "
            "printable_topic(), so the topic has no PDF; add a page that does "
            "(as docs/t3/imprimir.md), or remove pdf_download()"
        )
    return MARKER.format(folder=html.escape(topic.folder))


def marked_topics(page_html: str) -> list[str]:
    """The topic folders whose PDF note `render_download_marker` left in `page_html`."""
    return [html.unescape(m.group("folder")) for m in _MARKER.finditer(page_html)]


# -- The link on the landing page ------------------------------------------------------------------


def format_size(size: int) -> str:
    """A file size as readers read it, in Spanish: `850 KiB`, `1,2 MiB`."""
    if size >= 1024 * 1024:
        return f"{number(size / 1024 / 1024, 1)}{NBSP}MiB"
    return f"{number(max(1, round(size / 1024)))}{NBSP}KiB"


def format_pages(pages: int) -> str:
    """`1 página`, `34 páginas`."""
    return f"{number(pages)}{NBSP}página" + ("" if pages == 1 else "s")


def download_text(size: int, pages: int) -> str:
    """The plain text of the download link and its details, as the search index holds it."""
    return f"Descargar en PDF ({format_size(size)}, {format_pages(pages)})"


def render_download_link(href: str, size: int, pages: int) -> str:
    """The landing page's link to the PDF, with its size and page count."""
    return (
        f'{_START}><a href="{html.escape(href)}" type="application/pdf" '
        f"download>Descargar en PDF</a> ({format_size(size)}, {format_pages(pages)})</p>"
    )


def fill_download(page_html: str, folder: str, link: str, where: str) -> str:
    """`page_html` with the note for `folder`'s PDF replaced by `link`; it must be there once."""
    found = [m for m in _MARKER.finditer(page_html) if html.unescape(m.group("folder")) == folder]
    if len(found) != 1:
        raise CourseError(
            f"{where}: expected pdf_download() once on the page, found it {len(found)} times"
        )
    match = found[0]
    return page_html[: match.start()] + link + page_html[match.end() :]


def relative_href(target: str, from_url: str) -> str:
    """The address of `target` (from the site's root) as a link on the page at `from_url`."""
    folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    return posixpath.relpath(target, folder or ".")


# -- The topic's date ------------------------------------------------------------------------------


def topic_date(days: Mapping[str, str], src_paths: Sequence[str]) -> str | None:
    """`YYYY-MM-DD` of the last commit that changed any of the pages, as the pages' dates.

    `days` is each page's date (`pages.last_commit_days`, one `git log` for all the topics:
    a call per topic cost 5-10 ms each). Merges are left out, as in the pages' "Última
    actualización": with them, the cover once said 2 December while every page said
    1 December, the day of the commit that the merge brought in. None without history (a
    tarball, a page never committed): the caller then dates the document by
    SOURCE_DATE_EPOCH or the clock.
    """
    found = [days[path] for path in src_paths if path in days]
    return max(found) if found else None


# -- Reading the printable page's HTML -------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading of the document: level, id and text (as a reader sees it)."""

    level: int
    id: str
    text: str


class _HeadingParser(HTMLParser):
    """Collects `<h1>`…`<h6>` with their id and text, leaving out permalinks (`¶`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self._open: tuple[int, str, list[str]] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._open = (int(tag[1]), values.get("id") or "", [])
        elif self._open is not None and tag == "a" and "headerlink" in (values.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == "a" and self._skip:
            self._skip -= 1
        elif self._open is not None and tag == f"h{self._open[0]}":
            level, id_, parts = self._open
            self.headings.append(Heading(level, id_, " ".join("".join(parts).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None and not self._skip:
            self._open[2].append(data)


def headings(document: str) -> list[Heading]:
    """Every heading of `document`, in order."""
    parser = _HeadingParser()
    parser.feed(document)
    parser.close()
    return parser.headings


def printed_sections(content: str, where: str) -> str:
    """The printable page's sections (`macros/printable.py`), without the page's own prose.

    The page's title goes on the cover; its introduction speaks of the browser's print
    dialog, which a PDF does not need.
    """
    start = content.find(_SECTION_START)
    end = content.rfind("</section>")
    if start < 0 or end < start:
        raise CourseError(f"{where}: no printed sections in the page (printable_topic() left none)")
    return content[start : end + len("</section>")]


# Collapsed blocks print open (on the site, course.js opens them before printing); images
# load before printing, not when scrolled to. Permalinks (`¶`) mean nothing on paper.
_DETAILS = re.compile(r"<details(?![^>]*\sopen\b)")
_LAZY = re.compile(r'\sloading="lazy"')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')


def for_paper(content: str) -> str:
    """The sections' HTML as it must be on paper: blocks open, images eager, no permalinks."""
    return _PERMALINK.sub("", _LAZY.sub("", _DETAILS.sub("<details open", content)))


# -- The document ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """What the PDF of a topic shows, besides the sections' HTML."""

    site_name: str
    # The topic's title as the cover shows it, and its shorter name in the page headers.
    title: str
    short_title: str
    # The printable page's `<h1>` id, which the cover's title keeps.
    title_id: str
    # The topic's one-sentence summary (its landing page's description).
    description: str
    date: str | None
    # The topic's landing page on the published site.
    url: str
    # Stylesheets as the printable page links them (relative to it), in order, then the PDF's.
    stylesheets: tuple[str, ...]
    # The palette and direction attributes of the site's `<body>` (`data-md-color-primary`…).
    palette: Mapping[str, str]


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


# The start of each printed section (the last one, "Soluciones", has no id).
_SECTION = re.compile(r'<section class="course-printable-section[^"]*"[^>]*>')


def running_titles(sections_html: str) -> list[str]:
    """Each printed section's title (its first heading), in order."""
    found = []
    for match in _SECTION.finditer(sections_html):
        following = headings(sections_html[match.end() : match.end() + 4000])
        found.append(following[0].text if following else "")
    return found


def render_page_css(document: Document, sections: Sequence[str]) -> str:
    """The CSS of this document's pages: headers with the topic and the section, numbers.

    Each section (the n-th `<section>` of the document, after the cover and the contents) is
    a named page whose header holds its title; named pages also make each section start a
    page. The cover has no header or number.
    """
    rules = [
        "@page {",
        f"  @top-left {{ content: {css_string(document.short_title)}; }}",
        '  @bottom-center { content: counter(page) " / " counter(pages); }',
        "}",
    ]
    for index, title in enumerate(sections, start=1):
        rules += [
            f".course-pdf > section:nth-of-type({index}) {{ page: course-pdf-{index}; }}",
            f"@page course-pdf-{index} {{ @top-right {{ content: {css_string(title)}; }} }}",
        ]
    # After the rule above, which Chromium would otherwise apply to the cover too.
    rules.append(
        "@page course-pdf-cover { @top-left { content: none; } @bottom-center { content: none; } }"
    )
    return "\n".join(rules)


def render_contents(entries: Sequence[Heading], pages: Mapping[str, int]) -> str:
    """The contents page: sections and subsections, each with the page it starts on.

    `pages` (id → page number) is empty on the first printing, which finds them; the number's
    box keeps its width either way, so the numbers do not move the page breaks.
    """
    if not entries:
        return ""
    top = min(entry.level for entry in entries)
    lines = ['<nav class="course-pdf-contents" aria-labelledby="course-pdf-contents-title">']
    lines.append('<p class="course-pdf-contents__title" id="course-pdf-contents-title">Índice</p>')
    lines.append("<ol>")
    depth = top
    first = True
    for entry in entries:
        if entry.level > depth:
            lines.append("<ol>")
        elif entry.level < depth:
            lines.append("</li></ol>" * (depth - entry.level) + "</li>")
        elif not first:
            lines.append("</li>")
        depth, first = entry.level, False
        page = pages.get(entry.id)
        lines.append(
            f'<li><a href="#{html.escape(entry.id)}"><span class="course-pdf-contents__text">'
            f"{html.escape(entry.text)}</span>"
            f'<span class="course-pdf-contents__page">{"" if page is None else page}</span></a>'
        )
    lines.append("</li></ol>" * (depth - top) + "</li></ol>\n</nav>")
    return "\n".join(lines)


def contents_entries(sections_html: str) -> list[Heading]:
    """What the contents page lists: the sections' titles and their subsections."""
    found = [h for h in headings(sections_html) if h.id]
    if not found:
        return []
    top = min(h.level for h in found)
    return [h for h in found if h.level <= top + 1]


def render_document(
    document: Document, sections_html: str, pages: Mapping[str, int] | None = None
) -> str:
    """The HTML that Chromium prints: cover, contents and the sections, in the site's styles.

    The palette is always the light one, whatever the site's first palette or the reader's.
    """
    body = for_paper(sections_html)
    palette = {**document.palette, "data-md-color-scheme": "default"}
    attributes = "".join(f' {k}="{html.escape(v)}"' for k, v in sorted(palette.items()))
    links = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(href)}">' for href in document.stylesheets
    )
    date = (
        f'<p class="course-pdf-cover__date">Última actualización: {spanish_date(document.date)}</p>'
        if document.date
        else ""
    )
    url = html.escape(document.url)
    return f"""<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{html.escape(document.title)}</title>
{links}
<style>
{render_page_css(document, running_titles(body))}
</style>
</head>
<body{attributes}>
<article class="md-typeset course-pdf">
<header class="course-pdf-cover">
<p class="course-pdf-cover__site">{html.escape(document.site_name)}</p>
<h1 id="{html.escape(document.title_id)}">{html.escape(document.title)}</h1>
<p class="course-pdf-cover__description">{html.escape(document.description)}</p>
{date}
<p class="course-pdf-cover__url"><a href="{url}">{url}</a></p>
</header>
{render_contents(contents_entries(body), pages or {})}
{body}
</article>
</body>
</html>
"""
