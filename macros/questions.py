"""The "Autoevaluación" that ends a section page: its questions, for the reader to answer.

`render_self_check(course, page)` shows every question of `QUESTIONS` (macros/data.py) whose
`page` is that page, in the data's order. A `FactQuestion` is generated here from the record
it names, read through the tracked collections (so `make serve` rebuilds the page when that
record changes); a `Question` is shown as written.

Each question is a `<fieldset>` with its `<legend>` and radio options, a "Comprobar" button,
an empty `aria-live` region for the feedback, and a collapsed `<details>` with the solution:
the right option, the explanation with a link to where the notes explain it, and the sources.
The page works without JavaScript (the solutions stay folded); `self-check.js`, which
`course.js` loads only on pages that have questions, shows the button, checks the answers
and keeps them in the browser. The printable page moves the solutions to the end of the
topic (`printable.py`). The block is kept out of the search index (`data-pagefind-ignore`
for Pagefind, `data-search-exclude` for Material's own search):
the wrong options of a generated question are facts of other records, and a search for
"TPU v4 16 GiB" must not land on a question that lists it as a distractor.
"""

from __future__ import annotations

import hashlib
import html
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from . import data, dependencies
from .course import Course, CourseError, headings
from .markdown import (
    escape,
    indent,
    join_items,
    number,
    one_line,
    quantity,
    relative_link,
    spanish_date,
    visible,
)
from .numbering import render_ref
from .records import (
    AutomlMetric,
    DeviceAdvice,
    Fact,
    FactQuestion,
    Framework,
    GpuPlatform,
    KerasModelType,
    KerasPoint,
    Place,
    Question,
    Source,
)
from .render import (
    AUTODIFF_LABELS,
    DEVICE_LABELS,
    GRAPH_MODEL_LABELS,
    KERAS_POINT_LABELS,
    MODEL_TYPE_STATUS_LABELS,
    OPENNESS_LABELS,
    STATUS_LABELS,
    TASK_LABELS,
    MacroArgumentError,
    render_sources,
)

MACRO = "self_check"
TITLE = "Autoevaluación"
# The heading's id, as Python-Markdown's toc makes it from TITLE.
ANCHOR = "autoevaluacion"
INTRO = (
    "Preguntas para comprobar lo que has aprendido en esta sección. Cada solución explica "
    "la respuesta y enlaza con el lugar de los apuntes que lo cuenta."
)
# The Spanish words of the page's controls; the script only shows or hides them.
CHECK = "Comprobar"
RESET = "Borrar mis respuestas"
SOLUTION = "Solución"

# The Spanish labels of the enumerated fields that a generated question can ask for.
FIELD_LABELS: dict[tuple[type, str], Mapping[str, str]] = {
    (Framework, "graph_model"): GRAPH_MODEL_LABELS,
    (Framework, "autodiff"): AUTODIFF_LABELS,
    (Framework, "status"): STATUS_LABELS,
    (KerasModelType, "status"): MODEL_TYPE_STATUS_LABELS,
    (KerasPoint, "kind"): KERAS_POINT_LABELS,
    (GpuPlatform, "openness"): OPENNESS_LABELS,
    (AutomlMetric, "tasks"): TASK_LABELS,
    (AutomlMetric, "default_sort_for"): TASK_LABELS,
    (DeviceAdvice, "device"): DEVICE_LABELS,
}
# Fields holding a date `YYYY[-MM[-DD]]` (records.py checks them), written as the tables do.
DATE_FIELDS = {"first_release", "introduced", "published"}


@dataclass(frozen=True)
class Shown:
    """A question as the page shows it: plain texts, the options in order, the right one."""

    key: str
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    see: Place
    sources: tuple[str, ...]


# ---------------------------------------------------------------------------
# From records to questions
# ---------------------------------------------------------------------------


def _text(item: Any, field: str, value: Any, unit: str | None = None) -> str:
    """A record's value as the tables write it: Spanish labels, numbers with their unit."""
    labels = FIELD_LABELS.get((type(item), field))
    if isinstance(value, tuple):
        return join_items([_text(item, field, v) for v in value])
    if labels is not None:
        if value not in labels:
            raise MacroArgumentError(
                f"{MACRO}(): no Spanish label for {type(item).__name__}.{field} {value!r}"
            )
        return labels[value]
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, int | float):
        if unit is None:
            return number(value)
        # A unit that names a field of the record is read from it (`hbm_unit`: GiB or GB).
        return quantity(value, str(getattr(item, unit, unit)))
    if field in DATE_FIELDS:
        return spanish_date(value)
    return str(value)


def _fields(item: Any, text: str) -> dict[str, str]:
    """The values of the record's fields that `text` names in braces, as the tables write them."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    return {name: _text(item, name, getattr(item, name)) for name in names if name != "answer"}


def _order(key: str, facts: Sequence[Fact], texts: Sequence[str]) -> list[int]:
    """The options' order: numbers ascending; texts in an order fixed per question.

    Sorting names alphabetically would often put the answer first or last; a hash of the
    question's key and the text mixes them, the same way on every build.
    """
    if all(isinstance(f.value, int | float) and not isinstance(f.value, bool) for f in facts):
        return sorted(range(len(facts)), key=lambda i: (facts[i].value, texts[i]))
    return sorted(
        range(len(texts)),
        key=lambda i: hashlib.sha1(f"{key}\0{texts[i]}".encode()).hexdigest(),
    )


def generate(question: FactQuestion, collection: Mapping[str, Any]) -> Shown:
    """The question a `FactQuestion` makes of its record: texts, options and answer."""
    facts = question.resolve(collection)
    asked = question.named_by if question.equals is not None else question.field
    unit = question.unit if question.distractors == "records" else None

    def text(fact: Fact) -> str:
        if fact.item is None:  # a computed year
            return str(fact.value)
        return _text(fact.item, asked, fact.value, unit)

    everything = [facts.answer, *facts.distractors]
    texts = [text(fact) for fact in everything]
    order = _order(question.key, everything, texts)
    options = tuple(texts[i] for i in order)
    if len(set(options)) != len(options):
        raise MacroArgumentError(
            f"{MACRO}(): question {question.key!r}: two options read the same: {list(options)}"
        )
    about = facts.about
    return Shown(
        key=question.key,
        question=question.question.format(**_fields(about, question.question)),
        options=options,
        answer=order.index(0),
        explanation=question.explanation.format(
            **_fields(about, question.explanation), answer=texts[0]
        ),
        see=question.see,
        sources=tuple(about.sources),
    )


def written(question: Question) -> Shown:
    """A question written by hand, as it is."""
    return Shown(
        key=question.key,
        question=question.question,
        options=question.options,
        answer=question.options.index(question.answer),
        explanation=question.explanation,
        see=question.see,
        sources=question.sources,
    )


# ---------------------------------------------------------------------------
# The page's HTML
# ---------------------------------------------------------------------------


def _html(text: str) -> str:
    """Plain text for raw HTML (which Markdown leaves alone): one line, escaped."""
    return html.escape(visible(one_line(text)))


def option_value(text: str) -> str:
    """The value of an option's radio button: stable while its text is (the saved answer)."""
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def _where(see: Place, course: Course, from_page: str) -> str:
    """The Markdown link to where the notes explain the answer."""
    if see.label is not None:
        return f"la {render_ref(see.label)}"
    page, wanted = see.page or "", see.heading or ""
    target = course.page(page)
    if page != from_page:
        dependencies.record("page-body", page)
    found: dict[str, str] = {}
    for text, ident in headings(target):
        found.setdefault(text, ident)  # two headings with one text: the first, as a reader finds
    if wanted not in found:
        raise CourseError(
            f"docs/{from_page}: {MACRO}(): no heading {wanted!r} on docs/{page}; its "
            f"headings: {', '.join(found) or 'none'}"
        )
    if page == from_page:
        return f"[«{escape(wanted)}»](#{found[wanted]})"
    return relative_link(f"«{wanted}», en {target.title}", f"{page}#{found[wanted]}", from_page)


def _question(number_: int, shown: Shown, where: str, sources: Mapping[str, Source]) -> str:
    """One question: the fieldset with its options, then its folded solution."""
    ident = f"{ANCHOR}-{shown.key}"
    values = [option_value(text) for text in shown.options]
    options = [
        f'<div class="course-question__option"><input type="radio" name="{ident}" '
        f'id="{ident}-{n}" value="{value}"><label for="{ident}-{n}">{_html(text)}</label></div>'
        for n, (value, text) in enumerate(zip(values, shown.options, strict=True), start=1)
    ]
    cited = render_sources([SimpleNamespace(sources=shown.sources)], sources=sources)
    solution = "\n\n".join(
        [
            f"La respuesta correcta es «{escape(shown.options[shown.answer])}».\n"
            "{: .course-answer__choice }",
            f"{escape(shown.explanation)} Véase {where}.\n{{: .course-answer__explanation }}",
            cited,
        ]
    )
    return "\n".join(
        [
            f'<div class="course-question" id="{ident}" data-question="{shown.key}" '
            f'data-answer="{values[shown.answer]}" markdown="1">',
            "<fieldset>",
            f'<legend><span class="course-question__number">{number_}.</span> '
            f"{_html(shown.question)}</legend>",
            *options,
            f'<button type="button" class="md-button md-button--primary course-question__check" '
            f"hidden>{CHECK}</button>",
            '<div class="course-question__feedback" aria-live="polite"></div>',
            "</fieldset>",
            "",
            f'??? course-answer "{SOLUTION}"',
            "",
            "    " + indent(solution),
            "",
            "</div>",
        ]
    )


# The course and questions `_check_questions` last found sound: every page that calls
# self_check() would otherwise check every question of the course again (pages × questions).
_CHECKED: list[tuple[Course, Mapping[str, Question | FactQuestion]]] = []


def _check_questions(
    course: Course,
    questions: Mapping[str, Question | FactQuestion],
    every: list[Question | FactQuestion],
) -> None:
    """Fail on a question for a page the course lacks, or for a page that does not show it.

    Once per course and questions: a build makes its course once (a new one for each build),
    and macros/data.py's QUESTIONS is a new mapping whenever the data module is read again.
    """
    if _CHECKED and _CHECKED[0][0] is course and _CHECKED[0][1] is questions:
        return
    for question in every:
        if question.page not in course.pages:
            raise CourseError(
                f"macros/data.py: QUESTIONS: {type(question).__name__} {question.key!r}: field "
                f"'page': docs/{question.page} is not a page of the course"
            )
        # Checked without recording the body as read: it changes no output, and a full
        # build (CI, the first build of `make serve`) always checks it.
        if f"{MACRO}()" not in course.pages[question.page].body:
            raise CourseError(
                f"macros/data.py: QUESTIONS: {type(question).__name__} {question.key!r}: "
                f"docs/{question.page} does not call {{{{ {MACRO}() }}}}, so the question "
                "would never be shown; call it at the end of that page"
            )
    _CHECKED[:] = [(course, questions)]


def render_self_check(
    course: Course,
    from_page: str,
    *,
    questions: Mapping[str, Question | FactQuestion] = data.QUESTIONS,
    collections: Mapping[str, Mapping[str, Any]] = data.FACT_COLLECTIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """The "Autoevaluación" of this page: its questions from macros/data.py (QUESTIONS)."""
    # The checks read every question but change no output, and a full build runs them: only
    # this page's questions are recorded as read (a question of another page edited under
    # `make serve` does not rebuild this one).
    every = list(dict.values(questions) if isinstance(questions, dict) else questions.values())
    _check_questions(course, questions, every)
    mine = dependencies.where(questions, "page", from_page)
    if not mine:
        pages = sorted({q.page for q in every})
        raise CourseError(
            f"docs/{from_page}: {MACRO}(): no question of macros/data.py (QUESTIONS) is for "
            f"this page; pages with questions: {', '.join(pages) or 'none'}"
        )
    blocks = []
    for number_, question in enumerate(mine, start=1):
        if isinstance(question, FactQuestion):
            if question.collection not in collections:
                raise MacroArgumentError(
                    f"{MACRO}(): question {question.key!r}: unknown collection "
                    f"{question.collection!r}; collections: {', '.join(sorted(collections))}"
                )
            shown = generate(question, collections[question.collection])
        else:
            shown = written(question)
        blocks.append(_question(number_, shown, _where(shown.see, course, from_page), sources))
    return "\n".join(
        [
            f"## {TITLE}",
            "",
            INTRO,
            "",
            # Out of both search indexes: Pagefind's (assets/hooks/search_pagefind.py) and
            # Material's own. A <section>: Material's parser ends an exclusion at the first
            # closing tag of the same name, and the questions hold many <div>, no <section>.
            f'<section class="course-self-check" data-self-check="{_html(from_page)}" '
            'data-pagefind-ignore="all" data-search-exclude markdown="1">',
            "\n\n".join(blocks),
            "",
            '<div class="course-self-check__progress" hidden>',
            '<p class="course-self-check__score"></p>',
            f'<button type="button" class="md-button course-self-check__reset">{RESET}</button>',
            '<p class="course-self-check__status" aria-live="polite"></p>',
            "</div>",
            "</section>",
            "",
        ]
    )
