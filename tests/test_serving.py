"""The static servers of the tests and the benchmark behave as GitHub Pages does."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.serving import (
    GzipHandler,
    QuietHandler,
    QuietServer,
    pages_handler,
    serve,
    site_path,
)


def fetch(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    """Headers and raw (still encoded) body of a GET request."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers), response.read()


def test_gzip_server_compresses_text_for_clients_that_accept_it(tmp_path: Path) -> None:
    html = "<!doctype html><title>Página</title>" + "<p>núcleo</p>" * 200
    (tmp_path / "t3").mkdir()
    (tmp_path / "t3" / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(300))
    with serve(tmp_path, GzipHandler) as url:
        headers, body = fetch(url + "/t3/", "gzip, deflate")
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"].startswith("text/html")
        assert int(headers["Content-Length"]) == len(body) < len(html.encode()) / 10
        assert gzip.decompress(body).decode("utf-8") == html

        headers, body = fetch(url + "/t3/", None)
        assert "Content-Encoding" not in headers
        assert body.decode("utf-8") == html

        headers, body = fetch(url + "/logo.png", "gzip")
        assert "Content-Encoding" not in headers
        assert body == b"\x89PNG" + bytes(300)


def test_pages_server_serves_under_the_site_path_and_answers_404_with_the_404_page(
    tmp_path: Path,
) -> None:
    (tmp_path / "index.html").write_text("<h1>Inicio</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Página no encontrada</h1>", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://example.org/apuntes/</loc></url></urlset>", encoding="utf-8"
    )
    prefix = site_path(tmp_path)
    assert prefix == "/apuntes"
    with serve(tmp_path, pages_handler(prefix)) as url:
        headers, body = fetch(url + "/apuntes/", "gzip")
        assert gzip.decompress(body).decode("utf-8") == "<h1>Inicio</h1>"
        for missing in ("/apuntes/no-existe/", "/index.html"):  # the second is outside the path
            with pytest.raises(urllib.error.HTTPError) as answer:
                fetch(url + missing, None)
            assert answer.value.code == 404, missing
            assert answer.value.read().decode("utf-8") == "<h1>Página no encontrada</h1>"


def test_a_client_that_hangs_up_leaves_no_traceback_but_any_other_error_does(
    capfd: pytest.CaptureFixture[str],
) -> None:
    server = QuietServer(("127.0.0.1", 0), QuietHandler)
    try:
        # What the server calls when a request fails, inside the handler's `except`.
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise error
            except OSError:
                server.handle_error(None, ("127.0.0.1", 4242))
        assert capfd.readouterr().err == ""
        try:
            raise ValueError("a handler's own error")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 4242))
        printed = capfd.readouterr().err
        assert "Traceback" in printed and "ValueError: a handler's own error" in printed
    finally:
        server.server_close()
