"""Scale report (not a test): how the site builds, reloads and searches as the course grows.

Part of `make bench`; `python scripts/bench.py --scale` (or `make bench SCALE_ONLY=1`) runs it
alone. scripts/generate_course.py makes courses of ~100 and ~200 pages from the real pages,
and one run measures, on this machine:

- the builds of each size, `SCALE_ROUNDS` times (default 3), taking turns: the floor, the
  same Markdown (as our pages are once mkdocs-macros and the hooks have run, saved by
  scripts/capture_markdown.py in a first build of the course, which is not timed) built by
  plain Material, without the macros plugin and without hooks, with the same Markdown
  extensions; our cold strict build (an empty PDF cache of its own); and the warm rebuild,
  the same course built again with the PDF cache the first build left (as CI keeps it
  between runs), whose unchanged topics' PDFs come from the cache. The report gives the
  rounds' median seconds, each round's ratios to the floor built in it (median and range),
  the cost per page at both sizes and its ratio (200 / 100), and the warm rebuild's
  processor time over the floor's (less moved by a busy machine than the clock);
- live reload under `mkdocs serve` at ~100 pages, after a prose edit and after edits to the
  course's own copy of macros/data.py (a record of one topic, and a record every topic shows,
  the worst case), from the file write until the served page (polled over HTTP) holds the new
  text;
- search at ~200 pages, per search engine, in Chromium with the page's CPU throttled 4× through
  CDP: the bytes that cross the network (gzip, as the server sends them) and the time from the
  keypress that opens search to the first result on screen, with the query typed at once.

The numbers are seconds of a shared machine: read the ratios, which come from the same run.

`SCALE_RELOAD_ONLY=1` runs the live-reload part alone (no builds, no search: a minute instead
of six), on the first size of SCALE_PAGES, `SCALE_RELOAD_RUNS` times each edit (default 2);
`SCALE_RELOAD_LOG=<file>` keeps what the server logs (which pages each edit rebuilt):

    SCALE_PAGES=100 SCALE_RELOAD_ONLY=1 SCALE_RELOAD_RUNS=5 .venv/bin/python scripts/bench_scale.py

`SCALE_SEARCH_ONLY=1` (`make bench SEARCH_ONLY=1`) runs the search part alone, on the last
size of SCALE_PAGES, `SCALE_SEARCH_RUNS` times each query and engine (default 1), the engines
taking turns so that a busy moment of the machine falls on all of them:

    SCALE_SEARCH_ONLY=1 SCALE_SEARCH_RUNS=5 .venv/bin/python scripts/bench_scale.py
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Browser, Response, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Run as a file, only scripts/ is on the path: the siblings are imported from the repository
# root as `scripts.x`, the names the tests use, so that each module has one name (mypy checks
# scripts/ and tests/ together).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.generate_course import (  # noqa: E402 - needs the path above
    generate_course,
    page_count,
    project_config,
    topics_for,
)
from scripts.serving import mkdocs_serve, pages_handler, serve, site_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CAPTURE_HOOK = Path(__file__).resolve().with_name("capture_markdown.py")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
# The two courses, in pages: T3 and as many copies as come closest, plus the pages outside
# the topics (SCALE_PAGES=12,20 makes a quick trial run).
SIZES = tuple(topics_for(int(n)) for n in os.environ.get("SCALE_PAGES", "100,200").split(","))
THROTTLE = 4
# A tool, a plural the stemmer must reduce, a word typed without its accent.
QUERIES = ("keras", "arquitecturas", "nucleo")
# Typed next, once the engine has loaded for the first query.
NEXT_QUERY = "tpu"
# The floor and the warm rebuild, built this many times each, taking turns: a busy moment of
# the shared machine (one run here gave 1.16× at one size and 1.47× at the other) then falls
# on both, and the median pair is the ratio.
ROUNDS = int(os.environ.get("SCALE_ROUNDS", "3"))


@dataclass(frozen=True)
class Edit:
    """An edit timed under `mkdocs serve`: `text` in `file` becomes `text` plus a label."""

    file: str
    text: str
    page: str  # the address, under the site, of a page that shows the edited text
    shown: str  # what that page shows of `text`


PROSE_EDIT = Edit("docs/t3/proveedores.md", "Se trata de una plataforma", "t3/proveedores/", "")
# A record of one topic (in a real course each topic has its own data): one of T3's
# questions, which the generated course's copies do not share. Its page and printable page.
GPU_QUESTION = "¿Por qué una GPU acelera el entrenamiento de una red neuronal frente a una CPU"
TOPIC_DATA_EDIT = Edit(
    "macros/data.py", f'question="{GPU_QUESTION}', "t3/computacion-acelerada/", GPU_QUESTION
)
# The worst case: a record every copy of T3 shows (16 section pages and their 16 printable
# pages at ~100 pages).
DATA_EDIT = Edit("macros/data.py", 'name="TPU v3', "t3/computacion-acelerada/", "TPU v3")
# The edits timed, by the name the report gives them.
EDITS = {
    "prose": PROSE_EDIT,
    "data, a record of one topic (a T3 question)": TOPIC_DATA_EDIT,
    "data, a record every topic shows (TPU v3)": DATA_EDIT,
}
RELOAD_RUNS = int(os.environ.get("SCALE_RELOAD_RUNS", "2"))
# Only the live-reload part of the report (see the module's docstring).
RELOAD_ONLY = os.environ.get("SCALE_RELOAD_ONLY", "") not in {"", "0"}
# Only the search part, and how many times each query is timed per engine.
SEARCH_ONLY = os.environ.get("SCALE_SEARCH_ONLY", "") not in {"", "0"}
SEARCH_RUNS = int(os.environ.get("SCALE_SEARCH_RUNS", "1"))


def out(line: str = "") -> None:
    """Write one line of the report to standard output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# -- Builds ---------------------------------------------------------------------------------------


# What assets/hooks/pdf.py logs once it has every topic's PDF (printed in parallel, or from
# its cache).
PDF_LOG = re.compile(
    r"PDFs: (?P<count>\d+) printed, (?P<cached>\d+) from the cache in (?P<seconds>[\d.]+) s"
)


def strict_build(config: Path, site: Path, env: dict[str, str] | None = None) -> Build:
    """Build `config` strictly (never `-q`) into `site`: its seconds and its PDFs' seconds."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    # The processor time of the build and of every process it started and waited for.
    cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    if result.returncode != 0:
        raise SystemExit(f"strict build of {config} failed:\n{result.stderr[-4000:]}")
    found = PDF_LOG.search(result.stdout + result.stderr)
    if found is None:
        return Build(seconds, cpu=cpu)
    pdfs = int(found["count"]), float(found["seconds"]), int(found["cached"])
    return Build(seconds, *pdfs, cpu=cpu)


def write_bench_config(course: Path, name: str, settings: dict[str, Any]) -> Path:
    """A configuration beside the course's mkdocs.yml that inherits it, plus `settings`."""
    path = course / name
    text = yaml.safe_dump({"INHERIT": "mkdocs.yml", **settings}, sort_keys=False)
    path.write_text(f"# Benchmark only (scripts/bench_scale.py).\n{text}", encoding="utf-8")
    return path


def capture_config(course: Path) -> Path:
    """The course's own configuration, with scripts/capture_markdown.py after its hooks."""
    hooks = [*project_config().get("hooks", []), str(CAPTURE_HOOK)]
    return write_bench_config(course, "bench-capture.yml", {"hooks": hooks})


def floor_config(course: Path, docs: str) -> Path:
    """Plain Material on the captured Markdown in `docs`: no macros, no hooks, no overrides."""
    empty = "floor-theme"
    (course / empty).mkdir(exist_ok=True)
    plugins = [
        plugin
        for plugin in project_config().get("plugins", [])
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin)
    ]
    settings = {
        "docs_dir": docs,
        "plugins": plugins,
        "hooks": [],
        "watch": [],
        # An empty folder in place of the theme overrides (MkDocs takes no null here).
        "theme": {"custom_dir": empty},
    }
    return write_bench_config(course, "bench-floor.yml", settings)


@dataclass
class Build:
    """One strict build: how long it took, and how many PDFs it printed in how long."""

    seconds: float
    pdfs: int = 0
    pdf_seconds: float = 0.0
    cached: int = 0  # PDFs from the cache
    cpu: float = 0.0  # processor seconds, its own processes' included

    @property
    def site_seconds(self) -> float:
        """The build without its PDFs' printing (Chromium's start included)."""
        return self.seconds - self.pdf_seconds


@dataclass
class Size:
    """The builds of one course size, round by round."""

    topics: int
    pages: int
    capture: Build  # the first build, which saves the Markdown the floor builds
    builds: list[Build]  # each round's cold build, from an empty PDF cache of its own
    floors: list[float]  # the floor's builds, each just before the cold build of its round
    site: Path
    warms: list[Build]
    floor_cpus: list[float]  # the processor seconds of the floor's builds

    @property
    def cold_ratios(self) -> list[float]:
        """Each round's cold build without its PDFs over the floor built in the same round."""
        return self._to_floor(self.builds)

    @property
    def floor(self) -> float:
        """The floor's build time, in seconds: the median of the rounds."""
        return statistics.median(self.floors)

    @property
    def warm_ratios(self) -> list[float]:
        """Each round's warm rebuild without its PDFs over the floor built in the same round."""
        return self._to_floor(self.warms)

    @property
    def warm_cpu_ratios(self) -> list[float]:
        """Each round's warm rebuild's processor time over the floor's in the same round.

        Less moved by a busy machine than the seconds on the clock; but work that runs on
        the second core beside the build (the pages' checks, their templates, Pagefind)
        counts here and costs no time on the clock.
        """
        return [b.cpu / f for b, f in zip(self.warms, self.floor_cpus, strict=True)]

    def _to_floor(self, builds: list[Build]) -> list[float]:
        return [b.site_seconds / f for b, f in zip(builds, self.floors, strict=True)]

    @property
    def ours(self) -> float:
        """Our cold build, PDFs included, in seconds: the median of the rounds."""
        return statistics.median(b.seconds for b in self.builds)

    @property
    def pdf_seconds(self) -> float:
        """The PDFs' part of the cold builds, in seconds: the median of the rounds."""
        return statistics.median(b.pdf_seconds for b in self.builds)

    @property
    def site_seconds(self) -> float:
        """Our cold build without its PDFs, in seconds: the median of the rounds."""
        return statistics.median(b.site_seconds for b in self.builds)

    @property
    def warm_seconds(self) -> float:
        """The warm rebuild, in seconds: the median of the rounds."""
        return statistics.median(b.seconds for b in self.warms)

    @property
    def ratio(self) -> float:
        """Our cold build over the floor's, each round's: the median."""
        return statistics.median(
            b.seconds / f for b, f in zip(self.builds, self.floors, strict=True)
        )

    @property
    def per_page(self) -> float:
        """Our build time per page, in seconds."""
        return self.ours / self.pages


def build_course(work: Path, topics: int, *, printable_sections: bool = False) -> Size:
    """Generate a course of `topics` topics in `work`, build it and build its floor.

    With `printable_sections`, the floor's printable pages hold their sections' Markdown
    (scripts/capture_markdown.py), for comparing what readers load; else the marker alone.
    """
    course = work / f"course-{topics}"
    generate_course(course, topics)
    # The course's own PDF cache (assets/hooks/pdf.py), empty: the first build is cold.
    cache = {"PDF_CACHE_DIR": str(course / ".cache" / "pdf")}
    floor_docs = course / "floor-docs"
    # The floor publishes the same images, CSS and JavaScript; the captured pages join them.
    shutil.copytree(course / "docs", floor_docs, ignore=shutil.ignore_patterns("*.md"))
    site = work / f"site-{topics}"
    capture = strict_build(
        capture_config(course),
        site,
        env={
            **cache,
            "CAPTURE_MARKDOWN_DIR": str(floor_docs),
            **({"CAPTURE_PRINTABLE_SECTIONS": "1"} if printable_sections else {}),
        },
    )
    pages = page_count(topics)
    captured = len(list(floor_docs.rglob("*.md")))
    if captured != pages:
        raise SystemExit(f"{floor_docs}: captured {captured} pages of {pages}")
    builds, floors, warms, floor_cpus = [], [], [], []
    for round_ in range(ROUNDS):
        floor = strict_build(floor_config(course, floor_docs.name), work / f"floor-{topics}")
        floors.append(floor.seconds)
        floor_cpus.append(floor.cpu)
        # Cold, from a PDF cache of its own, empty. Not the capture build, which writes the
        # Markdown as well and is the first build of the course (no file in the disk's cache).
        empty = {"PDF_CACHE_DIR": str(course / ".cache" / f"pdf-cold-{round_}")}
        builds.append(strict_build(course / "mkdocs.yml", work / f"site-{topics}-cold", env=empty))
        # The same course again, as CI rebuilds it with the cache kept: every page rendered anew.
        warm = strict_build(course / "mkdocs.yml", work / f"site-{topics}-warm", env=cache)
        if warm.cached != capture.pdfs:
            raise SystemExit(
                f"{course}: the warm rebuild took {warm.cached} PDFs of {capture.pdfs} from the "
                "cache"
            )
        warms.append(warm)
    return Size(
        topics=topics,
        pages=pages,
        capture=capture,
        builds=builds,
        floors=floors,
        site=site,
        warms=warms,
        floor_cpus=floor_cpus,
    )


def _spread(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def _per_page_ratio(large_seconds: float, large: Size, small_seconds: float, small: Size) -> str:
    return f"{(large_seconds / large.pages) / (small_seconds / small.pages):.2f}×"


def print_builds(sizes: list[Size]) -> None:
    """The build table and the per-page ratio."""
    out(
        f"\n{ROUNDS} rounds taking turns: plain Material, a cold build from an empty PDF cache, "
        "the warm rebuild (the PDF cache kept, as CI keeps it). Seconds are the rounds' "
        "medians; each ratio is the median of the rounds' (range), each build over plain "
        "Material's of its round:\n"
    )
    out(
        "| Pages | Strict build (s) | of which PDFs (s) | Plain Material, same Markdown (s) "
        "| Ours / plain | Without the PDFs / plain | Per page "
        "| Warm rebuild, PDF cache kept (s) | Warm, without the PDFs / plain "
        "| Warm / plain, processor time |"
    )
    out("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        out(
            f"| {size.pages} | {size.ours:.1f} | {size.pdf_seconds:.1f} "
            f"({size.capture.pdfs} topics) | {size.floor:.1f} | {size.ratio:.2f}× "
            f"| {_spread(size.cold_ratios)} | {size.per_page * 1000:.0f} ms "
            f"| {size.warm_seconds:.1f} ({size.capture.pdfs} PDFs from the cache) "
            f"| {_spread(size.warm_ratios)} | {_spread(size.warm_cpu_ratios)} |"
        )
    out(
        "\nProcessor time: the build's and every process it waited for (the pages' checks and "
        "templates compiled on the second core, Pagefind), over plain Material's."
    )
    small, large = sizes[0], sizes[-1]
    out(
        f"\nPer-page cost, {large.pages} / {small.pages} pages: "
        f"{large.per_page / small.per_page:.2f}× (1.00× is linear); without the PDFs: "
        f"{_per_page_ratio(large.site_seconds, large, small.site_seconds, small)}; "
        f"plain Material: {_per_page_ratio(large.floor, large, small.floor, small)}"
    )


# -- Live reload ----------------------------------------------------------------------------------


def fetch(url: str) -> str:
    """The text at `url`, or "" while the server is not answering it."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, urllib.error.URLError):
        return ""


def wait_for(url: str, text: str, seconds: float) -> float:
    """Poll `url` until it holds `text`; the seconds waited (raises after `seconds`)."""
    start = time.monotonic()
    while text not in fetch(url):
        if time.monotonic() - start > seconds:
            raise SystemExit(f"{url} did not show {text!r} within {seconds:.0f} s")
        time.sleep(0.02)
    return time.monotonic() - start


@dataclass
class Reload:
    """One timed edit: seconds from the write to the page in view, and to every page."""

    in_view: float
    everywhere: float


# What `mkdocs serve` logs as a build starts and once its pages are served, and when a build
# leaves pages of other topics for the next one (assets/hooks/course.py). Not "Documentation
# built in …": MkDocs leaves out a line the same as the one before it.
BUILD_START = "Building documentation..."
BUILD_END = "Reloading browsers"
LEFT_FOR_LATER = "Later, once the browser has the page in view"


def settled(lines: list[str]) -> bool:
    """Whether the builds in these lines of the server's log are done, none leaving pages."""
    builds: list[list[str]] = []
    for line in lines:
        if BUILD_START in line:
            builds.append([])
        elif builds:
            builds[-1].append(line)
    return (
        bool(builds)
        and any(BUILD_END in line for line in builds[-1])
        and not any(LEFT_FOR_LATER in line for line in builds[-1])
    )


def wait_until_settled(log: Path, start: int, seconds: float) -> None:
    """Wait until the builds the server logged after line `start` are all done."""
    begin = time.monotonic()
    while not settled(log.read_text(encoding="utf-8").splitlines()[start:]):
        if time.monotonic() - begin > seconds:
            raise SystemExit(f"{log}: the server's builds did not end within {seconds:.0f} s")
        time.sleep(0.02)


def timed_edit(course: Path, base: str, edit: Edit, old: str, new: str, log: Path) -> Reload:
    """Replace `old` by `new` in the edit's file; seconds until its pages show the new text.

    First the edit's page, the one an author has open (the server has just served it); then
    every page: the server left alone (no more requests), until its log says its last build
    for the edit is done (a build that renders the page in view first leaves the pages of
    other topics for one more build).
    """
    path = course / edit.file
    text = path.read_text(encoding="utf-8")
    if text.count(edit.text + old) != 1:
        raise SystemExit(f"{path}: expected {edit.text + old!r} once, found it {text.count(old)}×")
    logged = len(log.read_text(encoding="utf-8").splitlines())
    start = time.monotonic()
    path.write_text(text.replace(edit.text + old, edit.text + new), encoding="utf-8")
    wait_for(base + edit.page, (edit.shown or edit.text) + new, 300)
    in_view = time.monotonic() - start
    wait_until_settled(log, logged, 300)
    return Reload(in_view, time.monotonic() - start)


def live_reload(course: Path, prefix: str) -> dict[str, list[Reload]]:
    """Seconds from each write to the served pages showing it, per kind of edit."""
    edits = EDITS
    timings: dict[str, list[Reload]] = {kind: [] for kind in edits}
    labels = dict.fromkeys(edits, "")
    # The server's log: which pages each edit rebuilt, and when its builds end.
    log = Path(os.environ.get("SCALE_RELOAD_LOG") or course / "serve.log")
    with mkdocs_serve(course, log=log) as url:
        base = url.rstrip("/") + prefix + "/"
        wait_for(base + PROSE_EDIT.page, PROSE_EDIT.text, 600)
        for run in range(RELOAD_RUNS):
            for kind, edit in edits.items():
                label = f" (edición {run + 1})"
                timings[kind].append(timed_edit(course, base, edit, labels[kind], label, log))
                labels[kind] = label
                time.sleep(1)  # let the server settle before the next timed edit
    return timings


def print_reload(timings: dict[str, list[Reload]], size: Size | None, pages: int) -> None:
    """The live-reload table; without `size` (no cold build measured), the seconds only."""
    cold = " Best / cold build |" if size else ""
    out(
        f"\n| Edit under `mkdocs serve`, {pages} pages | Write → page in view (s) | Median "
        f"| Write → every page (s) | Median |{cold}"
    )
    out("| --- | ---: | ---: | ---: | ---: |" + (" ---: |" if size else ""))
    for kind, runs in timings.items():
        in_view = [run.in_view for run in runs]
        everywhere = [run.everywhere for run in runs]
        ratio = f" {min(in_view) / size.ours:.2f}× |" if size else ""
        out(
            f"| {kind} | {', '.join(f'{s:.2f}' for s in in_view)} "
            f"| {statistics.median(in_view):.2f} "
            f"| {', '.join(f'{s:.2f}' for s in everywhere)} "
            f"| {statistics.median(everywhere):.2f} |{ratio}"
        )
    out(
        "\nThe page in view is the edit's page, which the server has just served (as to an "
        "author's browser); every page: until the server's last build for the edit ends, the "
        "server left alone (a page asked for before then waits for that build)."
    )


def reload_report() -> None:
    """Only the live-reload part: a course of the first size, served, its edits timed."""
    topics = SIZES[0]
    out(f"\n## Scale: live reload at {page_count(topics)} pages")
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        course = Path(tmp) / f"course-{topics}"
        generate_course(course, topics)
        site_url = str(project_config().get("site_url") or "/")
        timings = live_reload(course, urlsplit(site_url).path.rstrip("/"))
        print_reload(timings, None, page_count(topics))


# -- Search ---------------------------------------------------------------------------------------

# Records, in the page, when the reader's keypress arrives and when the first result is added.
TIMING_JS = """() => {
    window.__bench = { key: null, result: null };
    addEventListener("keydown", (event) => {
        if (window.__bench.key === null)
            window.__bench.key = performance.timeOrigin + event.timeStamp;
    }, { capture: true });
    new MutationObserver(() => {
        if (window.__bench.result === null && document.querySelector(".md-search-result__item"))
            window.__bench.result = performance.timeOrigin + performance.now();
    }).observe(document.body, { childList: true, subtree: true });
}"""


@dataclass
class Transfer:
    """One response: its address, the bytes the server sent and when it ended (epoch ms)."""

    url: str
    size: int
    end: float


@dataclass
class SearchRun:
    """One query in a fresh browser context."""

    query: str
    kib: float
    ms: float
    next_ms: float
    requests: int
    first: str
    count: str
    transfers: list[Transfer] = field(default_factory=list)


def sent_bytes(response: Response) -> int:
    """The bytes of `response` on the wire: its body gzip-compressed when the server did so."""
    try:
        body = response.body()
    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
        return 0
    if response.headers.get("content-encoding") == "gzip":
        return len(gzip.compress(body, 6, mtime=0))  # what serving.GzipHandler sends
    return len(body)


def first_result(
    browser: Browser, url: str, query: str, *, reduced_motion: bool = False
) -> SearchRun:
    """Open search with its keyboard shortcut, type `query` and wait for the first result.

    With `reduced_motion`, as for a reader whose system asks for less motion: Material then
    drops its transitions (the search box opening, the results fading in).
    """
    context = browser.new_context(
        locale="es-ES", reduced_motion="reduce" if reduced_motion else "no-preference"
    )
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        transfers: list[Transfer] = []

        def on_finished(request: Any) -> None:
            try:
                response = request.response()
            except PlaywrightError:  # the context closed as the request ended
                return
            if response is not None:
                end = request.timing["startTime"] + request.timing["responseEnd"]
                transfers.append(Transfer(request.url, sent_bytes(response), end))

        page.on("requestfinished", on_finished)
        page.evaluate(TIMING_JS)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("window.__bench.result !== null", timeout=120_000)
        timing = page.evaluate("window.__bench")
        meta = page.locator(".md-search-result__meta").inner_text().strip()
        link = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
        page.wait_for_load_state("networkidle")
        before = [t for t in transfers if t.end <= timing["result"]]
        # The reader's next query, with the engine loaded: empty the box, type another.
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_function("!document.querySelector('.md-search-result__item')")
        page.evaluate("window.__bench.key = null; window.__bench.result = null")
        page.keyboard.type(NEXT_QUERY)
        page.wait_for_function("window.__bench.result !== null", timeout=120_000)
        following = page.evaluate("window.__bench.result - window.__bench.key")
        return SearchRun(
            query=query,
            kib=sum(t.size for t in before) / 1024,
            ms=timing["result"] - timing["key"],
            next_ms=following,
            requests=len(before),
            first=urlsplit(link).path.removeprefix(urlsplit(url).path),
            count=meta,
            transfers=before,
        )
    finally:
        context.close()


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve the built `site` as GitHub Pages does; yields the address of its home page."""
    prefix = site_path(site)
    with serve(site, pages_handler(prefix)) as url:
        yield url + prefix + "/"


PAGEFIND_HOOK = "assets/hooks/search_pagefind.py"
PAGEFIND = "Pagefind (the site)"
PAGEFIND_REDUCED_MOTION = "Pagefind (the site), reduced motion"
TAG = re.compile(r"<[^>]+>")


def smaller_lunr(site: Path, folder: Path) -> Path:
    """A copy of a lunr-searched `site` whose index holds plain text.

    Material keeps each section's HTML for the teaser; without markup and runs of spaces
    the words are the same.
    """
    shutil.copytree(site, folder)
    path = folder / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["text"] = " ".join(TAG.sub(" ", doc["text"]).split())
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return folder


def search_engines(course: Path, site: Path, work: Path) -> dict[str, Path]:
    """The ~200-page site searched by each engine: as built, and the alternatives.

    With the Pagefind hook in the project's hooks, the site as built searches with Pagefind
    and a second build without that hook gives Material's lunr; without it, the site as
    built is the lunr one.
    """
    hooks = list(project_config().get("hooks", []))
    engines: dict[str, Path] = {}
    lunr = site
    if PAGEFIND_HOOK in hooks:
        config = write_bench_config(
            course, "bench-lunr.yml", {"hooks": [h for h in hooks if h != PAGEFIND_HOOK]}
        )
        lunr = work / "site-lunr"
        strict_build(config, lunr)
    engines["lunr (Material)"] = lunr
    engines["lunr, plain-text index"] = smaller_lunr(lunr, work / "site-lunr-smaller")
    if lunr != site:
        engines[PAGEFIND] = site
        # The same site, for a reader whose system asks for less motion: how much of the
        # first search is Material's opening transitions drawn on the same thread.
        engines[PAGEFIND_REDUCED_MOTION] = site
    return engines


def index_sizes(engines: dict[str, Path]) -> None:
    """What each engine's index weighs on the server (gzip as served), once per site."""
    seen: set[Path] = set()
    for name, site in engines.items():
        if site in seen:
            continue
        seen.add(site)
        pagefind = site / "pagefind"
        if pagefind.is_dir():
            files = [p for p in pagefind.rglob("*") if p.is_file()]
            total = sum(p.stat().st_size for p in files) / 1024
            out(f"- {name}: {len(files)} files in pagefind/, {total:.0f} KiB in all")
        else:
            raw = (site / "search" / "search_index.json").read_bytes()
            out(
                f"- {name}: search_index.json {len(raw) / 1024:.0f} KiB raw, "
                f"{len(gzip.compress(raw, 6)) / 1024:.0f} KiB gzip"
            )


def search_report(course: Path, site: Path, work: Path, pages: int) -> None:
    """Measure and print each engine's first search at `pages` pages."""
    engines = search_engines(course, site, work)
    out(
        f"\n| Search engine, {pages} pages, CPU {THROTTLE}× | Query | KiB before first result "
        f"| Requests | Keypress → first result (ms) | Next query, {NEXT_QUERY!r} (ms) | Results "
        "| First result |"
    )
    out("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |")
    runs: dict[str, list[SearchRun]] = {name: [] for name in engines}
    with sync_playwright() as driver, ExitStack() as servers:
        urls = {name: servers.enter_context(served(path)) for name, path in engines.items()}
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(SEARCH_RUNS):
                for name, url in urls.items():
                    for query in QUERIES:
                        reduced = name == PAGEFIND_REDUCED_MOTION
                        run = first_result(browser, url, query, reduced_motion=reduced)
                        runs[name].append(run)
                        out(
                            f"| {name} | {query} | {run.kib:.0f} | {run.requests} | {run.ms:.0f} "
                            f"| {run.next_ms:.0f} | {run.count} | {run.first} |"
                        )
        finally:
            browser.close()
    out(
        f"\n| Search engine, {pages} pages, CPU {THROTTLE}×, {SEARCH_RUNS} × {len(QUERIES)} "
        "queries | First result, median (range) ms | Next query, median ms | KiB, most |"
    )
    out("| --- | ---: | ---: | ---: |")
    for name, timed in runs.items():
        ms = [run.ms for run in timed]
        out(
            f"| {name} | {statistics.median(ms):.0f} ({min(ms):.0f}–{max(ms):.0f}) "
            f"| {statistics.median(run.next_ms for run in timed):.0f} "
            f"| {max(run.kib for run in timed):.0f} |"
        )
    out(f"\nThe indexes of the {pages}-page site:")
    index_sizes(engines)
    out(
        "CDP throttles the page's main thread only: Chromium refuses it for workers ('Operation "
        "is only supported for pages, not workers'), so work done in a worker runs at full speed: "
        "lunr builds its index in Material's worker (an optimistic time), Pagefind runs in the "
        f"page. {PAGEFIND_REDUCED_MOTION!r}: the same site, the browser asking for reduced "
        "motion, as a reader's system may: Material then draws no transitions (its search box "
        "opening, its results fading in), which otherwise share the page's thread with Pagefind."
    )


# -- Report ---------------------------------------------------------------------------------------


def scale_report() -> None:
    """Generate the courses, measure them and print the report."""
    out(f"\n## Scale: courses of {', '.join(str(page_count(t)) for t in SIZES)} pages")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        sizes = [build_course(work, topics) for topics in SIZES]
        print_builds(sizes)
        large = sizes[-1]
        search_report(work / f"course-{large.topics}", large.site, work, large.pages)
        small = sizes[0]
        timings = live_reload(work / f"course-{small.topics}", site_path(small.site))
        print_reload(timings, small, small.pages)


def search_only_report() -> None:
    """Only the search part: a course of the last size, built once, searched by each engine."""
    topics = SIZES[-1]
    pages = page_count(topics)
    out(f"\n## Scale: search at {pages} pages")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        work = Path(tmp)
        course = work / f"course-{topics}"
        generate_course(course, topics)
        site = work / f"site-{topics}"
        strict_build(course / "mkdocs.yml", site, env={"PDF_CACHE_DIR": str(course / ".cache")})
        search_report(course, site, work, pages)


if __name__ == "__main__":
    if RELOAD_ONLY:
        reload_report()
    elif SEARCH_ONLY:
        search_only_report()
    else:
        scale_report()
