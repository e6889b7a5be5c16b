"""MkDocs hook: `make serve` notices a save within 0.1 s, and serves the pages in view first.

1. Polling. MkDocs' server looks for changes by polling: every 0.5 s it lists the watched
   folders (`docs/`, `macros/`, `mkdocs.yml`) with each file's size, time and inode, compares
   the list with the last one, and builds 0.1 s after the last change it found. An edit
   waited 0.35 s on average (up to 0.6 s) before its rebuild started, a third of a reload at
   100 pages. It polls rather than asking the system for events (inotify) on purpose, and
   so does this hook: native events do not arrive for files edited from outside a Docker
   container or a WSL or network mount, and the limit on inotify watches can run out; a
   listing sees every change wherever the files live, an editor's save through a temporary
   file and a rename included. Polling more often costs a listing of about 130 files (the
   docs of a 100-page course) every 0.1 s, about 3 ms each: 3 % of one core while the server
   runs.

2. The pages in view first, as Hugo's server does ("fast render"). An edit to a record that
   every topic shows rebuilt 32 pages at 100 pages (1.8 s) before the page the author looks
   at could reload. The server knows which pages are in view: those open in a browser (the
   live-reload script's requests name their page) and the last pages it served. The course
   hook (course.py) renders first what an edit changes in the topics of those pages, and
   hands the server the pages it left for later (`build_later`). Until they are built, a
   request for one of them starts that build at once and waits for it, as MkDocs makes
   every request wait for a build: no page is ever served stale. Otherwise the build starts
   once the browsers have had the new page (no request for QUIET_SECONDS). A build of only
   pages left for later changes nothing a browser shows: it does not reload them again
   (`no_reload`).
"""

from __future__ import annotations

import posixpath
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import mkdocs.commands.serve
from mkdocs.livereload import LiveReloadServer

# Seconds between two listings of the watched files.
POLL_SECONDS = 0.1
# The pages last served that count as in view, besides those open in a browser (Hugo: 10).
RECENT_PAGES = 10
# Seconds without a request, once a build is done, before the pages it left are built: the
# browsers reload the page in view (its HTML, styles, scripts, fonts) well within that.
QUIET_SECONDS = 0.5


class PromptServer(LiveReloadServer):
    """MkDocs' live-reload server, polling every POLL_SECONDS, the pages in view first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """The server as MkDocs makes it, with the shorter polling interval."""
        kwargs.setdefault("polling_interval", POLL_SECONDS)
        super().__init__(*args, **kwargs)
        self.builder = self._tracked(self.builder)
        self._views = threading.Condition()  # guards everything below
        self._recent: deque[str] = deque(maxlen=RECENT_PAGES)
        self._open: Counter[str] = Counter()  # pages with a live-reload request waiting
        self._later: set[str] = set()  # files of pages a build left for the next one
        self._building = False
        self._reload = True  # whether the build running reloads the browsers
        self._last_request = time.monotonic()
        self._stopping = False

    def serve(self, *, open_in_browser: bool = False) -> None:
        """Serve as MkDocs does, building the pages left for later when the server is quiet."""
        threading.Thread(target=self._build_later_pages, name="later-pages", daemon=True).start()
        super().serve(open_in_browser=open_in_browser)  # type: ignore[no-untyped-call]

    # -- What the course hook asks -------------------------------------------------------------

    def pages_in_view(self) -> set[str]:
        """The files (`t3/index.html`) of the pages open in a browser or served last."""
        with self._views:
            return set(self._recent) | {page for page, count in self._open.items() if count}

    def build_later(self, files: Iterable[str]) -> None:
        """The build running leaves these files as they were: the next one builds them."""
        with self._views:
            self._later.update(files)
            self._views.notify_all()

    def no_reload(self) -> None:
        """The build running writes no page a browser shows: the browsers keep their page."""
        with self._views:
            self._reload = False

    # -- Requests ------------------------------------------------------------------------------

    def _file(self, path: str) -> str | None:
        """The site's file at a URL path, as MkDocs finds it (`/t3/` is `t3/index.html`)."""
        if not (path + "/").startswith(self.mount_path):
            return None
        relative = path[len(self.mount_path) :]
        if path.endswith("/"):
            relative += "index.html"
        return posixpath.normpath("/" + relative).lstrip("/")

    def serve_request(self, environ: Any, start_response: Any) -> Any:
        """MkDocs' answer, once a page left for later is built; noting the pages in view."""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            # The live-reload script waits here until the next build: its page is open.
            page = self._file(urlsplit(environ.get("HTTP_REFERER", "")).path)
            if page is None:
                return super().serve_request(environ, start_response)
            with self._views:
                self._open[page] += 1
            try:
                return super().serve_request(environ, start_response)
            finally:
                with self._views:
                    self._open[page] -= 1
                    if not self._open[page]:
                        del self._open[page]
        file = self._file(path)
        with self._views:
            self._last_request = time.monotonic()
            if file is not None and file.endswith(".html"):
                if file in self._recent:
                    self._recent.remove(file)
                self._recent.append(file)
            waiting = file in self._later
        if waiting:
            self._request_build()
            with self._views:
                # Until the build starts; then MkDocs holds the request until it ends.
                self._views.wait_for(lambda: file not in self._later or self._stopping)
        return super().serve_request(environ, start_response)

    # -- Builds --------------------------------------------------------------------------------

    def _request_build(self) -> None:
        """Ask MkDocs' build loop for a build, as a changed file does."""
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _tracked(self, builder: Callable[..., None]) -> Callable[..., None]:
        def build(*args: Any, **kwargs: Any) -> None:
            with self._views:
                # This build builds them: MkDocs holds their requests until it is done.
                self._later.clear()
                self._building, self._reload = True, True
                self._views.notify_all()
            try:
                builder(*args, **kwargs)
            finally:
                with self._views:
                    self._building = False
                    self._last_request = time.monotonic()
                    reload = self._reload
                    self._views.notify_all()
            if not reload:
                # MkDocs makes the epoch this build started at the site's; browsers reload
                # when it grows. The site as they have it is still current: keep theirs.
                self._wanted_epoch = self._visible_epoch

        return build

    def _build_later_pages(self) -> None:
        """Build the pages left for later once the server has been quiet for a moment."""
        with self._views:
            while not self._stopping:
                if not self._later or self._building:
                    self._views.wait(timeout=1)
                    continue
                idle = time.monotonic() - self._last_request
                if idle < QUIET_SECONDS:
                    self._views.wait(timeout=QUIET_SECONDS - idle)
                    continue
                self._views.release()
                try:
                    self._request_build()
                finally:
                    self._views.acquire()
                # Until the build starts (it empties the list) or a save starts one.
                self._views.wait_for(lambda: not self._later or self._stopping, timeout=5)

    def shutdown(self, wait: bool = False) -> None:
        """MkDocs' shutdown; requests waiting for pages left for later are let go."""
        with self._views:
            self._stopping = True
            self._views.notify_all()
        super().shutdown(wait)


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, the server it is about to make polls every POLL_SECONDS."""
    if command == "serve":
        # serve.py makes the server from the name it imported, after this event.
        mkdocs.commands.serve.LiveReloadServer = PromptServer  # type: ignore[attr-defined]
