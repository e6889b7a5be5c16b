"""The PDF of each topic (macros/pdf.py, assets/hooks/pdf.py), read back with pypdf.

The first tests call the pure functions. Then the real site's PDF, from the session's strict
build, is read back: A4, bookmarks equal to the printable page's headings, every caption,
links (to the web and inside the document), page numbers, running section titles, the
contents' page numbers and the cover. Small fixture sites check `mkdocs serve` (no PDF, a
note instead) and the errors; Chromium itself checks the light palette and that printing
fetches nothing from outside the site.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import fields, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser
from pypdf import PdfReader
from pypdf.generic import Destination

from assets.hooks import pdf as hook
from assets.hooks import search_pagefind
from macros import dependencies, pdf
from macros.course import CourseError, build_course, read_page
from macros.markdown import NBSP, spanish_date
from macros.pages import last_commit_days
from scripts.fixture_site import ROOT, fixture_site
from scripts.serving import mkdocs_serve
from tests.conftest import run_build
from tests.test_serve import wait_for

PDF_HOOK = ROOT / "assets" / "hooks" / "pdf.py"
PDF_PATH = "t3/apuntes-t3.pdf"
# A4 in PDF points (Chromium rounds to its CSS pixels: within a point).
A4 = (595.28, 841.89)


def page(path: str, title: str, weight: int, body: str = "") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\n---\n\n# {title}\n\n{body}\n"


def course(pages: dict[str, str]) -> Any:
    return build_course(read_page(path, text) for path, text in pages.items())


COURSE = course(
    {
        "index.md": page("index.md", "Inicio", 0),
        "t/index.md": page("t/index.md", "Tema", 1, "{{ pdf_download() }}"),
        "t/a.md": page("t/a.md", "A", 1),
        "t/p.md": page("t/p.md", "Para imprimir", 9, "{{ printable_topic() }}"),
        "u/index.md": page("u/index.md", "Otro tema", 2),
        "u/b.md": page("u/b.md", "B", 1),
    }
)


# -- Which page prints, the landing page's note and link ------------------------------------------


def test_the_printable_page_is_the_one_that_calls_printable_topic() -> None:
    dependencies.start()
    printable = pdf.printable_page(COURSE.topic("t"))
    assert printable is not None and printable.src_path == "t/p.md"
    # A page rebuilt under `mkdocs serve` when the printable page's Markdown changes.
    assert dependencies.stop() == {("page-body", "t/p.md")}
    dependencies.start()
    assert pdf.printable_page(COURSE.topic("u")) is None
    assert dependencies.stop() == {("page-body", "u/b.md")}  # any page may come to print it
    assert pdf.pdf_path(COURSE.topic("t")) == "t/apuntes-t.pdf"


def test_pdf_download_leaves_a_note_on_a_topics_landing_page() -> None:
    marker = pdf.render_download_marker(COURSE, "t/index.md")
    assert marker == (
        '<p class="course-pdf-download" data-pagefind-ignore data-course-pdf="t">'
        "El PDF de este tema se genera al publicar el sitio.</p>"
    )
    assert pdf.marked_topics(f"<main>{marker}</main>") == ["t"]


def test_pdf_download_elsewhere_or_without_a_printable_page_is_a_clear_error() -> None:
    with pytest.raises(CourseError) as error:
        pdf.render_download_marker(COURSE, "t/a.md")
    assert str(error.value) == "docs/t/a.md: pdf_download() only works on a topic's index.md"
    with pytest.raises(CourseError) as error:
        pdf.render_download_marker(COURSE, "u/index.md")
    assert str(error.value) == (
        "docs/u/index.md: pdf_download(): no page of docs/u/ calls printable_topic(), so the "
        "topic has no PDF; add a page that does (as docs/t3/imprimir.md), or remove "
        "pdf_download()"
    )


@pytest.mark.parametrize(
    ("size", "text"),
    [(300, "1 KiB"), (870_000, "850 KiB"), (1_244_299, "1,2 MiB"), (15 * 2**20, "15,0 MiB")],
)
def test_sizes_read_in_spanish(size: int, text: str) -> None:
    assert pdf.format_size(size) == text.replace(" ", NBSP)


def test_the_link_gives_size_and_pages_and_replaces_the_note() -> None:
    assert pdf.format_pages(1) == f"1{NBSP}página"
    assert pdf.format_pages(38) == f"38{NBSP}páginas"
    link = pdf.render_download_link("apuntes-t.pdf", 870_000, 38)
    assert link == (
        '<p class="course-pdf-download" data-pagefind-ignore><a href="apuntes-t.pdf" '
        'type="application/pdf" '
        f"download>Descargar en PDF</a> (850{NBSP}KiB, 38{NBSP}páginas)</p>"
    )
    note = pdf.render_download_marker(COURSE, "t/index.md")
    assert pdf.fill_download(f"<p>x</p>{note}<p>y</p>", "t", link, "docs/t/index.md") == (
        f"<p>x</p>{link}<p>y</p>"
    )
    with pytest.raises(CourseError) as error:
        pdf.fill_download("<p>x</p>", "t", link, "docs/t/index.md")
    assert str(error.value) == (
        "docs/t/index.md: expected pdf_download() once on the page, found it 0 times"
    )


@pytest.mark.parametrize(
    ("from_url", "href"),
    [
        ("t3/", "apuntes-t3.pdf"),
        ("t3/index.html", "apuntes-t3.pdf"),
        ("t3/imprimir/", "../apuntes-t3.pdf"),
    ],
)
def test_links_are_relative_to_the_page(from_url: str, href: str) -> None:
    assert pdf.relative_href("t3/apuntes-t3.pdf", from_url) == href


def test_the_topic_is_dated_by_its_last_commit_as_the_pages_are(tmp_path: Path) -> None:
    # The cover's date is the newest of the dates its pages show, merges left out by both:
    # git's own answer for the topic's folder.
    days = last_commit_days(ROOT / "docs")
    paths = [f"t3/{p.name}" for p in (ROOT / "docs" / "t3").glob("*.md")]
    newest = subprocess.run(
        ["git", "log", "-1", "--no-merges", "--format=%cs", "--", *paths],
        cwd=ROOT / "docs",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert newest and pdf.topic_date(days, paths) == newest
    assert pdf.topic_date(last_commit_days(tmp_path), ["a.md"]) is None  # no history: no date


def test_a_merge_does_not_redate_the_topic(tmp_path: Path) -> None:
    # A page changed on a branch on 1 December and merged on 2 December: it says 1 December,
    # and so does the cover of its topic.
    def git(*args: str, day: str = "2026-12-01") -> None:
        stamp = f"{day}T12:00:00+00:00"
        env = {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "HOME": str(tmp_path)}
        subprocess.run(
            ["git", "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
            cwd=tmp_path,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    git("add", "a.md")
    git("commit", "-q", "-m", "A", day="2026-11-30")
    git("checkout", "-q", "-b", "edit")
    (tmp_path / "a.md").write_text("# A, corregida\n", encoding="utf-8")
    git("commit", "-q", "-am", "Edit A")
    git("checkout", "-q", "main")
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    git("add", "b.md")
    git("commit", "-q", "-m", "B", day="2026-11-30")
    git("merge", "-q", "--no-ff", "-m", "Merge edit", "edit", day="2026-12-02")
    assert last_commit_days(tmp_path)["a.md"] == "2026-12-01"
    assert pdf.topic_date(last_commit_days(tmp_path), ["a.md", "b.md"]) == "2026-12-01"


# -- The document Chromium prints -----------------------------------------------------------------

SECTIONS = (
    '<section class="course-printable-section" id="a">\n'
    '<h2 id="a-a">A "uno"<a class="headerlink" href="#a-a" title="Enlace">¶</a></h2>\n'
    '<h3 id="a-b">B</h3><h4 id="a-c">C</h4>\n'
    '<details class="note"><summary>Más</summary><p>oculto</p></details>\n'
    '<img alt="x" src="x.png" loading="lazy">\n</section>\n'
    '<section class="course-printable-section" id="z">\n<h2 id="z-z">Z</h2>\n</section>\n'
    '<section class="course-printable-section course-solutions">\n'
    '<h2 class="course-solutions-heading" id="soluciones">Soluciones</h2>\n</section>'
)
PRINTABLE = (
    '<h1 id="tema">Tema<a class="headerlink" href="#tema">¶</a></h1>\n'
    "<p>Usa la opción de imprimir del navegador.</p>\n" + SECTIONS
)
DOCUMENT = pdf.Document(
    site_name="Apuntes",
    title="Tema",
    short_title="T",
    title_id="tema",
    description="De qué trata.",
    date="2026-11-30",
    url="https://example.org/apuntes/t/",
    stylesheets=("../../assets/main.css", "../../assets/pdf.css"),
    palette={"data-md-color-scheme": "slate", "data-md-color-primary": "indigo", "dir": "ltr"},
)


def test_the_pdf_takes_the_printable_pages_sections_only() -> None:
    assert pdf.printed_sections(PRINTABLE, "docs/t/p.md") == SECTIONS
    with pytest.raises(CourseError) as error:
        pdf.printed_sections("<h1>Tema</h1>", "docs/t/p.md")
    assert str(error.value) == (
        "docs/t/p.md: no printed sections in the page (printable_topic() left none)"
    )


def test_headings_are_read_without_their_permalinks() -> None:
    assert pdf.headings(PRINTABLE) == [
        pdf.Heading(1, "tema", "Tema"),
        pdf.Heading(2, "a-a", 'A "uno"'),
        pdf.Heading(3, "a-b", "B"),
        pdf.Heading(4, "a-c", "C"),
        pdf.Heading(2, "z-z", "Z"),
        pdf.Heading(2, "soluciones", "Soluciones"),
    ]


def test_on_paper_blocks_are_open_images_load_and_permalinks_go() -> None:
    paper = pdf.for_paper(SECTIONS)
    assert '<details open class="note">' in paper
    assert "loading=" not in paper and "headerlink" not in paper and "¶" not in paper


def test_each_section_is_a_named_page_with_its_title_in_the_header() -> None:
    css = pdf.render_page_css(DOCUMENT, pdf.running_titles(SECTIONS))
    assert '@top-left { content: "T"; }' in css
    assert '@bottom-center { content: counter(page) " / " counter(pages); }' in css
    assert ".course-pdf > section:nth-of-type(1) { page: course-pdf-1; }" in css
    assert '@page course-pdf-1 { @top-right { content: "A \\"uno\\""; } }' in css
    assert '@page course-pdf-2 { @top-right { content: "Z"; } }' in css
    assert '@page course-pdf-3 { @top-right { content: "Soluciones"; } }' in css
    # Last, so that it wins over the rule for every page.
    assert css.splitlines()[-1].startswith("@page course-pdf-cover { @top-left { content: none; }")
    assert pdf.css_string('a\\b"c\nd') == '"a\\\\b\\"c\\a d"'


def test_the_contents_list_sections_and_subsections_with_their_pages() -> None:
    entries = pdf.contents_entries(SECTIONS)
    assert [e.id for e in entries] == ["a-a", "a-b", "z-z", "soluciones"]  # h4 is too deep
    first = pdf.render_contents(entries, {})
    assert first.count('<span class="course-pdf-contents__page"></span>') == 4
    numbered = pdf.render_contents(entries, {"a-a": 3, "a-b": 4, "z-z": 7, "soluciones": 8})
    assert re.sub(r"\s+", "", numbered) == re.sub(
        r"\s+",
        "",
        """<nav class="course-pdf-contents" aria-labelledby="course-pdf-contents-title">
        <p class="course-pdf-contents__title" id="course-pdf-contents-title">Índice</p><ol>
        <li><a href="#a-a"><span class="course-pdf-contents__text">A &quot;uno&quot;</span>
        <span class="course-pdf-contents__page">3</span></a><ol>
        <li><a href="#a-b"><span class="course-pdf-contents__text">B</span>
        <span class="course-pdf-contents__page">4</span></a></li></ol></li>
        <li><a href="#z-z"><span class="course-pdf-contents__text">Z</span>
        <span class="course-pdf-contents__page">7</span></a></li>
        <li><a href="#soluciones"><span class="course-pdf-contents__text">Soluciones</span>
        <span class="course-pdf-contents__page">8</span></a></li></ol></nav>""",
    )


def test_the_document_has_a_cover_the_contents_and_the_sections_in_the_light_palette() -> None:
    document = pdf.render_document(DOCUMENT, SECTIONS, {"a-a": 3})
    assert '<body data-md-color-primary="indigo" data-md-color-scheme="default" dir="ltr">' in (
        document
    )
    assert "slate" not in document
    assert '<link rel="stylesheet" href="../../assets/main.css">\n' in document
    assert "<title>Tema</title>" in document
    cover = document[document.index('<header class="course-pdf-cover">') :]
    cover = cover[: cover.index("</header>")]
    assert '<h1 id="tema">Tema</h1>' in cover
    assert "Última actualización: 30 de noviembre de 2026" in cover
    assert '<a href="https://example.org/apuntes/t/">https://example.org/apuntes/t/</a>' in cover
    assert "De qué trata." in cover
    sections = document.index('<section class="course-printable-section" id="a">')
    assert document.index('<nav class="course-pdf-contents"') < sections
    assert "imprimir del navegador" not in document  # the printable page's own prose
    assert pdf.headings(document)[0] == pdf.Heading(1, "tema", "Tema")


# -- Dates, styles and Chromium ------------------------------------------------------------------


def test_chromiums_dates_are_set_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        b"%PDF-1.4\n<</CreationDate (D:20261201224022+00'00')\n/ModDate (D:20261201224023+00'00')>>"
    )
    fixed = hook.set_dates(data, 1715688000)
    assert len(fixed) == len(data)
    assert fixed.count(b"(D:20240514120000+00'00')") == 2
    with pytest.raises(PluginError) as error:
        hook.set_dates(b"%PDF-1.4\n<</ModDate (D:20261201224023+00'00')>>", 0)
    assert "found [b'ModDate']; the PDF would not be reproducible" in str(error.value)


def test_structure_ids_are_numbered_from_one_in_order() -> None:
    data = b"<</ID (node00000135)>> <</ID (node00000137)>> <</Headers [(node00000135)]>>"
    assert hook.stable_ids(data) == (
        b"<</ID (node00000001)>> <</ID (node00000002)>> <</Headers [(node00000001)]>>"
    )


def test_the_pdf_is_dated_by_source_date_epoch_else_by_the_topic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1715688000")
    assert hook.build_epoch("2026-11-30") == 1715688000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "ayer")
    with pytest.raises(PluginError) as error:
        hook.build_epoch(None)
    assert str(error.value) == (
        "SOURCE_DATE_EPOCH must be a number of seconds since 1970, got 'ayer'"
    )
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert hook.build_epoch("2024-05-14") == 1715644800


def test_the_document_takes_the_built_pages_stylesheets_and_palette() -> None:
    output = (
        '<html><head><link rel="icon" href="f.svg"><link rel="stylesheet" href="a.css">'
        '<link rel="stylesheet" href="b.css"></head><body dir="ltr" data-md-color-scheme='
        '"default" data-md-color-primary="indigo" class="x"><link rel="stylesheet" href="c.css">'
    )
    assert hook.page_styles(output) == (
        ("a.css", "b.css", "c.css"),
        {"dir": "ltr", "data-md-color-scheme": "default", "data-md-color-primary": "indigo"},
    )


def test_the_page_styles_stop_at_the_body_only_when_nothing_later_can_change_them() -> None:
    head = (
        '<html><head><link rel="stylesheet" href="a.css"><script>var x = "<body dir=rtl>";'
        "</script><!-- <body data-md-color-scheme=slate> -->"
    )
    body = '</head><body dir="ltr" data-md-color-scheme="default"><p>Texto</p>'
    expected = (("a.css",), {"dir": "ltr", "data-md-color-scheme": "default"})
    # "<body" in the head's script and comment is not the body: the whole page is read.
    assert hook.page_styles(head + body) == expected
    plain = '<html><head><link rel="stylesheet" href="a.css"></head>' + body[len("</head>") :]
    assert hook.page_styles(plain) == expected
    # A stylesheet the body links (in any case) is found after the body's start tag.
    assert hook.page_styles(plain + '<LINK REL="StyleSheet" href="b.css">')[0] == ("a.css", "b.css")


def test_the_page_styles_of_the_built_printable_page_are_those_of_its_whole_html(
    built_site: Path,
) -> None:
    from selectolax.lexbor import LexborHTMLParser

    text = (built_site / "t3" / "imprimir" / "index.html").read_text(encoding="utf-8")
    whole = LexborHTMLParser(text, scripting=True)
    stylesheets, palette = hook.page_styles(text)
    assert stylesheets == tuple(
        str(n.attributes["href"]) for n in whole.css('link[rel="stylesheet"][href]')
    )
    assert stylesheets[-1].endswith("assets/stylesheets/course.css")
    assert whole.body is not None
    assert palette == {
        k: v or ""
        for k, v in whole.body.attributes.items()
        if k.startswith("data-md-color-") or k == "dir"
    }
    assert palette["data-md-color-scheme"] == "default"


@pytest.mark.browser
def test_printing_refuses_a_dark_page_and_anything_outside_the_site(
    browser: Browser, tmp_path: Path
) -> None:
    (tmp_path / "x.css").write_text("p { color: black; }", encoding="utf-8")
    site = hook.Site(url="https://example.org/apuntes/", folder=tmp_path)
    url = "https://example.org/apuntes/t/p/"
    data = hook.print_document(
        browser, site, url, '<link rel="stylesheet" href="../../x.css"><p>Hola</p>', "docs/t/p.md"
    )
    assert PdfReader(__import__("io").BytesIO(data)).pages[0].extract_text() == "Hola"
    with pytest.raises(PluginError) as error:
        hook.print_document(
            browser, site, url, '<body style="background: #1e2129"><p>x</p>', "docs/t/p.md"
        )
    assert str(error.value) == (
        "docs/t/p.md: the PDF would print a dark background (rgb(30, 33, 41)); it must use "
        "the light palette"
    )
    with pytest.raises(PluginError) as error:
        hook.print_document(
            browser,
            hook.Site(url=site.url, folder=tmp_path),
            url,
            '<img src="https://cdn.example.com/a.png"><img src="../../nada.png">',
            "docs/t/p.md",
        )
    assert str(error.value) == (
        "docs/t/p.md: printing the PDF needed\n"
        "another host: https://cdn.example.com/a.png\n"
        "not in the site: https://example.org/apuntes/nada.png"
    )


# -- The real site's PDF, read back ---------------------------------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))


def article(site: Path, path: str) -> str:
    text = (site / path).read_text(encoding="utf-8")
    return text[
        text.index('<article class="md-content__inner md-typeset">') : text.index("</article>")
    ]


def outline_titles(entries: list[Any]) -> list[str]:
    titles: list[str] = []
    for entry in entries:
        if isinstance(entry, list):
            titles += outline_titles(entry)
        else:
            titles.append(entry.title)
    return titles


def page_index(reader: PdfReader, destination: Destination) -> int:
    """The index of the page `destination` leads to: every one these tests follow is on a page."""
    index = reader.get_destination_page_number(destination)
    assert index is not None, f"{destination.title}: on no page"
    return index


@pytest.fixture(scope="module")
def reader(built_site: Path) -> PdfReader:
    return PdfReader(built_site / PDF_PATH)


@pytest.fixture(scope="module")
def texts(reader: PdfReader) -> list[str]:
    return [p.extract_text() for p in reader.pages]


def test_the_pdf_is_a4_with_numbered_pages(reader: PdfReader, texts: list[str]) -> None:
    count = len(reader.pages)
    assert count >= 20
    for number, page_ in enumerate(reader.pages, start=1):
        width, height = float(page_.mediabox.width), float(page_.mediabox.height)
        assert abs(width - A4[0]) < 1 and abs(height - A4[1]) < 1, (number, width, height)
    assert f"1 / {count}" not in texts[0]  # the cover has no number
    unnumbered = [n for n in range(2, count + 1) if f"{n} / {count}" not in texts[n - 1]]
    assert not unnumbered, f"pages without their number: {unnumbered}"


def test_the_bookmarks_are_the_printable_pages_headings(
    reader: PdfReader, built_site: Path
) -> None:
    headings = pdf.headings(article(built_site, "t3/imprimir/index.html"))
    assert len(headings) > 20 and headings[0].level == 1
    # Material prints h5 and h6 in capitals, and the bookmarks keep what is printed.
    assert [t.casefold() for t in outline_titles(reader.outline)] == [
        h.text.casefold() for h in headings
    ]
    # One root, the topic; the sections under it.
    assert len(reader.outline) == 2 and isinstance(reader.outline[1], list)
    assert [e.title for e in reader.outline[1] if not isinstance(e, list)] == [
        h.text for h in headings if h.level == 2
    ]


def test_every_caption_and_the_link_addresses_are_in_the_text(
    texts: list[str], built_site: Path
) -> None:
    printable = article(built_site, "t3/imprimir/index.html")
    captions = [
        squeeze(c) for c in re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", printable, re.S)
    ]
    assert len(captions) >= 20
    packed = squeeze(" ".join(texts))
    missing = [c for c in captions if c not in packed]
    assert not missing, f"captions missing from the PDF: {missing}"
    assert "Tabla3.1." in packed and "Figura3.1." in packed


def test_links_lead_to_the_web_and_inside_the_document(
    reader: PdfReader, texts: list[str], built_site: Path
) -> None:
    uris, internal = set(), []
    for page_ in reader.pages:
        for annotation in page_.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.add(str(action["/URI"]))
            elif "/Dest" in annotation:
                internal.append(str(annotation["/Dest"]))
    printable = article(built_site, "t3/imprimir/index.html")
    sections = pdf.printed_sections(printable, "docs/t3/imprimir.md")
    external = {html.unescape(u) for u in re.findall(r'href="(https?://[^"]+)"', sections)}
    assert len(external) > 50
    assert not external - uris, f"links missing from the PDF: {sorted(external - uris)}"
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    entries = pdf.contents_entries(sections)
    assert len(internal) > len(entries)
    unresolved = [d for d in internal if d.lstrip("/") not in named]
    assert not unresolved, f"internal links to nowhere: {unresolved}"
    # Each contents entry leads to the page that starts with it, and shows that page's number.
    contents = texts[1]
    for entry in entries:
        number = page_index(reader, named[entry.id]) + 1
        assert entry.text in texts[number - 1], (entry.text, number)
        assert re.search(rf"^{re.escape(entry.text)} {number}$", contents, re.M), (entry, number)


def test_each_sections_pages_carry_its_title(
    reader: PdfReader, texts: list[str], built_site: Path
) -> None:
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    sections = [
        h for h in pdf.headings(article(built_site, "t3/imprimir/index.html")) if h.level == 2
    ]
    starts = [page_index(reader, named[h.id]) for h in sections]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for section, start, end in zip(sections, starts, [*starts[1:], len(texts)], strict=True):
        for number in range(start, end):
            header = texts[number].splitlines()[0]
            assert header == f"T3. Herramientas {section.text}", (number + 1, header)
    assert texts[1].splitlines()[0] == "T3. Herramientas"  # the contents: no section yet


def test_the_cover_has_the_title_and_the_date_of_the_last_commit(texts: list[str]) -> None:
    day = pdf.topic_date(
        last_commit_days(ROOT / "docs"),
        [f"t3/{p.name}" for p in (ROOT / "docs" / "t3").glob("*.md")],
    )
    assert day is not None
    cover = " ".join(texts[0].split())
    assert cover.startswith(
        "Apuntes de Deep Learning T3. Herramientas y estrategias de programación"
    )
    assert f"Última actualización: {spanish_date(day)}" in cover
    assert "https://apuntes-deep-learning.github.io/apuntes/t3/" in cover


def test_the_landing_page_links_the_pdf_with_its_size_and_pages(
    built_site: Path, reader: PdfReader
) -> None:
    landing = (built_site / "t3" / "index.html").read_text(encoding="utf-8")
    size = (built_site / PDF_PATH).stat().st_size
    assert pdf.render_download_link("apuntes-t3.pdf", size, len(reader.pages)) in landing
    assert pdf.NOTE_TEXT not in landing
    # Pagefind, which answers the search, indexes the page before the PDF exists: it leaves
    # the line out, so that it never finds the note that the page no longer shows.
    folder = built_site / search_pagefind.OUTPUT / "fragment"
    fragments = [search_pagefind.read_fragment(p.read_bytes()) for p in folder.iterdir()]
    landing_fragment = next(f for f in fragments if f["url"].endswith("/t3/"))
    assert "Correcciones a los apuntes originales" in landing_fragment["content"]
    assert "PDF de este tema" not in landing_fragment["content"]
    assert "Descargar en PDF" not in landing_fragment["content"]


def test_materials_own_search_index_gets_the_links_text() -> None:
    # Where Pagefind does not answer the search (the hook left out), lunr's index has the
    # landing page's text: the note there becomes the link's text.
    entries = [
        {"location": "t/", "text": f"<p>Tema.</p> <p>{pdf.NOTE_TEXT}</p>"},
        {"location": "t/#a", "text": "<p>Otra parte.</p>"},
    ]
    search = SimpleNamespace(
        config=SimpleNamespace(enabled=True), search_index=SimpleNamespace(entries=entries)
    )
    # A stand-in for MkDocs' configuration: the hook reads only Material's search plugin.
    config = SimpleNamespace(plugins={"material/search": search})
    texts = {"t/": "Descargar en PDF (850 KiB, 3 páginas)"}
    hook.search_entries(cast(MkDocsConfig, config), texts, pdf.NOTE_TEXT)
    assert entries[0]["text"] == "<p>Tema.</p> <p>Descargar en PDF (850 KiB, 3 páginas)</p>"
    assert entries[1]["text"] == "<p>Otra parte.</p>"


# -- The PDF cache's key --------------------------------------------------------------------------


def other_value(value: Any) -> Any:
    """A value of the same kind as `value`, and different."""
    if isinstance(value, tuple):
        return (*value, "otra.css")
    if isinstance(value, dict):
        return {**value, "data-md-color-accent": "red"}
    return f"{value}x"


def test_the_cache_key_changes_with_everything_the_printed_document_is_made_of() -> None:
    # A PDF from the cache is taken without making its document (hook.Printing.prepared):
    # the key must then see every input of it, so a change in any gives another key.
    index = SimpleNamespace(nav_title="Tema 3", description="De qué trata.")
    job = hook.Job(
        topic=SimpleNamespace(index=index),
        src_path="t/p.md",
        url="t/p/",
        content='<h1 id="t">Tema</h1><h2 id="a">A</h2>',
        title="Tema para imprimir",
        stylesheets=("../assets/site.css",),
        palette={"data-md-color-primary": "indigo"},
    )
    printing = hook.Printing(
        job=job,
        url="https://example.org/t/p/",
        site_name="Apuntes",
        landing_url="https://example.org/t/",
        date="2026-11-30",
        epoch=0,
        where="docs/t/p.md",
    )
    key = printing.sources()
    changed = {}
    for item in fields(hook.Job):
        if item.name != "topic":
            other = replace(job, **{item.name: other_value(getattr(job, item.name))})
            changed[f"job.{item.name}"] = replace(printing, job=other).sources()
    for name in ("nav_title", "description"):
        topic = SimpleNamespace(index=SimpleNamespace(**{**vars(index), name: "otro"}))
        changed[f"topic.index.{name}"] = replace(printing, job=replace(job, topic=topic)).sources()
    # The PDF is kept undated (the build dates it) and `where` only names the page in errors.
    undated = {"job", "epoch", "where"}
    for item in fields(hook.Printing):
        if item.name not in undated:
            value = getattr(printing, item.name)
            changed[item.name] = replace(printing, **{item.name: other_value(value)}).sources()
    changed["date, none"] = replace(printing, date=None).sources()
    assert len(changed) == 13
    assert {name for name, sources in changed.items() if sources == key} == set()
    assert replace(printing, epoch=1, where="elsewhere").sources() == key


# -- `mkdocs serve` and errors, on small sites ----------------------------------------------------

# The landing page does not call pdf_download(): the link goes at its end.
TOPIC = {
    "t/index.md": page("t/index.md", "Tema", 1, "Texto del tema."),
    "t/a.md": page("t/a.md", "Sección A", 1, "Texto de A; véase [el inicio](../index.md)."),
    "t/p.md": page("t/p.md", "Tema para imprimir", 9, "{{ printable_topic() }}"),
}


@pytest.fixture
def topic_site(tmp_path: Path) -> Path:
    config = fixture_site(
        tmp_path,
        page("index.md", "Inicio", 0),
        pages=TOPIC,
        hooks=[PDF_HOOK],
        extra_config="site_url: https://example.org/prueba/\n"
        # Material without Google's fonts, as the site: printing fetches nothing from outside.
        "theme:\n  name: material\n  language: es\n  font: false\n",
    )
    stylesheet = tmp_path / "docs" / pdf.STYLESHEET
    stylesheet.parent.mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / pdf.STYLESHEET, stylesheet)
    return config


def test_a_small_topic_prints_with_links_to_the_published_site(topic_site: Path) -> None:
    result = run_build(topic_site, topic_site.parent / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in output, output
    reader = PdfReader(topic_site.parent / "site" / "t" / "apuntes-t.pdf")
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for p in reader.pages
        for a in p.get("/Annots") or []
        if "/A" in a.get_object()
    ]
    assert "https://example.org/prueba/" in uris  # the section's link to the home page
    assert "https://example.org/prueba/t/" in uris  # the cover's, to the topic
    assert outline_titles(reader.outline) == ["Tema para imprimir", "Sección A"]
    assert "PDF: t/apuntes-t.pdf, 3 pages" in output
    landing = (topic_site.parent / "site" / "t" / "index.html").read_text(encoding="utf-8")
    size = (topic_site.parent / "site" / "t" / "apuntes-t.pdf").stat().st_size
    link = pdf.render_download_link("apuntes-t.pdf", size, 3)
    assert landing.count(link) == 1
    assert landing.index("<p>Texto del tema.</p>") < landing.index(link)  # at the page's end


def test_serve_makes_no_pdf_and_says_when_it_is_made(topic_site: Path) -> None:
    with mkdocs_serve(topic_site.parent, dirty=False) as url:
        # Served under site_url's path, as GitHub Pages does.
        landing = wait_for(url + "prueba/t/", lambda text: 'id="tema"' in text, 60)
        note = pdf.MARKER.format(folder="t")
        assert landing.count(note) == 1
        assert landing.index("<p>Texto del tema.</p>") < landing.index(note)
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "prueba/t/apuntes-t.pdf", timeout=30)
        missing.value.close()
        assert missing.value.code == 404
