"""Render functions called directly: structure, values from the data, escaping, bad keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest

from macros import data, render
from macros.markdown import NBSP, escape, number, quantity, spanish_date
from macros.records import (
    Abbreviation,
    Comparison,
    Correction,
    DeviceAdvice,
    Source,
    TpuGeneration,
)
from macros.render import MacroArgumentError
from tests.site_markdown import to_html
from tests.tpu_v3 import V3_FIELDS
from tests.unchecked import unchecked

Renderer = Callable[..., str]


def _bold_name(record: Any) -> str:
    return f"**{escape(record.name)}**"


def _code_name(record: Any) -> str:
    return f"`{record.name}`"


def _aspect(record: Any) -> str:
    return escape(record.aspect)


R = render
# Every list-style table macro, the collection it shows and the text each row starts with.
TABLES: list[tuple[str, Renderer, Mapping[str, Any], Callable[[Any], str]]] = [
    ("theano_libraries_table", R.render_theano_libraries_table, data.THEANO_LIBRARIES, _bold_name),
    ("tf_numpy_table", R.render_tf_numpy_table, data.TF_VS_NUMPY, _aspect),
    (
        "tf_operations_table",
        R.render_tf_operations_table,
        data.TF_OPERATIONS,
        lambda r: escape(r.category),
    ),
    (
        "keras_points_table",
        R.render_keras_points_table,
        data.KERAS_POINTS,
        lambda r: R.KERAS_POINT_LABELS[r.kind],
    ),
    (
        "keras_model_types_table",
        R.render_keras_model_types_table,
        data.KERAS_MODEL_TYPES,
        _bold_name,
    ),
    ("cpu_gpu_table", R.render_cpu_gpu_table, data.CPU_VS_GPU, _aspect),
    (
        "device_advice_table",
        R.render_device_advice_table,
        data.DEVICE_ADVICE,
        lambda r: f"**{R.DEVICE_LABELS[r.device]}**",
    ),
    ("providers_table", R.render_providers_table, data.PROVIDERS, _bold_name),
    (
        "deepnet_parameters_table",
        R.render_deepnet_parameters_table,
        data.DEEPNET_PARAMETERS,
        _code_name,
    ),
    ("automl_metrics_table", R.render_automl_metrics_table, data.AUTOML_METRICS, _code_name),
]


def test_glossary_table_is_alphabetical_and_complete() -> None:
    lines = table_lines(render.render_glossary_table())
    terms = [cells(line)[0] for line in lines[2:]]
    expected = sorted(data.ABBREVIATIONS.values(), key=lambda a: a.term.casefold())
    assert terms == [f"**{escape(a.term)}**" for a in expected]
    assert cells(lines[0]) == ["Sigla", "Significado", "En inglés"]


def test_abbreviations_define_every_term_for_abbr() -> None:
    lines = render.render_abbreviations().split("\n")
    assert len(lines) == len(data.ABBREVIATIONS)
    tpu = data.ABBREVIATIONS["tpu"]
    assert f"*[TPU]: {tpu.expansion} ({tpu.english})" in lines


def table_lines(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.startswith("|")]


def cells(line: str) -> list[str]:
    """Split a table row on unescaped pipes."""
    parts, current, escaped = [], "", False
    for char in line.strip()[1:-1]:
        if char == "|" and not escaped:
            parts.append(current.strip())
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    parts.append(current.strip())
    return parts


@pytest.mark.parametrize(
    ("macro", "renderer", "collection", "first_cell"), TABLES, ids=[t[0] for t in TABLES]
)
def test_list_table_has_one_row_per_record_in_data_order(
    macro: str, renderer: Renderer, collection: Mapping[str, Any], first_cell: Callable[[Any], str]
) -> None:
    lines = table_lines(renderer())
    assert len(lines) == len(collection) + 2
    assert set(lines[1].replace("|", "").split()) == {"---"}
    width = len(cells(lines[0]))
    records = list(collection.values())
    if macro == "device_advice_table":
        order = list(render.DEVICE_LABELS)
        records.sort(key=lambda r: order.index(r.device))
    for line, record in zip(lines[2:], records, strict=True):
        row = cells(line)
        assert len(row) == width, line
        assert row[0] == first_cell(record)


@pytest.mark.parametrize(
    ("macro", "renderer", "collection", "first_cell"), TABLES, ids=[t[0] for t in TABLES]
)
def test_list_table_cites_the_sources_of_its_rows(
    macro: str, renderer: Renderer, collection: Mapping[str, Any], first_cell: Callable[[Any], str]
) -> None:
    markdown = renderer()
    source_line = [line for line in markdown.split("\n") if line.startswith("Fuente")]
    assert len(source_line) == 1
    for record in collection.values():
        for key in record.sources:
            assert data.SOURCES[key].url.split("#")[0][:40] in source_line[0]


@pytest.mark.parametrize(
    ("macro", "renderer", "collection", "first_cell"), TABLES, ids=[t[0] for t in TABLES]
)
def test_list_table_selects_keys_and_rejects_unknown_ones(
    macro: str, renderer: Renderer, collection: Mapping[str, Any], first_cell: Callable[[Any], str]
) -> None:
    last = list(collection)[-1]
    assert len(table_lines(renderer([last]))) == 3
    with pytest.raises(MacroArgumentError) as error:
        renderer(["no-such-key"])
    assert str(error.value) == (
        f"{macro}(): unknown key 'no-such-key'; valid keys: {', '.join(collection)}"
    )


def test_select_rejects_a_string_repeated_keys_and_an_empty_list() -> None:
    with pytest.raises(MacroArgumentError, match=r"expected a list of keys such as \[v2, v3"):
        # A str is a Sequence[str] to the type checker too: only the macro's check stops it.
        render.render_tpu_comparison("v2")
    with pytest.raises(MacroArgumentError, match=r"repeated key\(s\) v2"):
        render.render_tpu_comparison(["v2", "v2"])
    with pytest.raises(MacroArgumentError, match=r"expected at least 1 key\(s\); valid keys: v2"):
        render.render_tpu_comparison([])


def tpu_row(markdown: str, label: str) -> list[str]:
    for line in table_lines(markdown):
        row = cells(line)
        if row[0] == f"**{label}**":
            return row[1:]
    raise AssertionError(f"no row {label!r} in\n{markdown}")


def test_tpu_comparison_v2_v3_shows_the_data_values() -> None:
    markdown = render.render_tpu_comparison(["v2", "v3"])
    v2, v3 = data.TPU_GENERATIONS["v2"], data.TPU_GENERATIONS["v3"]
    assert cells(table_lines(markdown)[0]) == ["Generación", "TPU v2", "TPU v3"]
    assert tpu_row(markdown, "HBM por TensorCore") == [f"8{NBSP}GiB", f"16{NBSP}GiB"]
    assert tpu_row(markdown, "HBM por chip") == [
        quantity(v2.hbm_per_chip, "GiB"),
        quantity(v3.hbm_per_chip, "GiB"),
    ]
    assert tpu_row(markdown, "MXU por TensorCore") == ["1", "2"]
    assert tpu_row(markdown, "Tamaño de cada MXU") == ["128×128", "128×128"]
    assert tpu_row(markdown, "TensorCores por pod") == ["512", "2048"]
    assert tpu_row(markdown, "HBM del pod") == [f"4{NBSP}TiB", f"32{NBSP}TiB"]
    assert tpu_row(markdown, "Chips por pod") == [
        number(v2.chips_per_pod),
        number(v3.chips_per_pod),
    ]
    assert tpu_row(markdown, "Año") == [str(v2.year), str(v3.year)]
    assert len(table_lines(markdown)) == 11 + 2


def test_tpu_comparison_of_every_generation_has_one_column_each() -> None:
    keys = list(data.TPU_GENERATIONS)
    markdown = render.render_tpu_comparison(keys)
    header = cells(table_lines(markdown)[0])
    assert header == ["Generación", *[escape(g.name) for g in data.TPU_GENERATIONS.values()]]
    for line in table_lines(markdown)[2:]:
        assert len(cells(line)) == len(keys) + 1


def test_tpu_comparison_marks_unpublished_values() -> None:
    fields: dict[str, Any] = {
        "key": "x",
        "name": "TPU x",
        "year": 2030,
        "tensorcores_per_chip": 2,
        "mxus_per_core": None,
        "mxu_size": None,
        "hbm_per_chip": 96,
        "hbm_unit": "GB",
        "bf16_tflops_per_chip": 1000.5,
        "chips_per_pod": 9000,
        "sources": ("s",),
    }
    source = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p"
    )
    markdown = render.render_tpu_comparison(
        ["x"], generations={"x": TpuGeneration(**fields)}, sources={"s": source}
    )
    assert tpu_row(markdown, "MXU por TensorCore") == ["No publicado"]
    assert tpu_row(markdown, "Tamaño de cada MXU") == ["No publicado"]
    assert tpu_row(markdown, "HBM por TensorCore") == [f"48{NBSP}GB"]
    assert tpu_row(markdown, "HBM del pod") == [f"864{NBSP}TB"]
    assert tpu_row(markdown, "Pico bf16 por chip") == [f"1000,5{NBSP}TFLOPS"]
    assert tpu_row(markdown, "Chips por pod") == ["9000"]
    assert tpu_row(markdown, "Pico bf16 del pod") == [f"9004,5{NBSP}PFLOPS"]


def test_cell_text_with_pipe_and_angle_bracket_is_escaped() -> None:
    source = Source(
        checked=date(2026, 12, 1), key="s", title="A | B <i>", url="https://x.org/a", publisher="P"
    )
    row = Comparison(key="k", aspect="a | b", left="<script>x</script>", right="c", sources=("s",))
    markdown = render.render_cpu_gpu_table(None, comparisons={"k": row}, sources={"s": source})
    lines = table_lines(markdown)
    assert cells(lines[2]) == [r"a \| b", "&lt;script&gt;x&lt;/script&gt;", "c"]
    assert "<" not in markdown.replace("&lt;", "")
    assert r"[A \| B &lt;i&gt; (P)](https://x.org/a)" in markdown


def test_frameworks_table_has_two_tabs_with_the_data_values() -> None:
    markdown = render.render_frameworks_table()
    assert markdown.startswith('=== "Tecnología"\n\n    | Framework | Núcleo | Interfaz |')
    assert (
        '\n=== "Origen y estado"\n\n    | Framework | Origen | Primera versión | Estado |'
        in markdown
    )
    technology, history = markdown.split('=== "Origen y estado"')
    tech_rows = [line.strip() for line in technology.split("\n") if line.startswith("    |")]
    history_rows = [line.strip() for line in history.split("\n") if line.startswith("    |")]
    frameworks = list(data.FRAMEWORKS.values())
    assert len(tech_rows) == len(history_rows) == len(frameworks) + 2
    for framework, tech, hist in zip(frameworks, tech_rows[2:], history_rows[2:], strict=True):
        assert cells(tech) == [
            f"**{escape(framework.name)}**",
            escape(", ".join(framework.core_languages)),
            escape(", ".join(framework.frontend_languages)),
            render.GRAPH_MODEL_LABELS[framework.graph_model],
            escape(framework.gpu),
            render.AUTODIFF_LABELS[framework.autodiff],
        ]
        assert cells(hist)[2] == spanish_date(framework.first_release)
        assert cells(hist)[3].startswith(render.STATUS_LABELS[framework.status] + ": ")
    assert len([line for line in markdown.split("\n") if line.startswith("Fuentes: ")]) == 1
    with pytest.raises(MacroArgumentError, match="frameworks_table\\(\\): unknown key 'jax'"):
        render.render_frameworks_table(["jax"])


def test_automl_table_marks_tasks_and_default_sort() -> None:
    markdown = render.render_automl_metrics_table()
    for metric, line in zip(data.AUTOML_METRICS.values(), table_lines(markdown)[2:], strict=True):
        row = cells(line)
        for task, cell in zip(render.TASK_LABELS, row[2:], strict=True):
            if task in metric.default_sort_for:
                assert cell == "Sí (orden por defecto)"
            else:
                assert cell == ("Sí" if task in metric.tasks else "No")
    # Each task has exactly one default sort metric.
    for task in render.TASK_LABELS:
        assert sum(task in m.default_sort_for for m in data.AUTOML_METRICS.values()) == 1


def test_gpu_platforms_table_has_one_column_per_platform() -> None:
    markdown = render.render_gpu_platforms_table()
    header = cells(table_lines(markdown)[0])
    assert header == ["Plataforma", *[escape(p.name) for p in data.GPU_PLATFORMS.values()]]
    assert len(table_lines(markdown)) == 6 + 2


def test_correction_is_an_admonition_quoting_claim_and_citing_sources() -> None:
    for key, item in data.CORRECTIONS.items():
        markdown = render.render_correction(key)
        lines = markdown.split("\n")
        assert lines[0] == '!!! warning "Corrección"'
        assert f"    Las notas originales decían: «{escape(item.claim)}»" in lines
        shown = escape(item.correction) + (NBSP + "†" if "correction" in item.changing else "")
        assert f"    {shown}" in lines
        for source_key in item.sources:
            assert f"[{escape(data.SOURCES[source_key].title)} (" in markdown
    with pytest.raises(
        MacroArgumentError, match="correction\\(\\): unknown key 'nope'; valid keys: "
    ):
        render.render_correction("nope")


def test_source_link() -> None:
    key, source = next(iter(data.SOURCES.items()))
    assert render.render_source_link(key) == f"[{escape(source.title)}]({source.url})"


@pytest.mark.parametrize(
    ("labels", "vocabulary"),
    [
        (render.GRAPH_MODEL_LABELS, "GraphModel"),
        (render.AUTODIFF_LABELS, "AutodiffKind"),
        (render.STATUS_LABELS, "Status"),
        (render.TASK_LABELS, "AutomlTask"),
    ],
)
def test_every_vocabulary_value_has_a_spanish_label(
    labels: Mapping[str, str], vocabulary: str
) -> None:
    from typing import get_args

    from macros import records

    assert set(labels) == set(get_args(getattr(records, vocabulary)))


def test_renderers_are_deterministic() -> None:
    first: Sequence[str] = [t[1]() for t in TABLES]
    second: Sequence[str] = [t[1]() for t in TABLES]
    assert first == second


@pytest.mark.parametrize(
    ("macro", "renderer", "collection", "first_cell"), TABLES, ids=[t[0] for t in TABLES]
)
def test_list_table_has_one_numbered_caption(
    macro: str, renderer: Renderer, collection: Mapping[str, Any], first_cell: Callable[[Any], str]
) -> None:
    lines = renderer().split("\n")
    start = lines.index("/// table-caption")
    assert lines.count("/// table-caption") == 1
    # The caption's id is the table's label, for cross-references (`ref()`).
    stem = macro.removesuffix("_table").removesuffix("_comparison").replace("_", "-")
    assert lines[start + 1] == f"    attrs: {{id: tab-{stem}}}"
    assert lines[start + 2].strip() and lines[start + 3] == "///"


# ---------------------------------------------------------------------------
# Hostile text reaches the page inert: checked on the HTML the site's Markdown makes
# ---------------------------------------------------------------------------


class Elements(HTMLParser):
    """The start tags of an HTML fragment with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def elements(html: str) -> Elements:
    parsed = Elements()
    parsed.feed(html)
    parsed.close()
    return parsed


SCRIPT = "<script>alert(document.domain)</script>"


@pytest.mark.parametrize(
    "expansion",
    [
        f"\r\r{SCRIPT}\r\r",
        f"\n\n{SCRIPT}\n\n",
        f"\u2028{SCRIPT}\u2029",
        f"Red {SCRIPT} neuronal",
        '" onmouseover="alert(1)',
        "<img src=x onerror=alert(1)>",
        "''",
        "&lt;b&gt; y &amp;",
    ],
    ids=["cr", "lf", "separators", "inline", "quote", "img", "empty-quotes", "entities"],
)
def test_abbreviation_expansion_reaches_the_page_as_a_tooltip_only(expansion: str) -> None:
    # Built without the load checks, which reject the first three: this is the renderer alone.
    item = unchecked(Abbreviation, key="nn", term="NN", expansion=expansion, sources=("s",))
    page = "Una NN aprende.\n\n" + render.render_abbreviations(abbreviations={"nn": item})
    html = to_html(page)
    parsed = elements(html)
    assert [tag for tag, _ in parsed.tags] == ["p", "abbr"], html
    shown = " ".join(expansion.split()).replace("\u2028", " ").replace("\u2029", " ")
    assert parsed.tags[1][1] == {"title": " ".join(shown.split())}
    assert parsed.text == "Una NN aprende."


def test_abbreviation_with_a_bad_term_is_refused_by_the_renderer() -> None:
    item = unchecked(Abbreviation, key="nn", term="N]N", expansion="x", sources=("s",))
    with pytest.raises(ValueError, match=r"abbreviation 'nn': term 'N\]N' is not a single word"):
        render.render_abbreviations(abbreviations={"nn": item})


@pytest.mark.parametrize(
    "text",
    [
        "- una lista",
        "+ otra lista",
        "1. numerada",
        "2) numerada",
        ": una definición",
        '=== "Pestaña"',
        "/// details | Bloque",
        "~~~ código",
        "# Título",
        "> cita",
        "!!! note",
        '--8<-- "mkdocs.yml"',
        "\\(x^2\\) y $y$",
        "{: onclick=alert(1) }",
        "[^1]: nota",
        "<!-- comentario -->",
        "{{ config }}",
        SCRIPT,
    ],
)
def test_correction_text_that_looks_like_markdown_stays_one_paragraph(text: str) -> None:
    source = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p"
    )
    item = Correction(key="c", claim="Dicho", correction=text, sources=("s",))
    html = to_html(render.render_correction("c", corrections={"c": item}, sources={"s": source}))
    parsed = elements(html)
    tags = [tag for tag, _ in parsed.tags]
    assert tags == ["div", "p", "p", "p", "p", "a"], html
    assert text in parsed.text


def test_source_line_refuses_a_link_that_is_not_http() -> None:
    source = unchecked(
        Source,
        checked=date(2026, 12, 1),
        key="s",
        title="t",
        url="javascript:alert(1)",
        publisher="p",
    )
    row = Comparison(key="k", aspect="a", left="b", right="c", sources=("s",))
    with pytest.raises(ValueError, match=r"refusing to link to 'javascript:alert\(1\)'"):
        render.render_cpu_gpu_table(None, comparisons={"k": row}, sources={"s": source})


def test_a_number_that_is_not_finite_is_an_error_not_a_cell() -> None:
    fields = {**V3_FIELDS, "bf16_tflops_per_chip": float("nan")}
    item = unchecked(TpuGeneration, **fields)
    source = Source(
        checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p"
    )
    with pytest.raises(ValueError, match=r"cannot format nan: expected a finite number"):
        render.render_tpu_comparison(["v3"], generations={"v3": item}, sources={"s": source})


# ---------------------------------------------------------------------------
# Dated sources, and the mark on what changes over time
# ---------------------------------------------------------------------------


def test_sources_line_shows_the_day_each_source_was_checked() -> None:
    first = Source(
        key="a", title="A", url="https://x.org/a", publisher="P", checked=date(2026, 12, 2)
    )
    second = Source(
        key="b", title="B", url="https://x.org/b", publisher="Q", checked=date(2025, 5, 1)
    )
    row = Comparison(key="k", aspect="x", left="y", right="z", sources=("a", "b"))
    markdown = render.render_cpu_gpu_table(
        None, comparisons={"k": row}, sources={"a": first, "b": second}
    )
    (line,) = [line for line in markdown.split("\n") if line.startswith("Fuentes: ")]
    assert line == (
        "Fuentes: [A (P)](https://x.org/a), consultado el 2 dic. 2026; "
        "[B (Q)](https://x.org/b), consultado el 1 may. 2025."
    )
    assert render.CHANGING_NOTE not in markdown  # nothing here can change


def test_a_value_that_changes_over_time_is_marked_and_explained() -> None:
    source = Source(
        key="s", title="t", url="https://x.org", publisher="p", checked=date(2026, 12, 1)
    )
    fixed = DeviceAdvice(key="a", device="cpu", advice="Prototipos", sources=("s",))
    moving = DeviceAdvice(
        key="b", device="tpu", advice="Modelos grandes", sources=("s",), changing=("advice",)
    )
    markdown = render.render_device_advice_table(
        None, advice={"a": fixed, "b": moving}, sources={"s": source}
    )
    rows = [cells(line) for line in table_lines(markdown)[2:]]
    assert rows == [["**CPU**", "Prototipos"], ["**TPU**", f"Modelos grandes{NBSP}†"]]
    (line,) = [line for line in markdown.split("\n") if line.startswith("Fuente: ")]
    assert line.endswith(". " + render.CHANGING_NOTE)
    html = to_html(markdown)
    assert f"Modelos grandes{NBSP}†</td>" in html.replace("&nbsp;", NBSP)


def test_real_frameworks_mark_their_status_as_changing() -> None:
    markdown = render.render_frameworks_table()
    history = markdown.split('=== "Origen y estado"')[1]
    for framework in data.FRAMEWORKS.values():
        row = next(
            cells(line.strip())
            for line in history.split("\n")
            if line.strip().startswith(f"| **{escape(framework.name)}** |")
        )
        marked = row[3].endswith(render.CHANGING_MARK)
        assert marked == bool({"status", "status_note"} & set(framework.changing)), framework.key
    assert render.CHANGING_NOTE in markdown


def test_correction_whose_truth_can_change_says_so() -> None:
    source = Source(
        key="s", title="t", url="https://x.org", publisher="p", checked=date(2026, 12, 1)
    )
    item = Correction(
        key="c", claim="Dicho", correction="Hoy", sources=("s",), changing=("correction",)
    )
    markdown = render.render_correction("c", corrections={"c": item}, sources={"s": source})
    assert f"    Hoy{NBSP}†" in markdown.split("\n")
    assert "consultado el 1 dic. 2026. " + render.CHANGING_NOTE in markdown
