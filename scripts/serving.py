"""A static HTTP server on 127.0.0.1 for the benchmarks and the tests (standard library only)."""

from __future__ import annotations

import gzip
import io
import os
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


@contextmanager
def serve(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve `directory` over HTTP on 127.0.0.1, on a free port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
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
def mkdocs_serve(folder: Path) -> Iterator[str]:
    """Run `mkdocs serve` (live reload on) for the site in `folder`; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        # Live reload on: with --no-livereload MkDocs 1.6 does not watch files at all.
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
