"""Typed record classes for the course data, and the checks they run on load.

Every record is a frozen, keyword-only dataclass made with `@record`. Building one
checks each field against its annotation, so a typo in `data.py` fails the build
with a message that names the record, the field and what was expected, instead of
rendering a wrong or empty table later.

Records hold plain text and numbers only: no Markdown, no HTML. Spanish labels for
enumerated values (graph model, status, ...) live in the renderer.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any, Literal, TypeVar, dataclass_transform, get_args, get_origin

from .dependencies import TrackedIndex

DATA_FILE = "macros/data.py"

T = TypeVar("T")


class DataError(ValueError):
    """A record in the data module is invalid; the message says which and why."""


# ---------------------------------------------------------------------------
# Generic field checking
# ---------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _label(cls: type, values: Mapping[str, Any]) -> str:
    key = values.get("key")
    return f"{cls.__name__} {key!r}" if key is not None else cls.__name__


def _describe(expected: Any) -> str:
    origin = get_origin(expected)
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(expected))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in get_args(expected))
    if origin is tuple:
        return f"a tuple of {_describe(get_args(expected)[0])}"
    if expected is type(None):
        return "None"
    return getattr(expected, "__name__", str(expected))


def _matches(value: Any, expected: Any) -> bool:
    origin = get_origin(expected)
    if expected is Any:
        return True
    if origin is Literal:
        return value in get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in get_args(expected))
    if origin is tuple:
        item_type = get_args(expected)[0]
        return isinstance(value, tuple) and all(_matches(v, item_type) for v in value)
    if expected is type(None):
        return value is None
    if expected is float:
        # Ints are exact floats here (123 TFLOPS); bools are not numbers.
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _check_fields(obj: Any) -> None:
    cls = type(obj)
    hints = typing.get_type_hints(cls)
    values = {f.name: getattr(obj, f.name) for f in fields(cls)}
    for f in fields(cls):
        value = values[f.name]
        expected = hints[f.name]
        where = f"{DATA_FILE}: {_label(cls, values)}: field {f.name!r}"
        if not _matches(value, expected):
            raise DataError(
                f"{where}: expected {_describe(expected)}, got {type(value).__name__} {value!r}"
            )
        if isinstance(value, str) and not value.strip():
            raise DataError(f"{where}: expected non-empty text, got {value!r}")
        if isinstance(value, tuple) and any(isinstance(v, str) and not v.strip() for v in value):
            raise DataError(f"{where}: expected non-empty text items, got {value!r}")
    key = values.get("key")
    if isinstance(key, str) and not _KEY_RE.match(key):
        raise DataError(
            f"{DATA_FILE}: {_label(cls, values)}: field 'key': expected lower-case letters, "
            f"digits and '-', got {key!r}"
        )
    for name, value in values.items():
        if name.endswith("_date") or name in {"first_release", "published"}:
            if value is not None and not _DATE_RE.match(value):
                raise DataError(
                    f"{DATA_FILE}: {_label(cls, values)}: field {name!r}: expected a date "
                    f"'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', got {value!r}"
                )
    if "sources" in values and not values["sources"]:
        raise DataError(
            f"{DATA_FILE}: {_label(cls, values)}: field 'sources': every record must cite at "
            "least one source (a key of SOURCES)"
        )


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen keyword-only dataclass whose fields are checked when built."""
    data_cls: Any = dataclass(frozen=True, kw_only=True)(cls)
    field_names = {f.name for f in fields(data_cls)}
    required = [
        f.name for f in fields(data_cls) if f.default is MISSING and f.default_factory is MISSING
    ]
    dataclass_init: Callable[..., None] = data_cls.__init__

    def __init__(self: Any, **kwargs: Any) -> None:
        label = _label(data_cls, kwargs)
        unknown = sorted(set(kwargs) - field_names)
        if unknown:
            raise DataError(
                f"{DATA_FILE}: {label}: unknown field(s) {', '.join(map(repr, unknown))}; "
                f"valid fields: {', '.join(sorted(field_names))}"
            )
        missing = [name for name in required if name not in kwargs]
        if missing:
            raise DataError(
                f"{DATA_FILE}: {label}: missing required field(s) {', '.join(map(repr, missing))}"
            )
        dataclass_init(self, **kwargs)
        _check_fields(self)
        check = getattr(self, "check", None)
        if check is not None:
            check()

    __init__.__doc__ = data_cls.__init__.__doc__
    data_cls.__init__ = __init__
    return typing.cast(type[T], data_cls)


def fail(item: Any, field: str, message: str) -> typing.NoReturn:
    """Raise a `DataError` about one field of one record."""
    raise DataError(f"{DATA_FILE}: {_label(type(item), vars(item))}: field {field!r}: {message}")


# ---------------------------------------------------------------------------
# Sources and corrections
# ---------------------------------------------------------------------------


@record
class Source:
    """A public document that facts are taken from."""

    key: str
    title: str
    url: str
    publisher: str
    published: str | None = None

    def check(self) -> None:
        """URLs must be absolute http(s) links."""
        if not self.url.startswith(("https://", "http://")):
            fail(self, "url", f"expected an absolute http(s) URL, got {self.url!r}")


@record
class Correction:
    """A statement of the original notes that is wrong or out of date, and the fix."""

    key: str
    claim: str
    correction: str
    sources: tuple[str, ...]


# ---------------------------------------------------------------------------
# Frameworks
# ---------------------------------------------------------------------------

GraphModel = Literal["static", "dynamic", "static-and-eager", "declarative", "backend"]
AutodiffKind = Literal["symbolic", "reverse-mode", "per-layer", "backend"]
Status = Literal["active", "maintenance", "discontinued"]


@record
class Framework:
    """A deep-learning framework, one row of the frameworks overview."""

    key: str
    name: str
    core_languages: tuple[str, ...]
    frontend_languages: tuple[str, ...]
    graph_model: GraphModel
    gpu: str
    autodiff: AutodiffKind
    origin: str
    first_release: str
    status: Status
    status_note: str
    sources: tuple[str, ...]


@record
class TheanoLibrary:
    """A library built on top of Theano."""

    key: str
    name: str
    description: str
    sources: tuple[str, ...]


@record
class Comparison:
    """One aspect compared between two things (TensorFlow vs NumPy, CPU vs GPU)."""

    key: str
    aspect: str
    left: str
    right: str
    sources: tuple[str, ...]


@record
class TfOperationCategory:
    """A category of TensorFlow operations, from Table 1 of the TensorFlow whitepaper."""

    key: str
    category: str
    examples: tuple[str, ...]
    sources: tuple[str, ...]


@record
class KerasPoint:
    """An advantage or disadvantage of Keras as the notes list it, and how it stands today."""

    key: str
    kind: Literal["pro", "con"]
    claim: str
    today: str
    sources: tuple[str, ...]


@record
class KerasModelType:
    """A way of building Keras models."""

    key: str
    name: str
    description: str
    status: Literal["current", "removed"]
    sources: tuple[str, ...]


# ---------------------------------------------------------------------------
# Accelerated computing
# ---------------------------------------------------------------------------


@record
class GpuPlatform:
    """A GPU computing platform (NVIDIA CUDA, AMD HSA/ROCm)."""

    key: str
    vendor: str
    name: str
    full_name: str
    introduced: str
    openness: Literal["proprietary", "open"]
    languages: tuple[str, ...]
    libraries: tuple[str, ...]
    sources: tuple[str, ...]


@record
class DeviceAdvice:
    """One Google Cloud recommendation of when to use (or avoid) a kind of processor."""

    key: str
    device: Literal["cpu", "gpu", "tpu", "not-tpu"]
    advice: str
    sources: tuple[str, ...]


HbmUnit = Literal["GiB", "GB"]


@record
class TpuGeneration:
    """A Google TPU generation. Per-core and per-pod totals are derived, never typed."""

    key: str
    name: str
    year: int
    tensorcores_per_chip: int
    mxus_per_core: int | None
    mxu_size: int | None
    hbm_per_chip: int
    hbm_unit: HbmUnit
    bf16_tflops_per_chip: float
    chips_per_pod: int
    # Totals as a source states them; checked against the derived value.
    stated_cores_per_pod: int | None = None
    stated_pod_hbm: float | None = None
    sources: tuple[str, ...]

    @property
    def hbm_per_core(self) -> float:
        """HBM per TensorCore, in `hbm_unit`."""
        return self.hbm_per_chip / self.tensorcores_per_chip

    @property
    def cores_per_pod(self) -> int:
        """TensorCores in a full pod."""
        return self.chips_per_pod * self.tensorcores_per_chip

    @property
    def pod_hbm(self) -> float:
        """Total HBM of a pod in the next larger unit (TiB for GiB, TB for GB)."""
        return self.chips_per_pod * self.hbm_per_chip / (1024 if self.hbm_unit == "GiB" else 1000)

    @property
    def pod_hbm_unit(self) -> str:
        """Unit of `pod_hbm`."""
        return "TiB" if self.hbm_unit == "GiB" else "TB"

    @property
    def pod_pflops(self) -> float:
        """Peak bf16 PFLOPS of a full pod."""
        return self.chips_per_pod * self.bf16_tflops_per_chip / 1000

    def check(self) -> None:
        """Stated totals must equal the derived ones."""
        if (
            self.stated_cores_per_pod is not None
            and self.stated_cores_per_pod != self.cores_per_pod
        ):
            fail(
                self,
                "stated_cores_per_pod",
                f"expected {self.cores_per_pod} (chips_per_pod {self.chips_per_pod} × "
                f"tensorcores_per_chip {self.tensorcores_per_chip}), "
                f"got {self.stated_cores_per_pod}",
            )
        if self.stated_pod_hbm is not None and abs(self.stated_pod_hbm - self.pod_hbm) > 1e-9:
            fail(
                self,
                "stated_pod_hbm",
                f"expected {self.pod_hbm:g} {self.pod_hbm_unit} (chips_per_pod "
                f"{self.chips_per_pod} × hbm_per_chip {self.hbm_per_chip} {self.hbm_unit}), "
                f"got {self.stated_pod_hbm:g}",
            )


# ---------------------------------------------------------------------------
# Providers
# ---------------------------------------------------------------------------


@record
class Provider:
    """A deep-learning platform provider (Deep Cognition, H2O.ai, BigML)."""

    key: str
    name: str
    offering: str
    founded: str
    headquarters: str
    licence: str
    deployment: tuple[str, ...]
    sources: tuple[str, ...]


@record
class DeepnetParameter:
    """A parameter of BigML deepnets, as the BigML API and BigMLer name it."""

    key: str
    name: str
    description: str
    values: str
    sources: tuple[str, ...]


AutomlTask = Literal["regression", "binomial", "multinomial"]


@record
class AutomlMetric:
    """A metric of the H2O AutoML leaderboard, with the tasks it appears for."""

    key: str
    name: str
    description: str
    tasks: tuple[AutomlTask, ...]
    default_sort_for: tuple[AutomlTask, ...] = ()
    sources: tuple[str, ...]

    def check(self) -> None:
        """A metric can only be the default sort for a task whose leaderboard shows it."""
        extra = sorted(set(self.default_sort_for) - set(self.tasks))
        if extra:
            fail(self, "default_sort_for", f"tasks {extra} are not in tasks {list(self.tasks)}")


# ---------------------------------------------------------------------------
# Glossary
# ---------------------------------------------------------------------------


@record
class Abbreviation:
    """An abbreviation of the notes, with its Spanish expansion (tooltips and glossary)."""

    key: str
    term: str
    expansion: str
    english: str | None = None
    sources: tuple[str, ...]

    def check(self) -> None:
        """The term is what the pages write; it must not contain spaces (abbr matches words)."""
        if " " in self.term:
            fail(self, "term", f"expected a single word, got {self.term!r}")


# ---------------------------------------------------------------------------
# Figures: layered architectures, step-by-step flows, a computation graph, a config
# ---------------------------------------------------------------------------


@record
class Layer:
    """One layer of an architecture diagram, drawn top to bottom."""

    key: str
    label: str
    items: tuple[str, ...] = ()
    note: str | None = None


@record
class Architecture:
    """A layered architecture (software stack) drawn as boxes, top layer first."""

    key: str
    title: str
    summary: str
    layers: tuple[Layer, ...]
    sources: tuple[str, ...]

    def check(self) -> None:
        """Layer keys must be unique within the diagram, so highlights can name them."""
        keys = [layer.key for layer in self.layers]
        if len(set(keys)) != len(keys) or not keys:
            fail(self, "layers", f"expected at least one layer and unique layer keys, got {keys}")


@record
class Step:
    """One step of a flow: who acts and what it does."""

    actor: str
    action: str


@record
class Flow:
    """A sequence of steps between actors (host and device, for example)."""

    key: str
    title: str
    summary: str
    actors: tuple[str, ...]
    steps: tuple[Step, ...]
    sources: tuple[str, ...]

    def check(self) -> None:
        """Every step's actor must be one of the flow's actors."""
        for number, step in enumerate(self.steps, start=1):
            if step.actor not in self.actors:
                fail(
                    self, "steps", f"step {number}: actor {step.actor!r} not in {list(self.actors)}"
                )
        if not self.steps:
            fail(self, "steps", "expected at least one step")


@record
class GraphNode:
    """An operation of a computation graph, placed on a device."""

    key: str
    op: str
    device: str
    label: str | None = None


@record
class GraphEdge:
    """A tensor flowing from one operation to another."""

    source: str
    target: str
    tensor: str | None = None


@record
class ComputationGraph:
    """A small dataflow graph: nodes are operations, edges are tensors."""

    key: str
    title: str
    summary: str
    devices: tuple[str, ...]
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    sources: tuple[str, ...]

    def check(self) -> None:
        """Nodes sit on known devices; edges join known nodes; the graph has no cycle."""
        keys = [node.key for node in self.nodes]
        if len(set(keys)) != len(keys):
            fail(self, "nodes", f"duplicate node keys in {keys}")
        for node in self.nodes:
            if node.device not in self.devices:
                fail(
                    self,
                    "nodes",
                    f"node {node.key!r}: device {node.device!r} not in {list(self.devices)}",
                )
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in keys:
                    fail(
                        self,
                        "edges",
                        f"edge {edge.source}->{edge.target}: unknown node {end!r}; "
                        f"nodes: {', '.join(keys)}",
                    )
        remaining = {edge.target for edge in self.edges}
        order = {key for key in keys if key not in remaining}
        edges = list(self.edges)
        while edges:
            ready = [e for e in edges if e.source in order]
            if not ready:
                fail(self, "edges", "the graph has a cycle")
            for edge in ready:
                edges.remove(edge)
                if all(e.target != edge.target for e in edges):
                    order.add(edge.target)


@record
class CaffeParam:
    """One field of a Caffe layer definition, with what it means."""

    name: str
    value: str
    note: str | None = None


@record
class CaffeLayer:
    """A layer of a Caffe network as written in a .prototxt file."""

    key: str
    name: str
    kind: str
    bottoms: tuple[str, ...]
    tops: tuple[str, ...]
    block: str | None = None
    params: tuple[CaffeParam, ...] = ()
    note: str
    sources: tuple[str, ...]


# ---------------------------------------------------------------------------
# Dataset-level checks
# ---------------------------------------------------------------------------


def index(name: str, items: Iterable[T]) -> TrackedIndex[T]:
    """Map each item's key to the item; fail on a duplicate key.

    The mapping records which keys each page reads (see `dependencies.py`).
    """
    result: dict[str, T] = {}
    for item in items:
        key: str = getattr(item, "key")  # noqa: B009 - records are typed per collection
        if key in result:
            raise DataError(f"{DATA_FILE}: {name}: duplicate key {key!r}")
        result[key] = item
    return TrackedIndex(name, result.items())


def check_sources(collections: Mapping[str, Iterable[Any]], sources: Mapping[str, Source]) -> None:
    """Every source a record cites must exist, and every source must be cited."""
    cited: set[str] = set()
    for name, items in collections.items():
        for item in items:
            for key in getattr(item, "sources", ()):
                if key not in sources:
                    raise DataError(
                        f"{DATA_FILE}: {name}: {_label(type(item), vars(item))}: field 'sources': "
                        f"unknown source {key!r}; valid sources: {', '.join(sorted(sources))}"
                    )
                cited.add(key)
    unused = sorted(set(sources) - cited)
    if unused:
        raise DataError(f"{DATA_FILE}: SOURCES: never cited: {', '.join(unused)}")
