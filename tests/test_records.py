"""Each kind of bad record fails with a message naming the record, the field and the fix."""

from __future__ import annotations

from typing import Any

import pytest

from macros.records import (
    AutomlMetric,
    DataError,
    Source,
    TheanoLibrary,
    TpuGeneration,
    check_sources,
    index,
)

V3: dict[str, Any] = {
    "key": "v3",
    "name": "TPU v3",
    "year": 2018,
    "tensorcores_per_chip": 2,
    "mxus_per_core": 2,
    "mxu_size": 128,
    "hbm_per_chip": 32,
    "hbm_unit": "GiB",
    "bf16_tflops_per_chip": 123,
    "chips_per_pod": 1024,
    "sources": ("s",),
}


def tpu(**changes: Any) -> TpuGeneration:
    return TpuGeneration(**{**V3, **changes})


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
    fields = {k: v for k, v in V3.items() if k != "chips_per_pod"}
    with pytest.raises(DataError) as error:
        TpuGeneration(**fields)
    assert str(error.value) == (
        "macros/data.py: TpuGeneration 'v3': missing required field(s) 'chips_per_pod'"
    )


def test_unknown_field_lists_valid_fields() -> None:
    with pytest.raises(DataError) as error:
        TheanoLibrary(key="blocks", name="Blocks", description="d", sources=("s",), url="x")
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
        Source(key="s", title="t", url="https://x.org", publisher="p", published="2015/11")
    with pytest.raises(DataError, match="field 'url': expected an absolute http"):
        Source(key="s", title="t", url="x.org", publisher="p")


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
    source = Source(key="s", title="t", url="https://x.org", publisher="p")
    other = Source(key="o", title="t", url="https://x.org", publisher="p")
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
