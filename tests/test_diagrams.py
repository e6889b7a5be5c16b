"""Figures drawn from the data: structure, values, accessibility, escaping, bad keys."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from macros import data, diagrams
from macros.markdown import number, spanish_date
from macros.records import Architecture, CaffeLayer, CaffeParam, Layer, Source, TpuGeneration
from macros.render import MacroArgumentError
from tests.tpu_v3 import V3_FIELDS, tpu
from tests.unchecked import unchecked

SOURCE = Source(checked=date(2026, 12, 1), key="s", title="t", url="https://x.org", publisher="p")


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"unbalanced </{tag}> after {self.open}"
        self.open.pop()

    def handle_data(self, text: str) -> None:
        self.text.append(text)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert not tags.open, f"unclosed tags: {tags.open}"
    return tags


def text_of(html: str) -> str:
    return " ".join("".join(parse(html).text).split())


def assert_captioned_figure(html: str) -> None:
    tags = parse(html)
    figure = tags.tags[0]
    assert figure[0] == "figure"
    figure_id = figure[1]["id"]
    assert figure[1]["aria-labelledby"] == f"{figure_id}-caption"
    captions = [a for t, a in tags.tags if t == "figcaption"]
    assert captions == [{"id": f"{figure_id}-caption"}]
    caption = re.search(r"<figcaption[^>]*>(.*)</figcaption>", html, flags=re.DOTALL)
    assert caption and "Fuente" in text_of(caption.group(1))
    for tag, attrs in tags.tags:
        if tag == "svg":
            assert attrs["role"] == "img"
            assert attrs["aria-labelledby"] == f"{figure_id}-title {figure_id}-desc"
    assert "\n\n" not in html, "a blank line would end the raw HTML block in Markdown"


def test_architecture_lists_every_layer_and_item_in_order() -> None:
    for key, item in data.ARCHITECTURES.items():
        html = diagrams.render_architecture(key)
        assert_captioned_figure(html)
        labels = re.findall(r'class="course-stack__label">([^<]*)<', html)
        assert labels == [layer.label for layer in item.layers]
        for layer in item.layers:
            for entry in layer.items:
                assert f'<span class="course-stack__item">{entry}</span>' in html.replace(
                    "&#x27;", "'"
                )
        assert "course-stack__layer--highlight" not in html


def test_cuda_stack_reuses_the_platform_and_framework_data() -> None:
    stack = data.ARCHITECTURES["cuda"]
    layers = {layer.key: layer for layer in stack.layers}
    assert layers["libraries"].items == data.GPU_PLATFORMS["cuda"].libraries
    assert layers["toolkit"].items == data.GPU_PLATFORMS["cuda"].languages
    assert set(layers["frameworks"].items) == {
        f.name for f in data.FRAMEWORKS.values() if "CUDA" in f.gpu and f.status == "active"
    }


def test_architecture_highlight_marks_only_the_named_layers() -> None:
    html = diagrams.render_architecture("h2o", highlight=["core", "deployment"])
    assert_captioned_figure(html)
    assert 'id="fig-h2o-core-deployment"' in html
    lit = re.findall(r'course-stack__layer--highlight">.*?course-stack__label">([^<]*)<', html)
    assert lit == ["Infraestructura del núcleo (JVM)", "Ejecución"]
    assert html.count("Capa resaltada: ") == 2
    assert "Resaltada: Infraestructura del núcleo (JVM), Ejecución." in text_of(html)


def test_architecture_rejects_unknown_diagram_and_layer() -> None:
    with pytest.raises(MacroArgumentError) as error:
        diagrams.render_architecture("keras")
    assert str(error.value) == (
        f"architecture(): unknown key 'keras'; valid keys: {', '.join(data.ARCHITECTURES)}"
    )
    with pytest.raises(MacroArgumentError) as error:
        diagrams.render_architecture("h2o", highlight=["gpu"])
    layers = ", ".join(layer.key for layer in data.ARCHITECTURES["h2o"].layers)
    assert str(error.value) == f"architecture(): unknown key 'gpu'; valid keys: {layers}"


def test_figure_text_is_escaped() -> None:
    source = Source(
        checked=date(2026, 12, 1),
        key="s",
        title="A <b>",
        url="https://x.org/?a=1&b=2",
        publisher="P",
    )
    item = Architecture(
        key="x",
        title="T",
        summary="S & <script>",
        layers=(Layer(key="a", label="<img src=x>", items=("a|b",)),),
        sources=("s",),
    )
    html = diagrams.render_architecture("x", None, architectures={"x": item}, sources={"s": source})
    assert "<img" not in html and "<script>" not in html and "<b>" not in html
    assert "&lt;img src=x&gt;" in html
    assert 'href="https://x.org/?a=1&amp;b=2"' in html


def test_flows_keep_step_order_and_lanes() -> None:
    for key, flow in data.FLOWS.items():
        html = diagrams.render_flow(key)
        assert_captioned_figure(html)
        lanes = re.findall(r'data-lane="(\d)"', html)
        assert lanes == [str(flow.actors.index(s.actor)) for s in flow.steps]
        actions = re.findall(r'course-flow__action">([^<]*)<', html)
        assert actions == [s.action for s in flow.steps]
    assert len(data.FLOWS["cuda"].steps) == 4


def test_computation_graph_draws_every_operation_and_tensor() -> None:
    graph = data.COMPUTATION_GRAPH
    html = diagrams.render_computation_graph()
    assert_captioned_figure(html)
    ops = re.findall(r'class="course-svg__node-op"[^>]*>([^<]*)<', html)
    assert ops == [node.op for node in graph.nodes]
    arrows = html.count('marker-end="url(#course-arrow)"')
    assert arrows == len(graph.edges)
    crossing = [e for e in graph.edges if e.source == "send"]
    assert html.count("course-svg__edge--network") == len(crossing) == 1
    desc = re.search(r'<desc id="fig-graph-desc">([^<]*)<', html)
    assert desc and "MatMul → Add (W·x)" in desc.group(1)
    for device in graph.devices:
        assert f">{device}</text>" in html


def test_caffe_prototxt_writes_every_layer_and_field() -> None:
    html = diagrams.render_caffe_prototxt()
    assert_captioned_figure(html.replace("\n\n", "\n"))  # the code block keeps its blank lines
    code = text_of(html.split("<figcaption")[0] + "</figure>")
    for layer in data.CAFFE_LAYERS.values():
        assert f'name: "{layer.name}" type: "{layer.kind}"' in code
        for param in layer.params:
            assert f"{param.name}: {param.value}" in code
    assert "Data → Convolution → Pooling → InnerProduct → SoftmaxWithLoss" in text_of(html)


def test_frameworks_timeline_is_in_date_order() -> None:
    html = diagrams.render_frameworks_timeline()
    assert_captioned_figure(html)
    names = re.findall(r'class="course-svg__name"[^>]*>([^<]*)<', html)
    expected = sorted(data.FRAMEWORKS.values(), key=lambda f: f.first_release)
    assert names == [f.name for f in expected]
    dates = re.findall(r'class="course-svg__date"[^>]*>([^<]*)<', html)
    assert dates == [spanish_date(f.first_release) for f in expected]
    hollow = html.count("course-svg__dot--inactive")
    assert hollow == len([f for f in expected if f.status != "active"])


def test_tpu_chart_shows_the_table_values() -> None:
    keys = list(data.TPU_GENERATIONS)
    html = diagrams.render_tpu_chart(keys)
    assert_captioned_figure(html)
    values = re.findall(r'class="course-svg__bar-value"[^>]*>([^<]*)<', html)
    generations = list(data.TPU_GENERATIONS.values())
    assert values[: len(keys)] == [number(g.bf16_tflops_per_chip) for g in generations]
    assert values[len(keys) :] == [f"{number(g.hbm_per_chip)} {g.hbm_unit}" for g in generations]
    widths = [float(w) for w in re.findall(r'class="course-svg__bar"[^>]*width="([\d.]+)"', html)]
    tflops = widths[: len(keys)]
    peak = max(g.bf16_tflops_per_chip for g in generations)
    assert tflops[-1] == pytest.approx(300 * generations[-1].bf16_tflops_per_chip / peak, abs=0.1)
    with pytest.raises(MacroArgumentError, match=r"tpu_chart\(\): expected at least 2 key"):
        diagrams.render_tpu_chart(["v2"])


def test_svg_numbers_must_be_finite() -> None:
    with pytest.raises(ValueError, match=r"<rect> attribute 'width': expected a finite number"):
        diagrams._el("rect", width=float("nan"))
    item = unchecked(
        TpuGeneration,
        **{**V3_FIELDS, "key": "x", "hbm_per_chip": 16, "bf16_tflops_per_chip": float("inf")},
    )
    with pytest.raises(ValueError, match="expected a finite number"):
        diagrams.render_tpu_chart(
            ["v3", "x"], generations={"v3": tpu(), "x": item}, sources={"s": SOURCE}
        )


def test_figure_ids_and_attributes_cannot_break_out_of_their_quotes() -> None:
    hostile = 'x" onload="alert(1)'
    item = unchecked(
        Architecture,
        key=hostile,
        title="T",
        summary="S",
        layers=(Layer(key="a", label="A"),),
        sources=("s",),
    )
    html = diagrams.render_architecture(
        hostile, None, architectures={hostile: item}, sources={"s": SOURCE}
    )
    tags = parse(html).tags
    assert tags[0][1]["id"] == "fig-" + hostile  # one attribute, holding the whole text
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]


def test_caffe_prototxt_keeps_one_value_per_line() -> None:
    param = unchecked(CaffeParam, name="num_output", value="20\n}\nlayer {", note=None)
    layer = unchecked(
        CaffeLayer,
        key="c",
        name="c",
        kind="Convolution",
        bottoms=(),
        tops=("c",),
        block="convolution_param",
        params=(param,),
        note="Nota\n\n<b>",
        sources=("s",),
    )
    html = diagrams.render_caffe_prototxt(layers={"c": layer}, sources={"s": SOURCE})
    code = html.split("<code", 1)[1].split("</code>")[0]
    assert "    num_output: 20 } layer {" in code
    assert "# Nota &lt;b&gt;" in code
    assert code.count("layer {") == 2  # the real one and the text of the value


def test_figure_links_refuse_urls_that_are_not_http() -> None:
    source = unchecked(
        Source,
        checked=date(2026, 12, 1),
        key="s",
        title="t",
        url="javascript:alert(1)",
        publisher="p",
    )
    item = Architecture(
        key="x", title="T", summary="S", layers=(Layer(key="a", label="A"),), sources=("s",)
    )
    with pytest.raises(ValueError, match="refusing to link to 'javascript:alert"):
        diagrams.render_architecture("x", None, architectures={"x": item}, sources={"s": source})
