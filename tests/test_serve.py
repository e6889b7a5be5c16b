"""`mkdocs serve` shows an edit to the data module after its automatic rebuild."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.fixture_site import live_reload_site
from scripts.serving import mkdocs_serve


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.1)
    return False


def test_editing_the_data_module_updates_the_served_page(tmp_path: Path) -> None:
    live_reload_site(tmp_path)
    with mkdocs_serve(tmp_path) as url:
        assert wait_for(url, "TPU v3", 60), "mkdocs serve did not serve the page"
        assert "TPU v3 editado" not in fetch(url)
        data = tmp_path / "macros" / "data.py"
        text = data.read_text(encoding="utf-8")
        assert text.count('name="TPU v3"') == 1
        data.write_text(text.replace('name="TPU v3"', 'name="TPU v3 editado"'), encoding="utf-8")
        assert wait_for(url, "TPU v3 editado", 60), "the served page still shows the old data"
