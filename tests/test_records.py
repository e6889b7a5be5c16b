"""Each kind of bad record fails with a message naming the record, the field and the fix."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from macros.records import (
    AutomlMetric,
    DataError,
    FactQuestion,
    Place,
    Question,
    Source,
    TheanoLibrary,
    TpuGeneration,
    check_questions,
    check_sources,
    index,
)
from tests.tpu_v3 import V3_FIELDS, tpu


def test_valid_record_derives_per_core_and_pod_values() -> None:
    v3 = tpu(stated_cores_per_pod=2048, stated_pod_hbm=32)
    assert (v3.hbm_per_core, v3.cores_per_pod, v3.pod_hbm, v3.pod_hbm_unit) == (16, 2048, 32, "TiB")
    assert v3.pod_pflops == pytest.approx(125.952)


def test_wrong_type_names_record_field_and_expected_type() -> None:
    with pytest.raises(DataError) as error:
        tpu(hbm_per_chip="32")
    assert str(error.value) == (
        "macros/data.py: TpuGeneration 'v3': field 'hbm_per_chip': expected int, got str '32'"
    )


def test_bool_is_not_accepted_as_a_number() -> None:
    with pytest.raises(DataError, match="field 'year': expected int, got bool True"):
        tpu(year=True)


def test_value_outside_vocabulary_lists_allowed_values() -> None:
    with pytest.raises(DataError) as error:
        tpu(hbm_unit="MB")
    assert str(error.value) == (
        "macros/data.py: TpuGeneration 'v3': field 'hbm_unit': "
        "expected one of 'GiB', 'GB', got str 'MB'"
    )


def test_missing_field_is_named() -> None:
    fields = {k: v for k, v in V3_FIELDS.items() if k != "chips_per_pod"}
    with pytest.raises(DataError) as error:
        TpuGeneration(**fields)
    assert str(error.value) == (
        "macros/data.py: TpuGeneration 'v3': missing required field(s) 'chips_per_pod'"
    )


def test_unknown_field_lists_valid_fields() -> None:
    with pytest.raises(DataError) as error:
        # An unknown field on purpose: the record's own check must name it.
        TheanoLibrary(key="blocks", name="Blocks", description="d", sources=("s",), url="x")  # type: ignore[call-arg]
    assert str(error.value) == (
        "macros/data.py: TheanoLibrary 'blocks': unknown field(s) 'url'; "
        "valid fields: description, key, name, sources"
    )


def test_inconsistent_derived_value_shows_the_computation() -> None:
    with pytest.raises(DataError) as error:
        tpu(stated_pod_hbm=16)
    assert str(error.value) == (
        "macros/data.py: TpuGeneration 'v3': field 'stated_pod_hbm': expected 32 TiB "
        "(chips_per_pod 1024 × hbm_per_chip 32 GiB), got 16"
    )
    with pytest.raises(DataError, match=r"field 'stated_cores_per_pod': expected 2048 \("):
        tpu(stated_cores_per_pod=1024)


def test_record_without_source_is_rejected() -> None:
    with pytest.raises(DataError) as error:
        TheanoLibrary(key="blocks", name="Blocks", description="d", sources=())
    assert str(error.value) == (
        "macros/data.py: TheanoLibrary 'blocks': field 'sources': every record must cite at "
        "least one source (a key of SOURCES)"
    )


def test_empty_text_and_bad_key_and_bad_date_are_rejected() -> None:
    with pytest.raises(DataError, match="field 'description': expected non-empty text"):
        TheanoLibrary(key="blocks", name="Blocks", description="  ", sources=("s",))
    with pytest.raises(DataError, match="field 'key': expected lower-case letters"):
        TheanoLibrary(key="Blocks", name="Blocks", description="d", sources=("s",))
    with pytest.raises(DataError, match="field 'published': expected a date 'YYYY'"):
        Source(
            checked=date(2026, 12, 1),
            key="s",
            title="t",
            url="https://x.org",
            publisher="p",
            published="2015/11",
        )
    with pytest.raises(DataError, match="field 'url': expected an absolute http"):
        Source(checked=date(2026, 12, 1), key="s", title="t", url="x.org", publisher="p")


def test_record_specific_check_runs() -> None:
    with pytest.raises(DataError, match=r"field 'default_sort_for': tasks \['regression'\]"):
        AutomlMetric(
            key="auc",
            name="auc",
            description="d",
            tasks=("binomial",),
            default_sort_for=("regression",),
            sources=("s",),
        )


def test_duplicate_key_is_named() -> None:
    with pytest.raises(DataError) as error:
        index("TPU_GENERATIONS", [tpu(), tpu()])
    assert str(error.value) == "macros/data.py: TPU_GENERATIONS: duplicate key 'v3'"


def test_unknown_and_unused_sources_are_rejected() -> None:
    source = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p"
    )
    other = Source(
        checked=date(2026, 12, 1), key="o", title="t", url="https://x.org", publisher="p"
    )
    with pytest.raises(DataError) as error:
        check_sources({"TPU_GENERATIONS": [tpu(sources=("nope",))]}, {"s": source})
    assert str(error.value) == (
        "macros/data.py: TPU_GENERATIONS: TpuGeneration 'v3': field 'sources': "
        "unknown source 'nope'; valid sources: s"
    )
    with pytest.raises(DataError, match="SOURCES: never cited: o"):
        check_sources({"TPU_GENERATIONS": [tpu()]}, {"s": source, "o": other})
    check_sources({"TPU_GENERATIONS": [tpu()]}, {"s": source})  # the negative control passes


def test_figure_records_check_their_cross_references() -> None:
    from macros.records import (
        Architecture,
        ComputationGraph,
        Flow,
        GraphEdge,
        GraphNode,
        Layer,
        Step,
    )

    with pytest.raises(DataError) as error:
        Flow(
            key="f",
            title="t",
            summary="s",
            actors=("Host", "TPU"),
            steps=(Step(actor="GPU", action="a"),),
            sources=("s",),
        )
    assert str(error.value) == (
        "macros/data.py: Flow 'f': field 'steps': step 1: actor 'GPU' not in ['Host', 'TPU']"
    )
    with pytest.raises(DataError, match="expected at least one layer and unique layer keys"):
        Architecture(
            key="a",
            title="t",
            summary="s",
            layers=(Layer(key="x", label="X"), Layer(key="x", label="Y")),
            sources=("s",),
        )
    nodes = (GraphNode(key="a", op="A", device="d"), GraphNode(key="b", op="B", device="d"))

    def graph(*edges: GraphEdge) -> ComputationGraph:
        return ComputationGraph(
            key="g",
            title="t",
            summary="s",
            devices=("d",),
            nodes=nodes,
            edges=edges,
            sources=("s",),
        )

    with pytest.raises(DataError, match=r"edge a->c: unknown node 'c'; nodes: a, b"):
        graph(GraphEdge(source="a", target="c"))
    with pytest.raises(DataError, match="the graph has a cycle"):
        graph(GraphEdge(source="a", target="b"), GraphEdge(source="b", target="a"))
    assert graph(GraphEdge(source="a", target="b")).edges  # the negative control


# ---------------------------------------------------------------------------
# Hostile values: every one fails at load, naming the record and the field
# ---------------------------------------------------------------------------

# Characters that are not plain text, each with the name the message gives it.
NOT_TEXT = [
    ("\r", "U+000D CARRIAGE RETURN"),
    ("\n", "U+000A LINE FEED"),
    ("\t", "U+0009 TAB"),
    ("\0", "U+0000 NUL"),
    ("\x1b", "U+001B ESCAPE"),
    ("\x7f", "U+007F DELETE"),
    ("\x85", "U+0085 NEXT LINE"),
    ("\x9b", "U+009B control character"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\ud800", "U+D800 control character"),
    # The placeholder the math hook puts where a formula was: it would pull in a page's TeX.
    ("\x02math:0\x03", "U+0002 control character"),
]


def library(**changes: Any) -> TheanoLibrary:
    return TheanoLibrary(**{"key": "blocks", "name": "Blocks", "description": "d", **changes})


@pytest.mark.parametrize(("char", "name"), NOT_TEXT, ids=[n for _, n in NOT_TEXT])
def test_text_with_a_control_or_separator_character_is_rejected(char: str, name: str) -> None:
    with pytest.raises(DataError) as error:
        library(description=f"Marco{char}del MILA", sources=("s",))
    assert str(error.value) == (
        "macros/data.py: TheanoLibrary 'blocks': field 'description': expected plain text "
        f"(no control, format or line-separator characters), got {name} at position 5 "
        f"of {f'Marco{char}del MILA'!r}"
    )


def test_plain_text_with_accents_and_no_break_spaces_is_accepted() -> None:
    text = "Año 2017: «Theano» — 16\u00a0GiB, ½, 中文"  # the negative control
    assert library(description=text, sources=("s",)).description == text


def test_control_characters_are_found_in_every_kind_of_text_field() -> None:
    from macros.records import Abbreviation, Step, TfOperationCategory

    # An item of a tuple of text.
    with pytest.raises(DataError, match=r"field 'examples': item 2: expected plain text .*U\+000A"):
        TfOperationCategory(key="k", category="c", examples=("Add", "Sub\n"), sources=("s",))
    # An optional text field.
    with pytest.raises(DataError, match=r"Abbreviation 'tpu': field 'english': expected plain"):
        Abbreviation(key="tpu", term="TPU", expansion="e", english="Tensor\rUnit", sources=("s",))
    # A record nested in another one, which has no key of its own.
    with pytest.raises(DataError, match=r"^macros/data.py: Step: field 'action': expected plain"):
        Step(actor="Host", action="Compila\u2028el programa")
    # A source's URL: a line feed would end the Markdown link early.
    with pytest.raises(DataError, match=r"Source 's': field 'url': expected plain text"):
        Source(checked=date(2026, 12, 1), key="s", title="t", url="https://x.org/\n", publisher="p")


def test_the_abbreviation_that_put_a_script_on_every_page_is_rejected() -> None:
    from macros.records import Abbreviation

    hostile = "\r\r<script>alert(document.domain)</script>\r\r"
    with pytest.raises(DataError) as error:
        Abbreviation(key="nn", term="NN", expansion=hostile, sources=("s",))
    assert str(error.value).startswith(
        "macros/data.py: Abbreviation 'nn': field 'expansion': expected plain text (no control, "
        "format or line-separator characters), got U+000D CARRIAGE RETURN at position 0"
    )


@pytest.mark.parametrize(
    "term", ["T]PU", "*TPU", "TP U", "TPU_", "[TPU]", "TPU:", "-TPU", "TP\\U", "TPU*"]
)
def test_abbreviation_term_must_be_one_plain_word(term: str) -> None:
    from macros.records import Abbreviation

    with pytest.raises(DataError, match=r"field 'term': expected a single word of letters"):
        Abbreviation(key="t", term=term, expansion="e", sources=("s",))
    for good in ("TPU", "ROCm", "AutoML", "I/O", "x86-64", "3D"):  # the negative control
        Abbreviation(key="t", term=good, expansion="e", sources=("s",))


def test_key_and_date_must_match_in_full() -> None:
    # `$` in a regex also matches before a final line feed: the whole text must match.
    with pytest.raises(DataError, match=r"field 'key': expected lower-case letters, digits"):
        library(key="blocks\n", sources=("s",))
    with pytest.raises(DataError, match=r"field 'published': expected a date 'YYYY'"):
        Source(
            checked=date(2026, 12, 1),
            key="s",
            title="t",
            url="https://x.org",
            publisher="p",
            published="2015\n",
        )
    with pytest.raises(DataError, match=r"field 'published': expected a date .* got '2015-02-30'"):
        Source(
            checked=date(2026, 12, 1),
            key="s",
            title="t",
            url="https://x.org",
            publisher="p",
            published="2015-02-30",
        )
    Source(
        checked=date(2026, 12, 1),
        key="s",
        title="t",
        url="https://x.org",
        publisher="p",
        published="2016-02-29",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"bf16_tflops_per_chip": float("nan")},
            "'bf16_tflops_per_chip': expected a finite number",
        ),
        (
            {"bf16_tflops_per_chip": float("inf")},
            "'bf16_tflops_per_chip': expected a finite number",
        ),
        ({"bf16_tflops_per_chip": -float("inf")}, "'bf16_tflops_per_chip': expected a finite"),
        ({"bf16_tflops_per_chip": 0.0}, "'bf16_tflops_per_chip': expected a number greater than 0"),
        ({"tensorcores_per_chip": 0}, "'tensorcores_per_chip': expected a number greater than 0"),
        ({"tensorcores_per_chip": -2}, "'tensorcores_per_chip': expected a number greater than 0"),
        # Two negatives would multiply into a positive pod total.
        ({"hbm_per_chip": -32, "chips_per_pod": -1024}, "'hbm_per_chip': expected a number gre"),
        ({"chips_per_pod": -1024}, "'chips_per_pod': expected a number greater than 0"),
        ({"mxus_per_core": 0}, "'mxus_per_core': expected a number greater than 0"),
        ({"mxu_size": -128}, "'mxu_size': expected a number greater than 0"),
        ({"stated_pod_hbm": float("nan")}, "'stated_pod_hbm': expected a finite number"),
        ({"stated_cores_per_pod": 0}, "'stated_cores_per_pod': expected a number greater than 0"),
        ({"year": 0}, "'year': expected a number at least 1940 and at most 2100, got 0"),
        ({"year": 20180}, "'year': expected a number at least 1940 and at most 2100"),
        ({"chips_per_pod": 10**20}, "'chips_per_pod': expected a number of at most 9007199254"),
        ({"bf16_tflops_per_chip": 1e300}, "'bf16_tflops_per_chip': expected a number of at most"),
        (
            {"bf16_tflops_per_chip": 1e12, "chips_per_pod": 10**9},
            "'chips_per_pod': the derived pod_pflops (1e+18) is larger than 9007199254740992",
        ),
    ],
    ids=lambda v: str(v) if isinstance(v, dict) else "",
)
def test_numbers_must_be_finite_and_counts_sizes_and_rates_positive(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(DataError) as error:
        tpu(**changes)
    assert str(error.value).startswith("macros/data.py: TpuGeneration 'v3': field ")
    assert message in str(error.value)


def test_unpublished_values_may_still_be_none() -> None:
    v3 = tpu(mxus_per_core=None, mxu_size=None)  # the negative control: None is not a number
    assert (v3.mxus_per_core, v3.mxu_size) == (None, None)


def test_caffe_names_are_identifiers() -> None:
    from macros.records import CaffeLayer, CaffeParam

    with pytest.raises(DataError, match=r"CaffeParam: field 'name': expected an identifier"):
        CaffeParam(name='num_output: 1 }  type: "x', value="20")
    with pytest.raises(DataError, match=r"CaffeLayer 'c': field 'tops': item 1: expected an iden"):
        CaffeLayer(
            key="c", name="c", kind="Data", bottoms=(), tops=('a"',), note="n", sources=("s",)
        )
    CaffeParam(name="weight_filler", value='{ type: "xavier" }')  # values are free text


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,x", "https://", "//x.org/a", "ftp://x.org", "x.org"],
)
def test_source_url_must_be_an_absolute_http_link(url: str) -> None:
    with pytest.raises(DataError, match=r"field 'url': expected an absolute http\(s\) URL"):
        Source(checked=date(2026, 12, 1), key="s", title="t", url=url, publisher="p")
    with pytest.raises(DataError, match=r"field 'url': expected a URL without spaces"):
        Source(
            checked=date(2026, 12, 1), key="s", title="t", url="https://x.org/a b", publisher="p"
        )


@pytest.mark.parametrize(
    "second",
    ["https://x.org/a", "https://X.org/a/", "http://x.org/a", "https://x.org/a/"],
)
def test_two_sources_may_not_share_one_url(second: str) -> None:
    first = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org/a", publisher="p"
    )
    other = Source(checked=date(2026, 12, 1), key="o", title="t2", url=second, publisher="p")
    lib = library(sources=("s", "o"))
    with pytest.raises(DataError) as error:
        check_sources({"THEANO_LIBRARIES": [lib]}, {"s": first, "o": other})
    assert str(error.value) == (
        f"macros/data.py: SOURCES: Source 'o': field 'url': {second!r} is the document of "
        "Source 's' ('https://x.org/a'); cite that one instead"
    )
    # The negative control: another page, or another part of the page, is another source.
    for url in ("https://x.org/b", "https://x.org/a#part", "https://x.org/a?v=2"):
        other = Source(checked=date(2026, 12, 1), key="o", title="t2", url=url, publisher="p")
        check_sources({"THEANO_LIBRARIES": [lib]}, {"s": first, "o": other})


# ---------------------------------------------------------------------------
# Dated sources and values that change over time
# ---------------------------------------------------------------------------


def test_every_source_needs_the_day_it_was_checked() -> None:
    import datetime

    # A missing field and a string for a date, on purpose: the record's own checks must say so.
    with pytest.raises(DataError) as error:
        Source(key="s", title="t", url="https://x.org", publisher="p")  # type: ignore[call-arg]
    assert str(error.value) == ("macros/data.py: Source 's': missing required field(s) 'checked'")
    with pytest.raises(DataError, match=r"field 'checked': expected date, got str '2026-12-01'"):
        Source(key="s", title="t", url="https://x.org", publisher="p", checked="2026-12-01")  # type: ignore[arg-type]
    moment = datetime.datetime(2026, 12, 1, 10, 0)
    with pytest.raises(DataError, match=r"field 'checked': expected date, got datetime"):
        Source(key="s", title="t", url="https://x.org", publisher="p", checked=moment)
    with pytest.raises(DataError) as error:
        Source(
            key="s",
            title="t",
            url="https://x.org",
            publisher="p",
            published="2017-05",
            checked=date(2017, 4, 30),
        )
    assert str(error.value) == (
        "macros/data.py: Source 's': field 'checked': 2017-04-30 is before the source was "
        "published (2017-05)"
    )
    with pytest.raises(DataError, match=r"field 'checked': 2206-12-01 is in the future"):
        Source(key="s", title="t", url="https://x.org", publisher="p", checked=date(2206, 12, 1))
    same_month = Source(
        key="s",
        title="t",
        url="https://x.org",
        publisher="p",
        published="2017-05",
        checked=date(2017, 5, 1),
    )
    assert same_month.checked == date(2017, 5, 1)  # the negative control


def test_changing_names_fields_of_the_record() -> None:
    from macros.records import Framework

    fields: dict[str, Any] = {
        "key": "keras",
        "name": "Keras",
        "core_languages": ("Python",),
        "frontend_languages": ("Python",),
        "graph_model": "backend",
        "gpu": "La del motor",
        "autodiff": "backend",
        "origin": "François Chollet",
        "first_release": "2015-03",
        "status": "active",
        "status_note": "Keras 3",
        "sources": ("s",),
    }
    assert Framework(**fields, changing=("status", "status_note")).changing
    with pytest.raises(DataError) as error:
        Framework(**fields, changing=("estado",))
    assert str(error.value) == (
        "macros/data.py: Framework 'keras': field 'changing': unknown field 'estado'; fields "
        "that can change: autodiff, core_languages, first_release, frontend_languages, gpu, "
        "graph_model, name, origin, status, status_note"
    )


# -- Self-check questions -----------------------------------------------------------------------


def written(**changes: Any) -> Question:
    fields: dict[str, Any] = {
        "key": "q",
        "page": "t3/a.md",
        "question": "¿Cuál?",
        "options": ("Una", "Otra"),
        "answer": "Una",
        "explanation": "Porque sí.",
        "see": Place(label="tab-tpu-v3"),
        "sources": ("s",),
    }
    return Question(**{**fields, **changes})


def generated(**changes: Any) -> FactQuestion:
    fields: dict[str, Any] = {
        "key": "tpu-hbm",
        "page": "t3/a.md",
        "collection": "TPU_GENERATIONS",
        "item": "v3",
        "field": "hbm_per_chip",
        "unit": "hbm_unit",
        "question": "¿Cuánta HBM tiene la {name}?",
        "explanation": "La {name} tiene {answer}.",
        "option_count": 3,
        "see": Place(label="tab-tpu-v3"),
    }
    return FactQuestion(**{**fields, **changes})


TPUS = {
    "TPU_GENERATIONS": index(
        "TPU_GENERATIONS",
        [
            tpu(key="v2", name="TPU v2", hbm_per_chip=16),
            tpu(),
            tpu(key="v4", name="TPU v4", hbm_per_chip=32),
            tpu(key="v5p", name="TPU v5p", hbm_per_chip=95, hbm_unit="GB"),
        ],
    )
}


def test_a_written_question_needs_its_answer_among_two_to_five_distinct_options() -> None:
    assert written().answer == "Una"  # the negative control
    with pytest.raises(DataError) as error:
        written(answer="Ninguna")
    assert str(error.value) == (
        "macros/data.py: Question 'q': field 'answer': 'Ninguna' is not one of the options; "
        "options: 'Una', 'Otra'"
    )
    with pytest.raises(DataError) as error:
        written(options=("Una",))
    assert str(error.value) == (
        "macros/data.py: Question 'q': field 'options': expected 2 to 5 options, got 1"
    )
    with pytest.raises(DataError, match="expected 2 to 5 options, got 6"):
        written(options=("Una", "b", "c", "d", "e", "f"))
    with pytest.raises(DataError) as error:
        written(options=("Una", "Otra", " otra "))
    assert str(error.value) == (
        "macros/data.py: Question 'q': field 'options': ' otra ' is there twice; "
        "each option must differ"
    )


def test_a_written_question_explains_and_cites() -> None:
    with pytest.raises(DataError, match="field 'explanation': expected non-empty text"):
        written(explanation=" ")
    with pytest.raises(DataError, match="field 'sources': every record must cite"):
        written(sources=())
    with pytest.raises(DataError, match=r"field 'page': expected the path of a page in docs/"):
        written(page="t3/a")
    source = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p"
    )
    with pytest.raises(DataError, match="Question 'q': field 'sources': unknown source 'nada'"):
        check_sources({"QUESTIONS": [written(sources=("nada",))]}, {"s": source})


def test_a_place_is_a_label_or_a_page_and_a_heading() -> None:
    assert Place(page="t3/a.md", heading="Caffe").heading == "Caffe"
    with pytest.raises(DataError) as error:
        Place(page="t3/a.md")
    assert str(error.value) == (
        "macros/data.py: Place: field 'page': expected a page and a heading "
        "(page='t3/frameworks.md', heading='Caffe') or a label (label='tab-frameworks')"
    )
    with pytest.raises(DataError, match="give either a label or a page and a heading, not both"):
        Place(label="tab-a", page="t3/a.md", heading="A")
    with pytest.raises(DataError, match="expected a label such as 'tab-frameworks'"):
        Place(label="Tabla 3")


def test_a_generated_question_resolves_to_the_record_and_other_records_values() -> None:
    facts = generated().resolve(TPUS["TPU_GENERATIONS"])
    assert (facts.about.key, facts.answer.value) == ("v3", 32)
    # v4 has the same 32 GiB: a reader could not tell it from the answer, so it is skipped.
    assert [(f.item.key, f.value) for f in facts.distractors] == [("v2", 16), ("v5p", 95)]
    check_questions([generated(), written()], TPUS)  # the negative control passes


def test_a_generated_question_with_too_few_distinct_values_fails() -> None:
    with pytest.raises(DataError) as error:
        check_questions([generated(option_count=4)], TPUS)
    assert str(error.value) == (
        "macros/data.py: FactQuestion 'tpu-hbm': field 'option_count': asks for 4 options, but "
        "TPU_GENERATIONS has only 2 other distinct value(s) of hbm_per_chip; ask for at most 3"
    )


def test_a_generated_question_names_a_collection_record_and_fields_that_exist() -> None:
    with pytest.raises(DataError) as error:
        check_questions([generated(collection="TPUS")], TPUS)
    assert str(error.value) == (
        "macros/data.py: FactQuestion 'tpu-hbm': field 'collection': unknown collection "
        "'TPUS'; collections: TPU_GENERATIONS"
    )
    with pytest.raises(DataError) as error:
        check_questions([generated(item="v9")], TPUS)
    assert str(error.value) == (
        "macros/data.py: FactQuestion 'tpu-hbm': field 'item': unknown key 'v9' in "
        "TPU_GENERATIONS; valid keys: v2, v3, v4, v5p"
    )
    with pytest.raises(DataError, match="TpuGeneration has no field 'hbm'; fields: key, name,"):
        check_questions([generated(field="hbm")], TPUS)
    with pytest.raises(DataError) as error:
        check_questions([generated(question="¿Y la {nombre}?")], TPUS)
    assert "field 'question': unknown placeholder {nombre}; TpuGeneration fields: key" in str(
        error.value
    )
    with pytest.raises(DataError, match=r"field 'explanation': .*\(write \{\{ and \}\} for a"):
        generated(explanation="La {name")


def test_a_which_record_question_needs_exactly_one_record_with_the_value() -> None:
    which = generated(item=None, field="hbm_unit", equals="GB", question="¿Cuál usa GB?", unit=None)
    facts = which.resolve(TPUS["TPU_GENERATIONS"])
    assert facts.answer.value == "TPU v5p"
    assert [f.value for f in facts.distractors] == ["TPU v2", "TPU v3"]
    with pytest.raises(DataError) as error:
        check_questions(
            [generated(item=None, field="hbm_unit", equals="GiB", question="¿Cuál?", unit=None)],
            TPUS,
        )
    assert str(error.value) == (
        "macros/data.py: FactQuestion 'tpu-hbm': field 'equals': expected exactly one record "
        "of TPU_GENERATIONS whose hbm_unit is 'GiB', found 3 (v2, v3, v4): the question would "
        "have more than one right answer"
    )
    # Naming the answer's fields in the question would give the answer away.
    with pytest.raises(DataError, match=r"field 'question': \{name\} would give the answer away"):
        check_questions([generated(item=None, field="hbm_unit", equals="GB", unit=None)], TPUS)
    with pytest.raises(DataError, match="give either item .* or equals .*, not both or neither"):
        generated(equals="GB")


def test_years_around_the_right_one_are_the_distractors_of_a_year() -> None:
    facts = generated(field="year", unit=None, distractors="years", option_count=4).resolve(
        TPUS["TPU_GENERATIONS"]
    )
    years = sorted([facts.answer.value, *(f.value for f in facts.distractors)])
    assert facts.answer.value == 2018 and len(years) == 4
    assert years == list(range(years[0], years[0] + 4))  # four years in a row, 2018 among them
    with pytest.raises(DataError, match="years around a value that is not a year: 'TPU v3'"):
        generated(field="name", unit=None, distractors="years").resolve(TPUS["TPU_GENERATIONS"])
