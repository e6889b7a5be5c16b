"""The real site, built strictly: content of the seed, generated values, nav order, bad input."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from macros import data
from macros.markdown import number, quantity
from macros.pages import read_page, read_pages
from tests.conftest import ROOT

# The author's original Hugo page (shared/seed/t3-herramientas.md), kept to check nothing is lost.
SEED = ROOT / "tests" / "fixtures" / "t3-herramientas.seed.md"
# The fixes the seed's headings get on the site: brand capitalisation, Spanish question marks.
BRAND_FIXES = {"tensorflow": "TensorFlow", "numpy": "NumPy"}
HEADING_FIXES = {
    "Por qué utilizar TPUs?": "¿Por qué utilizar TPUs?",
    "Cuándo deberíamos utilizar una TPU?": "¿Cuándo deberíamos utilizar una TPU?",
}


def squeeze(text: str) -> str:
    """Collapse ASCII whitespace; keep no-break spaces, which readers see as such."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def normalise(text: str) -> str:
    return squeeze(text.replace("¶", "")).casefold()


class Collector(HTMLParser):
    """Collect headings, table rows and images of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.images: list[str] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
        elif tag == "a" and ("class", "headerlink") in attrs:
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append(squeeze("".join(self._heading)))
            self._heading = None
        elif tag == "a" and self._skip:
            self._skip -= 1
        elif tag in {"td", "th"} and self._cell is not None:
            self.tables[-1][-1].append(squeeze("".join(self._cell)))
            self._cell = None

    def handle_data(self, text: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(text)
        if self._cell is not None:
            self._cell.append(text)


def parse(path: Path) -> Collector:
    collector = Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if not {"assets", "search"} & set(p.parts))


def seed_headings() -> list[str]:
    headings = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(#{2,5}) (.+)$", line)
        if match:
            text = HEADING_FIXES.get(match.group(2).strip(), match.group(2).strip())
            for wrong, right in BRAND_FIXES.items():
                text = re.sub(rf"\b{wrong}\b", right, text, flags=re.IGNORECASE)
            headings.append(text)
    return headings


def test_every_heading_of_the_seed_is_on_the_site(built_site: Path) -> None:
    on_site = {normalise(h) for page in content_pages(built_site) for h in parse(page).headings}
    expected = seed_headings()
    assert len(expected) > 30
    missing = [h for h in expected if normalise(h) not in on_site]
    assert not missing, f"seed headings missing on the site: {missing}"


def test_tpu_v2_v3_table_on_the_built_page_shows_the_data(built_site: Path) -> None:
    page = parse(built_site / "t3" / "computacion-acelerada" / "index.html")
    tables = [t for t in page.tables if t and t[0][1:] == ["TPU v2", "TPU v3"]]
    assert len(tables) == 1, [t[0] for t in page.tables]
    rows = {row[0]: row[1:] for row in tables[0][1:]}
    v2, v3 = data.TPU_GENERATIONS["v2"], data.TPU_GENERATIONS["v3"]
    assert rows["HBM por TensorCore"] == [
        quantity(v2.hbm_per_core, "GiB"),
        quantity(v3.hbm_per_core, "GiB"),
    ]
    assert rows["MXU por TensorCore"] == [str(v2.mxus_per_core), str(v3.mxus_per_core)]
    assert rows["TensorCores por pod"] == [number(v2.cores_per_pod), number(v3.cores_per_pod)]
    assert rows["HBM del pod"] == [quantity(v2.pod_hbm, "TiB"), quantity(v3.pod_hbm, "TiB")]
    assert rows["Pico bf16 por chip"] == [
        quantity(v2.bf16_tflops_per_chip, "TFLOPS"),
        quantity(v3.bf16_tflops_per_chip, "TFLOPS"),
    ]


def test_every_generated_table_reaches_the_site_with_its_rows(built_site: Path) -> None:
    tables = [t for page in content_pages(built_site) for t in parse(page).tables]
    sizes = sorted(len(t) - 1 for t in tables)
    for collection in (data.FRAMEWORKS, data.TF_OPERATIONS, data.PROVIDERS, data.AUTOML_METRICS):
        assert len(collection) in sizes


def test_no_image_and_no_leftover_template_on_the_site(built_site: Path) -> None:
    for page in content_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert not parse(page).images, f"{page}: images were never provided"
        assert "{{" not in html and "{%" not in html, f"{page}: unrendered template"
        assert "Macro Rendering Error" not in html


def data_numbers() -> set[str]:
    """Every number the data module holds or derives, written as a page would write it."""
    values: set[float] = set()
    for items in data.COLLECTIONS.values():
        for item in items:
            for name in dir(item):
                value: Any = getattr(item, name)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    values.add(float(value))
                if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                    values.add(float(value[:4]))
    small = {float(n) for n in range(10)}
    return {number(v).replace("\u00a0", "") for v in values - small}


def prose(path: Path) -> str:
    """The hand-written text of a page: no front matter, macro calls or HTML comments."""
    text = path.read_text(encoding="utf-8").split("\n---", 1)[1]
    text = re.sub(r"\{\{.*?\}\}", " ", text, flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)


def test_no_page_hard_codes_a_figure_of_the_data_module() -> None:
    numbers = data_numbers()
    assert {"2048", "512", "123"} <= numbers  # the negative control: the set is not empty
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for match in re.finditer(r"(?<![\w.,])\d[\d.,\u00a0]*(?![\w])", prose(path)):
            figure = match.group().rstrip(".,").replace("\u00a0", "").replace(".", ",")
            if figure in numbers:
                found.append(f"{path.relative_to(ROOT)}: {match.group()}")
    assert not found, f"figures written by hand that the data module holds: {found}"


def nav_entries(items: list[Any]) -> list[Any]:
    return [next(iter(i.values())) if isinstance(i, dict) else i for i in items]


def test_nav_follows_the_pages_weights() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    docs = ROOT / "docs"
    top = nav_entries(config["nav"])
    assert top[0] == "index.md"
    listed = ["index.md"]
    weights = []
    for entry in top[1:]:
        if isinstance(entry, str):  # a page of its own, such as the glossary
            listed.append(entry)
            weights.append(read_page(docs, entry).weight)
            continue
        entries = nav_entries(entry)
        listed += entries
        assert entries[0].endswith("/index.md"), "a topic section starts with its index.md"
        weights.append(read_page(docs, entries[0]).weight)
        section_weights = [read_page(docs, e).weight for e in entries[1:]]
        assert section_weights == sorted(section_weights), f"{entries} not in weight order"
    assert weights == sorted(weights), "topics not in weight order"
    assert sorted(listed) == sorted(p.src_path for p in read_pages(docs)), "a page is not in nav"


def test_glossary_lists_every_abbreviation_and_pages_show_tooltips(built_site: Path) -> None:
    glossary = parse(built_site / "glosario" / "index.html")
    (table,) = [t for t in glossary.tables if t and t[0] == ["Sigla", "Significado", "En inglés"]]
    terms = [row[0] for row in table[1:]]
    assert terms == sorted((a.term for a in data.ABBREVIATIONS.values()), key=str.casefold)
    html = (built_site / "t3" / "computacion-acelerada" / "index.html").read_text(encoding="utf-8")
    mxu = data.ABBREVIATIONS["mxu"]
    assert f'<abbr title="{mxu.expansion} ({mxu.english})">MXU</abbr>' in html
    # Abbreviations are not shown as a stray list of definitions at the end of the page.
    assert "*[MXU]" not in html


def test_pages_show_their_last_update_in_spanish(built_site: Path) -> None:
    html = (built_site / "t3" / "frameworks" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Última actualización: \d{1,2} de [a-z]+ de \d{4}", html)


def test_printable_topic_holds_every_section_and_stays_out_of_search(built_site: Path) -> None:
    printable = parse(built_site / "t3" / "imprimir" / "index.html")
    headings = {normalise(h) for h in printable.headings}
    for section in ("frameworks", "computacion-acelerada", "proveedores"):
        title = read_page(ROOT / "docs", f"t3/{section}.md").title
        assert normalise(title) in headings
    assert any(t and t[0][1:] == ["TPU v2", "TPU v3"] for t in printable.tables)
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "t3/imprimir/" not in index


def test_seo_basics_robots_sitemap_canonical_description_edit_link(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *\nAllow: /\nSitemap: https://")
    assert robots.rstrip().endswith("/sitemap.xml")
    html = (built_site / "t3" / "frameworks" / "index.html").read_text(encoding="utf-8")
    description = read_page(ROOT / "docs", "t3/frameworks.md").description
    assert f'<meta name="description" content="{description}">' in html
    assert '<link rel="canonical" href="https://' in html
    assert (
        'href="https://github.com/apuntes-deep-learning/apuntes/edit/main/docs/t3/frameworks.md"'
        in html
    )


def test_own_stylesheet_and_scripts_are_published_minified(built_site: Path) -> None:
    sources = sorted(
        path for path in (ROOT / "docs" / "assets").rglob("*") if path.suffix in {".css", ".js"}
    )
    published = {s: built_site / s.relative_to(ROOT / "docs") for s in sources}
    shipped = {s: p for s, p in published.items() if p.is_file()}
    # The search extension is folded into Material's lunr.es instead of published alone.
    assert {s.name for s in shipped} == {
        "course.css",
        "course.js",
        "search-es.js",
        "search-pagefind.js",
    }, shipped
    for source, page_file in shipped.items():
        text = page_file.read_text(encoding="utf-8")
        assert "/*" not in text and "\n//" not in text, f"{page_file.name} keeps comments"
        assert not re.search(r"\n[ \t]", text), f"{page_file.name} keeps its indentation"
        assert len(text) < 0.75 * source.stat().st_size, f"{page_file.name} barely shrank"
    # The rules themselves survive: one from each file.
    css = published[ROOT / "docs/assets/stylesheets/course.css"].read_text(encoding="utf-8")
    assert ".md-typeset figure:has(table){content-visibility:auto" in css
    js = published[ROOT / "docs/assets/javascripts/course.js"].read_text(encoding="utf-8")
    assert 'addEventListener("hashchange",holdLinkedHeading)' in js
