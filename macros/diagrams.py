"""Pure functions that draw the course figures from the data, as HTML and inline SVG.

Every figure is a `<figure>` with a Spanish `<figcaption>` naming what it shows and its
sources. Text stays real text (selectable, found by search, read by screen readers) and
colours come from Material's CSS variables (see docs/assets/stylesheets/course.css), so
the figures follow the light and dark palettes. No JavaScript, no request to any host.

Why HTML and SVG made here rather than Mermaid: see CONTRIBUTING.md, "Figuras".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from html import escape as html_escape
from typing import Any

from . import data
from .markdown import number, one_line, spanish_date, spanish_day, visible
from .records import (
    Architecture,
    CaffeLayer,
    ComputationGraph,
    Flow,
    Framework,
    Source,
    TpuGeneration,
)
from .render import select

# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


def _text(value: str) -> str:
    """Text for HTML or SVG content and attribute values: one line, entities for `<&"'`."""
    return html_escape(visible(one_line(value)), quote=True)


def _el(tag: str, content: str | None = None, **attrs: str | float) -> str:
    """One HTML/SVG element; `class_` becomes `class`, other `_` become `-`, numbers round.

    A number that is not finite (`nan`, `inf`) is an error, never an attribute.
    """
    rendered = []
    for name, value in attrs.items():
        name = "class" if name == "class_" else name.replace("_", "-")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"<{tag}> attribute {name!r}: expected a finite number, got {value}")
        text = f"{value:.1f}".removesuffix(".0") if isinstance(value, float) else str(value)
        rendered.append(f' {name}="{_text(text)}"')
    opening = f"<{tag}{''.join(rendered)}"
    return f"{opening}/>" if content is None else f"{opening}>{content}</{tag}>"


def _href(url: str) -> str:
    """A link target: absolute http(s) only, never `javascript:` or `data:`."""
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"refusing to link to {url!r}: expected an absolute http(s) URL")
    return url


def _source_links(keys: Sequence[str], sources: Mapping[str, Source]) -> str:
    links = [
        f"{_el('a', _text(sources[k].title), href=_href(sources[k].url))} "
        f"({_text(sources[k].publisher)}), consultado el {spanish_day(sources[k].checked)}"
        for k in keys
    ]
    label = "Fuente" if len(links) == 1 else "Fuentes"
    return f"{label}: " + "; ".join(links) + "."


def _cited(items: Sequence[Any]) -> list[str]:
    """The source keys of `items`, each once, in order of first use."""
    keys: list[str] = []
    for item in items:
        keys += [k for k in item.sources if k not in keys]
    return keys


def _figure(figure_id: str, kind: str, body: str, caption: str) -> str:
    """Wrap `body` in a captioned figure whose accessible name is its caption."""
    figure_id, kind = _text(figure_id), _text(kind)
    return (
        f'<figure class="course-figure course-{kind}" id="{figure_id}" '
        f'aria-labelledby="{figure_id}-caption">\n'
        f"{body}\n"
        f'<figcaption id="{figure_id}-caption">{caption}</figcaption>\n'
        "</figure>\n"
    )


def _svg(figure_id: str, width: int, height: int, title: str, desc: str, body: str) -> str:
    """An inline SVG image with a title and a text alternative, scrolling on narrow screens."""
    figure_id = _text(figure_id)
    return (
        f'<div class="course-figure__scroll" tabindex="0" role="region" '
        f'aria-labelledby="{figure_id}-title">'
        f'<svg class="course-svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{figure_id}-title {figure_id}-desc">'
        f'<title id="{figure_id}-title">{_text(title)}</title>'
        f'<desc id="{figure_id}-desc">{_text(desc)}</desc>'
        f"{body}</svg></div>"
    )


# ---------------------------------------------------------------------------
# Layered architectures
# ---------------------------------------------------------------------------


def render_architecture(
    key: str,
    highlight: Sequence[str] | None = None,
    *,
    architectures: Mapping[str, Architecture] = data.ARCHITECTURES,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A layered architecture, top layer first; `highlight` names layers to bring forward.

    Example: `architecture("h2o", highlight=["clients"])`.
    """
    (item,) = select("architecture", architectures, [key])
    layer_keys = [layer.key for layer in item.layers]
    chosen = (
        set(select("architecture", {k: k for k in layer_keys}, highlight)) if highlight else set()
    )
    figure_id = "fig-" + "-".join([item.key, *sorted(chosen)])
    rows = []
    for layer in item.layers:
        lit = layer.key in chosen
        classes = "course-stack__layer" + (" course-stack__layer--highlight" if lit else "")
        parts = []
        if lit:
            parts.append('<span class="course-visually-hidden">Capa resaltada: </span>')
        parts.append(f'<span class="course-stack__label">{_text(layer.label)}</span>')
        if layer.items:
            items = "".join(
                f'<span class="course-stack__item">{_text(i)}</span>' for i in layer.items
            )
            parts.append(f'<span class="course-stack__items">{items}</span>')
        if layer.note:
            parts.append(f'<span class="course-stack__note">{_text(layer.note)}</span>')
        rows.append(f'<li class="{classes}">{"".join(parts)}</li>')
    dimmed = " course-stack--focus" if chosen else ""
    body = f'<ol class="course-stack__layers{dimmed}">' + "".join(rows) + "</ol>"
    focus = ""
    if chosen:
        labels = [layer.label for layer in item.layers if layer.key in chosen]
        focus = f" Resaltada: {_text(', '.join(labels))}."
    caption = f"{_text(item.summary)}.{focus} {_source_links(item.sources, sources)}"
    return _figure(figure_id, "stack", body, caption)


# ---------------------------------------------------------------------------
# Step-by-step flows
# ---------------------------------------------------------------------------


def render_flow(
    key: str,
    *,
    flows: Mapping[str, Flow] = data.FLOWS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A numbered sequence of steps, each in the lane of the actor that performs it."""
    (item,) = select("flow", flows, [key])
    steps = []
    for step in item.steps:
        lane = item.actors.index(step.actor)
        steps.append(
            f'<li class="course-flow__step" data-lane="{lane}">'
            f'<span class="course-flow__actor">{_text(step.actor)}</span> '
            f'<span class="course-flow__action">{_text(step.action)}</span></li>'
        )
    body = '<ol class="course-flow__steps">' + "".join(steps) + "</ol>"
    caption = f"{_text(item.summary)}. {_source_links(item.sources, sources)}"
    return _figure(f"fig-flow-{item.key}", "flow", body, caption)


# ---------------------------------------------------------------------------
# Computation graph (SVG)
# ---------------------------------------------------------------------------

_NODE_W, _NODE_H, _GAP_X, _ROW_H, _PAD = 92, 40, 14, 76, 16


def _depths(graph: ComputationGraph) -> dict[str, int]:
    """Row of each node within its device: one below its lowest same-device predecessor.

    Inputs with no predecessor sit just above their first consumer, so that their edges
    stay short and never cross another box.
    """
    device = {n.key: n.device for n in graph.nodes}
    local = [e for e in graph.edges if device[e.source] == device[e.target]]
    preds = {n.key: [e.source for e in local if e.target == n.key] for n in graph.nodes}
    succs = {n.key: [e.target for e in local if e.source == n.key] for n in graph.nodes}
    depth: dict[str, int] = {}

    def visit(key: str) -> int:
        if key not in depth:
            depth[key] = 1 + max(map(visit, preds[key])) if preds[key] else 0
        return depth[key]

    for node in graph.nodes:
        visit(node.key)
    for key in depth:
        if not preds[key] and succs[key]:
            depth[key] = max(min(depth[s] for s in succs[key]) - 1, 0)
    return depth


def render_computation_graph(
    graph: ComputationGraph = data.COMPUTATION_GRAPH,
    *,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A small TensorFlow graph split across devices: boxes are operations, arrows tensors."""
    depth = _depths(graph)
    position: dict[str, tuple[float, float]] = {}
    regions: list[tuple[str, float, float, float]] = []
    x0: float = _PAD
    for device in graph.devices:
        rows: dict[int, list[str]] = {}
        for node in (n for n in graph.nodes if n.device == device):
            rows.setdefault(depth[node.key], []).append(node.key)
        slots = max(len(r) for r in rows.values())
        width = slots * _NODE_W + (slots + 1) * _GAP_X
        for row, keys in rows.items():
            offset = (width - (len(keys) * _NODE_W + (len(keys) - 1) * _GAP_X)) / 2
            for i, key in enumerate(keys):
                position[key] = (x0 + offset + i * (_NODE_W + _GAP_X), 44 + row * _ROW_H)
        height = (max(rows) + 1) * _ROW_H + 24
        regions.append((device, x0, width, height))
        x0 += width + _PAD
    total_w = int(x0)
    total_h = int(max(r[3] for r in regions) + 2 * _PAD)
    parts = [
        '<defs><marker id="course-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="course-svg__arrowhead"/></marker></defs>'
    ]
    for device, left, region_w, region_h in regions:
        parts.append(
            _el(
                "rect",
                class_="course-svg__region",
                x=left,
                y=_PAD,
                width=region_w,
                height=region_h,
                rx=8,
            )
            + _el(
                "text", _text(device), class_="course-svg__region-label", x=left + 10, y=_PAD + 18
            )
        )
    nodes = {n.key: n for n in graph.nodes}
    region_left = {device: left for device, left, _, _ in regions}
    for edge in graph.edges:
        (sx, sy), (tx, ty) = position[edge.source], position[edge.target]
        x1, y1 = sx + _NODE_W / 2, sy + _NODE_H
        x2, y2 = tx + _NODE_W / 2, ty
        target_device = nodes[edge.target].device
        if nodes[edge.source].device != target_device:
            # Across devices: out of the side, along the gap between regions, into the side.
            gap = region_left[target_device] - _PAD / 2
            y1, y2 = sy + _NODE_H / 2, ty + _NODE_H / 2
            corners = [(sx + _NODE_W, y1), (gap, y1), (gap, y2), (tx, y2)]
            route = " ".join(f"{x:.0f},{y:.0f}" for x, y in corners)
            parts.append(
                _el(
                    "polyline",
                    class_="course-svg__edge course-svg__edge--network",
                    points=route,
                    marker_end="url(#course-arrow)",
                )
            )
            x1, x2 = gap, gap
        else:
            parts.append(
                _el(
                    "line",
                    class_="course-svg__edge",
                    x1=x1,
                    y1=y1,
                    x2=x2,
                    y2=y2,
                    marker_end="url(#course-arrow)",
                )
            )
        if edge.tensor:
            mid_x, mid_y = (x1 + x2) / 2 + 6, (y1 + y2) / 2 + 4
            parts.append(
                _el("text", _text(edge.tensor), class_="course-svg__edge-label", x=mid_x, y=mid_y)
            )
    for node in graph.nodes:
        x, y = position[node.key]
        middle = x + _NODE_W / 2
        op_y = y + (18 if node.label else 25)
        texts = _el("text", _text(node.op), class_="course-svg__node-op", x=middle, y=op_y)
        if node.label:
            texts += _el(
                "text", _text(node.label), class_="course-svg__node-label", x=middle, y=y + 32
            )
        box = _el("rect", x=x, y=y, width=_NODE_W, height=_NODE_H, rx=6)
        parts.append(_el("g", box + texts, class_="course-svg__node"))

    def name(key: str) -> str:
        node = nodes[key]
        return f"{node.op} ({node.label})" if node.label else node.op

    desc = "Nodos (operaciones) por dispositivo: " + "; ".join(
        f"{device}: {', '.join(name(n.key) for n in graph.nodes if n.device == device)}"
        for device in graph.devices
    )
    desc += ". Aristas (tensores): " + "; ".join(
        f"{name(e.source)} → {name(e.target)}" + (f" ({e.tensor})" if e.tensor else "")
        for e in graph.edges
    )
    svg = _svg("fig-graph", total_w, total_h, graph.title, desc + ".", "".join(parts))
    caption = (
        f"{_text(graph.summary)}. Cada caja es una operación y cada flecha un tensor; la flecha "
        f"discontinua cruza de un dispositivo a otro con la pareja Send/Recv. "
        f"{_source_links(graph.sources, sources)}"
    )
    return _figure("fig-graph", "graph", svg, caption)


# ---------------------------------------------------------------------------
# Caffe model definition
# ---------------------------------------------------------------------------


def _prototxt_layer(layer: CaffeLayer) -> list[str]:
    """The lines of one layer; each value on one line, so the file's structure is ours."""
    lines = [
        f"# {one_line(layer.note)}",
        "layer {",
        f'  name: "{one_line(layer.name)}"',
        f'  type: "{one_line(layer.kind)}"',
    ]
    lines += [f'  bottom: "{one_line(b)}"' for b in layer.bottoms]
    lines += [f'  top: "{one_line(t)}"' for t in layer.tops]
    if layer.block:
        lines.append(f"  {one_line(layer.block)} {{")
        for param in layer.params:
            comment = f"  # {one_line(param.note)}" if param.note else ""
            lines.append(f"    {one_line(param.name)}: {one_line(param.value)}{comment}")
        lines.append("  }")
    lines.append("}")
    return lines


def render_caffe_prototxt(
    *,
    layers: Mapping[str, CaffeLayer] = data.CAFFE_LAYERS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A small network in Caffe's declarative .prototxt format, with its fields annotated."""
    text = "\n\n".join("\n".join(_prototxt_layer(layer)) for layer in layers.values())
    keys = _cited(list(layers.values()))
    chain = " → ".join(layer.kind for layer in layers.values())
    code = html_escape(visible(text, keep="\n"), quote=True)
    body = f'<pre class="course-code"><code class="language-protobuf">{code}</code></pre>'
    caption = (
        f"Una red pequeña escrita de forma declarativa para Caffe ({_text(chain)}); los "
        f"comentarios explican cada campo. {_source_links(keys, sources)}"
    )
    return _figure("fig-caffe-prototxt", "code", body, caption)


# ---------------------------------------------------------------------------
# Charts (SVG)
# ---------------------------------------------------------------------------


def _date_value(value: str) -> float:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], 1).toordinal()


def render_frameworks_timeline(
    keys: Sequence[str] | None = None,
    *,
    frameworks: Mapping[str, Framework] = data.FRAMEWORKS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A vertical timeline of the frameworks' first releases, spaced by date."""
    rows = sorted(
        select("frameworks_timeline", frameworks, keys), key=lambda f: _date_value(f.first_release)
    )
    first, last = _date_value(rows[0].first_release), _date_value(rows[-1].first_release)
    span = max(last - first, 1.0)
    top, usable, gap = 24, 300, 26
    ys: list[float] = []
    for f in rows:
        y = top + (_date_value(f.first_release) - first) / span * usable
        ys.append(max(y, ys[-1] + gap) if ys else y)
    height = int(ys[-1] + top)
    axis_x = 132
    parts = [
        _el("line", class_="course-svg__axis", x1=axis_x, y1=top - 10, x2=axis_x, y2=ys[-1] + 10)
    ]
    for f, y in zip(rows, ys, strict=True):
        css = "course-svg__dot" + (" course-svg__dot--inactive" if f.status != "active" else "")
        when = _text(spanish_date(f.first_release))
        parts.append(
            _el("text", when, class_="course-svg__date", x=axis_x - 14, y=y + 4)
            + _el("circle", class_=css, cx=axis_x, cy=y, r=6)
            + _el("text", _text(f.name), class_="course-svg__name", x=axis_x + 16, y=y + 5)
        )
    desc = "; ".join(f"{f.name}: {spanish_date(f.first_release)}" for f in rows)
    svg = _svg(
        "fig-timeline",
        420,
        height,
        "Primeras versiones de los frameworks",
        desc + ".",
        "".join(parts),
    )
    cited = _cited(rows)
    caption = (
        "Fecha de la primera versión pública de cada framework; los puntos huecos marcan los que "
        f"ya no se desarrollan. {_source_links(cited, sources)}"
    )
    return _figure("fig-timeline", "chart", svg, caption)


def render_tpu_chart(
    keys: Sequence[str],
    *,
    generations: Mapping[str, TpuGeneration] = data.TPU_GENERATIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Bars of peak bf16 TFLOPS and HBM per chip for each TPU generation, to see the growth."""
    rows = select("tpu_chart", generations, keys, minimum=2)
    label_w, bar_w, row_h, pad = 140, 300, 22, 10

    def panel(title: str, values: list[float], texts: list[str], y0: float) -> tuple[str, float]:
        peak = max(values)
        out = [_el("text", _text(title), class_="course-svg__panel-title", x=0, y=y0 + 14)]
        y = y0 + 26
        for g, value, text in zip(rows, values, texts, strict=True):
            length = max(value / peak * bar_w, 2)
            bar = _el(
                "rect",
                class_="course-svg__bar",
                x=label_w,
                y=y + 3,
                width=length,
                height=row_h - 6,
                rx=3,
            )
            name = _el(
                "text", _text(g.name), class_="course-svg__bar-label", x=label_w - 8, y=y + 15
            )
            amount = _el(
                "text",
                _text(text),
                class_="course-svg__bar-value",
                x=label_w + length + 6,
                y=y + 15,
            )
            out.append(name + bar + amount)
            y += row_h
        return "".join(out), y + pad

    tflops, y = panel(
        "Pico bf16 por chip (TFLOPS)",
        [g.bf16_tflops_per_chip for g in rows],
        [number(g.bf16_tflops_per_chip) for g in rows],
        0,
    )
    gib = [g.hbm_per_chip * (1.0 if g.hbm_unit == "GiB" else 1e9 / 2**30) for g in rows]
    hbm, y = panel(
        "HBM por chip (barras a la misma escala de bytes)",
        gib,
        [f"{number(g.hbm_per_chip)} {g.hbm_unit}" for g in rows],
        y,
    )
    desc = "; ".join(
        f"{g.name}: {number(g.bf16_tflops_per_chip)} TFLOPS bf16, "
        f"{number(g.hbm_per_chip)} {g.hbm_unit} de HBM"
        for g in rows
    )
    svg = _svg(
        "fig-tpu-chart",
        label_w + bar_w + 90,
        int(y),
        "Crecimiento de las TPU por generación",
        desc + ".",
        tflops + hbm,
    )
    cited = _cited(rows)
    caption = (
        "Potencia de cálculo y memoria de cada chip TPU, por generación: los mismos datos que la "
        f"tabla. {_source_links(cited, sources)}"
    )
    return _figure("fig-tpu-chart", "chart", svg, caption)
