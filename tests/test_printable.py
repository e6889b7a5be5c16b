"""A topic's printable page, joined from the HTML its sections already have."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from macros.course import CourseError, build_course, read_page
from macros.printable import (
    MARKER,
    Section,
    demote,
    fill,
    join_sections,
    print_section,
    printed_pages,
    render_marker,
    section_name,
    solution_headings,
)
from macros.questions import render_self_check
from macros.records import Place, Question, Source, index
from tests.site_markdown import to_html

QUIZ_COURSE = build_course(
    read_page(path, text)
    for path, text in {
        "index.md": "---\ntitle: Inicio\nweight: 1\n---\n\n# Inicio\n",
        "t3/index.md": "---\ntitle: T3\nweight: 3\n---\n\n# T3\n",
        "t3/a.md": "---\ntitle: A\nweight: 1\n---\n\n# A\n\n## B\n\n{{ self_check() }}\n",
    }.items()
)
QUIZ_SOURCE = Source(
    key="s", title="Fuente", url="https://example.org/", publisher="P", checked=date(2026, 1, 1)
)
QUIZ = Question(
    key="uno",
    page="t3/a.md",
    question="¿Sí o no?",
    options=("Sí", "No"),
    answer="Sí",
    explanation="Porque sí.",
    see=Place(page="t3/a.md", heading="B"),
    sources=("s",),
)

FRAMEWORKS = Section(
    name="frameworks",
    url="t3/frameworks/",
    html=(
        '<h1 id="intro">Intro<a class="headerlink" href="#intro">¶</a></h1>\n'
        '<p>Véase <a href="../proveedores/#bigml">BigML</a>, <a href="../proveedores/">todo</a>,'
        ' <a href="./#intro">arriba</a>, <a href="../otro/">otro</a> y '
        '<a href="https://example.org/#x">fuera</a>.</p>\n'
        '<img alt="x" src="../../assets/x.png" srcset="../../assets/x2.png 2x">\n'
        '<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><label for="__tabbed_1_1">A'
        "</label>\n"
        '<svg aria-labelledby="fig-title"><title id="fig-title">T</title>'
        '<path marker-end="url(#arrow)"/></svg>\n'
        "<pre><code>&lt;h1 id=&quot;x&quot;&gt;</code></pre>"
    ),
)
PROVIDERS = Section(
    name="proveedores",
    url="t3/proveedores/",
    html='<h1 id="intro">Otra intro</h1><h2 id="bigml">BigML</h2>',
)


def test_each_section_is_printed_by_the_printer_given_once() -> None:
    # assets/hooks/course.py gives a printer that reuses a section's last print under serve.
    calls: list[str] = []

    def printer(section: Section, page_url: str, local: Mapping[str, str]) -> Any:
        calls.append(section.name)
        return print_section(section, page_url, local)

    sections = [FRAMEWORKS, PROVIDERS]
    assert join_sections(sections, "t3/imprimir/", printer) == join_sections(
        sections, "t3/imprimir/"
    )
    assert calls == ["frameworks", "proveedores"]


def test_ids_get_the_section_prefix_and_references_follow() -> None:
    html = join_sections([FRAMEWORKS, PROVIDERS], "t3/imprimir/")
    assert '<h2 id="frameworks-intro">' in html
    assert '<h2 id="proveedores-intro">' in html  # no clash between the two "intro"
    assert 'class="headerlink" href="#frameworks-intro"' in html
    assert 'id="frameworks-__tabbed_1_1" name="frameworks-__tabbed_1"' in html
    assert '<label for="frameworks-__tabbed_1_1">' in html
    assert 'aria-labelledby="frameworks-fig-title"' in html
    assert 'marker-end="url(#frameworks-arrow)"' in html


def test_links_to_printed_sections_stay_in_the_page_and_others_are_rebased() -> None:
    html = join_sections([FRAMEWORKS, PROVIDERS], "t3/imprimir/")
    assert '<a href="#proveedores-bigml">BigML</a>' in html
    assert '<a href="#proveedores">todo</a>' in html
    assert '<a href="#frameworks-intro">arriba</a>' in html
    assert '<a href="../otro/">otro</a>' in html
    assert '<a href="https://example.org/#x">fuera</a>' in html
    assert 'src="../../assets/x.png" srcset="../../assets/x2.png 2x"' in html
    # From a sub-topic one level deeper, relative addresses are rebased.
    deeper = Section(name="sub-a", url="t3/sub/a/", html='<img src="../../../assets/x.png">')
    assert 'src="../../assets/x.png"' in join_sections([deeper], "t3/imprimir/")


def test_headings_go_one_level_down_and_code_is_left_alone() -> None:
    assert demote("<h1>a</h1><h5>b</h5><h6>c</h6>") == "<h2>a</h2><h6>b</h6><h6>c</h6>"
    html = join_sections([FRAMEWORKS], "t3/imprimir/")
    assert "<pre><code>&lt;h1 id=&quot;x&quot;&gt;</code></pre>" in html
    assert html.startswith('<section class="course-printable-section" id="frameworks">')


def test_fill_replaces_the_marker_once_and_refuses_nested_printables() -> None:
    page = f"<h1>T3</h1>\n{MARKER}\n"
    assert fill(page, [PROVIDERS], "t3/imprimir/", "docs/t3/imprimir.md").count("<section") == 1
    with pytest.raises(CourseError, match="must appear exactly once"):
        fill(page + MARKER, [PROVIDERS], "t3/imprimir/", "docs/t3/imprimir.md")
    nested = Section(name="otra", url="t3/otra/", html=MARKER)
    with pytest.raises(CourseError, match="calls printable_topic\\(\\) itself"):
        fill(page, [nested], "t3/imprimir/", "docs/t3/imprimir.md")


def test_the_marker_stands_for_the_topic_pages() -> None:
    def page(title: str, weight: int) -> str:
        return f"---\ntitle: {title}\nweight: {weight}\n---\n\n# {title}\n"

    course = build_course(
        read_page(path, text)
        for path, text in {
            "index.md": page("Inicio", 0),
            "t3/index.md": page("T3", 3),
            "t3/b.md": page("B", 2),
            "t3/a.md": page("A", 1),
            "t3/sub/index.md": page("Sub", 3),
            "t3/sub/x.md": page("X", 1),
            "t3/imprimir.md": page("Imprimir", 99),
            "t4/index.md": page("T4", 4),
            "t4/imprimir.md": page("Imprimir", 99),
        }.items()
    )
    assert render_marker(course, "t3/imprimir.md") == MARKER
    assert [p.src_path for p in printed_pages(course, "t3/imprimir.md")][:2] == [
        "t3/a.md",
        "t3/b.md",
    ]
    with pytest.raises(CourseError, match="docs/t4/imprimir.md: no section pages beside"):
        render_marker(course, "t4/imprimir.md")
    assert section_name("t3/sub/index.md", "t3") == "sub"
    assert section_name("t3/Computación Acelerada.md", "t3") == "computaci-n-acelerada"


def test_self_check_solutions_move_to_the_end_of_the_topic() -> None:
    # The section pages' HTML as the site renders macros/questions.py's output.
    html = to_html(
        render_self_check(
            QUIZ_COURSE,
            "t3/a.md",
            questions=index("QUESTIONS", [QUIZ]),
            collections={},
            sources={"s": QUIZ_SOURCE},
        )
    )
    quiz = Section(name="a", url="t3/a/", html=html, title="Página <A>")
    joined = join_sections([quiz, PROVIDERS], "t3/imprimir/")
    assert "<details" not in joined, "a solution left folded under its question"
    assert "data-self-check=" not in joined, "the script would make the printed page interactive"
    assert (
        '<p class="course-answer-link"><a href="#soluciones-a-autoevaluacion-uno">'
        "Solución al final del tema</a></p>"
    ) in joined
    # After every section, the solutions, each linked back to its question.
    solutions = joined.split('<section class="course-printable-section course-solutions">')[1]
    assert joined.index('id="proveedores"') < joined.index("course-solutions")
    assert '<li id="soluciones-a-autoevaluacion-uno">' in solutions
    assert "La respuesta correcta es «Sí».</p>" in solutions
    assert '<a href="#a-autoevaluacion-uno">Volver a la pregunta</a>' in solutions
    assert solution_headings(joined) == [
        (2, "soluciones", "Soluciones"),
        (3, "soluciones-a", "Página <A>"),
    ]
    assert join_sections([PROVIDERS], "t3/imprimir/").count("course-solutions") == 0


def test_a_section_named_like_the_solutions_is_refused() -> None:
    with pytest.raises(CourseError, match="a section named 'soluciones' clashes"):
        join_sections([Section(name="soluciones", url="t3/soluciones/", html="")], "t3/imprimir/")
