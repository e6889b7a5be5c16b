"""The benchmark's static server compresses text as the real host does, and nothing else."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

from scripts.serving import GzipHandler, serve


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
