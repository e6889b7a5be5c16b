"""The real site, built strictly: content of the seed, generated values, nav order, bad input."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from assets.hooks import search_pagefind
from macros import data
from macros.course import Course, build_course, read_page
from macros.markdown import number, quantity
from macros.questions import render_self_check
from macros.records import Question
from scripts.fixture_site import project_site
from tests.conftest import ROOT, run_build

# The author's original Hugo page (shared/seed/t3-herramientas.md), kept to check nothing is lost.
SEED = ROOT / "tests" / "fixtures" / "t3-herramientas.seed.md"
# The fixes the seed's headings get on the site: product names as their makers write them,
# Spanish question marks.
BRAND_FIXES = {
    r"\btensorflow\b": "TensorFlow",
    r"\bnumpy\b": "NumPy",
    r"\bFast\.AI\b": "fast.ai",
    r"\bH2O\.AI\b": "H2O.ai",
    r"\bAuto ML\b": "AutoML",
    r"\bBig ML\b": "BigML",
}
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
                text = re.sub(wrong, right, text, flags=re.IGNORECASE)
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


def docs_course() -> Course:
    docs = ROOT / "docs"
    return build_course(
        read_page(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8"))
        for p in sorted(docs.rglob("*.md"))
    )


class NavLinks(HTMLParser):
    """The addresses of the primary navigation's links, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "nav" and ("md-nav--primary" in classes or self._depth):
            self._depth += 1
        elif tag == "a" and self._depth and "md-nav__link" in classes:
            href = dict(attrs).get("href") or ""
            if href not in self.links:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1


def test_nav_is_generated_from_the_pages_weights(built_site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^nav:", config, re.MULTILINE), "mkdocs.yml lists pages again"
    course = docs_course()
    # The addresses as the home page links them (use_directory_urls).
    expected = [
        p.src_path.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        for p in course.in_order()
    ]
    expected[0] = "."
    nav = NavLinks()
    nav.feed((built_site / "index.html").read_text(encoding="utf-8"))
    assert [link for link in nav.links if not link.startswith("#")] == expected
    weights = [p.weight for p in course.topic("t3").pages]
    assert weights == sorted(weights) and len(weights) >= 4


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
        title = docs_course().page(f"t3/{section}.md").title
        assert normalise(title) in headings
    assert any(t and t[0][1:] == ["TPU v2", "TPU v3"] for t in printable.tables)
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "t3/imprimir/" not in index


def test_seo_basics_robots_sitemap_canonical_description_edit_link(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith("User-agent: *\nAllow: /\nSitemap: https://")
    assert robots.rstrip().endswith("/sitemap.xml")
    html = (built_site / "t3" / "frameworks" / "index.html").read_text(encoding="utf-8")
    description = docs_course().page("t3/frameworks.md").description
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
    # The search extension is folded into Material's lunr.es instead of published alone;
    # pdf.css is linked by the topics' PDFs only.
    assert {s.name for s in shipped} == {
        "course.css",
        "course.js",
        "pdf.css",
        "search-es.js",
        "search-pagefind.js",
        "self-check.js",
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
    quiz = published[ROOT / "docs/assets/javascripts/self-check.js"].read_text(encoding="utf-8")
    assert 'word.textContent=right?"Correcto.":"Incorrecto."' in quiz


def test_no_script_splits_the_header_and_the_head_says_scripts_run(built_site: Path) -> None:
    # A script inside the header let Chromium draw the header before its search box and
    # repository link were read: they then moved the palette toggle aside, a layout shift on
    # every page. And Material's bundle swapped `no-js` for `js` only once the page was
    # parsed, showing the search box late and styling every element again.
    pages = [*content_pages(built_site), built_site / "404.html"]
    assert len(pages) > 5
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head, body = text.split("<body", 1)
        assert re.search(r'<html [^>]*class="no-js"', head), path
        assert '<script>document.documentElement.classList.replace("no-js", "js")</script>' in head
        header = re.search(
            r'<header class="md-header.*?</header>\s*(<script>.*?</script>)', body, re.S
        )
        assert header is not None, path
        assert "<script" not in header.group(0)[: header.start(1) - header.start()], path
        # The palette's script comes right after the header, before the content.
        assert 'document.querySelector("form.course-palette")' in header.group(1), path
        assert header.end() < body.index('<article class="md-content__inner'), path


def test_headings_spell_products_as_their_makers_do(built_site: Path) -> None:
    headings = [h for page in content_pages(built_site) for h in parse(page).headings]
    for name in ("fast.ai", "H2O.ai", "AutoML", "BigML"):
        assert name in headings, name
    for seed in ("Fast.AI", "H2O.AI", "Auto ML", "Big ML"):
        assert seed not in headings, seed


def test_sources_lines_show_the_day_each_source_was_checked(built_site: Path) -> None:
    html = (built_site / "t3" / "computacion-acelerada" / "index.html").read_text("utf-8")
    lines = re.findall(r'<p class="course-sources">(.*?)</p>', html, flags=re.DOTALL)
    assert lines, "no sources line on the page"
    for line in lines:
        links = line.count("<a ")
        assert len(re.findall(r"consultado el \d{1,2} [a-z]+\. \d{4}", line)) == links, line


# What a source check found wrong (issue 11), as a reader sees it on the built pages.
ISSUE_11 = [
    ("t3/frameworks", "tfhub.dev redirigen a sus equivalentes en Kaggle Models", None),
    ("t3/frameworks", "TF-Learn (tf.contrib.learn) formaba parte de tf.contrib", None),
    ("t3/frameworks", "Activo: ejecución inmediata por defecto", "Activo: Ejecución"),
    ("t3/frameworks", "Discontinuado: última versión, la 1.0", "Última versión: 1.0"),
    ("t3/computacion-acelerada", "La v2 solo se puede usar ya a través de la API", None),
    ("t3/computacion-acelerada", "Entre 2500 y 5000 en una GPU moderna", "2.500"),
    ("t3/proveedores", "Driverless AI no es una interfaz visual de H2O-3", None),
    ("t3/proveedores", "Rapids es el motor de evaluación de expresiones para R,", "R y Python"),
]


@pytest.mark.parametrize(("page", "present", "absent"), ISSUE_11)
def test_what_the_source_check_found_is_fixed_on_the_page(
    built_site: Path, page: str, present: str, absent: str | None
) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    text = squeeze(re.sub(r"<[^>]+>", "", html)).replace("\u00a0", " ")
    assert present in text
    if absent:
        assert absent not in text


HUGO_PAGE = """\
---
title: T1. El perceptrón
weight: 1
type: docs
math: true
---

## Modelo

Una neurona calcula una suma ponderada de sus entradas \\(x_1, \\dots, x_n\\) y le aplica una
función de activación $f$:

$$
\\begin{aligned}
a = f\\left(\\sum_{i=1}^{n} w_i x_i + b\\right)
\\end{aligned}
$$

El sesgo $b$ equivale a un peso $w\\_0$ con entrada fija $x\\_0 = 1$.
"""


def test_a_hugo_page_dropped_into_docs_builds_as_it_is(tmp_path: Path) -> None:
    config = project_site(tmp_path / "project")
    (config.parent / "docs" / "t1.md").write_text(HUGO_PAGE, encoding="utf-8")
    result = run_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in output, output
    html = (tmp_path / "site" / "t1" / "index.html").read_text(encoding="utf-8")
    assert (
        '<meta name="description" content="Una neurona calcula una suma ponderada de sus '
        'entradas x_1, \\dots, x_n y le aplica una función de activación f:">'
    ) in html
    assert (
        html.count('class="katex"') == 6 and "\\begin{aligned}" not in html.split("<annotation")[0]
    )
    nav = NavLinks()
    nav.feed((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    # weight 1: after the home page (0), before T3 (3).
    pages = [link for link in nav.links if not link.startswith("#")]
    assert pages[:3] == [".", "t1/", "t3/"], pages


@pytest.mark.parametrize(
    ("page", "text", "message"),
    [
        (
            "t3/otra.md",
            "---\ntitle: Otra\nweight: 1\n---\n",
            "docs/t3/frameworks.md and docs/t3/otra.md: both have 'weight: 1' in docs/t3/",
        ),
        ("t3/otra.md", "---\ntitle: Otra\n---\n", "docs/t3/otra.md: 'weight' must be an integer"),
        ("t3/otra.md", "---\n- a\n---\n", "docs/t3/otra.md: front matter must be a mapping"),
        ("t9/a.md", "---\ntitle: A\nweight: 1\n---\n", "docs/t9/: a folder of pages needs an"),
    ],
    ids=["same-weight", "no-weight", "not-mapping", "no-index"],
)
def test_the_strict_build_rejects_a_bad_course_naming_file_and_field(
    tmp_path: Path, page: str, text: str, message: str
) -> None:
    config = project_site(tmp_path / "project")
    target = config.parent / "docs" / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    result = run_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert message in output


# Runs a strict build in this process with PyYAML's loaders counting the front matter they
# parse (any YAML text with both `title:` and `weight:`), and prints the counts by page title.
COUNT_PARSES = """
import collections, json, sys, yaml
from mkdocs.__main__ import cli
counts, depth = collections.Counter(), [0]
def counting(load):
    def wrapper(stream, *args, **kwargs):
        text = stream if isinstance(stream, str) else ""
        if "title:" in text and "weight:" in text and not depth[0]:
            counts[text.split("title:", 1)[1].splitlines()[0].strip()] += 1
        depth[0] += 1  # safe_load calls load: count the outer call only
        try:
            return load(stream, *args, **kwargs)
        finally:
            depth[0] -= 1
    return wrapper
yaml.load, yaml.safe_load = counting(yaml.load), counting(yaml.safe_load)
try:
    cli(["build", "--strict", "-d", sys.argv[1]])
except SystemExit as end:
    assert not end.code, end.code
print("PARSES=" + json.dumps(counts))
"""


def test_front_matter_is_parsed_once_per_page_per_build(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", COUNT_PARSES, str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = json.loads(result.stdout.split("PARSES=", 1)[1])
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(counts) == len(pages) >= 7, counts
    assert set(counts.values()) == {1}, counts


def questions_of(page: str) -> list[Any]:
    return [q for q in data.QUESTIONS.values() if q.page == page]


def test_each_section_page_ends_with_its_questions_and_their_folded_solutions(
    built_site: Path,
) -> None:
    for page in ("t3/frameworks.md", "t3/computacion-acelerada.md", "t3/proveedores.md"):
        html = (built_site / page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        expected = questions_of(page)
        assert html.count("<fieldset>") == len(expected) >= 3, page
        assert html.count('<details class="course-answer">') == len(expected), page
        for question in expected:
            assert f'id="autoevaluacion-{question.key}"' in html, (page, question.key)
        assert parse(built_site / page.removesuffix(".md") / "index.html").headings[-1] == (
            "Autoevaluación"
        )
    # A page without questions has neither the block nor its script.
    index = (built_site / "t3" / "index.html").read_text(encoding="utf-8")
    assert "course-self-check" not in index and "self-check.js" not in index


def test_a_generated_question_answers_with_the_value_its_table_shows(built_site: Path) -> None:
    path = built_site / "t3" / "computacion-acelerada" / "index.html"
    (table,) = [t for t in parse(path).tables if t and t[0][1:2] == ["TPU v4"]]
    shown = {row[0]: row[1] for row in table[1:]}["HBM por chip"]
    html = path.read_text(encoding="utf-8")
    start = html.index('id="autoevaluacion-tpu-v4-hbm"')
    block = html[start : html.index("</details>", start)]
    assert f"La respuesta correcta es «{shown}»." in block
    assert shown == quantity(data.TPU_GENERATIONS["v4"].hbm_per_chip, "GiB")


def test_questions_stay_out_of_search_but_their_heading_does_not(built_site: Path) -> None:
    folder = built_site / search_pagefind.OUTPUT / "fragment"
    indexed = [search_pagefind.read_fragment(path.read_bytes()) for path in folder.iterdir()]
    pages = {fragment["url"]: fragment["content"] for fragment in indexed}
    for page in ("/t3/frameworks/", "/t3/computacion-acelerada/", "/t3/proveedores/"):
        text = pages[page]
        assert "Autoevaluación. Preguntas para comprobar" in text, page  # the negative control
        assert "La respuesta correcta" not in text and "Comprobar" not in text.replace(
            "para comprobar", ""
        ), page
    everything = " ".join(pages.values())
    for question in data.QUESTIONS.values():
        if isinstance(question, Question):
            for option in question.options:
                assert option not in everything, (question.key, option)
    # Material's own search, when the Pagefind hook is off, skips the block too.
    assert 'data-search-exclude markdown="1"' in render_self_check(
        docs_course(), "t3/frameworks.md"
    )


def test_the_printable_topic_puts_every_solution_at_its_end(built_site: Path) -> None:
    html = (built_site / "t3" / "imprimir" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert '<details class="course-answer">' not in article
    assert article.count('class="course-answer-link"') == len(data.QUESTIONS)
    assert parse(built_site / "t3" / "imprimir" / "index.html").headings[-4:] == [
        "Soluciones",
        "Frameworks para Deep Learning",
        "Computación Acelerada",
        "Proveedores",
    ]
    solutions = article[article.index('id="soluciones"') :]
    for key in data.QUESTIONS:
        assert 'id="soluciones-' in solutions and f'-autoevaluacion-{key}"' in solutions, key
    # In the printable page's contents too.
    assert '<a href="#soluciones" class="md-nav__link">' in html
