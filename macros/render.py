"""Pure functions that turn the course data into Markdown: one `render_*` per table.

Each function takes keys (which records, in which order) and, for tests, the data
itself; it returns Markdown and never imports MkDocs. Every table ends with a line
citing the sources of the rows it shows.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from . import data
from .markdown import (
    attribute,
    code,
    escape,
    join_items,
    link,
    number,
    quantity,
    spanish_date,
    spanish_day,
    table,
)
from .records import (
    TERM_RE,
    Abbreviation,
    AutomlMetric,
    Comparison,
    Correction,
    DeepnetParameter,
    DeviceAdvice,
    Framework,
    GpuPlatform,
    KerasModelType,
    KerasPoint,
    Provider,
    Source,
    TfOperationCategory,
    TheanoLibrary,
    TpuGeneration,
)

T = TypeVar("T")


class MacroArgumentError(ValueError):
    """A page passed a key or argument that the data module does not have."""


# Spanish labels for the vocabularies of records.py. A missing label is a KeyError in tests.
GRAPH_MODEL_LABELS = {
    "static": "Estático (definir y ejecutar)",
    "dynamic": "Dinámico (definido al ejecutar)",
    "static-and-eager": "Ejecución inmediata y grafos compilados",
    "declarative": "Declarativo (ficheros de configuración)",
    "backend": "El del motor que usa",
}
AUTODIFF_LABELS = {
    "symbolic": "Simbólica",
    "reverse-mode": "Automática en modo inverso",
    "per-layer": "Cada capa implementa su gradiente",
    "backend": "La del motor que usa",
}
STATUS_LABELS = {
    "active": "Activo",
    "maintenance": "Solo mantenimiento",
    "discontinued": "Discontinuado",
}
KERAS_POINT_LABELS = {"pro": "Ventaja", "con": "Desventaja"}
MODEL_TYPE_STATUS_LABELS = {"current": "Vigente", "removed": "Eliminado"}
OPENNESS_LABELS = {"proprietary": "Propietario", "open": "Código abierto"}
DEVICE_LABELS = {
    "cpu": "CPU",
    "gpu": "GPU",
    "tpu": "TPU",
    "not-tpu": "No usar TPU",
}
TASK_LABELS = {
    "regression": "Regresión",
    "binomial": "Clasificación binaria",
    "multinomial": "Clasificación multiclase",
}
NOT_PUBLISHED = "No publicado"
# A value whose facts change over time (a record's `changing` fields) carries this mark,
# and the sources line under it explains the mark. The no-break space keeps the mark on
# the word's line and out of the word for search.
CHANGING_MARK = "\u00a0†"
CHANGING_NOTE = (
    "† Dato sujeto a cambios (estado, versiones o disponibilidad): es lo primero que "
    "conviene volver a comprobar en su fuente."
)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def select(
    macro: str, collection: Mapping[str, T], keys: Sequence[str] | None, *, minimum: int = 1
) -> list[T]:
    """Return the records named by `keys` (all of them when `keys` is None), in that order.

    Fails with the list of valid keys on an unknown or repeated key, so a typo in a
    page stops the build instead of dropping a row.
    """
    valid = ", ".join(collection)
    if keys is None:
        chosen = list(collection)
    elif isinstance(keys, str) or not isinstance(keys, Sequence):
        raise MacroArgumentError(
            f"{macro}(): expected a list of keys such as [{valid}], got {keys!r}"
        )
    else:
        chosen = list(keys)
    for key in chosen:
        if key not in collection:
            raise MacroArgumentError(f"{macro}(): unknown key {key!r}; valid keys: {valid}")
    repeated = sorted({key for key in chosen if chosen.count(key) > 1})
    if repeated:
        raise MacroArgumentError(f"{macro}(): repeated key(s) {', '.join(repeated)}")
    if len(chosen) < minimum:
        raise MacroArgumentError(
            f"{macro}(): expected at least {minimum} key(s); valid keys: {valid}"
        )
    return [collection[key] for key in chosen]


def _mark(item: Any, text: str, *names: str) -> str:
    """`text` with the "sujeto a cambios" mark when any of the fields `names` can change."""
    return text + CHANGING_MARK if set(names) & set(getattr(item, "changing", ())) else text


def _cited_with_dates(keys: Sequence[str], sources: Mapping[str, Source]) -> list[str]:
    """A link to each source, with the day it was last compared with the data."""
    return [
        f"{link(f'{sources[k].title} ({sources[k].publisher})', sources[k].url)}, "
        f"consultado el {spanish_day(sources[k].checked)}"
        for k in keys
    ]


def render_sources(items: Iterable[Any], *, sources: Mapping[str, Source] = data.SOURCES) -> str:
    """One line citing, in order of first use, every source of `items`, with its date.

    When a value of `items` can change over time, the line also explains its mark.
    """
    items = list(items)
    keys: list[str] = []
    for item in items:
        keys += [key for key in item.sources if key not in keys]
    links = _cited_with_dates(keys, sources)
    label = "Fuente" if len(links) == 1 else "Fuentes"
    line = f"{label}: " + "; ".join(links) + "."
    if any(getattr(item, "changing", ()) for item in items):
        line += " " + CHANGING_NOTE
    return line + "\n{: .course-sources }"


def label(macro: str, keys: Sequence[str] | None) -> str:
    """The stable label of a generated table, for cross-references: `tab-tpu-v2-v3`.

    It is the macro's name without `_table`/`_comparison`, then the keys the page chose
    (none when it shows the whole collection), so it does not change when data is added.
    """
    stem = macro.removesuffix("_table").removesuffix("_comparison").replace("_", "-")
    return "-".join(["tab", stem, *(keys or [])])


def _with_sources(
    markdown: str, items: Sequence[Any], sources: Mapping[str, Source], caption: str, ident: str
) -> str:
    """The table, its numbered caption (pymdownx.blocks.caption, `ident` as id), its sources."""
    return (
        f"{markdown}\n\n/// table-caption\n    attrs: {{id: {ident}}}\n{escape(caption)}\n///\n\n"
        f"{render_sources(items, sources=sources)}\n"
    )


def _comparison(
    macro: str,
    collection: Mapping[str, Comparison],
    keys: Sequence[str] | None,
    left: str,
    right: str,
    sources: Mapping[str, Source],
) -> str:
    caption = f"Comparación entre {left} y {right}."
    rows = select(macro, collection, keys)
    cells = [[escape(r.aspect), escape(r.left), escape(r.right)] for r in rows]
    return _with_sources(
        table(["Aspecto", left, right], cells), rows, sources, caption, label(macro, keys)
    )


def _tabs(views: Mapping[str, str]) -> str:
    """Material content tabs, one per view (pymdownx.tabbed)."""
    return "\n\n".join(
        f'=== "{title}"\n\n' + "\n".join(f"    {line}" for line in body.split("\n"))
        for title, body in views.items()
    )


def _yes_no(flag: bool) -> str:
    return "Sí" if flag else "No"


# ---------------------------------------------------------------------------
# Sources and corrections
# ---------------------------------------------------------------------------


def render_source_link(key: str, *, sources: Mapping[str, Source] = data.SOURCES) -> str:
    """A link to one source of the data module, for citing it in the text: `source_link("key")`."""
    (source,) = select("source_link", sources, [key])
    return link(source.title, source.url)


def render_correction(
    key: str,
    *,
    corrections: Mapping[str, Correction] = data.CORRECTIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """A "Corrección" box: what the original notes said, what holds today, and its sources."""
    (item,) = select("correction", corrections, [key])
    body = [
        f"Las notas originales decían: «{escape(item.claim)}»",
        _mark(item, escape(item.correction), "correction"),
        render_sources([item], sources=sources).split("\n")[0],
    ]
    indented = "\n\n".join("    " + paragraph for paragraph in body)
    return f'!!! warning "Corrección"\n\n{indented}\n'


# ---------------------------------------------------------------------------
# Frameworks
# ---------------------------------------------------------------------------


def render_frameworks_table(
    keys: Sequence[str] | None = None,
    *,
    frameworks: Mapping[str, Framework] = data.FRAMEWORKS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Overview of the frameworks, in two tabs: technology, then origin and status."""
    rows = select("frameworks_table", frameworks, keys)
    technology = table(
        ["Framework", "Núcleo", "Interfaz", "Grafo", "GPU", "Diferenciación"],
        [
            [
                f"**{escape(f.name)}**",
                escape(join_items(f.core_languages)),
                escape(join_items(f.frontend_languages)),
                GRAPH_MODEL_LABELS[f.graph_model],
                _mark(f, escape(f.gpu), "gpu"),
                AUTODIFF_LABELS[f.autodiff],
            ]
            for f in rows
        ],
    )
    history = table(
        ["Framework", "Origen", "Primera versión", "Estado"],
        [
            [
                f"**{escape(f.name)}**",
                escape(f.origin),
                spanish_date(f.first_release),
                _mark(
                    f,
                    f"{STATUS_LABELS[f.status]}: {escape(f.status_note)}",
                    "status",
                    "status_note",
                ),
            ]
            for f in rows
        ],
    )
    tabs = _tabs({"Tecnología": technology, "Origen y estado": history})
    caption = "Los frameworks de deep learning: su tecnología, su origen y su estado."
    return _with_sources(tabs, rows, sources, caption, label("frameworks_table", keys))


def render_theano_libraries_table(
    keys: Sequence[str] | None = None,
    *,
    libraries: Mapping[str, TheanoLibrary] = data.THEANO_LIBRARIES,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Libraries built on top of Theano, each with what it is for."""
    rows = select("theano_libraries_table", libraries, keys)
    cells = [[f"**{escape(r.name)}**", escape(r.description)] for r in rows]
    caption = "Librerías construidas sobre Theano."
    return _with_sources(
        table(["Librería", "Descripción"], cells),
        rows,
        sources,
        caption,
        label("theano_libraries_table", keys),
    )


def render_tf_numpy_table(
    keys: Sequence[str] | None = None,
    *,
    comparisons: Mapping[str, Comparison] = data.TF_VS_NUMPY,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """TensorFlow compared with NumPy, aspect by aspect."""
    return _comparison("tf_numpy_table", comparisons, keys, "TensorFlow", "NumPy", sources)


def render_tf_operations_table(
    keys: Sequence[str] | None = None,
    *,
    categories: Mapping[str, TfOperationCategory] = data.TF_OPERATIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Categories of TensorFlow operations with examples (TensorFlow whitepaper, Table 1)."""
    rows = select("tf_operations_table", categories, keys)
    cells = [[escape(r.category), join_items([code(e) for e in r.examples])] for r in rows]
    caption = "Tipos de operaciones de TensorFlow, según la tabla 1 de su artículo de presentación."
    return _with_sources(
        table(["Categoría", "Ejemplos"], cells),
        rows,
        sources,
        caption,
        label("tf_operations_table", keys),
    )


def render_keras_points_table(
    keys: Sequence[str] | None = None,
    *,
    points: Mapping[str, KerasPoint] = data.KERAS_POINTS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Keras's advantages and disadvantages as the notes list them, and how each stands today."""
    rows = select("keras_points_table", points, keys)
    cells = [
        [KERAS_POINT_LABELS[r.kind], escape(r.claim), _mark(r, escape(r.today), "today")]
        for r in rows
    ]
    caption = "Ventajas y desventajas de Keras según las notas, y su situación actual."
    return _with_sources(
        table(["Tipo", "Según las notas", "Hoy"], cells),
        rows,
        sources,
        caption,
        label("keras_points_table", keys),
    )


def render_keras_model_types_table(
    keys: Sequence[str] | None = None,
    *,
    model_types: Mapping[str, KerasModelType] = data.KERAS_MODEL_TYPES,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """The ways of building a Keras model, and whether each still exists."""
    rows = select("keras_model_types_table", model_types, keys)
    cells = [
        [
            f"**{escape(r.name)}**",
            _mark(r, escape(r.description), "description"),
            _mark(r, MODEL_TYPE_STATUS_LABELS[r.status], "status"),
        ]
        for r in rows
    ]
    caption = "Formas de construir un modelo en Keras."
    return _with_sources(
        table(["Tipo", "Descripción", "Estado"], cells),
        rows,
        sources,
        caption,
        label("keras_model_types_table", keys),
    )


# ---------------------------------------------------------------------------
# Accelerated computing
# ---------------------------------------------------------------------------


def render_cpu_gpu_table(
    keys: Sequence[str] | None = None,
    *,
    comparisons: Mapping[str, Comparison] = data.CPU_VS_GPU,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """CPU compared with GPU, aspect by aspect."""
    return _comparison("cpu_gpu_table", comparisons, keys, "CPU", "GPU", sources)


def render_gpu_platforms_table(
    keys: Sequence[str] | None = None,
    *,
    platforms: Mapping[str, GpuPlatform] = data.GPU_PLATFORMS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """GPU computing platforms side by side (NVIDIA CUDA, AMD ROCm)."""
    rows = select("gpu_platforms_table", platforms, keys)
    attributes: list[tuple[str, list[str]]] = [
        ("Fabricante", [escape(p.vendor) for p in rows]),
        ("Nombre completo", [escape(p.full_name) for p in rows]),
        ("Presentada", [spanish_date(p.introduced) for p in rows]),
        ("Modelo", [OPENNESS_LABELS[p.openness] for p in rows]),
        ("Lenguajes", [_mark(p, escape(join_items(p.languages)), "languages") for p in rows]),
        ("Bibliotecas", [_mark(p, escape(join_items(p.libraries)), "libraries") for p in rows]),
    ]
    headers = ["Plataforma", *[escape(p.name) for p in rows]]
    cells = [[f"**{label}**", *values] for label, values in attributes]
    caption = "Plataformas de cómputo en GPU de NVIDIA y AMD."
    return _with_sources(
        table(headers, cells), rows, sources, caption, label("gpu_platforms_table", keys)
    )


def render_device_advice_table(
    keys: Sequence[str] | None = None,
    *,
    advice: Mapping[str, DeviceAdvice] = data.DEVICE_ADVICE,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """When to use a CPU, a GPU or a TPU, and when not to use a TPU (Google Cloud)."""
    rows = select("device_advice_table", advice, keys)
    order = list(DEVICE_LABELS)
    rows = sorted(rows, key=lambda r: order.index(r.device))
    cells = [[f"**{DEVICE_LABELS[r.device]}**", _mark(r, escape(r.advice), "advice")] for r in rows]
    caption = "Cuándo usar una CPU, una GPU o una TPU, según Google Cloud."
    return _with_sources(
        table(["Procesador", "Recomendado para"], cells),
        rows,
        sources,
        caption,
        label("device_advice_table", keys),
    )


def _tpu_value(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return NOT_PUBLISHED
    return quantity(value, unit) if unit else number(value)


def render_tpu_comparison(
    keys: Sequence[str],
    *,
    generations: Mapping[str, TpuGeneration] = data.TPU_GENERATIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """TPU generations side by side: cores, MXUs, HBM per core, chip and pod, peak bf16, year.

    Per-core, per-pod and pod totals are computed from the per-chip values.
    Example: `tpu_comparison(["v2", "v3"])`.
    """
    rows = select("tpu_comparison", generations, keys)
    attributes: list[tuple[str, list[str]]] = [
        ("Año", [str(g.year) for g in rows]),
        ("TensorCores por chip", [number(g.tensorcores_per_chip) for g in rows]),
        ("MXU por TensorCore", [_tpu_value(g.mxus_per_core) for g in rows]),
        (
            "Tamaño de cada MXU",
            [NOT_PUBLISHED if g.mxu_size is None else f"{g.mxu_size}×{g.mxu_size}" for g in rows],
        ),
        ("HBM por TensorCore", [quantity(g.hbm_per_core, g.hbm_unit) for g in rows]),
        ("HBM por chip", [quantity(g.hbm_per_chip, g.hbm_unit) for g in rows]),
        ("Pico bf16 por chip", [quantity(g.bf16_tflops_per_chip, "TFLOPS") for g in rows]),
        ("Chips por pod", [number(g.chips_per_pod) for g in rows]),
        ("TensorCores por pod", [number(g.cores_per_pod) for g in rows]),
        ("HBM del pod", [quantity(round(g.pod_hbm, 1), g.pod_hbm_unit) for g in rows]),
        ("Pico bf16 del pod", [quantity(round(g.pod_pflops, 1), "PFLOPS") for g in rows]),
    ]
    headers = ["Generación", *[escape(g.name) for g in rows]]
    cells = [[f"**{label}**", *values] for label, values in attributes]
    names = [g.name for g in rows]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} y {names[-1]}"
    caption = f"Generaciones de TPU: {listed}. Los valores por TensorCore y por pod se calculan."
    return _with_sources(
        table(headers, cells), rows, sources, caption, label("tpu_comparison", keys)
    )


# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------


def render_providers_table(
    keys: Sequence[str] | None = None,
    *,
    providers: Mapping[str, Provider] = data.PROVIDERS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Overview of the platform providers: offering, founding, headquarters, licence, deployment."""
    rows = select("providers_table", providers, keys)
    headers = ["Proveedor", "Oferta", "Fundación", "Sede", "Licencia", "Despliegue"]
    cells = [
        [
            f"**{escape(p.name)}**",
            _mark(p, escape(p.offering), "offering"),
            escape(p.founded),
            _mark(p, escape(p.headquarters), "headquarters"),
            _mark(p, escape(p.licence), "licence"),
            _mark(p, escape(join_items(p.deployment)), "deployment"),
        ]
        for p in rows
    ]
    caption = "Proveedores de plataformas de deep learning."
    return _with_sources(
        table(headers, cells), rows, sources, caption, label("providers_table", keys)
    )


def render_deepnet_parameters_table(
    keys: Sequence[str] | None = None,
    *,
    parameters: Mapping[str, DeepnetParameter] = data.DEEPNET_PARAMETERS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """The parameters of BigML deepnets, with their allowed values."""
    rows = select("deepnet_parameters_table", parameters, keys)
    cells = [
        [code(p.name), escape(p.description), _mark(p, escape(p.values), "values")] for p in rows
    ]
    caption = "Parámetros de las deepnets de BigML."
    table_md = table(["Parámetro", "Descripción", "Valores"], cells)
    return _with_sources(table_md, rows, sources, caption, label("deepnet_parameters_table", keys))


def render_automl_metrics_table(
    keys: Sequence[str] | None = None,
    *,
    metrics: Mapping[str, AutomlMetric] = data.AUTOML_METRICS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """The metrics of the H2O AutoML leaderboard for each kind of task, and the default ranking."""
    rows = select("automl_metrics_table", metrics, keys)

    def cell(metric: AutomlMetric, task: str) -> str:
        if task in metric.default_sort_for:
            return "Sí (orden por defecto)"
        return _yes_no(task in metric.tasks)

    headers = ["Métrica", "Descripción", *TASK_LABELS.values()]
    cells = [
        [
            code(m.name),
            # The tasks a metric shows for can change (aucpr joined later): mark the metric.
            _mark(m, escape(m.description), "description", "tasks", "default_sort_for"),
            *[cell(m, t) for t in TASK_LABELS],
        ]
        for m in rows
    ]
    caption = "Métricas de la clasificación de modelos de H2O AutoML por tipo de tarea."
    return _with_sources(
        table(headers, cells), rows, sources, caption, label("automl_metrics_table", keys)
    )


# ---------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------


def _tooltip(item: Abbreviation) -> str:
    return f"{item.expansion} ({item.english})" if item.english else item.expansion


def _abbreviation(item: Abbreviation) -> str:
    """One `abbr` definition line, which no term or expansion can end early or break out of.

    Python-Markdown copies the expansion into a `title` attribute, keeping entities, so it
    is written with entities; the term must be one plain word (records.py checks it too).
    """
    if not TERM_RE.fullmatch(item.term):
        raise ValueError(f"abbreviation {item.key!r}: term {item.term!r} is not a single word")
    return f"*[{item.term}]: {attribute(_tooltip(item))}"


def render_glossary_table(
    keys: Sequence[str] | None = None,
    *,
    abbreviations: Mapping[str, Abbreviation] = data.ABBREVIATIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Every abbreviation of the notes with its meaning, in alphabetical order."""
    rows = sorted(select("glossary_table", abbreviations, keys), key=lambda a: a.term.casefold())
    cells = [[f"**{escape(a.term)}**", escape(a.expansion), escape(a.english or "—")] for a in rows]
    caption = "Siglas que aparecen en los apuntes."
    table_md = table(["Sigla", "Significado", "En inglés"], cells)
    return _with_sources(table_md, rows, sources, caption, label("glossary_table", keys))


def render_abbreviations(*, abbreviations: Mapping[str, Abbreviation] = data.ABBREVIATIONS) -> str:
    """Abbreviation definitions (Python-Markdown `abbr`) that turn every use into a tooltip."""
    # Every page gets the same lines: made once per set of records (which are immutable).
    return _abbreviation_lines(tuple(abbreviations.values()))


@functools.lru_cache(maxsize=8)
def _abbreviation_lines(items: tuple[Abbreviation, ...]) -> str:
    return "\n".join(_abbreviation(a) for a in items)
