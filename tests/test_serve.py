"""`mkdocs serve` shows edits after its automatic rebuild, and survives every build error.

A bad page or bad data shows the error (file, line, message) in the browser and the
terminal; the server keeps answering, and the next good save recovers it.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import mkdocs.commands.serve
import pytest
from mkdocs.livereload import LiveReloadServer
from playwright.sync_api import Browser, expect

from scripts.fixture_site import FRONT_MATTER, ROOT, fixture_site, live_reload_site
from scripts.serving import mkdocs_serve
from tests.chromium import open_context

SERVE_ERRORS_HOOK = ROOT / "assets" / "hooks" / "serve_errors.py"
RELOAD_HOOK = ROOT / "assets" / "hooks" / "reload_macros.py"
WATCH_HOOK = ROOT / "assets" / "hooks" / "serve_watch.py"
BANNER = 'id="course-build-error"'


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            text: str = response.read().decode("utf-8")
            return text
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(url: str, condition: Callable[[str], bool], seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while True:
        text = fetch(url)
        if condition(text):
            return text
        assert time.monotonic() < deadline, f"{url} never showed what was expected:\n{text[:500]}"
        time.sleep(0.1)


def test_editing_the_data_module_updates_the_served_page(tmp_path: Path) -> None:
    live_reload_site(tmp_path)
    with mkdocs_serve(tmp_path) as url:
        wait_for(url, lambda text: "TPU v3" in text, 60)
        assert "TPU v3 editado" not in fetch(url)
        data = tmp_path / "macros" / "data.py"
        text = data.read_text(encoding="utf-8")
        assert text.count('name="TPU v3"') == 1
        data.write_text(text.replace('name="TPU v3"', 'name="TPU v3 editado"'), encoding="utf-8")
        wait_for(url, lambda text: "TPU v3 editado" in text, 60)


def test_the_server_polls_the_files_every_tenth_of_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("serve_watch", WATCH_HOOK)
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setattr(mkdocs.commands.serve, "LiveReloadServer", LiveReloadServer)
    hook.on_startup("build", dirty=False)
    assert mkdocs.commands.serve.LiveReloadServer is LiveReloadServer  # type: ignore[attr-defined]
    hook.on_startup("serve", dirty=True)
    made = mkdocs.commands.serve.LiveReloadServer  # type: ignore[attr-defined]
    server = made(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server.observer.timeout == 0.1
        assert server.build_delay == 0.1  # MkDocs' own wait for the writes to stop
    finally:
        server.server_close()


def test_every_save_is_seen_an_editor_s_rename_over_the_file_included(tmp_path: Path) -> None:
    # Editors that save safely write a new file and rename it over the page: a new inode.
    fixture_site(tmp_path, FRONT_MATTER + "Versión 0.\n", hooks=[WATCH_HOOK])
    page = tmp_path / "docs" / "index.md"
    with mkdocs_serve(tmp_path) as url:
        wait_for(url, lambda text: "Versión 0." in text, 60)
        for version in range(1, 4):
            temporary = page.with_name(".index.md.swp")
            temporary.write_text(FRONT_MATTER + f"Versión {version}.\n", encoding="utf-8")
            os.replace(temporary, page)

            def shows(text: str, version: int = version) -> bool:
                return f"Versión {version}." in text

            wait_for(url, shows)
        # Saves faster than the polling: the last one is what the page shows.
        for version in range(4, 8):
            page.write_text(FRONT_MATTER + f"Versión {version}.\n", encoding="utf-8")
        wait_for(url, lambda text: "Versión 7." in text)


PAGE = FRONT_MATTER + '{{ tpu_comparison(["v3"]) }}\n\nTexto de la página.\n'


@pytest.fixture
def guarded_site(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A served site with the project's serve-errors hook; yields its folder, URL and log."""
    fixture_site(
        tmp_path,
        PAGE,
        copy_macros=True,
        extra_config="watch: [macros]\n",
        hooks=[SERVE_ERRORS_HOOK, RELOAD_HOOK],
    )
    log = tmp_path / "serve.log"
    with mkdocs_serve(tmp_path, log=log) as url:
        wait_for(url, lambda text: "Texto de la página." in text, 60)
        yield tmp_path, url, log


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unknown_macro_is_shown_and_the_next_good_save_recovers(
    guarded_site: tuple[Path, str, Path],
) -> None:
    folder, url, log = guarded_site
    page = folder / "docs" / "index.md"
    replace(page, "Texto de la página.", "{{ tpu_table() }}")
    text = wait_for(url, lambda text: BANNER in text)
    assert "docs/index.md:11: {{ tpu_table() }}" in text
    assert "&#x27;tpu_table&#x27; is undefined: no macro or variable has that name" in text
    # The server still answers every request, other files too.
    assert fetch(url + "sitemap.xml").startswith("<?xml")
    replace(page, "{{ tpu_table() }}", "Texto corregido.")
    # Every answer until then is the page with the banner or the fixed page, never an error.
    seen: list[str] = []

    def fixed(text: str) -> bool:
        seen.append(text)
        return "Texto corregido." in text

    text = wait_for(url, fixed)
    assert BANNER not in text
    assert all(BANNER in answer or "Texto corregido." in answer for answer in seen), seen
    output = log.read_text(encoding="utf-8")
    assert "The build failed; the server goes on" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "hbm_per_chip=16,",
            'hbm_per_chip="16",',
            "macros/data.py:{line}: TpuGeneration &#x27;v2&#x27;: field &#x27;hbm_per_chip&#x27;: "
            "expected int, got str &#x27;16&#x27;",
        ),
        ("weight: 1", "weight: uno", "docs/index.md: &#x27;weight&#x27; must be an integer"),
    ],
    ids=["bad-data", "bad-front-matter"],
)
def test_bad_data_or_front_matter_is_shown_and_the_server_keeps_answering(
    guarded_site: tuple[Path, str, Path], old: str, new: str, message: str
) -> None:
    folder, url, _ = guarded_site
    target = folder / ("macros/data.py" if "data" in message else "docs/index.md")
    line = next(
        n
        for n, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1)
        if old in text
    )
    replace(target, old, new)
    text = wait_for(url, lambda text: BANNER in text)
    assert message.format(line=line) in text
    replace(target, new, old)
    wait_for(url, lambda text: BANNER not in text and "Texto de la página." in text)


def test_a_reader_sees_the_error_in_the_open_page_and_then_the_fix(
    guarded_site: tuple[Path, str, Path], browser: Browser
) -> None:
    folder, url, _ = guarded_site
    context = open_context(browser, url.rstrip("/"))
    page = context.new_page()
    page.goto(url, wait_until="load")
    expect(page.get_by_text("Texto de la página.")).to_be_visible()
    replace(folder / "docs" / "index.md", "Texto de la página.", "{{ tpu_table() }}")
    # Live reload reloads the page by itself: the banner appears, named as an alert.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Error al construir el sitio", timeout=90_000)
    expect(alert).to_contain_text("docs/index.md:11")
    replace(folder / "docs" / "index.md", "{{ tpu_table() }}", "Texto corregido.")
    expect(page.get_by_text("Texto corregido.")).to_be_visible(timeout=90_000)
    expect(page.get_by_role("alert")).to_have_count(0)
    context.close()


def test_a_site_that_fails_from_the_start_is_served_with_the_error(tmp_path: Path) -> None:
    fixture_site(tmp_path, FRONT_MATTER + "{{ tpu_table() }}\n", hooks=[SERVE_ERRORS_HOOK])
    with mkdocs_serve(tmp_path) as url:
        text = wait_for(url, lambda text: BANNER in text, 60)
        assert "docs/index.md:9: {{ tpu_table() }}" in text
        replace(tmp_path / "docs" / "index.md", "{{ tpu_table() }}", "Ya funciona.")
        wait_for(url, lambda text: "Ya funciona." in text and BANNER not in text)


def test_a_request_answered_while_the_next_build_clears_the_error_is_not_a_server_error() -> None:
    # The watcher's thread starts the next build (clearing the error) while this request
    # waits for it: the answer is the page, with the banner it was asked under, not a 500.
    from assets.hooks import serve_errors

    def app(environ: dict[str, object], start_response: Callable[..., object]) -> list[bytes]:
        serve_errors.STATE.error = None  # the next build has started
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [b"<html><body><p>Texto corregido.</p></body></html>"]

    answers: list[str] = []
    serve_errors.STATE.error = "docs/index.md:11: {{ tpu_table() }}"
    try:
        body = b"".join(
            serve_errors.banner_app(app)(
                {"PATH_INFO": "/"}, lambda status, headers: answers.append(status)
            )
        )
    finally:
        serve_errors.STATE.error = None
    assert answers == ["200 OK"]
    assert "Texto corregido." in body.decode("utf-8")
    assert "tpu_table" in body.decode("utf-8")


# -- The pages in view first (serve_watch.PromptServer) -------------------------------------------


def prompt_server(root: Path, builder: Callable[[], None] = lambda: None) -> Any:
    """The project's server, made as `mkdocs serve` makes it, serving `root` under /apuntes/."""
    from assets.hooks import serve_watch

    return serve_watch.PromptServer(
        builder=builder, host="127.0.0.1", port=0, root=str(root), mount_path="/apuntes/"
    )


def answer(server: Any, path: str, referer: str = "") -> bytes:
    """The body the server answers for `path`, as a browser's request (from `referer`)."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    if referer:
        environ["HTTP_REFERER"] = referer
    result = server.serve_request(environ, lambda status, headers: None)
    try:
        return b"".join(result)
    finally:
        if hasattr(result, "close"):  # as a WSGI server does: the file is closed
            result.close()


def until(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.01)


def pages(root: Path, count: int) -> list[str]:
    for number in range(count):
        (root / f"p{number}").mkdir()
        (root / f"p{number}" / "index.html").write_text(f"<p>Página {number}</p>", "utf-8")
    return [f"p{number}/index.html" for number in range(count)]


def test_the_pages_in_view_are_those_served_last_and_those_open_in_a_browser(
    tmp_path: Path,
) -> None:
    files = pages(tmp_path, 12)
    server = prompt_server(tmp_path)
    try:
        for number in range(12):
            assert answer(server, f"/apuntes/p{number}/") == f"<p>Página {number}</p>".encode()
        # The last ten pages served; a file that is not a page does not count.
        (tmp_path / "style.css").write_text("p {}", encoding="utf-8")
        answer(server, "/apuntes/style.css")
        assert server.pages_in_view() == set(files[2:])
        # A page open in a browser: its live-reload request, waiting for the next build, names it.
        waiting = threading.Thread(
            target=answer,
            args=(server, f"/livereload/{server._visible_epoch}/1"),
            kwargs={"referer": "http://127.0.0.1:8000/apuntes/p0/"},
        )
        waiting.start()
        until(lambda: "p0/index.html" in server.pages_in_view())
        with server._epoch_cond:  # a build ends: the browser is told to reload
            server._visible_epoch += 1
            server._epoch_cond.notify_all()
        waiting.join(10)
        assert not waiting.is_alive()
        assert server.pages_in_view() == set(files[2:])
    finally:
        server.server_close()


def test_a_page_left_for_later_waits_for_the_build_that_builds_it(tmp_path: Path) -> None:
    pages(tmp_path, 2)
    builds: list[str] = []
    server = prompt_server(tmp_path, lambda: builds.append("built"))
    try:
        server.build_later(["p1/index.html"])
        # Another page is answered at once, and asks for no build.
        assert answer(server, "/apuntes/p0/") == "<p>Página 0</p>".encode()
        assert not server._want_rebuild
        answers: list[bytes] = []
        waiting = threading.Thread(target=lambda: answers.append(answer(server, "/apuntes/p1/")))
        waiting.start()
        # The page left for later asks MkDocs' build loop for a build, and waits for it.
        until(lambda: server._want_rebuild)
        assert waiting.is_alive() and not answers
        server.builder()  # as the build loop runs it: the build starts and builds the page
        waiting.join(10)
        assert answers == ["<p>Página 1</p>".encode()]
        assert builds == ["built"]
    finally:
        server.server_close()


def test_the_pages_left_for_later_are_built_once_the_server_is_quiet(tmp_path: Path) -> None:
    server = prompt_server(tmp_path)
    builder = threading.Thread(target=server._build_later_pages)
    builder.start()
    try:
        assert not server._want_rebuild
        server.build_later(["p1/index.html"])
        until(lambda: server._want_rebuild)
    finally:
        with server._views:
            server._stopping = True
            server._views.notify_all()
        builder.join(10)
        server.server_close()
    assert not builder.is_alive()


def test_a_build_of_pages_no_browser_shows_does_not_reload_the_browsers(tmp_path: Path) -> None:
    # The course hook calls no_reload() during a build that writes only pages left for later.
    quiet: list[bool] = []
    server = prompt_server(tmp_path, lambda: server.no_reload() if quiet else None)
    try:
        # MkDocs' build loop: the epoch a build starts at, which browsers reload to at its end.
        start = server._visible_epoch
        server._wanted_epoch = start + 1
        server.builder()
        assert server._wanted_epoch == start + 1
        quiet.append(True)
        server._wanted_epoch = start + 2
        server.builder()
        assert server._wanted_epoch == server._visible_epoch == start
    finally:
        server.server_close()
