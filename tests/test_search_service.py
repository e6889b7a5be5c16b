"""Pagefind's service indexing the pages while `mkdocs build` renders them (search_pagefind.py).

The real service must give the index Pagefind's command line gives for the same pages; a
page it refuses, or a service that ends, fails the build with Pagefind's own words, and the
pages that would be missing from the index named.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from assets.hooks import pdf as pdf_hook
from assets.hooks import search_pagefind
from scripts.fixture_site import FRONT_MATTER, fixture_site
from tests.conftest import run_build

PAGES = [
    search_pagefind.SearchPage("", "Inicio", "<h1>Inicio</h1><p>Apuntes de redes neuronales</p>"),
    search_pagefind.SearchPage("t3/", "T3", "<h1>T3</h1><p>Núcleos\fTPU y GPU</p>"),
    search_pagefind.SearchPage("t3/a/", "Sección A", "<p>Sin título propio: árboles</p>"),
]

# A stand-in for Pagefind's binary that speaks its service protocol and misbehaves as told by
# FAKE_PAGEFIND: "refuse" answers an error for the page /t3/, "exit" ends after the new index
# with a message on its standard error, "wrong-url" says it indexed another address.
FAKE = """\
import base64, json, os, sys
mode = os.environ["FAKE_PAGEFIND"]
def answer(number, payload):
    message = json.dumps({"message_id": number, "payload": payload}).encode()
    sys.stdout.buffer.write(base64.b64encode(message) + b",")
    sys.stdout.buffer.flush()
buffer = b""
while chunk := os.read(0, 65536):
    *messages, buffer = (buffer + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        number, payload = request["message_id"], request["payload"]
        if payload["type"] == "NewIndex":
            answer(number, {"type": "NewIndex", "index_id": 0})
            if mode == "exit":
                sys.stderr.write("pagefind: out of memory\\n")
                sys.exit(3)
        elif payload["type"] == "AddFile":
            url = payload["url"]
            if mode == "refuse" and url == "/t3/":
                error = {"type": "Error", "message": "could not parse", "original_message": None}
                answer(number, error)
            else:
                shown = "/elsewhere/" if mode == "wrong-url" else url
                done = {"type": "IndexedFile", "page_word_count": 1, "page_url": shown}
                answer(number, {**done, "page_meta": {}})
        elif payload["type"] == "WriteFiles":
            answer(number, {"type": "WriteFiles", "output_path": payload["output_path"]})
"""


@pytest.fixture
def fake_pagefind(tmp_path: Path) -> Path:
    binary = tmp_path / "fake-pagefind"
    binary.write_text(f"#!{sys.executable}\n{FAKE}", encoding="utf-8")
    binary.chmod(0o755)
    return binary


def indexed(service: search_pagefind.PagefindService, output: Path) -> None:
    try:
        for page in PAGES:
            service.add(page.url, search_pagefind.pagefind_document(page, "es"))
        service.write(output)
    finally:
        service.close()


def test_the_service_writes_the_index_the_command_line_writes(tmp_path: Path) -> None:
    served, command_line = tmp_path / "served", tmp_path / "command-line"
    indexed(search_pagefind.PagefindService(search_pagefind.pagefind_binary(), "es"), served)
    search_pagefind.write_index(PAGES, command_line, "es")
    # The same fragment (a page's text, title and address) for each page, under the same name.
    fragments = sorted(p.name for p in (served / "fragment").iterdir())
    assert len(fragments) == len(PAGES)
    assert fragments == sorted(p.name for p in (command_line / "fragment").iterdir())
    for name in fragments:
        assert (served / "fragment" / name).read_bytes() == (
            command_line / "fragment" / name
        ).read_bytes()
    ids = search_pagefind.fragment_ids(served)
    assert sorted(ids) == ["/", "/t3/", "/t3/a/"]
    assert [d["location"] for d in search_pagefind.page_list(PAGES, ids)] == ["", "t3/", "t3/a/"]
    # Accents folded and words of adjacent elements apart, as the command line indexes them.
    text = search_pagefind.read_fragment(
        (served / "fragment" / f"{ids['/t3/']}.pf_fragment").read_bytes()
    )["content"]
    assert "Núcleos TPU y GPU" in text


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        (
            "refuse",
            "search_pagefind: the index would miss pages:\n"
            "Pagefind could not index the page /t3/: could not parse",
        ),
        (
            "wrong-url",
            "search_pagefind: the index would miss pages:\n"
            "Pagefind answered {'type': 'IndexedFile', 'page_word_count': 1, 'page_url': "
            "'/elsewhere/', 'page_meta': {}} for /",
        ),
    ],
)
def test_a_page_pagefind_refuses_fails_with_its_message(
    fake_pagefind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, message: str
) -> None:
    monkeypatch.setenv("FAKE_PAGEFIND", mode)
    with pytest.raises(PluginError) as error:
        indexed(search_pagefind.PagefindService(fake_pagefind, "es"), tmp_path / "out")
    assert str(error.value).startswith(message)


def test_a_service_that_ends_fails_naming_every_page_and_its_error(
    fake_pagefind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_PAGEFIND", "exit")
    with pytest.raises(PluginError) as error:
        indexed(search_pagefind.PagefindService(fake_pagefind, "es"), tmp_path / "out")
    ended = "Pagefind's service ended (exit code 3) pagefind: out of memory"
    assert str(error.value) == (
        "search_pagefind: the index would miss pages:\n"
        + "\n".join(f"Pagefind could not index the page /{p.url}: {ended}" for p in PAGES)
    )
    assert not (tmp_path / "out").exists()


def test_a_build_whose_pagefind_fails_fails_and_names_the_page(
    fake_pagefind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hook = Path(search_pagefind.__file__)
    (tmp_path / "site-src").mkdir()
    config = fixture_site(
        tmp_path / "site-src",
        FRONT_MATTER + "Texto.\n",
        pages={"t3/index.md": FRONT_MATTER.replace("Prueba", "T3") + "Núcleos.\n"},
        hooks=[hook],
        extra_config="theme:\n  name: material\n  language: es\n",
    )
    text = config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n")
    config.write_text(text, encoding="utf-8")
    # The `pagefind` package runs the binary this names (pagefind.service.get_executable).
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind))
    monkeypatch.setenv("FAKE_PAGEFIND", "refuse")
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "Pagefind could not index the page /t3/: could not parse" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / search_pagefind.OUTPUT).exists()


def test_under_serve_an_obsolete_index_is_stopped_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind's command line, as slow as it can be: it writes its pid and never ends.
    pid = tmp_path / "pid"
    binary = tmp_path / "slow-pagefind"
    binary.write_text(
        f"#!{sys.executable}\nimport os, time\nopen({str(pid)!r}, 'w').write(str(os.getpid()))\n"
        "time.sleep(3600)\n",
        encoding="utf-8",
    )
    binary.chmod(0o755)
    monkeypatch.setattr(search_pagefind, "pagefind_binary", lambda: binary)
    cancel = threading.Event()
    errors: list[BaseException] = []

    def index() -> None:
        try:
            search_pagefind.write_index(PAGES, tmp_path / "index", "es", cancel)
        except BaseException as error:  # noqa: BLE001 - the test looks at what it raised
            errors.append(error)

    indexing = threading.Thread(target=index)
    indexing.start()
    deadline = time.monotonic() + 30
    while not pid.is_file() or not pid.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "Pagefind never started"
        time.sleep(0.01)
    cancel.set()  # the next build of `mkdocs serve` starts
    indexing.join(30)
    assert not indexing.is_alive()
    assert [type(error) for error in errors] == [search_pagefind.IndexCancelled]
    with pytest.raises(ProcessLookupError):  # Pagefind was stopped, not left running
        os.kill(int(pid.read_text(encoding="utf-8")), 0)
    assert not (tmp_path / "index").exists()


def test_the_index_is_written_while_the_build_goes_on(tmp_path: Path) -> None:
    service = search_pagefind.PagefindService(search_pagefind.pagefind_binary(), "es")
    entry = tmp_path / "index" / "pagefind-entry.json"
    try:
        for page in PAGES:
            service.add(page.url, search_pagefind.pagefind_document(page, "es"))
        writing = service.start_writing(tmp_path / "index")
        # Asked and not waited for: the files appear while the caller does something else.
        deadline = time.monotonic() + 60
        while not entry.is_file():
            assert time.monotonic() < deadline, "Pagefind wrote no index"
            time.sleep(0.05)
        assert service.finish_writing(writing) > 0
    finally:
        service.close()
    assert sorted(search_pagefind.fragment_ids(tmp_path / "index")) == ["/", "/t3/", "/t3/a/"]
    # In a build, it is asked for first among the hooks that end a build, so it is written
    # while the PDFs print, and published last, after Material's search plugin (0).
    first, pdfs, last = (
        search_pagefind._start_writing,
        pdf_hook.on_post_build,
        search_pagefind._publish,
    )
    assert priority(first) > priority(pdfs) > 0 > priority(last)


def priority(handler: object) -> float:
    """The event priority MkDocs runs `handler` at (`event_priority`)."""
    return float(vars(handler)["mkdocs_priority"])
