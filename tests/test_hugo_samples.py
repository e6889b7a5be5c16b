"""Real Hugo sites imported into a copy of this site, built strictly and compared with Hugo.

`tests/hugo_compare.py` holds the samples and the comparison; here one session imports
every sample (and the Hextra fixture, which has every Hextra shortcode but no Hugo theme to
render it offline), builds the site with `mkdocs build --strict`, and checks it page by
page against Hugo's rendering, then in Chromium under a pull-request preview's sub-path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Error, Page, Request, expect

from scripts.serving import pages_handler, serve
from tests.chromium import open_context
from tests.conftest import ROOT, run_build
from tests.hugo_compare import (
    SAMPLES,
    Comparison,
    Rendered,
    Sample,
    compare,
    copy_site,
    figures,
    front_matter,
    landing,
    run_import,
    site_page,
)

HEXTRA = ROOT / "tests" / "fixtures" / "hugo-hextra" / "content" / "docs" / "hx"
PREFIX = "/pr-preview/pr-9"


@dataclass
class Imported:
    """The temporary site with every sample imported, and what the imports printed."""

    folder: Path
    built: Path
    reports: dict[str, str]


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """A copy of the site with every sample imported, built strictly."""
    folder = copy_site(tmp_path_factory.mktemp("imported"))
    reports = {}
    for name, section, topic in [
        *((s.name, s.section, s.topic) for s in SAMPLES),
        ("hextra", HEXTRA, "hx"),
    ]:
        result = run_import(folder, section, topic)
        assert result.returncode == 0, f"import of {name} failed:\n{result.stderr}"
        reports[name] = result.stdout
    built = folder / "site"
    result = run_build(folder / "mkdocs.yml", built)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"strict build of the imported samples failed:\n{output}"
    assert "WARNING" not in output, f"build printed warnings:\n{output}"
    return Imported(folder, built, reports)


@pytest.fixture(scope="session")
def hugo_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Rendered]]:
    """What Hugo rendered for each sample (Hugo run now when the sample has no stored copy)."""
    pages = {}
    for sample in SAMPLES:
        before = tree(sample.section.parents[2])
        pages[sample.name] = sample.reference(tmp_path_factory.mktemp(f"hugo-{sample.name}"))
        assert tree(sample.section.parents[2]) == before, (
            f"building {sample.name} changed its files"
        )
        assert pages[sample.name], f"Hugo rendered no page for {sample.name}"
    return pages


@pytest.fixture(scope="session")
def comparisons(
    imported: Imported, hugo_pages: dict[str, list[Rendered]]
) -> dict[str, list[Comparison]]:
    return {s.name: compare(s, hugo_pages[s.name], imported.built) for s in SAMPLES}


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_every_page_matches_what_hugo_rendered(
    sample: Sample, comparisons: dict[str, list[Comparison]], hugo_pages: dict[str, list[Rendered]]
) -> None:
    results = comparisons[sample.name]
    assert len(results) == len(hugo_pages[sample.name])
    problems = {r.hugo_url: r.problems() for r in results if r.problems()}
    details = "\n".join(f"{url}: {p}" for url, p in problems.items())
    assert not problems, f"{details}\n\n{figures(sample, results)}"
    assert sum(r.headings for r in results) > 0 and sum(r.words for r in results) > 0


def test_hugo_book_needs_each_of_its_shortcodes(comparisons: dict[str, list[Comparison]]) -> None:
    """The comparison is not trivially met: math, code and many headings are compared."""
    results = {r.hugo_url: r for r in comparisons["hugo-book"]}
    assert results["/docs/content/shortcodes/katex/"].formulas >= 2
    assert results["/docs/content/shortcodes/mermaid/"].hugo_code == 6
    assert results["/docs/content/shortcodes/experimental/openapi/"].headings > 20
    apuntes = {r.hugo_url: r for r in comparisons["apuntes"]}
    assert (
        apuntes["/docs/dl/t2-multicapa/"].hugo_code == 1
        and apuntes["/docs/dl/t1-perceptron/"].formulas > 5
    )


def test_the_report_says_what_was_converted(imported: Imported) -> None:
    book = imported.reports["hugo-book"]
    assert "Pages written: 28\n" in book
    assert "Redirects (old URL -> new page): 28\n" in book
    assert re.search(r"katex\.md:\d+: columns: Material grid cards", book)
    assert "layout: book (every page on one page): a list of the section's pages" in book
    hextra = imported.reports["hextra"]
    assert "Drafts skipped: 1\n" in hextra and "borrador.md" in hextra
    assert "Remote images (shown as a link): 1\n" in hextra
    assert re.search(r"archivos\.md:13: no-existe\.png \(Falta\)", hextra)
    assert "  /viejo/formas.html -> docs/hx/formas.md" in hextra


def test_hextra_shortcodes_reach_the_page(imported: Imported) -> None:
    formas = site_page(imported.built, "/hx/formas/")
    assert formas.headings[:3] == ["Formas de escribir", "Fórmulas en línea", "Avisos y bloques"]
    assert formas.formulas >= 5 and not re.search(r"\\[a-z]+|\$", formas.prose)
    assert (
        'print("hola")' in formas.code
        and "{{ range .Pages }}{{ .Title }}{{ end }}\n{% raw %}" in formas.code
    )
    html = (imported.built / "hx" / "formas" / "index.html").read_text(encoding="utf-8")
    assert '<details class="note" open="open">' in html
    assert '<label for="__tabbed_1_1">Python</label>' in html
    assert (
        '<a href="../sub/ficheros/#descargas">' not in html
        and 'href="../sub/archivos/#descargas"' in html
    )
    assert "<code>{{&lt; callout &gt;}}</code>" in html
    archivos = (imported.built / "hx" / "sub" / "archivos" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<img alt="Una red" src="../../images/red.svg"' in archivos
    assert "<figcaption>" in archivos and "Una red de dos capas" in archivos
    assert (
        'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in archivos
        and "<iframe" not in archivos
    )
    assert 'href="https://example.org/diagrama.png"' in archivos and 'src="https://' not in archivos
    assert "Un cuaderno con <strong>una celda</strong> de texto." in archivos
    assert "└── content/" in archivos


def test_old_urls_are_redirect_pages_to_the_new_ones(imported: Imported) -> None:
    for folder in (imported.folder / "docs").iterdir():
        for page in folder.rglob("*.md") if folder.is_dir() else []:
            meta, _ = front_matter(page)
            for alias in meta.get("aliases") or []:
                found = landing(imported.built, alias)
                new = "/" + page.relative_to(imported.folder / "docs").as_posix().removesuffix(
                    ".md"
                )
                new = new.removesuffix("/index").removesuffix("index") + "/"
                assert found is not None and found[0] == new.replace("//", "/"), (alias, found, new)


# -- In Chromium, under a preview's sub-path ------------------------------------------------------


@pytest.fixture(scope="module")
def preview_url(imported: Imported) -> Iterator[str]:
    with serve(imported.built, pages_handler(PREFIX)) as url:
        yield url


def imported_pages(imported: Imported) -> list[str]:
    topics = [s.topic for s in SAMPLES] + ["hx"]
    return [
        "/" + p.parent.relative_to(imported.built).as_posix() + "/"
        for topic in topics
        for p in sorted((imported.built / topic).rglob("index.html"))
    ]


IMAGES_JS = """() => [...document.querySelectorAll("article img")]
    .map(i => [i.src, i.complete && i.naturalWidth > 0])"""


@pytest.mark.browser
def test_imported_pages_load_whole_from_the_site_only(
    browser: Browser, preview_url: str, imported: Imported
) -> None:
    context = open_context(browser, preview_url)
    try:
        failures: dict[str, Any] = {}
        for path in imported_pages(imported):
            page = context.new_page()
            outside: list[str] = []
            errors: list[str] = []

            def on_request(request: Request, outside: list[str] = outside) -> None:
                if not request.url.startswith(preview_url + PREFIX) and not request.url.startswith(
                    "data:"
                ):
                    outside.append(request.url)

            def on_error(error: Error, errors: list[str] = errors) -> None:
                errors.append(str(error))

            page.on("request", on_request)
            page.on("pageerror", on_error)
            page.goto(preview_url + PREFIX + path, wait_until="networkidle")
            broken = [src for src, ok in page.evaluate(IMAGES_JS) if not ok]
            if outside or errors or broken:
                failures[path] = {"other hosts": outside, "errors": errors, "broken images": broken}
            page.close()
        assert not failures, failures
    finally:
        context.close()


@pytest.mark.browser
def test_a_missing_image_shows_its_text(browser: Browser, preview_url: str) -> None:
    context = open_context(browser, preview_url)
    try:
        page = context.new_page()
        page.goto(preview_url + PREFIX + "/dl/t1-perceptron/", wait_until="networkidle")
        placeholder = page.get_by_role("img", name="Imagen no disponible: Neurona artificial")
        expect(placeholder).to_be_visible()
        expect(placeholder).to_have_text("Imagen no disponible: Neurona artificial")
        assert page.locator("article img").count() == 0
    finally:
        context.close()


def land(page: Page, preview_url: str, old: str) -> str:
    page.goto(preview_url + PREFIX + old)
    page.wait_for_function("() => !document.querySelector('meta[http-equiv=refresh]')")
    page.wait_for_load_state("load")
    return page.url.removeprefix(preview_url + PREFIX)


@pytest.mark.browser
def test_old_urls_land_on_their_page_under_a_sub_path(
    browser: Browser, preview_url: str, imported: Imported, hugo_pages: dict[str, list[Rendered]]
) -> None:
    context = open_context(browser, preview_url)
    try:
        page = context.new_page()
        wrong = {}
        for sample in SAMPLES:
            for hugo in hugo_pages[sample.name]:
                found = landing(imported.built, hugo.url)
                assert found is not None, hugo.url
                arrived = land(page, preview_url, hugo.url)
                if arrived != found[0]:
                    wrong[hugo.url] = arrived
                elif hugo.headings and hugo.url not in sample.single_page:
                    expect(page.locator("article h1")).to_have_text(
                        re.compile(re.escape(hugo.headings[0][:20]))
                    )
        assert not wrong, wrong
        # An alias the author gave, and an anchor written with Hugo's accented id.
        assert land(page, preview_url, "/docs/dl/perceptron/") == "/dl/t1-perceptron/"
        assert (
            land(page, preview_url, "/docs/dl/t2-multicapa/#retropropagación")
            == "/dl/t2-multicapa/#retropropagacion"
        )
        assert land(page, preview_url, "/viejo/formas.html") == "/hx/formas/"
    finally:
        context.close()
