"""MkDocs hook: Material's search box, answered by Pagefind instead of lunr.

Why: Material's search sends the whole site's text to the reader (search/search_index.json)
and builds a lunr index from it in the browser before the first result. For a course of
200 pages that is 540 KiB gzip and seconds of work on a phone, whatever the query
(measured by `make bench`, scripts/bench_scale.py). Pagefind (pinned in requirements.txt;
its PyPI package ships the binary) writes an index split into small files, and the browser
fetches only the parts a query needs: the index chunk of the words typed and the fragments
of the results shown.

Readers keep Material's search UI (the box, the dialog, keyboard, result list, highlighting
on the opened page). Only what answers it changes:

1. Indexing. Material's search plugin still reads every page (its `search_index.json`
   carries the settings that Material's own page highlighter uses). At the same moment, with
   the same HTML (the TeX of each formula, words of adjacent elements apart: see
   katex_math.py and search_es.py), this hook keeps each searchable page's content; pages
   with `search: exclude: true` are left out, as Material leaves them out.
2. Writing. After the build, Pagefind indexes those pages (Spanish stemming, accents
   ignored) into `pagefind/` in the site, and the hook shrinks `search/search_index.json`
   to Material's settings plus one line per page (address, title, Pagefind id), so that a
   result can be listed before its fragment has loaded.
3. Answering. `assets/partials/search-on-demand.html` starts
   `docs/assets/javascripts/search-pagefind.js` (named by `config.extra`) in place of
   Material's search worker; it answers Material's messages with Pagefind's results.

Without this hook in `hooks:`, the site searches with Material's lunr as before (the
benchmark builds it that way to compare the two).
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import logging
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.search_pagefind")

# Where the index goes in the site, and the module that answers Material's search box.
OUTPUT = "pagefind"
ENGINE = "assets/javascripts/search-pagefind.js"
# The key of `config.extra` that tells the templates to start ENGINE; its value is ENGINE.
EXTRA_KEY = "search_engine"
# Material's index, rewritten to its settings and the page list.
MATERIAL_INDEX = "search/search_index.json"
SEARCH_PLUGIN = "material/search"
# Not words of the page: the "¶" permalink after each heading.
EXCLUDE_SELECTORS = [".headerlink"]
# search_es.py's mark between adjacent elements; a plain space for Pagefind.
BOUNDARY = "\f"
# Pagefind's compressed files start with this signature once inflated.
SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class SearchPage:
    """A page to index: its address under the site, its title and its content's HTML."""

    url: str
    title: str
    content: str


@dataclass
class State:
    """The searchable pages, kept from build to build.

    Under `make serve` (`mkdocs serve --dirty`, see course.py) a build renders only the pages
    an edit affects: the others keep what their last rendering left here.
    """

    pages: dict[str, SearchPage] = field(default_factory=dict)  # by source path
    order: list[str] = field(default_factory=list)  # the build's pages, in MkDocs' order
    serving: bool = False
    indexing: threading.Thread | None = None  # under `mkdocs serve`, the index being written
    cancel: threading.Event = field(default_factory=threading.Event)  # stops `indexing`
    # Under `mkdocs build`, Pagefind indexing each page as it is rendered.
    service: PagefindService | None = None
    writing: int | None = None  # the service's request that writes the index, once asked


STATE = State()


# -- Pure functions -------------------------------------------------------------------------------


def is_searchable(meta: Mapping[str, Any]) -> bool:
    """Whether a page with this front matter is searched (Material's `search: exclude`)."""
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def pagefind_document(page: SearchPage, language: str) -> str:
    """The HTML document Pagefind indexes for `page`: its content only, in `language`."""
    content = page.content.replace(BOUNDARY, " ")
    if "<h1" not in content:
        # The theme shows the title of a page whose Markdown has no heading (a topic's empty
        # index.md): index it too, or Pagefind finds nothing on the page and skips it.
        content = f"<h1>{html.escape(page.title)}</h1>{content}"
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(page.title)}</title></head>"
        f"<body>{content}</body></html>"
    )


def read_fragment(data: bytes) -> dict[str, Any]:
    """A Pagefind fragment file (gzip, signed JSON) as a dict."""
    raw = data if data.startswith(SIGNATURE) else gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind fragment (no signature)")
    found: dict[str, Any] = json.loads(raw[len(SIGNATURE) :])
    return found


def page_list(pages: list[SearchPage], ids: dict[str, str]) -> list[dict[str, str]]:
    """One entry per page for the search box: location, title, Pagefind id."""
    missing = [page.url for page in pages if "/" + page.url not in ids]
    if missing:
        raise PluginError(f"search_pagefind: Pagefind wrote no fragment for {missing}")
    return [
        {"location": page.url, "title": page.title, "id": ids["/" + page.url]} for page in pages
    ]


def shrink_material_index(index: dict[str, Any], docs: list[dict[str, str]]) -> dict[str, Any]:
    """Material's index with its settings only, and the page list in place of the text."""
    if "config" not in index:
        raise PluginError(f"search_pagefind: {MATERIAL_INDEX} has no 'config' (Material changed?)")
    return {"config": index["config"], "docs": docs}


# -- Pagefind -------------------------------------------------------------------------------------


def pagefind_binary() -> Path:
    """The Pagefind executable that the `pagefind` package installed."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise PluginError(
            "search_pagefind: the Pagefind binary is missing; run `make install` "
            "(requirements.txt pins pagefind[extended])"
        )
    return binary


class IndexCancelled(Exception):
    """The index being written is obsolete: a newer build of `mkdocs serve` writes its own."""


def write_index(
    pages: list[SearchPage], output: Path, language: str, cancel: threading.Event | None = None
) -> None:
    """Index `pages` with Pagefind's command line and write its files into `output`.

    The command line rather than the package's Python API, whose service waits 0.1 s for
    each answer: a second per ten pages. The pages go to a temporary folder, each at the
    path of its address, so that Pagefind gives them the site's addresses. Once `cancel` is
    set, Pagefind is stopped and IndexCancelled raised.
    """
    with (
        tempfile.TemporaryDirectory(prefix="pagefind-") as tmp,
        tempfile.TemporaryFile("w+", encoding="utf-8") as messages,
    ):
        for page in pages:
            path = Path(tmp, page.url, "index.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(pagefind_document(page, language), encoding="utf-8")
        process = subprocess.Popen(
            [
                str(pagefind_binary()),
                "--site",
                tmp,
                "--output-path",
                str(output),
                "--force-language",
                language,
                "--exclude-selectors",
                ", ".join(EXCLUDE_SELECTORS),
                "--quiet",
            ],
            stdout=messages,
            stderr=subprocess.STDOUT,
        )
        while True:
            try:
                code = process.wait(timeout=0.05)
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    process.kill()
                    process.wait()
                    raise IndexCancelled from None
        messages.seek(0)
        said = messages.read()
    if code != 0:
        raise PluginError(f"search_pagefind: Pagefind could not index the site:\n{said}")


class PagefindService:
    """Pagefind's own process, indexing the pages while MkDocs renders the next ones.

    `mkdocs build` renders one page at a time on one core; Pagefind (Rust) parses and
    indexes each page as soon as it is sent, on the other core, and at the end only writes
    the files. This speaks the service protocol of the pinned `pagefind` package (base64
    JSON messages ending in a comma, on the process's standard input and output), whose own
    client (`pagefind.service`) is asyncio and reads at most one answer every 0.1 s: 20 s
    for 200 pages. Here a thread writes the queued requests and another reads every answer,
    so the build never waits on Pagefind until `write`.

    Every page must be answered as indexed, and the index written, or `write` raises a
    PluginError naming the pages and Pagefind's message: nothing is missing in silence.
    """

    def __init__(self, binary: Path, language: str) -> None:
        """Start `binary --service` with an index for `language`; raise if it will not start."""
        self._lock = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}
        self._requests: dict[int, str] = {}  # message id → what was asked, for errors
        self._sent: dict[int, float] = {}  # message id → when it was asked, and answered
        self._answered: dict[int, float] = {}
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._ended: str | None = None  # why the process can answer no more
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [str(binary), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._threads = [
            threading.Thread(target=self._write_requests, daemon=True),
            threading.Thread(target=self._read_answers, daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        config = {"force_language": language, "exclude_selectors": EXCLUDE_SELECTORS}
        answer = self._wait(self._send({"type": "NewIndex", "config": config}, "a new index"))
        self._index = int(answer["index_id"])

    def _send(self, payload: dict[str, Any], what: str) -> int:
        with self._lock:
            message = len(self._requests) + 1
            self._requests[message] = what
            self._sent[message] = time.monotonic()
        request = json.dumps({"message_id": message, "payload": payload}).encode()
        self._queue.put(base64.b64encode(request) + b",")
        return message

    def _write_requests(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (request := self._queue.get()) is not None:
                stdin.write(request)
                stdin.flush()
            stdin.close()
        except OSError:  # the process ended: the reader says why
            pass

    def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        buffer = b""
        while chunk := os.read(stdout.fileno(), 1 << 16):
            *messages, buffer = (buffer + chunk).split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                payload = answer.get("payload") or {}
                number = answer.get("message_id")
                if number is None and payload.get("original_message"):
                    # An error about a request Pagefind could not read names it in full.
                    number = json.loads(payload["original_message"]).get("message_id")
                with self._lock:
                    if number is None:
                        self._ended = f"Pagefind answered no request: {payload}"
                    else:
                        self._answers[int(number)] = payload
                        self._answered[int(number)] = time.monotonic()
                    self._lock.notify_all()
        code = self._process.wait()
        self._stderr.seek(0)
        output = self._stderr.read().decode("utf-8", "replace").strip()
        with self._lock:
            self._ended = self._ended or f"Pagefind's service ended (exit code {code}) {output}"
            self._lock.notify_all()

    def _wait(self, message: int, timeout: float = 120) -> dict[str, Any]:
        """The answer to `message`; a PluginError if Pagefind refused it or ended first."""
        with self._lock:
            if not self._lock.wait_for(
                lambda: message in self._answers or self._ended is not None, timeout
            ):
                self._ended = f"Pagefind did not answer within {timeout:.0f} s"
            answer = self._answers.get(message)
        what = self._requests[message]
        if answer is None:
            raise PluginError(f"search_pagefind: Pagefind could not index {what}: {self._ended}")
        if answer.get("type") == "Error":
            raise PluginError(
                f"search_pagefind: Pagefind could not index {what}: {answer.get('message')}"
            )
        return answer

    def add(self, url: str, document: str) -> None:
        """Send the page at `url` (under the site, "t3/") to be indexed; never waits."""
        payload = {
            "type": "AddFile",
            "index_id": self._index,
            "url": "/" + url,
            "file_path": None,
            "file_contents": document,
        }
        self._send(payload, f"the page /{url}")

    def start_writing(self, output: Path) -> int:
        """Check that every page sent was indexed, then ask for the index in `output`.

        Returns at once with the request's number, for `finish_writing`: Pagefind writes the
        files on its own core while the build goes on.
        """
        with self._lock:
            pages = [n for n, what in self._requests.items() if what.startswith("the page ")]
        problems = []
        for message in pages:
            try:
                answer = self._wait(message)
            except PluginError as error:
                problems.append(str(error).removeprefix("search_pagefind: "))
                continue
            expected = self._requests[message].removeprefix("the page ")
            if answer.get("type") != "IndexedFile" or answer.get("page_url") != expected:
                problems.append(f"Pagefind answered {answer} for {expected}")
        if problems:
            raise PluginError(
                "search_pagefind: the index would miss pages:\n" + "\n".join(problems)
            )
        payload = {"type": "WriteFiles", "index_id": self._index, "output_path": str(output)}
        return self._send(payload, f"the index into {output}")

    def finish_writing(self, message: int) -> float:
        """Wait until the index asked for by `start_writing` is written; its seconds."""
        self._wait(message)
        with self._lock:
            return self._answered[message] - self._sent[message]

    def write(self, output: Path) -> None:
        """Check that every page sent was indexed, then write the index into `output`."""
        self.finish_writing(self.start_writing(output))

    def close(self) -> None:
        """End the process: its input closed, then terminated if it lingers."""
        self._queue.put(None)
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.terminate()
            self._process.wait()
        for thread in self._threads:
            thread.join()
        for stream in (self._process.stdin, self._process.stdout, self._stderr):
            if stream is not None:
                try:
                    stream.close()
                except OSError:  # an unwritten request in a closed pipe
                    pass


def unused_files(output: Path, language: str) -> list[Path]:
    """Pagefind's files that Material's search box never loads (Pagefind's own UIs, ...)."""
    used = {"pagefind.js", "pagefind-entry.json", f"wasm.{language}.pagefind"}
    return sorted(
        path
        for path in output.iterdir()
        if path.is_file() and path.name not in used and path.suffix != ".pf_meta"
    )


def fragment_ids(output: Path) -> dict[str, str]:
    """Each indexed address ("/t3/") and the id of its Pagefind fragment."""
    ids = {}
    for path in sorted((output / "fragment").glob("*.pf_fragment")):
        ids[read_fragment(path.read_bytes())["url"]] = path.stem
    return ids


# -- Events ---------------------------------------------------------------------------------------


class SettingsOnly(SearchIndex):  # type: ignore[misc]
    """Material's search index without the pages' text, which Pagefind indexes instead.

    Material's plugin parsed every page into its index only for this hook to drop the text
    again (1.1 s of a 10 s build at 104 pages); its settings are all the search box needs.
    """

    def add_entry_from_context(self, page: Page) -> None:
        """Leave the page out: Pagefind indexes it (on_page_context below)."""


@event_priority(-10)  # after Material's search plugin (0) has made its index
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check that Pagefind and Material's search are there; name the engine for the templates."""
    # Before Material's search plugin writes this build's index; under `mkdocs serve`, the
    # last build's index is obsolete: stopped rather than waited for.
    _wait_for_index(cancel=STATE.serving)
    try:
        pagefind_binary()
    except ImportError as error:
        raise PluginError(
            f"search_pagefind: Pagefind is not installed ({error}); "
            "run `make install` (requirements.txt pins pagefind[extended])"
        ) from None
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None or not search.config.enabled:
        raise PluginError(
            "search_pagefind: Material's search plugin (plugins: - search) must be enabled: "
            "its search box is the one Pagefind answers"
        )
    search.search_index = SettingsOnly(**search.search_index.config)
    config.extra[EXTRA_KEY] = ENGINE
    return config


@event_priority(-200)  # after every hook that adds or removes pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Note the build's pages; forget the pages that are gone."""
    STATE.order = [file.src_uri for file in files.documentation_pages()]
    for gone in set(STATE.pages) - set(STATE.order):
        del STATE.pages[gone]
    return files


@event_priority(-10)  # after Material's search plugin (0), before search_es/katex_math undo
def on_page_context(context: Any, /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    """Keep the content of each searchable page, as Material's search plugin read it.

    Under `mkdocs build`, the page also goes to Pagefind at once (see PagefindService).
    """
    if page.content is not None and is_searchable(page.meta):
        found = SearchPage(page.url, page.title or "", page.content)
        STATE.pages[page.file.src_uri] = found
        if not STATE.serving:
            language = str(config.theme["language"])
            if STATE.service is None:
                STATE.service = PagefindService(pagefind_binary(), language)
            STATE.service.add(found.url, pagefind_document(found, language))
    else:
        STATE.pages.pop(page.file.src_uri, None)
    return context


def publish(
    pages: list[SearchPage],
    site: Path,
    language: str,
    service: PagefindService | None = None,
    writing: int | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Write the Pagefind index into the site and shrink Material's index to the page list.

    With `service`, which has indexed the pages as they were rendered, it writes the index
    (`writing`: the request that already asked it to, see `start_writing`); else Pagefind's
    command line indexes `pages` (stopped once `cancel` is set). The new index is written
    beside the old one and then put in its place, so a search while it is written still
    finds a whole index.
    """
    start = time.monotonic()
    output = site / OUTPUT
    fresh = site / f"{OUTPUT}.new"
    if service is None:
        shutil.rmtree(fresh, ignore_errors=True)
        write_index(pages, fresh, language, cancel)
        seconds = time.monotonic() - start
    else:
        seconds = service.finish_writing(
            writing if writing is not None else start_writing(service, site)
        )
    for path in unused_files(fresh, language):
        path.unlink()
    docs = page_list(pages, fragment_ids(fresh))
    old = site / f"{OUTPUT}.old"
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    index_path = site / MATERIAL_INDEX
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index_path.write_text(
        json.dumps(shrink_material_index(index, docs), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    log.info(f"Search: {len(docs)} pages indexed by Pagefind, the index written in {seconds:.2f} s")


def start_writing(service: PagefindService, site: Path) -> int:
    """Ask the service for the index, beside the site's current one; the request's number."""
    fresh = site / f"{OUTPUT}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    return service.start_writing(fresh)


def _publish_in_background(
    pages: list[SearchPage], site: Path, language: str, cancel: threading.Event
) -> None:
    try:
        publish(pages, site, language, cancel=cancel)
    except IndexCancelled:
        log.debug("Search: the index of an older build was left unwritten")
    except PluginError as error:
        log.error(str(error))


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, index after each rebuild without holding up the page's reload."""
    STATE.serving = command == "serve"


@event_priority(100)  # first: Pagefind writes while the PDFs print (pdf.py, 5) on the other core
def _start_writing(config: MkDocsConfig) -> None:
    """Under `mkdocs build`, ask Pagefind for the index as soon as every page is rendered."""
    if STATE.service is not None and STATE.writing is None:
        STATE.writing = start_writing(STATE.service, Path(config.site_dir))


@event_priority(-100)  # after Material's search plugin has written its index
def _publish(config: MkDocsConfig) -> None:
    """Write the Pagefind index and shrink Material's index to settings and the page list.

    Under `mkdocs serve` this runs beside the server, after the build: Pagefind indexes the
    whole site each time (1.5 s at 160 pages on a busy machine), which would otherwise
    delay every reload; search answers from the last index until the new one is in place.
    The next build stops it (`on_config`): its index would be obsolete, and waiting for it
    delayed the next reload by up to 2 s on a busy machine.
    """
    site = Path(config.site_dir)
    language = str(config.theme["language"])
    pages = [STATE.pages[src] for src in STATE.order if src in STATE.pages]
    _wait_for_index()
    if not STATE.serving:
        service, STATE.service = STATE.service, None
        writing, STATE.writing = STATE.writing, None
        try:
            publish(pages, site, language, service, writing)
        finally:
            if service is not None:
                service.close()
        return
    STATE.cancel = threading.Event()
    STATE.indexing = threading.Thread(
        target=_publish_in_background, args=(pages, site, language, STATE.cancel), daemon=True
    )
    STATE.indexing.start()


on_post_build = CombinedEvent(_start_writing, _publish)


def _wait_for_index(*, cancel: bool = False) -> None:
    """Let the index of the last build end (stopped, with `cancel`): one is written at a time."""
    if STATE.indexing is not None:
        if cancel:
            STATE.cancel.set()
        STATE.indexing.join()
        STATE.indexing = None


def _stop_service() -> None:
    STATE.writing = None
    if STATE.service is not None:
        STATE.service.close()
        STATE.service = None


def on_build_error(error: Exception) -> None:
    """A failed build leaves no Pagefind process behind."""
    _stop_service()


def on_shutdown() -> None:
    """Stop the last index before `mkdocs serve` removes its folder."""
    _stop_service()
    _wait_for_index(cancel=True)
