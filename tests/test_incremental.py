"""`make serve` rebuilds only what an edit affects, and the result equals a clean build.

A copy of the real site is served by `mkdocs serve --dirty` (as `make serve` runs it); a
sequence of edits is made (prose, a title in front matter, a data record, a new page, a
deleted page) and, after each, every page the server answers is compared with a fresh
`mkdocs build` of the same files. The server's log says which pages each edit rebuilt.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from scripts.fixture_site import project_site
from scripts.generate_course import generate_course, project_config, write_config
from scripts.serving import mkdocs_serve
from tests.chromium import open_context
from tests.conftest import run_build

LIVERELOAD = re.compile(
    r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>(?=</body>)", re.S
)
REBUILT = re.compile(r"Rebuilding (\d+) of (\d+) pages: (.*)")
LATER = re.compile(r"Later, once the browser has the page in view .*: (.*)")
EPOCH = re.compile(r"livereload\((\d+), \d+\)")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(
    condition: Callable[[], bool],
    seconds: float = 90,
    failure: str = "the served site never showed the edit",
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.1)


def served_pages(site: Path) -> list[str]:
    """The URL paths of a built site's HTML files."""
    return sorted(
        path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if "assets" not in path.relative_to(site).parts
    )


class Served:
    """The served copy of the site, its log, and a clean build to compare it with."""

    def __init__(self, folder: Path, url: str, log: Path, clean_config: Path | None = None) -> None:
        self.folder, self.url, self.log = folder, url, log
        # The configuration of the clean builds; by default the site's without the PDF hook.
        self.clean_config = clean_config
        self.builds = 0
        self.seen_log = 0

    def page(self, path: str) -> str:
        status, text = fetch(self.url + path)
        return LIVERELOAD.sub("", text) if status == 200 else f"HTTP {status}"

    def epoch(self, path: str) -> int:
        """The site's version the page was served at: browsers reload when it grows."""
        found = EPOCH.search(fetch(self.url + path)[1])
        assert found, f"{path}: no live-reload script"
        return int(found.group(1))

    def new_log(self) -> list[str]:
        lines = self.log.read_text(encoding="utf-8").splitlines()
        new, self.seen_log = lines[self.seen_log :], len(lines)
        return new

    def rebuilt(self) -> set[str]:
        """The pages the last rebuild rendered, from the server's log."""
        new = self.new_log()
        found = [REBUILT.search(line) for line in new]
        matches = [m for m in found if m]
        assert matches, "the server did not log a partial rebuild:\n" + "\n".join(new)
        return set(matches[-1].group(3).split(", "))

    def plan(self) -> tuple[set[str], set[str]]:
        """The pages the first rebuild since the last look rendered, and those it left."""
        new = self.new_log()
        first = next((m for m in map(REBUILT.search, new) if m), None)
        later = next((m for m in map(LATER.search, new) if m), None)
        assert first, "the server did not log a partial rebuild:\n" + "\n".join(new)
        return set(first.group(3).split(", ")), set(later.group(1).split(", ") if later else ())

    def assert_equals_clean_build(self, tmp_path: Path) -> None:
        self.builds += 1
        site = tmp_path / f"clean-{self.builds}"
        config = self.clean_config or self.without_pdf()
        result = run_build(config, site)
        assert result.returncode == 0, result.stdout + result.stderr
        different = [
            p
            for p in served_pages(site)
            if self.page(p)
            != (site / p / "index.html" if not p.endswith(".html") else site / p).read_text(
                encoding="utf-8"
            )
        ]
        if different:
            import difflib

            first = different[0]
            clean_text = (site / first / "index.html").read_text(encoding="utf-8")
            diff = difflib.unified_diff(
                clean_text.splitlines(), self.page(first).splitlines(), "clean", "served", n=1
            )
            detail = "\n".join(list(diff)[:40])
            raise AssertionError(f"served pages differ from a clean build: {different}\n{detail}")
        clean = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))

        def same_index() -> bool:
            # Under `mkdocs serve` the search index is written just after the build.
            status, index = fetch(self.url + "search/search_index.json")
            return status == 200 and json.loads(index) == clean

        wait_for(same_index, 60)

    def without_pdf(self) -> Path:
        """The site's configuration without the PDF hook.

        `mkdocs serve` prints no PDF and keeps the landing page's note (assets/hooks/pdf.py):
        the clean build compared with it leaves that hook out.
        """
        config = self.folder / "mkdocs.yml"
        without_pdf = config.with_name("mkdocs-without-pdf.yml")
        text = config.read_text(encoding="utf-8")
        assert "  - assets/hooks/pdf.py\n" in text
        without_pdf.write_text(text.replace("  - assets/hooks/pdf.py\n", ""), encoding="utf-8")
        return without_pdf


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    folder = tmp_path / "project"
    folder.mkdir()
    project_site(folder, copy_macros=True)
    log = tmp_path / "serve.log"
    # The clean builds must address the site as the server does.
    with mkdocs_serve(folder, log=log) as url:
        monkeypatch.setenv("SITE_URL", url + "apuntes/")
        served = Served(folder, url + "apuntes/", log)
        wait_for(lambda: "TPU v3" in served.page("t3/computacion-acelerada/"))
        served.seen_log = len(log.read_text(encoding="utf-8").splitlines())
        yield served


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_rebuild_what_they_affect_and_equal_a_clean_build(
    served: Served, tmp_path: Path
) -> None:
    docs = served.folder / "docs"
    served.assert_equals_clean_build(tmp_path)

    # Prose: the page and the printable page that shows it.
    edit(docs / "t3" / "frameworks.md", "Presenta un núcleo", "Presenta ahora un núcleo")
    wait_for(lambda: "Presenta ahora un núcleo" in served.page("t3/frameworks/"))
    assert served.rebuilt() == {"t3/frameworks.md", "t3/correcciones.md"}
    # The printable page is republished from its last HTML with the section's new text.
    assert "Presenta ahora un núcleo" in served.page("t3/imprimir/")
    served.assert_equals_clean_build(tmp_path)

    # A description: the page and the topic's section list, not the navigation.
    edit(docs / "t3" / "proveedores.md", "description: ", "description: Nueva descripción. ")
    wait_for(lambda: "Nueva descripción." in served.page("t3/"))
    assert served.rebuilt() == {"t3/proveedores.md", "t3/index.md", "t3/correcciones.md"}
    served.assert_equals_clean_build(tmp_path)

    # A data record: the pages whose macros read it.
    edit(served.folder / "macros" / "data.py", 'name="TPU v3"', 'name="TPU v3 (revisada)"')
    wait_for(lambda: "TPU v3 (revisada)" in served.page("t3/computacion-acelerada/"))
    assert served.rebuilt() == {"t3/computacion-acelerada.md"}
    served.assert_equals_clean_build(tmp_path)

    # A record a self-check question is generated from: the question follows the table.
    edit(
        served.folder / "macros" / "data.py",
        'hbm_per_chip=32,\n        hbm_unit="GiB",\n        bf16_tflops_per_chip=275,',
        'hbm_per_chip=48,\n        hbm_unit="GiB",\n        bf16_tflops_per_chip=275,',
    )
    answer = "La respuesta correcta es «48\u00a0GiB»."
    wait_for(lambda: answer in served.page("t3/computacion-acelerada/"))
    assert served.rebuilt() == {"t3/computacion-acelerada.md"}
    assert "«48\u00a0GiB»" in served.page("t3/imprimir/")
    served.assert_equals_clean_build(tmp_path)

    # A written question: its page lists every question to find its own, so it reads them all.
    edit(
        served.folder / "macros" / "data.py",
        'question="¿Por qué una GPU acelera',
        'question="¿Por qué razón una GPU acelera',
    )
    wait_for(lambda: "¿Por qué razón una GPU" in served.page("t3/computacion-acelerada/"))
    assert served.rebuilt() == {"t3/computacion-acelerada.md"}
    served.assert_equals_clean_build(tmp_path)

    # The question moved to another page: it leaves one page's questions and joins the other's.
    edit(
        served.folder / "macros" / "data.py",
        'key="gpu-parallelism",\n        page="t3/computacion-acelerada.md",',
        'key="gpu-parallelism",\n        page="t3/frameworks.md",',
    )
    wait_for(lambda: "¿Por qué razón una GPU" in served.page("t3/frameworks/"))
    assert served.rebuilt() == {"t3/computacion-acelerada.md", "t3/frameworks.md"}
    served.assert_equals_clean_build(tmp_path)

    # An abbreviation: every page carries every abbreviation's tooltip.
    edit(
        served.folder / "macros" / "data.py",
        'expansion="Unidad de procesamiento tensorial"',
        'expansion="Unidad de procesamiento de tensores"',
    )
    wait_for(lambda: "Unidad de procesamiento de tensores" in served.page("t3/frameworks/"))
    served.assert_equals_clean_build(tmp_path)

    # A table added on an earlier page: the later pages' numbers move, without rendering them.
    edit(
        docs / "t3" / "frameworks.md",
        "## Caffe\n",
        '## Caffe\n\n{{ glossary_table(["tpu"]) }}\n',
    )

    def first_table(page: str) -> str:
        found = re.search(r'caption-prefix">(Tabla [0-9.]+)<', served.page(page))
        return found.group(1) if found else ""

    before = first_table("t3/computacion-acelerada/")
    wait_for(lambda: first_table("t3/computacion-acelerada/") not in {before, ""})
    assert first_table("t3/computacion-acelerada/") == "Tabla 3.8."
    assert "t3/computacion-acelerada.md" not in served.rebuilt()
    served.assert_equals_clean_build(tmp_path)

    # A title in front matter: the navigation of every page shows it.
    edit(docs / "t3" / "frameworks.md", "title: Frameworks para Deep Learning", "title: Marcos")
    wait_for(lambda: "Marcos" in served.page("glosario/"))
    served.assert_equals_clean_build(tmp_path)

    # A new page, then the page deleted: its address goes away again.
    (docs / "t3" / "nueva.md").write_text(
        "---\ntitle: Nueva sección\nweight: 4\n---\n\n# Nueva sección\n\nTexto nuevo.\n",
        encoding="utf-8",
    )
    wait_for(lambda: "Texto nuevo." in served.page("t3/nueva/"))
    assert "Texto nuevo." in served.page("t3/imprimir/")
    served.assert_equals_clean_build(tmp_path)
    (docs / "t3" / "nueva.md").unlink()
    wait_for(lambda: served.page("t3/nueva/") == "HTTP 404")
    served.assert_equals_clean_build(tmp_path)


def test_links_to_anchors_are_checked_as_a_clean_build_checks_them(
    served: Served, tmp_path: Path
) -> None:
    """A partial rebuild warns about a broken link to an anchor as a clean build does.

    MkDocs checks links to anchors only between the pages a build renders: a link from a
    page not rebuilt, or to one, went unchecked under `make serve`.
    """
    docs = served.folder / "docs"
    warning = (
        "Doc file 't3/proveedores.md' contains a link '{link}', but the doc 't3/frameworks.md' "
        "does not contain an anchor '#{anchor}'."
    )

    def warned(message: str) -> Callable[[], bool]:
        return lambda: message in served.log.read_text(encoding="utf-8")

    def clean_build_warns(message: str) -> None:
        config = served.without_pdf()
        result = run_build(config, tmp_path / "clean-with-a-warning")
        assert result.returncode != 0 and message in result.stdout + result.stderr

    # A new link to an anchor of a page this rebuild does not render.
    with (docs / "t3" / "proveedores.md").open("a", encoding="utf-8") as page:
        page.write("\nCompárese con [Caffe](frameworks.md#no-existe).\n")
    wait_for(lambda: "Compárese con" in served.page("t3/proveedores/"))
    assert "t3/frameworks.md" not in served.rebuilt()
    missing = warning.format(link="frameworks.md#no-existe", anchor="no-existe")
    wait_for(warned(missing), 30, f"the server never warned: {missing}")
    clean_build_warns(missing)

    # The link mended: no warning; then the heading it points to renamed on its own page.
    edit(docs / "t3" / "proveedores.md", "frameworks.md#no-existe", "frameworks.md#caffe")
    wait_for(lambda: 'href="../frameworks/#caffe"' in served.page("t3/proveedores/"))
    served.new_log()
    edit(docs / "t3" / "frameworks.md", "## Caffe\n", "## Caffe (Berkeley)\n")
    wait_for(lambda: 'id="caffe-berkeley"' in served.page("t3/frameworks/"))
    assert "t3/proveedores.md" not in served.rebuilt()
    renamed = warning.format(link="frameworks.md#caffe", anchor="caffe")
    wait_for(warned(renamed), 30, f"the server never warned: {renamed}")
    clean_build_warns(renamed)


# -- An edit to every topic: the topics in view first ----------------------------------------

TOPIC_PAGES: tuple[str, ...] = ("", "computacion-acelerada/", "correcciones/", "frameworks/")
TOPIC_PAGES += ("imprimir/", "proveedores/")
TPU = 'name="TPU v3"'
REVISED = "TPU v3 (revisada)"


@pytest.fixture
def served_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    """A course of four topics (T3 copied as T4-T6, scripts/generate_course.py), served."""
    folder = tmp_path / "course"
    generate_course(folder, 4)
    # Served and built without the PDF hook (see Served.without_pdf), so one configuration.
    hooks = [hook for hook in project_config()["hooks"] if hook != "assets/hooks/pdf.py"]
    config = write_config(folder, 4, hooks=hooks)
    log = tmp_path / "serve.log"
    with mkdocs_serve(folder, log=log) as url:
        monkeypatch.setenv("SITE_URL", url + "apuntes/")
        served = Served(folder, url + "apuntes/", log, clean_config=config)
        wait_for(lambda: "TPU v3" in served.page("t5/computacion-acelerada/"), 180)
        served.seen_log = len(log.read_text(encoding="utf-8").splitlines())
        yield served


def test_an_edit_every_topic_shows_renders_the_topics_in_view_first(
    served_course: Served, browser: Browser, tmp_path: Path
) -> None:
    served = served_course
    origin = served.url.removesuffix("apuntes/").rstrip("/")
    context = open_context(browser, origin)
    context.add_init_script("sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1)")
    try:
        # T5's page open in a browser; its live-reload request waits for the next build.
        page = context.new_page()
        page.bring_to_front()  # a page out of view makes no live-reload requests
        page.goto(served.url + "t5/computacion-acelerada/")
        # Waiting in Playwright's own loop: the context's routing (open_context) passes each
        # request on from this thread, so a plain sleep would hold the browser's request.
        connected = "Browser connected: " + served.url + "t5/"
        deadline = time.monotonic() + 90
        while connected not in "\n".join(served.new_log()):
            assert time.monotonic() < deadline, "the browser's live-reload request never came"
            page.wait_for_timeout(50)
        # T4's and T6's pages served last (T5's, served before them, is no longer among them).
        for topic in ("t4", "t6"):
            for name in TOPIC_PAGES:
                served.page(f"{topic}/{name}")
        served.new_log()

        edit(served.folder / "macros" / "data.py", TPU, f'name="{REVISED}"')
        # The open page reloads by itself with the record changed.
        expect(page.get_by_text(REVISED).first).to_be_visible(timeout=90_000)
        now, later = served.plan()
        assert now == {f"{topic}/computacion-acelerada.md" for topic in ("t4", "t5", "t6")}
        assert later == {"t3/computacion-acelerada.md"}
        epoch = served.epoch("t5/computacion-acelerada/")

        # T3's pages are never served stale: asked for, they wait for the build that builds them.
        assert REVISED in served.page("t3/computacion-acelerada/")
        assert REVISED in served.page("t3/imprimir/")
        assert served.rebuilt() == {"t3/computacion-acelerada.md"}
        # That build wrote no page a browser could show: the open page is not reloaded again.
        assert served.epoch("t5/computacion-acelerada/") == epoch
        assert page.evaluate("sessionStorage.loads") == "2"
        served.assert_equals_clean_build(tmp_path)
    finally:
        context.close()


def test_a_section_is_printed_again_only_when_what_it_is_printed_from_changed() -> None:
    from assets.hooks.course import SectionPrints
    from macros import printable

    class Counting:
        """macros.printable, counting its prints (a module imported afresh is another)."""

        def __init__(self) -> None:
            self.prints = 0

        def print_section(self, *args: Any) -> Any:
            self.prints += 1
            return printable.print_section(*args)

    section = printable.Section(name="a", url="t3/a/", html='<h1 id="x">A</h1>')
    local = {"/t3/a/": "a"}
    key = ("t3/imprimir.md", "t3/a.md")
    prints, module = SectionPrints(), Counting()
    first = prints.print(key, module, section, "t3/imprimir/", local)
    assert first == printable.print_section(section, "t3/imprimir/", local)
    assert prints.print(key, module, section, "t3/imprimir/", dict(local)) == first
    assert module.prints == 1
    # Each input counts: the section's HTML, the page, the sections printed with it, the code.
    changed = printable.Section(name="a", url="t3/a/", html='<h1 id="x">A2</h1>')
    assert "A2" in prints.print(key, module, changed, "t3/imprimir/", local)[0]
    prints.print(key, module, changed, "t4/imprimir/", local)
    prints.print(key, module, changed, "t4/imprimir/", {**local, "/t3/b/": "b"})
    prints.print(key, Counting(), changed, "t4/imprimir/", {**local, "/t3/b/": "b"})
    assert module.prints == 4
    # A page that is gone takes its prints with it.
    prints.keep(["t3/imprimir.md"])
    assert prints.printed == {}
