"""MkDocs hook: `make serve` survives every build error and shows it in the browser.

Without it, a page with an unknown macro ends the server (mkdocs-macros calls `exit()`), and
any other failed rebuild leaves it "stuck": MkDocs holds every request until a build
succeeds, so the browser shows nothing. Under `mkdocs serve` this hook

- catches whatever a build raises, `SystemExit` included, and logs it as one line;
- keeps the messages the build logged (file, line, what is wrong) and, until the next good
  build, puts them at the top of every page the server answers, in a banner;
- lets the server go on: the browser reloads with the banner, and the next save that builds
  cleanly takes it away.

`mkdocs build` is not affected: there a build error still fails the build.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import mkdocs.commands.serve
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.serve_errors")

BANNER = (
    '<div role="alert" id="course-build-error" style="position:fixed;z-index:1000;inset:0 0 auto;'
    "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#b00020;color:#fff;"
    'font:0.9rem/1.4 system-ui,sans-serif;box-shadow:0 2px 8px #0006">'
    '<p style="margin:0 0 .5rem;font-weight:700">Error al construir el sitio</p>'
    '<pre style="margin:0;white-space:pre-wrap;font:0.85rem/1.4 monospace">{message}</pre>'
    '<p style="margin:.5rem 0 0">Corrige el archivo y guarda: la página se recargará sola.</p>'
    "</div>"
)


class _Collector(logging.Handler):
    """Keeps the warnings and errors MkDocs and the plugins log during a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().strip())


@dataclass
class State:
    """The error of the last build, if it failed, and what collects the messages."""

    error: str | None = None
    collector: _Collector = field(default_factory=_Collector)
    patched: bool = False


STATE = State()


def describe(error: BaseException, messages: list[str]) -> str:
    """What the author reads: the messages logged by the build, else the exception itself."""
    logged = [m for m in messages if m and not m.startswith("Aborted with")]
    if logged:
        return "\n".join(dict.fromkeys(logged))
    if isinstance(error, SystemExit):
        return f"The build stopped (exit code {error.code})."
    return f"{type(error).__name__}: {error}"


def guarded(build: Callable[..., None]) -> Callable[..., None]:
    """`build` that never raises: a failure is kept in STATE for the banner, and logged."""

    def run(*args: Any, **kwargs: Any) -> None:
        STATE.collector.messages.clear()
        STATE.error = None
        try:
            build(*args, **kwargs)
        except (Exception, SystemExit) as error:  # noqa: BLE001 - the server must go on
            STATE.error = describe(error, STATE.collector.messages)
            log.error(
                "The build failed; the server goes on and every page shows the error until "
                "the next save builds cleanly."
            )

    return run


def with_banner(body: bytes, message: str) -> bytes:
    """The HTML page `body` with the error banner at the top of its `<body>`."""
    banner = BANNER.format(message=html.escape(message)).encode("utf-8")
    start = body.find(b"<body")
    if start == -1:
        return banner + body
    end = body.find(b">", start) + 1
    return body[:end] + banner + body[end:]


def banner_app(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """The server's WSGI app, adding the banner to HTML answers while a build error stands."""

    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        # Read once: the next build, on the watcher's thread, clears it while this request
        # waits for that build (a second read found None and answered 500).
        error = STATE.error
        if error is None or path.startswith("/livereload/"):
            return app(environ, start_response)
        answer: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answer.update(status=status, headers=headers)
            return lambda data: None

        body = b"".join(app(environ, capture))
        headers = answer.get("headers", [])
        if any(k.lower() == "content-type" and "text/html" in v for k, v in headers):
            body = with_banner(body, error)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(answer.get("status", "500 Internal Server Error"), headers)
        return [body]

    return serve


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, guard every build, the first one included."""
    if command != "serve" or STATE.patched:
        return
    STATE.patched = True
    logging.getLogger("mkdocs").addHandler(STATE.collector)
    # serve.py calls the `build` it imported for the first build and each rebuild.
    serve = mkdocs.commands.serve
    serve.build = guarded(serve.build)  # type: ignore[attr-defined]


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    """Guard the rebuilds' configuration loading too, and show the banner on every page."""
    server.builder = guarded(server.builder)
    app = server.get_app()
    assert app is not None, "LiveReloadServer sets its WSGI app when it is made"
    server.set_app(banner_app(app))
    return server
