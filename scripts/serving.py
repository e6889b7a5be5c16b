"""A static HTTP server on 127.0.0.1 for the benchmarks and the tests (standard library only)."""

from __future__ import annotations

import gzip
import io
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class QuietHandler(SimpleHTTPRequestHandler):
    """Static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Discard the access log."""


class GzipHandler(QuietHandler):
    """Sends text files gzip-compressed to clients that accept it, as GitHub Pages does.

    The benchmark serves through this: Lighthouse times downloads from the bytes that really
    cross the network, and an uncompressed local server made every page look three to four
    times heavier than on the real host (the frameworks page scored 91 instead of 98).
    """

    COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")

    def send_head(self) -> Any:
        """Like SimpleHTTPRequestHandler.send_head, with gzip for text files."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and os.path.isfile(path) and kind.startswith(self.COMPRESSED)):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class PagesHandler(GzipHandler):
    """Serves a built site as GitHub Pages does.

    Only under `prefix` (the path of site_url), text gzip-compressed, and a missing address
    answered by the site's 404.html with status 404. Make one with `pages_handler`.
    """

    prefix = ""

    def translate_path(self, path: str) -> str:
        """Map prefix/x to x; anything outside the prefix to a path that does not exist."""
        if path == self.prefix or path.startswith(self.prefix + "/"):
            return super().translate_path(path[len(self.prefix) :] or "/")
        return super().translate_path("/__outside_the_prefix__")

    def send_error(self, code: int, message: str | None = None, *args: Any) -> None:
        """A 404 answers with the site's own 404.html."""
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, *args)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_path(site: Path) -> str:
    """The path of the site_url a built site was made for ("/apuntes"), from its sitemap."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = re.search(r"<loc>([^<]+)</loc>", sitemap)
    if not found:
        raise ValueError(f"{site / 'sitemap.xml'} lists no page")
    return urlsplit(found[1]).path.rstrip("/")


def pages_handler(prefix: str) -> type[PagesHandler]:
    """A PagesHandler serving under `prefix` ("" for the root, "/apuntes", ...)."""
    return type("PagesHandler", (PagesHandler,), {"prefix": prefix.rstrip("/")})


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that lets a client hang up without a traceback.

    Chromium drops connections it no longer needs (a page closed while a file still loads);
    the standard server printed each such BrokenPipeError with its traceback into the
    benchmark's report. Any other error in a request is printed as before.
    """

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Print the traceback of a failed request, unless the client closed the connection."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1, on a free port; yields the base URL."""
    server = QuietServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for `mkdocs serve -a`)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def mkdocs_serve(folder: Path, *, dirty: bool = True, log: Path | None = None) -> Iterator[str]:
    """Run `mkdocs serve` (live reload on) for the site in `folder`; yields its base URL.

    `dirty` serves as `make serve` does (`--dirty`: an edit rebuilds only what it affects);
    `log` keeps what the server prints.
    """
    port = free_port()
    output = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL  # noqa: SIM115
    server = subprocess.Popen(
        # Live reload on: with --no-livereload MkDocs 1.6 does not watch files at all.
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        + (["--dirty"] if dirty else []),
        cwd=folder,
        stdout=output,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if log:
            output.close()  # type: ignore[union-attr]
