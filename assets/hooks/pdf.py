"""MkDocs hook: on `mkdocs build`, a PDF of each topic, printed by Chromium from its printable page.

Each topic's printable page (the one that calls `printable_topic()`) becomes
`<topic>/apuntes-<topic>.pdf` in the site: A4, a cover with the title and the date of the
topic's last commit, a contents page with page numbers, each section's title at the top of its
pages, page numbers, bookmarks from the headings, live links, tables and figures kept whole,
always the light palette. The document is built by `macros/pdf.py` from the sections' HTML
and printed with the site's own stylesheets (Material's and course.css's print rules) plus
docs/assets/stylesheets/pdf.css. The landing page's note (where it calls `pdf_download()`,
else at its end) becomes a link with the file's size and page count. `mkdocs serve` makes
no PDF: the note stays.

Why Chromium (Debian's, through Playwright) and not WeasyPrint 70: measured on the T3
printable page (33 pages) on this project's 2-core machine, Chromium printed it in 3.3–5.0 s
(CPU 1.3 s) against WeasyPrint's 8.1–11.8 s (CPU 5.3 s). Chromium prints what a reader's
browser prints: Material's styles, the SVG figures coloured by CSS variables, KaTeX's HTML
as KaTeX is made for. WeasyPrint cannot use Material's stylesheet (it misreads its minified
media queries and printed two pages), so the PDF would need a stylesheet of its own
duplicating the site's look, and its SVG renderer ignores the page's CSS, which drew every
figure as black boxes. WeasyPrint has what Chromium lacks, `string-set` for running titles
and `target-counter` for a contents page: here each section is a named page with its title
in the header, and the contents get their page numbers from a first printing (the PDF's
named destinations). Two builds of the same sources give the same bytes: Chromium's
output differs between runs only by its two dates, set here from SOURCE_DATE_EPOCH, and by
the ids of its tagged structure's elements, a counter of the browser process (node00000135
in one build, node00000136 in the next), numbered here from 1; both in place.

Nothing is fetched from the network: the document is served at the printable page's
published address, so that its links point to the published site, and every request is
answered from the built site; a request to any other host, or for a file the site does not
have, fails the build.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
import logging
import os
import re
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

log = logging.getLogger("mkdocs.plugins.pdf")

CHROMIUM = "/usr/bin/chromium"
# Without the last three, Chromium calls Google hosts; the browser tests start it so too.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The contents' page numbers come from the previous printing; they are settled when a
# printing finds the numbers it printed (the second one, as the numbers' boxes keep a width).
PRINTINGS = 3
# At most this many Chromiums print at once (one per core, on the 2-core machines we build on).
MAX_BROWSERS = 2
TIMEOUT_MS = 60_000
# Skia's PDF dates, in the document information dictionary: `D:YYYYMMDDHHmmSS+00'00'`.
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
# The ids of the tagged structure's elements (table header cells, which data cells refer
# to): Chromium numbers them from a counter of the browser process, which may stand one
# further in one build than in another.
STRUCTURE_ID = re.compile(rb"\(node(\d{8})\)")
# The start tag of a built page's body: its stylesheets and palette are in and before it.
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


# -- Plain functions -----------------------------------------------------------------------------


def page_styles(output: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The stylesheets of a built page, in order, and its `<body>`'s palette and direction.

    Parsed as a browser parses it (Lexbor, scripting on), in C: Python's HTMLParser took
    50 ms on a printable page of 300 KB, 1.7 s of a 200-page build. Only up to the `<body>`
    tag, unless the body names a stylesheet: the whole page took Lexbor 4.5 ms, its head
    0.3 ms (0.14 s of the 33 printable pages of a 200-page course).
    """
    tree = None
    body_tag = _BODY_TAG.search(output)
    if body_tag is not None and "stylesheet" not in output[body_tag.end() :].lower():
        tree = LexborHTMLParser(output[: body_tag.end()], scripting=True)
        if tree.body is None or not tree.body.attributes:
            # Not the body's real start tag ("<body" in a comment or a script of the head,
            # or a body without attributes): the whole page, as before.
            tree = None
    if tree is None:
        tree = LexborHTMLParser(output, scripting=True)
    stylesheets = tuple(
        str(node.attributes["href"])
        for node in tree.css('link[rel="stylesheet"][href]')
        if node.attributes.get("href")
    )
    body = tree.body
    attributes = body.attributes if body is not None else {}
    # Material's rules for left-to-right text match `[dir=ltr]` (admonition icons).
    palette = {
        name: value or ""
        for name, value in attributes.items()
        if name.startswith("data-md-color-") or name == "dir"
    }
    return stylesheets, palette


def pdf_date(epoch: int) -> bytes:
    """A time as a PDF date, in UTC: `D:20240514120000+00'00'`."""
    return datetime.fromtimestamp(epoch, UTC).strftime("D:%Y%m%d%H%M%S+00'00'").encode()


def set_dates(data: bytes, epoch: int) -> bytes:
    """The PDF with its creation and modification dates set to `epoch`, bytes in place.

    Chromium writes the time of printing; the same length keeps every offset in the file.
    """
    found = [m.group(1) for m in PDF_DATE.finditer(data)]
    if sorted(found) != [b"CreationDate", b"ModDate"]:
        raise PluginError(
            "Chromium's PDF does not have the dates where expected (one /CreationDate and "
            f"one /ModDate as D:YYYYMMDDHHmmSS+00'00'), found {found}; the PDF would not be "
            "reproducible"
        )
    date = pdf_date(epoch)
    return PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + date + b")", data)


def stable_ids(data: bytes) -> bytes:
    """The PDF with its structure elements' ids numbered from 1 in the order they appear.

    Every reference to an id is the same string, so all of them follow; the ids keep their
    length, and with it every offset in the file.
    """
    numbers: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        new = numbers.setdefault(match.group(1), b"%08d" % (len(numbers) + 1))
        return b"(node" + new + b")"

    return STRUCTURE_ID.sub(renumber, data)


def build_epoch(date: str | None) -> int:
    """The PDF's date: SOURCE_DATE_EPOCH, else the topic's commit date, else now."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return int(value)
        except ValueError:
            raise PluginError(
                f"SOURCE_DATE_EPOCH must be a number of seconds since 1970, got {value!r}"
            ) from None
    if date:
        return int(datetime.fromisoformat(date).replace(tzinfo=UTC).timestamp())
    return int(time.time())


def read_pdf(data: bytes) -> Any:
    """A pypdf reader of `data`."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def destination_pages(data: bytes, ids: list[str], where: str) -> dict[str, int]:
    """The page (from 1) that each id's named destination points to, in the PDF `data`.

    Chromium names a destination after each element a link points to, as the contents'
    links do to every entry.
    """
    reader = read_pdf(data)
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    missing = [i for i in ids if i not in named]
    if missing:
        raise PluginError(f"{where}: the PDF has no destination for {', '.join(missing)}")
    return {i: reader.get_destination_page_number(named[i]) + 1 for i in ids}


@dataclass
class Site:
    """The built site as Chromium sees it: its published address, answered from disk."""

    url: str
    folder: Path
    # The document being printed, at its address.
    documents: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # The site's files served (paths under the folder), for the PDF cache's record.
    loaded: set[str] = field(default_factory=set)

    def answer(self, route: Route) -> None:
        """Serve a request from the built site; refuse any other host."""
        url = route.request.url.split("#", 1)[0]
        if url in self.documents:
            route.fulfill(body=self.documents[url], content_type="text/html; charset=utf-8")
            return
        if not url.startswith(self.url):
            self.refused.append(url)
            route.abort("blockedbyclient")
            return
        path = unquote(urlsplit(url).path)
        relative = path.removeprefix(urlsplit(self.url).path)
        target = self.folder / relative
        if relative.endswith("/") or target.is_dir():
            target = target / "index.html"
        if target.is_file() and self.folder.resolve() in target.resolve().parents:
            self.loaded.add(target.resolve().relative_to(self.folder.resolve()).as_posix())
            route.fulfill(path=target)
        else:
            self.missing.append(url)
            route.fulfill(status=404, body="")


@contextmanager
def opened(browser: Browser, site: Site, url: str, document: str, where: str) -> Iterator[Any]:
    """`document` loaded at `url` in a light-palette page, its fonts ready, checked."""
    site.documents = {url: document}
    context = browser.new_context(color_scheme="light", locale="es-ES")
    try:
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", site.answer)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if background not in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}:
            raise PluginError(
                f"{where}: the PDF would print a dark background ({background}); it must "
                "use the light palette"
            )
        if site.refused or site.missing:
            problems = [f"another host: {u}" for u in site.refused]
            problems += [f"not in the site: {u}" for u in site.missing]
            raise PluginError(f"{where}: printing the PDF needed\n" + "\n".join(problems))
        yield page
    finally:
        context.close()


def print_page(page: Any) -> bytes:
    """The loaded page as an A4 PDF (its CSS sets the size) with links, outline and tags."""
    data: bytes = page.pdf(
        prefer_css_page_size=True, print_background=True, outline=True, tagged=True
    )
    return data


def print_document(browser: Browser, site: Site, url: str, document: str, where: str) -> bytes:
    """Chromium's PDF of `document` served at `url`, in the light palette."""
    with opened(browser, site, url, document, where) as page:
        return print_page(page)


# Writes the contents' page numbers into the loaded document, as macros/pdf.py's
# render_contents writes them (the number alone), for the next printing.
FILL_CONTENTS_JS = """(pages) => {
    for (const link of document.querySelectorAll(".course-pdf-contents a[href^='#']")) {
        const number = link.querySelector(".course-pdf-contents__page");
        const page = pages[link.getAttribute("href").slice(1)];
        if (number) number.textContent = page === undefined ? "" : String(page);
    }
}"""


def launch(playwright: Any) -> Browser:
    """Debian's headless Chromium (`CHROMIUM`, default /usr/bin/chromium), with a clear error."""
    executable = Path(os.environ.get("CHROMIUM", CHROMIUM))
    if not executable.is_file():
        raise PluginError(
            f"Chromium not found at {executable}: `mkdocs build` prints each topic's PDF with "
            "it. Install it (`sudo apt-get install chromium`) or point the CHROMIUM "
            "environment variable at it; `make serve` does not need it"
        )
    try:
        browser: Browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # Playwright's errors carry the browser's own message
        raise PluginError(f"Chromium at {executable} did not start: {error}") from None
    return browser


# -- MkDocs glue ---------------------------------------------------------------------------------


@dataclass
class Job:
    """A topic to print: its printable page as the build rendered it."""

    topic: Any
    src_path: str
    url: str
    content: str
    title: str
    stylesheets: tuple[str, ...]
    palette: dict[str, str]


@dataclass
class Landing:
    """A landing page that links its topic's PDF."""

    src_path: str
    url: str
    output: Path


@dataclass
class State:
    """What one build collects for the PDFs."""

    enabled: bool = False
    pdf: ModuleType | None = None
    course: ModuleType | None = None
    pdf_cache: ModuleType | None = None
    pages: ModuleType | None = None
    jobs: dict[str, Job] = field(default_factory=dict)
    landings: dict[str, Landing] = field(default_factory=dict)


STATE = State()


def on_startup(command: str, dirty: bool) -> None:
    """PDFs on `mkdocs build` (and `gh-deploy`), never on `mkdocs serve`."""
    STATE.enabled = command != "serve"


@event_priority(-100)  # after mkdocs-macros (0) has imported the macros package afresh
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start the build with the macros package's modules and nothing collected."""
    plugin = config.plugins.get("macros")
    package = str(plugin.config["module_name"]) if plugin is not None else "macros"
    STATE.pdf = importlib.import_module(f"{package}.pdf")
    STATE.course = importlib.import_module(f"{package}.course")
    STATE.pdf_cache = importlib.import_module(f"{package}.pdf_cache")
    STATE.pages = importlib.import_module(f"{package}.pages")
    STATE.jobs.clear()
    STATE.landings.clear()
    return config


def _modules() -> tuple[ModuleType, ModuleType]:
    assert STATE.pdf is not None and STATE.course is not None, "on_config imports them"
    return STATE.pdf, STATE.course


@event_priority(-150)  # after mkdocs-macros (0); before the course hook stops recording (-200)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """A topic's landing page without `pdf_download()` gets the PDF's note at its end.

    So a topic with a printable page always links its PDF (an imported Hugo topic too);
    `pdf_download()` only chooses where.
    """
    pdf, course_module = _modules()
    course = course_module.attached(config)
    info = course.pages.get(page.file.src_uri)
    if info is None or not info.is_index or not info.folder:
        return markdown
    topic = course.topic(info.folder)
    if pdf.printable_page(topic) is None or topic.folder in pdf.marked_topics(markdown):
        return markdown
    note: str = pdf.MARKER.format(folder=topic.folder)
    return markdown.rstrip("\n") + "\n\n" + note + "\n"


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    """Note the printable pages to print and the landing pages that link their PDFs."""
    if not STATE.enabled:
        return output
    pdf, course_module = _modules()
    course = course_module.attached(config)
    src_path = page.file.src_uri
    for folder in pdf.marked_topics(output):
        STATE.landings[folder] = Landing(src_path, page.url, Path(page.file.abs_dest_path))
    info = course.pages.get(src_path)
    if info is None or not info.folder or page.content is None:
        return output
    topic = course.topic_of(src_path)
    printable = pdf.printable_page(topic)
    if printable is not None and printable.src_path == src_path:
        stylesheets, palette = page_styles(output)
        STATE.jobs[topic.folder] = Job(
            topic=topic,
            src_path=src_path,
            url=page.url,
            content=page.content,
            title=page.title or topic.title,
            stylesheets=stylesheets,
            palette=palette,
        )
    return output


@dataclass(frozen=True)
class Printing:
    """A topic's PDF to print: what its document is made of, its address and its date.

    The document itself is made only when the PDF is printed (`prepared`): reading the
    sections' headings for the cover, the contents and the running titles took 2.3 s for 33
    topics, and a PDF from the cache needs none of it.
    """

    job: Job
    url: str  # the printable page's address, where Chromium prints the document
    site_name: str
    landing_url: str  # the topic's landing page (absolute), which the cover links
    date: str | None  # the topic's last commit: the cover's date
    epoch: int
    where: str

    def sources(self) -> str:
        """Everything the printed document is made of, as one text (the PDF cache's key).

        With the code that makes the document from it (`_versions`), this decides every
        byte of the HTML that Chromium prints.
        """
        job, index = self.job, self.job.topic.index
        parts = [
            self.url,
            self.site_name,
            self.landing_url,
            self.date,
            job.src_path,
            job.url,
            job.title,
            job.content,
            index.nav_title,
            index.description,
            list(job.stylesheets),
            sorted(job.palette.items()),
        ]
        return json.dumps(parts, ensure_ascii=False)

    @functools.cached_property
    def prepared(self) -> tuple[str, tuple[str, ...]]:
        """The document as first printed, and its contents' entries.

        The printings settle the entries' page numbers (`_print_topic`).
        """
        pdf, _ = _modules()
        job, topic = self.job, self.job.topic
        try:
            sections = pdf.printed_sections(job.content, self.where)
        except STATE.course.CourseError as error:  # type: ignore[union-attr]
            raise PluginError(str(error)) from None
        titles = [h for h in pdf.headings(job.content) if h.level == 1]
        document = pdf.Document(
            site_name=self.site_name,
            title=titles[0].text if titles else job.title,
            short_title=topic.index.nav_title,
            title_id=titles[0].id if titles else "",
            description=topic.index.description,
            date=self.date,
            url=self.landing_url,
            stylesheets=(*job.stylesheets, pdf.relative_href(pdf.STYLESHEET, job.url)),
            palette=job.palette,
        )
        html = pdf.render_document(document, sections, {})
        ids = tuple(entry.id for entry in pdf.contents_entries(pdf.for_paper(sections)))
        return html, ids


def _printing(config: MkDocsConfig, job: Job, days: dict[str, str]) -> Printing:
    pdf, _ = _modules()
    # Dated as the pages are: by the last commit that changed any page of the topic.
    paths = [page.src_path for page in job.topic.walk()]
    date = pdf.topic_date(days, paths)
    return Printing(
        job=job,
        url=urljoin(config.site_url or "", job.url),
        site_name=config.site_name,
        landing_url=urljoin(config.site_url or "", STATE.landings[job.topic.folder].url),
        date=date,
        epoch=build_epoch(date),
        where=f"docs/{job.src_path}",
    )


def _print_topic(browser: Browser, site: Site, printing: Printing) -> bytes:
    """The topic's PDF, undated: printed until the contents' page numbers are those it shows."""
    where = printing.where
    pages: dict[str, int] = {}
    # Loaded once: each printing after the first has the numbers the one before found,
    # written into the page (a second load would lay the whole document out again).
    html, ids = printing.prepared
    with opened(browser, site, printing.url, html, where) as page:
        for _ in range(PRINTINGS):
            data = print_page(page)
            found = destination_pages(data, list(ids), where)
            if found == pages:
                # Dated by the caller: the same bytes serve any date (the PDF cache).
                return stable_ids(data)
            pages = found
            page.evaluate(FILL_CONTENTS_JS, pages)
    raise PluginError(
        f"{where}: the contents' page numbers did not settle after {PRINTINGS} printings"
    )


@dataclass(frozen=True)
class Printed:
    """A topic's PDF, its page count, the seconds it took and the site's files it loaded."""

    printing: Printing
    data: bytes
    pages: int
    seconds: float
    loaded: frozenset[str] = frozenset()
    cached: bool = False


def _print_share(config: MkDocsConfig, share: list[Printing]) -> list[Printed]:
    """Print `share` with a Chromium of this thread's own."""
    from playwright.sync_api import sync_playwright

    site = Site(url=config.site_url or "", folder=Path(config.site_dir))
    printed = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for printing in share:
                start = time.monotonic()
                site.loaded = set()
                data = _print_topic(browser, site, printing)
                pages = len(read_pdf(data).pages)
                seconds = time.monotonic() - start
                printed.append(Printed(printing, data, pages, seconds, frozenset(site.loaded)))
        finally:
            browser.close()
    return printed


def chromium_version() -> str:
    """What `chromium --version` says, or "" if it says nothing (then nothing is cached)."""
    executable = os.environ.get("CHROMIUM", CHROMIUM)
    try:
        result = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def system_fonts() -> str:
    """The fonts Chromium may draw text with (the pages use the system's font stack).

    Each font file and its version, as fontconfig lists them; "" without fontconfig.
    """
    try:
        result = subprocess.run(
            ["fc-list", "--format", "%{file} %{fontversion}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return "\n".join(sorted(result.stdout.splitlines())) if result.returncode == 0 else ""


def pdf_cache(config: MkDocsConfig) -> Any:
    """The PDF cache (macros/pdf_cache.py) of this project, or None when it is switched off.

    In `.cache/pdf/` beside mkdocs.yml, or the folder PDF_CACHE_DIR names; PDF_CACHE=off
    prints every PDF afresh.
    """
    if os.environ.get("PDF_CACHE", "").strip().lower() in {"off", "0", "no", "false"}:
        return None
    cache_module = _cache_module()
    folder = os.environ.get("PDF_CACHE_DIR", "").strip()
    project = Path(config.config_file_path or ".").resolve().parent
    return cache_module.PdfCache(
        folder=Path(folder) if folder else project / cache_module.FOLDER,
        site=Path(config.site_dir),
    )


def _versions() -> tuple[str, ...]:
    """What, besides the document and its files, makes a PDF's bytes: code, versions, fonts."""
    from importlib.metadata import version

    pdf, _ = _modules()
    code = Path(str(pdf.__file__))
    return (
        Path(__file__).read_text(encoding="utf-8"),
        code.read_text(encoding="utf-8"),
        # macros/pdf.py writes numbers and dates with it.
        code.with_name("markdown.py").read_text(encoding="utf-8"),
        f"playwright {version('playwright')}",
        f"pypdf {version('pypdf')}",
        system_fonts(),
    )


def _cache_module() -> ModuleType:
    assert STATE.pdf_cache is not None, "on_config imports it"
    return STATE.pdf_cache


def _print_all(config: MkDocsConfig, printings: list[Printing]) -> tuple[list[Printed], int]:
    """Every topic's PDF, from the cache where it holds it, else printed; and the Chromiums."""
    cache_module = _cache_module()
    cache = pdf_cache(config)
    # Without Chromium's version no key is sound: every PDF is printed (and Chromium's
    # launch says why it cannot start).
    versions = (chromium_version(), *_versions()) if cache is not None else ("",)
    keys: dict[str, str] = {}
    found: list[Printed] = []
    misses: list[Printing] = []
    for printing in printings:
        start = time.monotonic()
        entry = None
        if cache is not None and versions[0]:
            name = cache_module.key(*versions, printing.sources())
            keys[printing.job.topic.folder] = name
            entry = cache.load(name)
        if entry is None:
            misses.append(printing)
            continue
        seconds = time.monotonic() - start
        found.append(Printed(printing, entry.data, entry.pages, seconds, cached=True))
    # One Chromium per core, each printing its share of the topics: a printing keeps one
    # core busy, and the topics do not depend on each other. Each thread has its own
    # Playwright (its sync API is not for sharing between threads).
    browsers = min(len(misses), os.cpu_count() or 1, MAX_BROWSERS) if misses else 0
    if misses:
        with ThreadPoolExecutor(max_workers=browsers) as pool:
            shares = [misses[i::browsers] for i in range(browsers)]
            for share in pool.map(lambda share: _print_share(config, share), shares):
                found += share
    if cache is not None:
        for printed in found:
            name = keys.get(printed.printing.job.topic.folder)
            if name is not None and not printed.cached:
                entry = cache_module.Entry(printed.data, printed.pages)
                cache.store(name, entry, printed.loaded)
        cache.prune()
    return sorted(found, key=lambda p: p.printing.job.topic.folder), browsers


@event_priority(5)  # after the course hook (10), before Material's search writes its index (0)
def on_post_build(config: MkDocsConfig) -> None:
    """Print each topic's PDF into the site and link it from the topic's landing page."""
    if not STATE.enabled or not STATE.jobs:
        return
    pdf, _ = _modules()
    unlinked = sorted(set(STATE.jobs) - set(STATE.landings))
    if unlinked:  # on_page_markdown links every PDF: a landing page left out of the build
        folder = unlinked[0]
        raise PluginError(
            f"docs/{folder}/index.md: the topic's PDF ({pdf.pdf_path(STATE.jobs[folder].topic)}, "
            f"printed from docs/{STATE.jobs[folder].src_path}) is linked from no page"
        )
    if not config.site_url:
        raise PluginError("mkdocs.yml: 'site_url' is not set; the PDFs' links need it")
    if not (Path(config.site_dir) / pdf.STYLESHEET).is_file():
        raise PluginError(
            f"docs/{pdf.STYLESHEET} is missing: the PDFs need it (page size, cover, contents, "
            "headers and page numbers)"
        )
    start = time.monotonic()
    assert STATE.pages is not None, "on_config imports it"
    days = STATE.pages.last_commit_days(Path(config.docs_dir))
    printings = [_printing(config, job, days) for _, job in sorted(STATE.jobs.items())]
    printed, browsers = _print_all(config, printings)
    texts: dict[str, str] = {}
    for item in printed:
        job, pages = item.printing.job, item.pages
        data = set_dates(item.data, item.printing.epoch)
        folder = job.topic.folder
        target = Path(config.site_dir) / pdf.pdf_path(job.topic)
        target.write_bytes(data)
        landing = STATE.landings[folder]
        link = pdf.render_download_link(
            pdf.relative_href(pdf.pdf_path(job.topic), landing.url), len(data), pages
        )
        text = landing.output.read_text(encoding="utf-8")
        try:
            text = pdf.fill_download(text, folder, link, f"docs/{landing.src_path}")
        except STATE.course.CourseError as error:  # type: ignore[union-attr]
            raise PluginError(str(error)) from None
        landing.output.write_text(text, encoding="utf-8")
        texts[landing.url] = pdf.download_text(len(data), pages)
        how = "from the cache" if item.cached else f"in {item.seconds:.1f} s"
        log.info(
            f"PDF: {pdf.pdf_path(job.topic)}, {pages} pages, {pdf.format_size(len(data))}, {how}"
        )
    cached = sum(1 for item in printed if item.cached)
    by = f" by {browsers} Chromium{'s' if browsers > 1 else ''}" if browsers else ""
    log.info(
        f"PDFs: {len(printed) - cached} printed, {cached} from the cache "
        f"in {time.monotonic() - start:.1f} s{by}"
    )
    search_entries(config, texts, pdf.NOTE_TEXT)


def search_entries(config: MkDocsConfig, texts: dict[str, str], note: str) -> None:
    """Material's lunr index says what the landing pages now show: `note` becomes the link.

    Its entries are kept by page address (`texts`: address → the link's text). Where
    Pagefind answers the search (assets/hooks/search_pagefind.py), the line is not indexed.
    """
    search = config.plugins.get("material/search")
    if search is None or not getattr(search.config, "enabled", True):
        return
    for entry in search.search_index.entries:
        location = str(entry.get("location", "")).split("#", 1)[0]
        if location in texts and note in entry.get("text", ""):
            entry["text"] = entry["text"].replace(note, texts[location])
