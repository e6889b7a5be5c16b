"""`mkdocs serve` shows an edit to the data module after its automatic rebuild."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from scripts.serving import free_port
from tests.conftest import ROOT, fixture_site


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
    page = "---\ntitle: Prueba\nweight: 1\ndescription: Prueba.\n---\n\n# Prueba\n\n"
    reload_hook = (ROOT / "assets" / "hooks" / "reload_macros.py").as_posix()
    fixture_site(
        tmp_path,
        page + '{{ tpu_comparison(["v3"]) }}\n',
        copy_macros=True,
        extra_config=f"watch: [macros]\nhooks: [{reload_hook}]\n",
    )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        # Live reload on: with --no-livereload MkDocs 1.6 does not watch files at all.
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(url, "TPU v3", 60), "mkdocs serve did not serve the page"
        assert "TPU v3 editado" not in fetch(url)
        data = tmp_path / "macros" / "data.py"
        text = data.read_text(encoding="utf-8")
        assert text.count('name="TPU v3"') == 1
        data.write_text(text.replace('name="TPU v3"', 'name="TPU v3 editado"'), encoding="utf-8")
        assert wait_for(url, "TPU v3 editado", 60), "the served page still shows the old data"
    finally:
        server.terminate()
        server.wait(timeout=10)
