"""Invariants over the real dataset: it loads, every collection is filled and cited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Protocol, cast

from macros import data
from macros.records import FactQuestion, Question


class Cited(Protocol):
    """A record that cites sources, as every record of `data.COLLECTIONS` does."""

    @property
    def sources(self) -> tuple[str, ...]: ...


def test_every_collection_has_records() -> None:
    empty = [name for name, items in data.COLLECTIONS.items() if not items]
    assert not empty


def test_every_record_cites_a_known_source_and_every_source_is_cited() -> None:
    # The collections hold different record classes, so mypy sees `tuple[object, ...]`; what
    # they share is that every record cites its sources, as this test checks.
    collections = cast(Mapping[str, tuple[Cited, ...]], data.COLLECTIONS)
    cited = {key for items in collections.values() for item in items for key in item.sources}
    assert cited == set(data.SOURCES)
    for items in collections.values():
        for item in items:
            assert item.sources, item


def test_sources_are_public_https_links_with_titles() -> None:
    for source in data.SOURCES.values():
        assert source.url.startswith("https://"), source
        assert " " not in source.url, source


def test_tpu_v2_and_v3_match_what_the_notes_compared() -> None:
    # The notes: v2 8 GB/core, 1 MXU (128x128), pod up to 512 cores (4 TB);
    # v3 16 GB/core, 2 MXU (128x128), pod up to 2048 cores (32 TB).
    v2, v3 = data.TPU_GENERATIONS["v2"], data.TPU_GENERATIONS["v3"]
    assert (v2.hbm_per_core, v2.mxus_per_core, v2.mxu_size) == (8, 1, 128)
    assert (v3.hbm_per_core, v3.mxus_per_core, v3.mxu_size) == (16, 2, 128)
    assert (v2.cores_per_pod, v2.pod_hbm, v2.pod_hbm_unit) == (512, 4, "TiB")
    assert (v3.cores_per_pod, v3.pod_hbm, v3.pod_hbm_unit) == (2048, 32, "TiB")


def test_tpu_generations_are_in_chronological_order() -> None:
    years = [g.year for g in data.TPU_GENERATIONS.values()]
    assert years == sorted(years)
    assert list(data.TPU_GENERATIONS)[:2] == ["v2", "v3"]


def test_each_automl_task_has_one_default_sort_metric() -> None:
    for task in ("regression", "binomial", "multinomial"):
        defaults = [m.key for m in data.AUTOML_METRICS.values() if task in m.default_sort_for]
        assert len(defaults) == 1, (task, defaults)


def test_device_advice_covers_every_kind_of_processor() -> None:
    assert {a.device for a in data.DEVICE_ADVICE.values()} == {"cpu", "gpu", "tpu", "not-tpu"}


def test_the_notes_keras_points_are_all_there() -> None:
    pros = [p for p in data.KERAS_POINTS.values() if p.kind == "pro"]
    cons = [p for p in data.KERAS_POINTS.values() if p.kind == "con"]
    assert (len(pros), len(cons)) == (5, 4)


def test_every_source_says_when_it_was_last_checked() -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    for source in data.SOURCES.values():
        assert isinstance(source.checked, datetime.date), source.key
        assert source.checked <= today + datetime.timedelta(days=1), source.key
        if source.published:
            assert source.checked.isoformat() >= source.published, source.key


def test_status_notes_continue_the_sentence_after_the_colon() -> None:
    # "Activo: ejecución inmediata…": no capital after the colon, unless a name starts it.
    names = {f.name.split()[0] for f in data.FRAMEWORKS.values()} | {"Keras"}
    for framework in data.FRAMEWORKS.values():
        first = framework.status_note.split()[0]
        assert first[0].islower() or first in names, (framework.key, first)


def test_records_about_status_and_versions_say_they_change() -> None:
    for framework in data.FRAMEWORKS.values():
        assert {"status", "status_note"} <= set(framework.changing), framework.key
    for provider in data.PROVIDERS.values():
        assert "offering" in provider.changing, provider.key
    for key in ("tpu-generations", "tf-hub", "keras-backends"):
        assert "correction" in data.CORRECTIONS[key].changing, key


SECTION_PAGES = {"t3/frameworks.md", "t3/computacion-acelerada.md", "t3/proveedores.md"}


def test_every_t3_section_page_ends_with_three_to_five_questions_some_generated() -> None:
    assert {q.page for q in data.QUESTIONS.values()} == SECTION_PAGES
    for page in sorted(SECTION_PAGES):
        mine = [q for q in data.QUESTIONS.values() if q.page == page]
        assert 3 <= len(mine) <= 5, (page, [q.key for q in mine])
        assert any(isinstance(q, FactQuestion) for q in mine), page
        assert any(isinstance(q, Question) for q in mine), page


def test_generated_questions_answer_with_the_tables_values() -> None:
    tpu = data.QUESTIONS["tpu-v4-hbm"]
    assert isinstance(tpu, FactQuestion)
    facts = tpu.resolve(data.TPU_GENERATIONS)
    assert facts.answer.value == data.TPU_GENERATIONS["v4"].hbm_per_chip
    assert all(f.value != facts.answer.value for f in facts.distractors)
    declarative = data.QUESTIONS["framework-declarative"]
    assert isinstance(declarative, FactQuestion)
    about = declarative.resolve(data.FRAMEWORKS).about
    assert about.graph_model == "declarative" and about.key == "caffe"
    # Every collection a generated question names is one a table shows.
    for question in data.QUESTIONS.values():
        if isinstance(question, FactQuestion):
            assert question.collection in data.COLLECTIONS, question.key


def test_written_questions_cite_known_sources() -> None:
    for question in data.QUESTIONS.values():
        if isinstance(question, Question):
            assert question.sources and set(question.sources) <= set(data.SOURCES), question.key
