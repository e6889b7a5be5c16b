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

import pytest

from scripts.fixture_site import project_site
from scripts.serving import mkdocs_serve
from tests.conftest import run_build

LIVERELOAD = re.compile(
    r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>(?=</body>)", re.S
)
REBUILT = re.compile(r"Rebuilding (\d+) of (\d+) pages: (.*)")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(condition: Callable[[], bool], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the served site never showed the edit"
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

    def __init__(self, folder: Path, url: str, log: Path) -> None:
        self.folder, self.url, self.log = folder, url, log
        self.builds = 0
        self.seen_log = 0

    def page(self, path: str) -> str:
        status, text = fetch(self.url + path)
        return LIVERELOAD.sub("", text) if status == 200 else f"HTTP {status}"

    def rebuilt(self) -> set[str]:
        """The pages the last rebuild rendered, from the server's log."""
        lines = self.log.read_text(encoding="utf-8").splitlines()
        new, self.seen_log = lines[self.seen_log :], len(lines)
        found = [REBUILT.search(line) for line in new]
        matches = [m for m in found if m]
        assert matches, "the server did not log a partial rebuild:\n" + "\n".join(new)
        return set(matches[-1].group(3).split(", "))

    def assert_equals_clean_build(self, tmp_path: Path) -> None:
        self.builds += 1
        site = tmp_path / f"clean-{self.builds}"
        # `mkdocs serve` prints no PDF and keeps the landing page's note (assets/hooks/pdf.py):
        # the clean build compared with it leaves that hook out.
        config = self.folder / "mkdocs.yml"
        without_pdf = config.with_name("mkdocs-without-pdf.yml")
        text = config.read_text(encoding="utf-8")
        assert "  - assets/hooks/pdf.py\n" in text
        without_pdf.write_text(text.replace("  - assets/hooks/pdf.py\n", ""), encoding="utf-8")
        result = run_build(without_pdf, site)
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
