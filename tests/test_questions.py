"""The self-check questions' renderer, called directly: structure, ids, escaping, generation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from macros import data, dependencies, render
from macros.course import CourseError, build_course, read_page
from macros.markdown import spanish_date
from macros.questions import option_value, render_self_check
from macros.records import (
    FactQuestion,
    HbmUnit,
    Place,
    Question,
    Source,
    TpuGeneration,
    index,
)
from tests.site_markdown import to_html
from tests.test_site import docs_course

PAGES = {
    "index.md": "---\ntitle: Inicio\nweight: 1\n---\n\n# Inicio\n",
    "t3/index.md": "---\ntitle: T3\nweight: 3\n---\n\n# T3\n",
    "t3/a.md": (
        "---\ntitle: Página A\nweight: 1\n---\n\n# Página A\n\n## Caffe\n\n"
        "```\n## No es un encabezado\n```\n\n{{ self_check() }}\n"
    ),
    "t3/b.md": (
        "---\ntitle: Página B\nweight: 2\n---\n\n# Página B\n\n## TPU v4 & más\n\n"
        "{{ self_check() }}\n"
    ),
    "t3/c.md": "---\ntitle: Página C\nweight: 3\n---\n\n# Página C\n",
}
COURSE = build_course(read_page(path, text) for path, text in PAGES.items())
SOURCES = {
    "s": Source(
        key="s", title="Fuente", url="https://example.org/", publisher="P", checked=date(2026, 1, 1)
    )
}


def question(**changes: Any) -> Question:
    fields: dict[str, Any] = {
        "key": "uno",
        "page": "t3/a.md",
        "question": "¿Qué framework es declarativo?",
        "options": ("TensorFlow", "Caffe", "PyTorch"),
        "answer": "Caffe",
        "explanation": "Caffe describe las capas en un fichero.",
        "see": Place(page="t3/a.md", heading="Caffe"),
        "sources": ("s",),
    }
    return Question(**{**fields, **changes})


def tpu(key: str, name: str, hbm: int, unit: HbmUnit = "GiB") -> TpuGeneration:
    return TpuGeneration(
        key=key,
        name=name,
        year=2021,
        tensorcores_per_chip=2,
        mxus_per_core=4,
        mxu_size=128,
        hbm_per_chip=hbm,
        hbm_unit=unit,
        bf16_tflops_per_chip=275,
        chips_per_pod=4096,
        sources=("s",),
    )


def tpus(v4_hbm: int = 32, v4_name: str = "TPU v4") -> Mapping[str, Mapping[str, Any]]:
    return {
        "TPU_GENERATIONS": index(
            "TPU_GENERATIONS",
            [
                tpu("v2", "TPU v2", 16),
                tpu("v4", v4_name, v4_hbm),
                tpu("v5p", "TPU v5p", 95, "GB"),
                tpu("tpu7x", "TPU7x", 192),
            ],
        )
    }


HBM = FactQuestion(
    key="hbm",
    page="t3/b.md",
    collection="TPU_GENERATIONS",
    item="v4",
    field="hbm_per_chip",
    unit="hbm_unit",
    question="¿Cuánta HBM tiene cada chip de la {name}?",
    explanation="Cada chip de la {name} tiene {answer}.",
    see=Place(label="tab-tpu-v4"),
)


def self_check(
    page: str,
    *items: Question | FactQuestion,
    collections: Mapping[str, Mapping[str, Any]] | None = None,
    sources: Mapping[str, Source] = SOURCES,
) -> str:
    return render_self_check(
        COURSE,
        page,
        questions=index("QUESTIONS", items),
        collections=tpus() if collections is None else collections,
        sources=sources,
    )


class Form(HTMLParser):
    """The parts of the rendered questions a reader and a script use."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"legend", "label", "summary", "button"}:
            self._open.append(tag)
            self.text[tag] = self.text.get(tag, "") + "|"

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, text: str) -> None:
        for tag in self._open:
            self.text[tag] += text

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def texts(self, tag: str) -> list[str]:
        return self.text.get(tag, "").split("|")[1:]


def parsed(markdown: str) -> Form:
    form = Form()
    form.feed(to_html(markdown))
    return form


def test_each_question_is_a_fieldset_with_its_legend_options_button_and_folded_solution() -> None:
    markdown = self_check("t3/a.md", question(), question(key="dos", answer="PyTorch"))
    assert markdown.startswith("## Autoevaluación\n")
    form = parsed(markdown)
    assert len(form.all("fieldset")) == 2
    assert form.texts("legend") == [
        "1. ¿Qué framework es declarativo?",
        "2. ¿Qué framework es declarativo?",
    ]
    radios = form.all("input")
    assert [r["type"] for r in radios] == ["radio"] * 6
    assert [r["name"] for r in radios] == ["autoevaluacion-uno"] * 3 + ["autoevaluacion-dos"] * 3
    ids = [r["id"] for r in radios]
    assert ids == [f"autoevaluacion-{q}-{n}" for q in ("uno", "dos") for n in (1, 2, 3)]
    assert [label["for"] for label in form.all("label")] == ids  # every label answers
    assert form.texts("label") == ["TensorFlow", "Caffe", "PyTorch"] * 2
    assert [r["value"] for r in radios[:3]] == [
        option_value(o) for o in ("TensorFlow", "Caffe", "PyTorch")
    ]
    questions = [d for d in form.all("div") if d.get("class") == "course-question"]
    assert [(q["id"], q["data-question"], q["data-answer"]) for q in questions] == [
        ("autoevaluacion-uno", "uno", option_value("Caffe")),
        ("autoevaluacion-dos", "dos", option_value("PyTorch")),
    ]
    buttons = form.all("button")
    assert form.texts("button") == ["Comprobar", "Comprobar", "Borrar mis respuestas"]
    # Without the script, no button that does nothing: each is hidden, or inside what is.
    assert all("hidden" in b for b in buttons[:2])
    (progress,) = [d for d in form.all("div") if d.get("class") == "course-self-check__progress"]
    assert "hidden" in progress
    live = [d for d in form.tags if d[1].get("aria-live") == "polite"]
    assert len(live) == 3  # one per question, and the page's status line
    details = form.all("details")
    assert details == [{"class": "course-answer"}] * 2  # folded: no `open`
    assert form.texts("summary") == ["Solución", "Solución"]
    (block,) = form.all("section")
    assert block["data-self-check"] == "t3/a.md"
    assert block["data-pagefind-ignore"] == "all" and "data-search-exclude" in block


def test_the_solution_names_the_answer_explains_links_and_cites() -> None:
    html = to_html(self_check("t3/a.md", question()))
    assert '<p class="course-answer__choice">La respuesta correcta es «Caffe».</p>' in html
    assert (
        '<p class="course-answer__explanation">Caffe describe las capas en un fichero. '
        'Véase <a href="#caffe">«Caffe»</a>.</p>'
    ) in html
    assert '<p class="course-sources">Fuente: <a href="https://example.org/">Fuente (P)</a>' in html


def test_ids_and_values_are_stable_between_builds() -> None:
    assert self_check("t3/a.md", question()) == self_check("t3/a.md", question())


def test_the_link_goes_to_a_heading_of_any_page_or_a_numbered_item() -> None:
    other = question(see=Place(page="t3/b.md", heading="TPU v4 & más"))
    assert "Véase [«TPU v4 &amp; más», en Página B](b.md#tpu-v4-mas)." in self_check(
        "t3/a.md", other
    )
    labelled = question(see=Place(label="tab-tpu-v4"))
    assert (
        'Véase la <a class="course-ref" data-course-ref="tab-tpu-v4" href="#tab-tpu-v4">'
        "tab-tpu-v4</a>."
    ) in self_check("t3/a.md", labelled)
    # A heading inside a code block is not one.
    with pytest.raises(CourseError) as error:
        self_check("t3/a.md", question(see=Place(page="t3/a.md", heading="No es un encabezado")))
    assert str(error.value) == (
        "docs/t3/a.md: self_check(): no heading 'No es un encabezado' on docs/t3/a.md; its "
        "headings: Página A, Caffe"
    )


def test_text_is_escaped_for_html_and_markdown() -> None:
    evil = question(
        question='¿<script>alert(1)</script> o "<b onclick=x>"?',
        options=("<img src=x onerror=alert(1)>", "a & b", "*c*"),
        answer="*c*",
        explanation="Un {{ x }} y `código` <i>sin</i> marcas.",
    )
    html = to_html(self_check("t3/a.md", evil))
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert not re.search(r"<[^>]+\son\w+=", html), "an event handler attribute in the page"
    form = Form()
    form.feed(html)
    assert form.texts("legend") == ['1. ¿<script>alert(1)</script> o "<b onclick=x>"?']
    assert form.texts("label") == ["<img src=x onerror=alert(1)>", "a & b", "*c*"]
    assert "La respuesta correcta es «*c*»." in html
    assert "Un {{ x }} y `código` &lt;i&gt;sin&lt;/i&gt; marcas." in html


def test_a_generated_question_shows_what_the_table_shows() -> None:
    collections = tpus()
    markdown = self_check("t3/b.md", HBM, collections=collections)
    form = parsed(markdown)
    assert form.texts("legend") == ["1. ¿Cuánta HBM tiene cada chip de la TPU v4?"]
    # Numbers in ascending order; the same text as the TPU table's cell for v4.
    assert form.texts("label") == ["16\u00a0GiB", "32\u00a0GiB", "95\u00a0GB", "192\u00a0GiB"]
    table = render.render_tpu_comparison(
        ["v4"], generations=collections["TPU_GENERATIONS"], sources=SOURCES
    )
    (row,) = [line for line in table.splitlines() if line.startswith("| **HBM por chip**")]
    assert row == "| **HBM por chip** | 32\u00a0GiB |"
    assert "La respuesta correcta es «32\u00a0GiB»." in markdown
    assert "Cada chip de la TPU v4 tiene 32\u00a0GiB." in markdown


def test_a_data_edit_changes_the_generated_question() -> None:
    before = self_check("t3/b.md", HBM)
    after = self_check("t3/b.md", HBM, collections=tpus(v4_hbm=64, v4_name="TPU v4i"))
    assert before != after
    form = parsed(after)
    assert form.texts("legend") == ["1. ¿Cuánta HBM tiene cada chip de la TPU v4i?"]
    assert form.texts("label") == ["16\u00a0GiB", "64\u00a0GiB", "95\u00a0GB", "192\u00a0GiB"]
    assert "La respuesta correcta es «64\u00a0GiB»." in after
    (answer,) = [d["data-answer"] for d in form.all("div") if d.get("class") == "course-question"]
    assert answer == option_value("64\u00a0GiB")


def test_a_which_record_question_takes_the_names_of_the_records() -> None:
    which = FactQuestion(
        key="declarativo",
        page="t3/a.md",
        collection="FRAMEWORKS",
        field="graph_model",
        equals="declarative",
        named_by="name",
        question="¿Qué framework es declarativo?",
        explanation="{name} es el único; su modelo: {graph_model}.",
        see=Place(label="tab-frameworks"),
    )
    markdown = self_check("t3/a.md", which, collections=data.FACT_COLLECTIONS, sources=data.SOURCES)
    form = parsed(markdown)
    caffe = data.FRAMEWORKS["caffe"]
    assert sorted(form.texts("label")) == sorted(["Caffe", "TensorFlow", "Theano", "Keras"])
    assert f"La respuesta correcta es «{caffe.name}»." in markdown
    label = render.GRAPH_MODEL_LABELS["declarative"]
    assert f"Caffe es el único; su modelo: {label}." in markdown.replace("\\", "")


def test_the_page_depends_on_the_records_it_reads() -> None:
    other = question()  # for t3/a.md
    dependencies.start()
    self_check("t3/b.md", HBM, other)
    recorded = dependencies.stop()
    # This page's questions and the selection, not another page's question.
    assert {("QUESTIONS", "*"), ("QUESTIONS", HBM.key), ("QUESTIONS", "where:page=t3/b.md")} <= (
        recorded
    )
    assert ("QUESTIONS", other.key) not in recorded
    assert ("TPU_GENERATIONS", "v4") in recorded and ("TPU_GENERATIONS", "*") in recorded


def test_questions_for_missing_or_silent_pages_fail_naming_them() -> None:
    with pytest.raises(CourseError) as error:
        self_check("t3/b.md", question())
    assert str(error.value) == (
        "docs/t3/b.md: self_check(): no question of macros/data.py (QUESTIONS) is for this "
        "page; pages with questions: t3/a.md"
    )
    with pytest.raises(CourseError) as error:
        self_check("t3/a.md", question(), question(key="dos", page="t3/nada.md"))
    assert str(error.value) == (
        "macros/data.py: QUESTIONS: Question 'dos': field 'page': docs/t3/nada.md is not a page "
        "of the course"
    )
    with pytest.raises(CourseError) as error:
        self_check("t3/a.md", question(), question(key="dos", page="t3/c.md"))
    assert str(error.value) == (
        "macros/data.py: QUESTIONS: Question 'dos': docs/t3/c.md does not call "
        "{{ self_check() }}, so the question would never be shown; call it at the end of "
        "that page"
    )


class CountingPages(dict[str, Any]):
    """A course's pages that count how often a page is looked for (`in`)."""

    looked_for = 0

    def __contains__(self, key: object) -> bool:
        """`key in pages`, counted."""
        self.looked_for += 1
        return super().__contains__(key)


def test_the_questions_are_checked_once_per_course_not_once_per_page() -> None:
    pages = CountingPages(COURSE.pages)
    course = replace(COURSE, pages=pages)
    questions = index("QUESTIONS", [question(), question(key="dos", page="t3/a.md")])
    first = render_self_check(
        course, "t3/a.md", questions=questions, collections=tpus(), sources=SOURCES
    )
    assert pages.looked_for == 2  # each question's page, once
    again = render_self_check(
        course, "t3/a.md", questions=questions, collections=tpus(), sources=SOURCES
    )
    assert pages.looked_for == 2 and again == first
    # A new course (the next build) or new questions (the data module read again): checked.
    bad = index("QUESTIONS", [question(), question(key="dos", page="t3/nada.md")])
    with pytest.raises(CourseError, match="docs/t3/nada.md is not a page of the course"):
        render_self_check(course, "t3/a.md", questions=bad, collections=tpus(), sources=SOURCES)
    render_self_check(replace(course, pages=pages), "t3/a.md", questions=questions, sources=SOURCES)
    assert pages.looked_for == 2 + 2 + 2


def test_the_real_pages_questions_render() -> None:
    course = docs_course()  # the site's own pages, not the fixture course above
    for page in ("t3/frameworks.md", "t3/computacion-acelerada.md", "t3/proveedores.md"):
        markdown = render_self_check(course, page)
        count = sum(1 for q in data.QUESTIONS.values() if q.page == page)
        assert len(parsed(markdown).all("fieldset")) == count >= 3, page


def test_dates_read_as_the_tables_write_them() -> None:
    released = FactQuestion(
        key="tensorflow",
        page="t3/a.md",
        collection="FRAMEWORKS",
        item="tensorflow",
        field="first_release",
        option_count=3,
        question="¿Cuándo apareció {name}?",
        explanation="{name} apareció en {answer}.",
        see=Place(label="tab-frameworks"),
    )
    markdown = self_check(
        "t3/a.md", released, collections=data.FACT_COLLECTIONS, sources=data.SOURCES
    )
    shown = spanish_date(data.FRAMEWORKS["tensorflow"].first_release)
    assert shown == "noviembre de 2015"
    assert f"La respuesta correcta es «{shown}»." in markdown
    assert f"TensorFlow apareció en {shown}." in markdown


def test_of_two_headings_with_one_text_the_link_goes_to_the_first() -> None:
    pages = {**PAGES, "t3/a.md": PAGES["t3/a.md"].replace("## Caffe\n", "## Caffe\n\n## Caffe\n")}
    course = build_course(read_page(path, text) for path, text in pages.items())
    markdown = render_self_check(
        course,
        "t3/a.md",
        questions=index("QUESTIONS", [question()]),
        collections={},
        sources=SOURCES,
    )
    assert "Véase [«Caffe»](#caffe)." in markdown
