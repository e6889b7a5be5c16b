"""Site search: accent-insensitive, Spanish-stemmed, through generated tables and diagrams.

Material's search box is answered by Pagefind: assets/hooks/search_pagefind.py indexes the
pages after the build and docs/assets/javascripts/search-pagefind.js answers Material's
messages in the page. assets/hooks/search_es.py separates the words of adjacent elements for
the indexers (and appends docs/assets/javascripts/search-es-worker.js to Material's lunr.es,
which the site uses when the Pagefind hook is left out); docs/assets/javascripts/search-es.js
marks accented words on the page a result opens. The first tests call the hooks' functions
and read the built site; the browser tests search the served site (tests/chromium.py) through
Material's own search box (or Pagefind's API, for every word of the index) in Debian's
headless Chromium.

A case's expected first result is the link that Enter opens (Material's best-scored link of
the first result): "/page/" checks the page only, "/page/#section" the section as well.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar, cast
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from material.plugins.search.plugin import Parser
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page as MkDocsPage
from playwright.sync_api import BrowserContext, Locator, Page, Route, expect

from assets.hooks import search_es, search_pagefind
from tests.conftest import ROOT

WORKER_EXTENSION = ROOT / "docs" / search_es.WORKER_EXTENSION
PLACEHOLDERS = ["", "Inicializando búsqueda", "Teclee para comenzar búsqueda"]
NO_RESULTS = "No se encontraron documentos"
T = TypeVar("T")
# A word as the tests count them: letters and digits.
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case `text` without diacritics, as the worker extension folds indexed words."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# -- The hook's functions -------------------------------------------------------------------------


def indexed_text(html: str) -> str:
    """The text Material's search indexer extracts from `html`, sections joined."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(section.text) for section in parser.data)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip()


@pytest.mark.parametrize(
    ("html", "words"),
    [
        pytest.param(
            "<ul><li><span>Lenguaje</span><span>Rapids</span></li><li>Scala</li></ul>",
            "Lenguaje Rapids Scala",
            id="layers-of-a-stack-diagram",
        ),
        pytest.param(
            '<svg><text x="0">GPU 0</text><text x="9">Placeholder</text></svg>',
            "GPU 0 Placeholder",
            id="svg-labels",
        ),
        pytest.param(
            "<table><tr><th>Aspecto</th><th>CPU</th></tr><tr><td>uno<br>dos</td></tr></table>",
            "Aspecto CPU uno dos",
            id="table-cells-and-line-breaks",
        ),
    ],
)
def test_material_indexes_adjacent_elements_as_separate_words(html: str, words: str) -> None:
    assert indexed_text(search_es.mark_boundaries(html)) == words
    assert indexed_text(html) != words, "Material now separates these words by itself"


def test_mark_boundaries_leaves_inline_markup_and_code_alone() -> None:
    prose = '<p>Un <strong>núcleo</strong> (C++/<em>CUDA</em>)<sup id="fnref:1">1</sup>.</p>'
    code = '<pre><code><span class="n">tf</span><span class="o">.</span>keras</code></pre>'
    assert search_es.mark_boundaries(prose) == prose
    assert search_es.mark_boundaries(code) == code
    assert search_es.mark_boundaries(prose + code) == f"{prose}\f{code}"


def test_unmark_boundaries_restores_the_page() -> None:
    html = (
        "<div><span>a</span><span>b</span></div><br><p>c<br/>d</p>"
        "<pre><span>e</span><span>f</span></pre><table><tr><td>g</td><td>h</td></tr></table>"
    )
    marked = search_es.mark_boundaries(html)
    assert marked == (
        "<div><span>a</span>\f<span>b</span></div>\f<br>\f<p>c<br/>\fd</p>\f"
        "<pre><span>e</span><span>f</span></pre>\f<table><tr><td>g</td>\f<td>h</td></tr></table>"
    )
    assert search_es.unmark_boundaries(marked) == html


def test_a_form_feed_in_a_page_fails_the_build() -> None:
    # A stand-in for MkDocs' page: the hook reads only its content and its file's path.
    page = SimpleNamespace(content="<p>a\fb</p>", file=SimpleNamespace(src_uri="t3/x.md"))
    with pytest.raises(PluginError) as error:
        search_es._mark_before_indexing({}, page=cast(MkDocsPage, page))
    assert str(error.value) == (
        "search_es: 't3/x.md' contains a form feed (\\f), which this hook uses to separate "
        "words for the search index; remove it from the page"
    )


def test_extend_lunr_es_appends_the_extension() -> None:
    assert search_es.extend_lunr_es("lunr.es=1\n\n", "\n(ext)\n") == "lunr.es=1\n;\n(ext)\n"


@pytest.mark.parametrize("lang", [["en"], ["es", "en"]])
def test_other_search_languages_fail_the_build(lang: list[str]) -> None:
    search = SimpleNamespace(config=SimpleNamespace(enabled=True, lang=lang))
    config: Any = SimpleNamespace(plugins={search_es.SEARCH_PLUGIN: search})
    with pytest.raises(PluginError) as error:
        search_es.check_search_config(config)
    assert str(error.value) == (
        f"search_es: plugins.search.lang is {lang!r}; the Spanish search extension needs "
        "exactly ['es'], because it runs inside lunr.es "
        "(assets/javascripts/lunr/min/lunr.es.min.js)"
    )


# -- The built site -------------------------------------------------------------------------------


def test_worker_extension_is_published_inside_lunr_es_only(built_site: Path) -> None:
    material = package_files("material") / "templates" / search_es.LUNR_ES
    expected = search_es.extend_lunr_es(
        material.read_text(encoding="utf-8"), WORKER_EXTENSION.read_text(encoding="utf-8")
    )
    assert (built_site / search_es.LUNR_ES).read_text(encoding="utf-8") == expected
    assert not (built_site / search_es.WORKER_EXTENSION).exists()


def test_pages_keep_no_word_boundary_marks(built_site: Path) -> None:
    marked = [
        str(path.relative_to(built_site))
        for path in built_site.rglob("*.html")
        if search_es.BOUNDARY in path.read_text(encoding="utf-8")
    ]
    assert not marked, f"form feeds left in the published pages: {marked}"


def fragments(site: Path) -> list[dict[str, Any]]:
    """The Pagefind fragments of the built site: each indexed page's address and text."""
    folder = site / search_pagefind.OUTPUT / "fragment"
    return [search_pagefind.read_fragment(p.read_bytes()) for p in sorted(folder.iterdir())]


def test_search_index_separates_diagram_words(built_site: Path) -> None:
    words = {
        word for fragment in fragments(built_site) for word in WORD.findall(fragment["content"])
    }
    # "Eigen" and "Rapids" are labels of the architecture diagrams (TensorFlow, H2O).
    assert {"Eigen", "Rapids"} <= words
    assert not {word for word in words if "Rapids" in word and word != "Rapids"}


def test_pagefind_indexes_the_searchable_pages_and_material_gets_the_page_list(
    built_site: Path,
) -> None:
    index = json.loads((built_site / search_pagefind.MATERIAL_INDEX).read_text(encoding="utf-8"))
    assert set(index) == {"config", "docs"}
    assert index["config"]["lang"] == ["es"], "Material's highlighter reads these settings"
    locations = {doc["location"]: doc for doc in index["docs"]}
    built = {
        path.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
        for path in built_site.rglob("index.html")
        if not {"assets", "404"} & set(path.relative_to(built_site).parts)
    }
    assert {"/", "t3/frameworks/", "t3/imprimir/"} <= built
    # Every page but the printable topic (`search: exclude`); the 404 page is not a page.
    assert set(locations) == {page.removeprefix("/") for page in built} - {"t3/imprimir/"}
    by_id = {
        path.stem: search_pagefind.read_fragment(path.read_bytes())
        for path in (built_site / "pagefind" / "fragment").iterdir()
    }
    assert {doc["id"] for doc in index["docs"]} == set(by_id)
    for doc in index["docs"]:
        assert by_id[doc["id"]]["url"] == "/" + doc["location"]
    frameworks = by_id[locations["t3/frameworks/"]["id"]]
    assert frameworks["meta"]["title"] == "Frameworks para Deep Learning", "no permalink ¶"
    assert "TensorFlow Hub" in frameworks["content"]


def test_the_site_ships_only_the_pagefind_files_the_search_box_loads(built_site: Path) -> None:
    folder = built_site / search_pagefind.OUTPUT
    shipped = {p.name for p in folder.iterdir() if p.is_file()}
    meta = {name for name in shipped if name.endswith(".pf_meta")}
    assert len(meta) == 1
    assert shipped - meta == {"pagefind.js", "pagefind-entry.json", "wasm.es.pagefind"}
    assert {p.name for p in folder.iterdir() if p.is_dir()} == {"index", "fragment"}


@pytest.mark.parametrize(
    ("meta", "searched"),
    [({}, True), ({"search": {"exclude": True}}, False), ({"search": {"boost": 2}}, True)],
)
def test_pages_excluded_from_search_are_not_indexed(meta: dict[str, Any], searched: bool) -> None:
    assert search_pagefind.is_searchable(meta) is searched


def test_pagefind_reads_the_content_in_the_site_language_with_words_apart() -> None:
    page = search_pagefind.SearchPage("t3/", "T3 <Herramientas> & más", "<h1>T3</h1>\f<p>b</p>")
    assert search_pagefind.pagefind_document(page, "es") == (
        '<!doctype html><html lang="es"><head><meta charset="utf-8">'
        "<title>T3 &lt;Herramientas&gt; &amp; más</title></head>"
        "<body><h1>T3</h1> <p>b</p></body></html>"
    )
    # A page with no heading of its own (an empty topic index) is found by its title.
    empty = search_pagefind.SearchPage("t9/", "Tema <9>", "")
    assert search_pagefind.pagefind_document(empty, "es").endswith(
        "<body><h1>Tema &lt;9&gt;</h1></body></html>"
    )


def test_a_page_pagefind_did_not_write_fails_the_build() -> None:
    page = search_pagefind.SearchPage("t3/", "T3", "<p>a</p>")
    with pytest.raises(PluginError) as error:
        search_pagefind.page_list([page], {"/": "es_1"})
    assert str(error.value) == "search_pagefind: Pagefind wrote no fragment for ['t3/']"


def test_a_material_index_without_settings_fails_the_build() -> None:
    with pytest.raises(PluginError) as error:
        search_pagefind.shrink_material_index({"docs": []}, [])
    assert str(error.value) == (
        "search_pagefind: search/search_index.json has no 'config' (Material changed?)"
    )


def test_a_site_without_materials_search_fails_the_build() -> None:
    config: Any = SimpleNamespace(plugins={}, extra={})
    with pytest.raises(PluginError) as error:
        search_pagefind.on_config(config)
    assert str(error.value) == (
        "search_pagefind: Material's search plugin (plugins: - search) must be enabled: "
        "its search box is the one Pagefind answers"
    )


def test_a_file_that_is_not_a_fragment_is_named_as_such() -> None:
    with pytest.raises(ValueError, match="not a Pagefind fragment"):
        search_pagefind.read_fragment(gzip.compress(b"{}"))


# -- In the browser -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chromium:
    """Runs a browser task on a page of a fresh context of the served site."""

    new_context: Callable[..., BrowserContext]

    def run(self, task: Callable[[Page], T]) -> T:
        """Run `task` on a new page and return its result."""
        context = self.new_context()
        try:
            return task(context.new_page())
        finally:
            context.close()


@pytest.fixture
def chromium(new_context: Callable[..., BrowserContext]) -> Chromium:
    """The session's Chromium (tests/chromium.py), one fresh context per task."""
    return Chromium(new_context)


@dataclass(frozen=True)
class Case:
    """A query and the result Enter must open."""

    query: str
    first: str
    why: str


CASES = (
    Case("nucleo", "/t3/proveedores/#h2oai", "«núcleo» seven times in the H2O architecture"),
    Case("computacion", "/t3/computacion-acelerada/", "title «Computación Acelerada»"),
    Case("arquitecturas", "/t3/frameworks/#arquitectura-tensorflow", "heading «Arquitectura»"),
    Case("ventajas", "/t3/frameworks/#keras", "«ventajas» and «Ventaja» of Keras"),
    Case("MXU", "/t3/computacion-acelerada/", "generated tables: the TPUs', then the glossary"),
    Case("Rapids", "/t3/proveedores/#h2oai", "the H2O architecture, text and diagram"),
    Case("eigen", "/t3/frameworks/#arquitectura-tensorflow", "only in the TensorFlow diagram"),
    Case("TPU", "/t3/computacion-acelerada/", "the TPU sections"),
    Case("tensorflow hub", "/t3/frameworks/#tensorflow-hub", "heading «TensorFlow Hub»"),
    Case("numpy", "/t3/frameworks/#tensorflow-vs-numpy", "heading «TensorFlow vs NumPy»"),
)


@dataclass
class Results:
    """What Material's search dialog shows for one query."""

    meta: str
    links: list[str]
    first: str
    teaser_marks: list[str]


@dataclass
class Opened:
    """The page that Enter opened from the results, and its highlighting."""

    results: Results
    url: str
    marks: list[str]
    nested_marks: int
    console: list[str] = field(default_factory=list)


# The whole answer is on screen: no result, or the first one with its teaser. (The pages'
# titles come first, their sections and teasers next: search-pagefind.js.)
ANSWERED_JS = """([meta, skip, none]) => {
    const text = meta.textContent.trim()
    return !skip.includes(text) && (text === none
        || !!document.querySelector(".md-search-result__item .md-search-result__article > p"))
}"""


def search(page: Page, query: str) -> Results:
    """Open the home page with `?q=query` (one query, no partial ones) and read the results."""
    page.goto(f"/?q={quote(query)}", wait_until="networkidle")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(ANSWERED_JS, arg=[meta.element_handle(), PLACEHOLDERS, NO_RESULTS])
    items = page.locator(".md-search-result__item")
    scored = [
        (float(link.locator("article").get_attribute("data-md-score") or 0), href(link))
        for link in items.first.locator("a").all()
    ]
    # Enter opens the best-scored link of the first item, the first one on a tie.
    first = max(scored, key=lambda item: item[0], default=(0.0, ""))[1]
    return Results(
        meta=meta.inner_text().strip(),
        links=[href(link) for link in items.locator("a").all()],
        first=first,
        teaser_marks=items.locator("mark").all_text_contents(),
    )


def open_first_result(page: Page, query: str) -> Opened:
    """Search for `query`, press Enter and read the marks on the page that opens."""
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    results = search(page, query)
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"[?&]h="))
    marks = page.locator("[data-md-component=content] mark")
    expect(marks.first).to_be_visible()
    return Opened(
        results=results,
        url=page.url,
        marks=marks.all_text_contents(),
        nested_marks=page.locator("[data-md-component=content] mark mark").count(),
        console=console,
    )


def href(link: Locator) -> str:
    """Path and fragment of a result link."""
    return location(link.evaluate("a => a.href"))


def location(url: str) -> str:
    """Path and fragment of `url`, without the `?h=` highlight query."""
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


# Pagefind's own API in the page, as search-pagefind.js sets it up: one query per word. Returns,
# per query, the addresses of every page found (through the page list Material receives).
PAGEFIND_QUERIES_JS = """async (queries) => {
    const config = JSON.parse(document.getElementById("__config").textContent)
    const base = new URL(config.base, location.href)
    const index = await (await fetch(new URL("search/search_index.json", base))).json()
    const pages = new Map(index.docs.map(doc => [doc.id, doc.location]))
    const pagefind = await import(new URL("pagefind/pagefind.js", base).href)
    await pagefind.options({ noWorker: true })
    await pagefind.init()
    const found = {}
    for (const query of queries)
        found[query] = (await pagefind.search(query)).results.map(result => pages.get(result.id))
    return found
}"""


def indexed_words(site: Path) -> dict[str, set[str]]:
    """Each word of the indexed pages, lower-cased, and the pages with it.

    A word is text between spaces, without the punctuation around it, made of letters and
    digits only: not the pieces of "11.4" or "tf.compat.v1", which no reader types alone.
    """
    words: dict[str, set[str]] = {}
    for fragment in fragments(site):
        for token in fragment["content"].lower().split():
            word = re.sub(r"^[\W_]+|[\W_]+$", "", token)
            if WORD.fullmatch(word):
                words.setdefault(word, set()).add(fragment["url"].removeprefix("/"))
    return words


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=[case.query for case in CASES])
def test_query_opens_expected_first_result(case: Case, chromium: Chromium) -> None:
    results = chromium.run(lambda page: search(page, case.query))
    first = results.first if "#" in case.first else results.first.split("#")[0]
    assert first == case.first, (
        f"{case.query!r} ({case.why}): first result {results.first!r}, expected "
        f"{case.first!r}; {results.meta}: {results.links}"
    )


@pytest.mark.browser
def test_generated_tpu_table_is_found(chromium: Chromium) -> None:
    results = chromium.run(lambda page: search(page, "MXU"))
    assert "/t3/computacion-acelerada/#versiones" in results.links, results.links
    assert "/glosario/" in results.links, results.links


@pytest.mark.browser
@pytest.mark.parametrize(
    ("plain", "written"),
    [("nucleo", "núcleo"), ("computacion", "COMPUTACIÓN"), ("arquitecturas", "Arquitecturas")],
)
def test_accents_and_case_do_not_change_the_results(
    plain: str, written: str, chromium: Chromium
) -> None:
    expected = chromium.run(lambda page: search(page, plain))
    actual = chromium.run(lambda page: search(page, written))
    assert expected.links, f"{plain!r} found nothing"
    assert actual.links == expected.links


@pytest.mark.browser
def test_word_found_nowhere_gives_no_results(chromium: Chromium) -> None:
    results = chromium.run(lambda page: search(page, "xyzzyqx"))
    assert results.meta == NO_RESULTS
    assert results.links == []


@pytest.mark.browser
def test_result_teaser_marks_the_accented_word(chromium: Chromium) -> None:
    marks = chromium.run(lambda page: search(page, "nucleo")).teaser_marks
    assert any(fold(mark) == "nucleo" and mark.lower() != "nucleo" for mark in marks), marks


@dataclass
class Shown:
    """What the result list shows at one moment."""

    meta: str
    links: list[str]
    teasers: int
    focused: str


def shown(page: Page) -> Shown:
    """Read the result list (links as path and fragment) and the focused result link."""
    items = page.locator(".md-search-result__item")
    return Shown(
        meta=page.locator(".md-search-result__meta").inner_text().strip(),
        links=[href(link) for link in items.locator("a").all()],
        teasers=items.locator(".md-search-result__article > p").count(),
        focused=page.evaluate(
            "document.activeElement.matches('a.md-search-result__link')"
            " ? document.activeElement.pathname + document.activeElement.hash : ''"
        ),
    )


def titles_then_teasers(page: Page, query: str, *, move_into_list: bool) -> tuple[Shown, Shown]:
    """Search with Pagefind's fragments held back, then let them load: both lists shown.

    With `move_into_list`, the reader presses the down arrow (Material: the first result)
    before the fragments load.
    """
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/pagefind/fragment/**", hold)
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type(query)
    # Shown while every fragment is held: the first answer needs none.
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    if move_into_list:
        page.keyboard.press("ArrowDown")
        expect(page.locator("a.md-search-result__link").first).to_be_focused()
    first = shown(page)
    assert held, "no fragment requested after the first answer"
    released = True
    for route in held:
        route.continue_()
    expect(page.locator(".md-search-result__article > p").first).to_be_visible()
    return first, shown(page)


@pytest.mark.browser
def test_results_are_listed_by_title_before_their_fragments_load(chromium: Chromium) -> None:
    titles, full = chromium.run(
        lambda page: titles_then_teasers(page, "keras", move_into_list=False)
    )
    assert titles.meta == full.meta and re.fullmatch(r"\d+ documentos encontrados", titles.meta)
    pages = [link for link in full.links if "#" not in link]
    assert titles.links == pages, "the first answer lists the same pages, by their titles only"
    assert titles.teasers == 0
    assert full.teasers > 0 and any("#" in link for link in full.links), full.links
    assert titles.links[0] == "/t3/frameworks/"


@pytest.mark.browser
def test_a_reader_in_the_result_list_keeps_the_focus_when_the_teasers_arrive(
    chromium: Chromium,
) -> None:
    titles, full = chromium.run(
        lambda page: titles_then_teasers(page, "keras", move_into_list=True)
    )
    assert titles.focused == "/t3/frameworks/"
    assert full.focused == titles.focused


# Pagefind's files as the page's `fetch` gives them: a fragment's first bytes and whether
# Material's index (not Pagefind's) still reads as JSON.
PAGEFIND_FILE_JS = """async () => {
    const config = JSON.parse(document.getElementById("__config").textContent)
    const base = new URL(config.base, location.href)
    const index = await (await fetch(new URL("search/search_index.json", base))).json()
    const url = new URL(`pagefind/fragment/${index.docs[0].id}.pf_fragment`, base)
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer())
    return { head: Array.from(bytes.slice(0, 12)), pages: index.docs.length }
}"""


@pytest.mark.browser
def test_pagefind_gets_its_files_inflated_by_the_browser_once_search_opens(
    chromium: Chromium,
) -> None:
    def read(page: Page) -> tuple[dict[str, Any], dict[str, Any]]:
        page.goto("/", wait_until="networkidle")
        before: dict[str, Any] = page.evaluate(PAGEFIND_FILE_JS)
        page.keyboard.press("/")
        page.keyboard.type("keras")
        expect(page.locator(".md-search-result__article > p").first).to_be_visible()
        after: dict[str, Any] = page.evaluate(PAGEFIND_FILE_JS)
        return before, after

    before, after = chromium.run(read)
    assert before["head"][:2] == [0x1F, 0x8B], "as served: gzip"
    assert bytes(after["head"]) == search_pagefind.SIGNATURE, "inflated: Pagefind's signature"
    assert before["pages"] == after["pages"] > 1, "other requests are left as they are"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "term", "marked"),
    [
        ("nucleo", "nucleo", "núcleo"),
        ("computacion", "computacion", "Computación"),
        ("arquitecturas", "arquitectura", "Arquitectura"),
        ("MXU", "mxu", "MXU"),
    ],
)
def test_opening_a_result_highlights_the_match(
    query: str, term: str, marked: str, chromium: Chromium
) -> None:
    opened = chromium.run(lambda page: open_first_result(page, query))
    assert location(opened.url) == opened.results.first
    assert parse_qs(urlsplit(opened.url).query)["h"] == [term]
    assert marked in opened.marks, f"{marked!r} not marked on {opened.url}: {opened.marks}"
    assert all(fold(text).startswith(term) for text in opened.marks), opened.marks
    assert opened.nested_marks == 0
    assert not opened.console, f"console messages while searching {query!r}: {opened.console}"


@pytest.mark.browser
def test_highlight_link_marks_accented_words_on_load(chromium: Chromium) -> None:
    """A shared link with `?h=` (a full page load, not Material's instant navigation)."""

    def marks(page: Page) -> list[str]:
        page.goto("/t3/frameworks/?h=nucle")
        marked = page.locator("[data-md-component=content] mark[data-md-highlight]")
        expect(marked.first).to_be_visible()
        return marked.all_text_contents()

    assert "núcle" in chromium.run(marks)


@pytest.mark.browser
def test_every_indexed_word_finds_its_pages_with_or_without_accents(
    built_site: Path, chromium: Chromium
) -> None:
    """Each word of the index, typed as written and without accents, finds every page with it.

    Stemming makes a query broader, never narrower: a stem that lost the word itself
    ("inferencia" stems to "inferent") would leave out the pages that hold it.
    """
    words = indexed_words(built_site)
    queries = sorted({form for word in words for form in (word, fold(word))})

    def ask_pagefind(page: Page) -> dict[str, list[str]]:
        page.goto("/")
        found: dict[str, list[str]] = page.evaluate(PAGEFIND_QUERIES_JS, queries)
        return found

    found = chromium.run(ask_pagefind)
    lost = {
        query: sorted(pages - set(found[query]))
        for word, pages in words.items()
        for query in {word, fold(word)}
        if not pages <= set(found[query])
    }
    assert len(words) > 1000, f"only {len(words)} words in the index"
    assert not lost, f"{len(lost)} of {len(queries)} queries miss pages with the word: {lost}"


# What search_es marked with one expression and a Python function per match, before it used
# three expressions: the reference for the faster one.
REFERENCE_ADJACENT = re.compile(
    r"(?:<pre\b.*?</pre>|</[A-Za-z][^>]*>)(?P<touches_tag>(?=<[A-Za-z]))?"
    r"|(?P<touches_word><br\b[^>]*>(?=\S))",
    re.IGNORECASE | re.DOTALL,
)


def reference_marks(html: str) -> str:
    def after(match: re.Match[str]) -> str:
        touches = match["touches_tag"] is not None or match["touches_word"] is not None
        return match.group() + search_es.BOUNDARY if touches else match.group()

    return REFERENCE_ADJACENT.sub(after, html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p><pre><code><span>b</span><span>c</span></code></pre><p>d</p>",
        "<p>a<br><pre>x</pre>text<pre>y</pre></p><pre>z</pre>",
        "<P>a</P><PRE><B>b</B><I>c</I></PRE><BR>d",
        "<p>a</p><pre>never closed <span>b</span><span>c</span>",
        "<pre>\n<span>multi</span>\n<span>line</span>\n</pre>\n<p>e</p>",
        "<div><pre>a</pre></div><pre>b</pre>",
        "",
    ],
)
def test_mark_boundaries_marks_what_one_expression_marked(html: str) -> None:
    assert search_es.mark_boundaries(html) == reference_marks(html)
