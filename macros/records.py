"""Typed record classes for the course data, and the checks they run on load.

Every record is a frozen, keyword-only dataclass made with `@record`. Building one
checks each field against its annotation, so a typo in `data.py` fails the build
with a message that names the record, the field and what was expected, instead of
rendering a wrong or empty table later.

Records hold plain text and numbers only: no Markdown, no HTML. Spanish labels for
enumerated values (graph model, status, ...) live in the renderer.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
import string
import types
import typing
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import (
    Annotated,
    Any,
    Literal,
    TypeVar,
    dataclass_transform,
    get_args,
    get_origin,
)
from urllib.parse import urlsplit

from .dependencies import TrackedIndex

DATA_FILE = "macros/data.py"

T = TypeVar("T")


class DataError(ValueError):
    """A record in the data module is invalid; the message says which and why."""


# ---------------------------------------------------------------------------
# Constraints on field values, attached to annotations with `Annotated`
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bounds:
    """The range a number must lie in; `None` leaves that side open."""

    gt: float | None = None
    ge: float | None = None
    le: float | None = None

    def problem(self, value: float) -> str | None:
        """What was expected, if `value` is out of range; None if it is in range."""
        if (
            (self.gt is not None and not value > self.gt)
            or (self.ge is not None and not value >= self.ge)
            or (self.le is not None and not value <= self.le)
        ):
            parts = [
                f"greater than {self.gt:g}" if self.gt is not None else "",
                f"at least {self.ge:g}" if self.ge is not None else "",
                f"at most {self.le:g}" if self.le is not None else "",
            ]
            return "a number " + " and ".join(p for p in parts if p)
        return None


@dataclass(frozen=True)
class Pattern:
    """A regular expression the whole text must match, and how to say it to an author."""

    regex: str
    meaning: str

    def problem(self, value: str) -> str | None:
        """What was expected, if `value` does not match; None if it does."""
        return None if re.fullmatch(self.regex, value) else self.meaning


# A count of things (chips, cores, units) or a size: one or more, never zero or negative.
Count = Annotated[int, Bounds(gt=0)]
# A size or a rate measured in some unit (GiB, TFLOPS): more than zero.
Amount = Annotated[float, Bounds(gt=0)]
# A calendar year of the computing era.
Year = Annotated[int, Bounds(ge=1940, le=2100)]
# A name that a configuration file uses as a bare word (Caffe layer types, blob names).
Identifier = Annotated[
    str, Pattern(r"[A-Za-z_][A-Za-z0-9_]*", "an identifier (letters, digits and '_')")
]

# Every number must be exact as a float, so that derived values never overflow or round.
_LARGEST = 2**53

# ---------------------------------------------------------------------------
# Generic field checking
# ---------------------------------------------------------------------------

_DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_KEY_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
# An abbreviation as the pages write it: no spaces, brackets or Markdown syntax.
TERM_RE = re.compile(r"[^\W_](?:[\w.+/-]*[^\W_])?")
_DATE_FIELDS = {"first_release", "published", "introduced"}
# Unicode categories that are not plain text: control characters (C0, DEL, C1; also tab,
# line feed and carriage return), invisible format characters (bidirectional overrides, zero
# widths, BOM), lone surrogates, and the line and paragraph separators. Each could end a
# Markdown line, a table row or an attribute early, or make text read differently than it is.
NOT_TEXT = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_CONTROL_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\0": "NUL",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def _label(cls: type, values: Mapping[str, Any]) -> str:
    key = values.get("key")
    return f"{cls.__name__} {key!r}" if key is not None else cls.__name__


def _describe(expected: Any) -> str:
    origin = get_origin(expected)
    if origin is Annotated:
        return _describe(get_args(expected)[0])
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
    if origin is Annotated:
        return _matches(value, get_args(expected)[0])
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
    if expected is datetime.date:
        # A datetime is a date too, but a time of day has no meaning here.
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    return isinstance(value, expected)


def _constraints(value: Any, expected: Any) -> list[Any]:
    """The `Annotated` constraints of the part of `expected` that `value` matched."""
    origin = get_origin(expected)
    if origin is Annotated:
        base, *metadata = get_args(expected)
        return [m for m in metadata if hasattr(m, "problem")] + _constraints(value, base)
    if origin in (typing.Union, types.UnionType):
        for arg in get_args(expected):
            if _matches(value, arg):
                return _constraints(value, arg)
    return []


def _text_problem(text: str) -> str | None:
    """Why `text` is not plain text (a character it must not hold), or None."""
    if not text.strip():
        return f"expected non-empty text, got {text!r}"
    if text.isprintable():
        return None  # no character of NOT_TEXT is printable: no need to look at each one
    for position, char in enumerate(text):
        if unicodedata.category(char) in NOT_TEXT:
            name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "control character")
            return (
                "expected plain text (no control, format or line-separator characters), "
                f"got U+{ord(char):04X} {name} at position {position} of {text!r}"
            )
    return None


def _number_problem(value: float) -> str | None:
    """Why `value` is not a usable number (not finite, or too large to be exact), or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, got {value!r}"
    if abs(value) > _LARGEST:
        return f"expected a number of at most {_LARGEST} in size, got {value!r}"
    return None


def _value_problem(value: Any, expected: Any) -> str | None:
    """Why one field value (or one item of a tuple field) is unusable, or None."""
    if isinstance(value, tuple):
        item_type = get_args(expected)[0] if get_origin(expected) is tuple else Any
        for number, item in enumerate(value, start=1):
            problem = _value_problem(item, item_type)
            if problem:
                return f"item {number}: {problem}"
        return None
    if isinstance(value, str):
        problem = _text_problem(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        problem = _number_problem(value)
    else:
        problem = None
    if problem is None:
        for constraint in _constraints(value, expected):
            wanted = constraint.problem(value)
            if wanted:
                return f"expected {wanted}, got {value!r}"
    return problem


# Each record class's field types, resolved once: resolving the annotations (text, with
# `from __future__ import annotations`) for every record was 40 % of loading the data.
_HINTS: weakref.WeakKeyDictionary[type, dict[str, Any]] = weakref.WeakKeyDictionary()


def _field_types(cls: type) -> dict[str, Any]:
    """The type of each field of record class `cls`, `Annotated` bounds included."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return hints


def _check_fields(obj: Any) -> None:
    cls = type(obj)
    hints = _field_types(cls)
    values = {f.name: getattr(obj, f.name) for f in fields(cls)}
    label = f"{DATA_FILE}: {_label(cls, values)}"
    for name, value in values.items():
        if not _matches(value, hints[name]):
            raise DataError(
                f"{label}: field {name!r}: expected {_describe(hints[name])}, "
                f"got {type(value).__name__} {value!r}"
            )
    # The key and the dates first: their own messages say what a valid one looks like.
    key = values.get("key")
    if isinstance(key, str) and not _KEY_RE.fullmatch(key):
        raise DataError(
            f"{label}: field 'key': expected lower-case letters, digits and '-', got {key!r}"
        )
    for name, value in values.items():
        if name.endswith("_date") or name in _DATE_FIELDS:
            if value is not None and not _is_date(value):
                raise DataError(
                    f"{label}: field {name!r}: expected a date 'YYYY', 'YYYY-MM' or "
                    f"'YYYY-MM-DD' that the calendar has, got {value!r}"
                )
    for name, value in values.items():
        problem = _value_problem(value, hints[name])
        if problem:
            raise DataError(f"{label}: field {name!r}: {problem}")
    if "sources" in values and not values["sources"]:
        raise DataError(
            f"{label}: field 'sources': every record must cite at least one source "
            "(a key of SOURCES)"
        )
    if "changing" in values:
        shown = sorted(set(values) - {"key", "sources", "changing"})
        for name in values["changing"]:
            if name not in shown:
                raise DataError(
                    f"{label}: field 'changing': unknown field {name!r}; "
                    f"fields that can change: {', '.join(shown)}"
                )


def _is_date(value: str) -> bool:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a day that the calendar has."""
    if not _DATE_RE.fullmatch(value):
        return False
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return False
    return True


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
    # The day this source's content was last compared with what the data module says.
    checked: datetime.date

    def check(self) -> None:
        """URLs are absolute http(s) links; `checked` is neither before publication nor ahead."""
        parts = urlsplit(self.url)
        if not self.url.startswith(("https://", "http://")) or not parts.hostname:
            fail(self, "url", f"expected an absolute http(s) URL, got {self.url!r}")
        if " " in self.url:
            fail(self, "url", f"expected a URL without spaces (%20 instead), got {self.url!r}")
        day = self.checked.isoformat()
        if self.published and day[: len(self.published)] < self.published:
            fail(self, "checked", f"{day} is before the source was published ({self.published})")
        # One day of slack: a date written in a timezone ahead of the build machine's.
        tomorrow = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=1)
        if self.checked > tomorrow:
            fail(self, "checked", f"{day} is in the future")


@record
class Correction:
    """A statement of the original notes that is wrong or out of date, and the fix."""

    key: str
    claim: str
    correction: str
    sources: tuple[str, ...]
    # Fields whose facts change over time (status, versions, availability): the pages
    # mark them "sujeto a cambios", so that a reader knows what to check again first.
    changing: tuple[str, ...] = ()


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
    changing: tuple[str, ...] = ()


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
    changing: tuple[str, ...] = ()


@record
class KerasModelType:
    """A way of building Keras models."""

    key: str
    name: str
    description: str
    status: Literal["current", "removed"]
    sources: tuple[str, ...]
    changing: tuple[str, ...] = ()


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
    changing: tuple[str, ...] = ()


@record
class DeviceAdvice:
    """One Google Cloud recommendation of when to use (or avoid) a kind of processor."""

    key: str
    device: Literal["cpu", "gpu", "tpu", "not-tpu"]
    advice: str
    sources: tuple[str, ...]
    changing: tuple[str, ...] = ()


HbmUnit = Literal["GiB", "GB"]


@record
class TpuGeneration:
    """A Google TPU generation. Per-core and per-pod totals are derived, never typed."""

    key: str
    name: str
    year: Year
    tensorcores_per_chip: Count
    mxus_per_core: Count | None
    mxu_size: Count | None
    hbm_per_chip: Count
    hbm_unit: HbmUnit
    bf16_tflops_per_chip: Amount
    chips_per_pod: Count
    # Totals as a source states them; checked against the derived value.
    stated_cores_per_pod: Count | None = None
    stated_pod_hbm: Amount | None = None
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
        """Derived totals must be finite, and stated totals must equal the derived ones."""
        for name in ("hbm_per_core", "cores_per_pod", "pod_hbm", "pod_pflops"):
            value = getattr(self, name)
            if not math.isfinite(value) or value > _LARGEST:
                fail(
                    self,
                    "chips_per_pod",
                    f"the derived {name} ({value:g}) is larger than {_LARGEST}",
                )
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
    changing: tuple[str, ...] = ()


@record
class DeepnetParameter:
    """A parameter of BigML deepnets, as the BigML API and BigMLer name it."""

    key: str
    name: str
    description: str
    values: str
    sources: tuple[str, ...]
    changing: tuple[str, ...] = ()


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
    changing: tuple[str, ...] = ()

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
        """The term is one word as the pages write it (abbr matches whole words)."""
        if not TERM_RE.fullmatch(self.term):
            fail(
                self,
                "term",
                "expected a single word of letters and digits (inner '.', '+', '/' or '-' "
                f"allowed), got {self.term!r}",
            )


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

    name: Identifier
    value: str
    note: str | None = None


@record
class CaffeLayer:
    """A layer of a Caffe network as written in a .prototxt file."""

    key: str
    name: Identifier
    kind: Identifier
    bottoms: tuple[Identifier, ...]
    tops: tuple[Identifier, ...]
    block: Identifier | None = None
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


def _same_document(url: str) -> tuple[str, str, str, str]:
    """What two URLs share when they name one document: host, path, query and fragment."""
    parts = urlsplit(url)
    return ((parts.hostname or "").lower(), parts.path.rstrip("/"), parts.query, parts.fragment)


def check_sources(collections: Mapping[str, Iterable[Any]], sources: Mapping[str, Source]) -> None:
    """Every source a record cites must exist, every source is cited, and no URL is used twice."""
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
    seen: dict[tuple[str, str, str, str], str] = {}
    for key, source in sources.items():
        first = seen.setdefault(_same_document(source.url), key)
        if first != key:
            raise DataError(
                f"{DATA_FILE}: SOURCES: Source {key!r}: field 'url': {source.url!r} is the "
                f"document of Source {first!r} ({sources[first].url!r}); cite that one instead"
            )


# ---------------------------------------------------------------------------
# Self-check questions ("Autoevaluación" at the end of a section page)
# ---------------------------------------------------------------------------

# Options a question offers: at least two (true or false), at most five.
MIN_OPTIONS, MAX_OPTIONS = 2, 5
OptionCount = Annotated[int, Bounds(ge=MIN_OPTIONS, le=MAX_OPTIONS)]
# A label of a numbered table, figure or equation, as `ref()` takes it (macros/numbering.py).
_LABEL_RE = re.compile(r"[a-z0-9][a-z0-9_:.-]*")
# A page of docs/, by its path there.
_PAGE_RE = re.compile(r"[^\s#?]+\.md")


@record
class Place:
    """Where the notes explain something: a heading of a page, or a numbered table or figure.

    Either `page` and `heading` (the heading's text as the page shows it), or `label`
    (`tab-frameworks`, `fig-tpu-chart`: what `ref()` takes).
    """

    page: str | None = None
    heading: str | None = None
    label: str | None = None

    def check(self) -> None:
        """A label alone, or a page with a heading."""
        if self.label is not None:
            if self.page is not None or self.heading is not None:
                fail(self, "label", "give either a label or a page and a heading, not both")
            if not _LABEL_RE.fullmatch(self.label):
                fail(
                    self,
                    "label",
                    f"expected a label such as 'tab-frameworks' or 'fig-tpu-chart', "
                    f"got {self.label!r}",
                )
        elif self.page is None or self.heading is None:
            fail(
                self,
                "page",
                "expected a page and a heading (page='t3/frameworks.md', heading='Caffe') "
                "or a label (label='tab-frameworks')",
            )
        else:
            _check_page(self, self.page)


def _check_page(item: Any, page: str) -> None:
    if not _PAGE_RE.fullmatch(page):
        fail(
            item,
            "page",
            f"expected the path of a page in docs/ such as 't3/frameworks.md', got {page!r}",
        )


def _same(value: Any) -> Any:
    """What two options share when a reader would take them for the same answer."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else value


@record
class Question:
    """A self-check question written by hand: its options, the correct one and why."""

    key: str
    # The section page whose "Autoevaluación" shows it.
    page: str
    question: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    see: Place
    sources: tuple[str, ...]

    def check(self) -> None:
        """Two to five distinct options, one of them the answer."""
        _check_page(self, self.page)
        if not MIN_OPTIONS <= len(self.options) <= MAX_OPTIONS:
            fail(
                self,
                "options",
                f"expected {MIN_OPTIONS} to {MAX_OPTIONS} options, got {len(self.options)}",
            )
        seen: set[Any] = set()
        for option in self.options:
            if _same(option) in seen:
                fail(self, "options", f"{option!r} is there twice; each option must differ")
            seen.add(_same(option))
        if self.answer not in self.options:
            fail(
                self,
                "answer",
                f"{self.answer!r} is not one of the options; options: "
                + ", ".join(repr(o) for o in self.options),
            )


@dataclass(frozen=True)
class Fact:
    """One option of a generated question: the value it shows, and the record it comes from."""

    value: Any
    # None for a computed value (a year near the right one).
    item: Any = None


@dataclass(frozen=True)
class Facts:
    """A generated question's record, its right answer and its distractors."""

    about: Any
    answer: Fact
    distractors: tuple[Fact, ...]


@record
class FactQuestion:
    """A self-check question generated from a record that a table shows.

    With `item`, it asks for the value of `field` in that record of `collection` ("¿Cuánta
    HBM tiene cada chip de la {name}?"); the distractors are the other records' values, or
    years around the right one. With `equals` instead, it asks which record's `field` is
    (or contains) that value ("¿Qué framework es declarativo?"): the one record that has it
    is the answer, shown by its `named_by` field, and other records are the distractors.
    `question` and `explanation` may name fields of the record in braces (`{name}`), and
    the explanation `{answer}`: a data edit changes the question too.
    """

    key: str
    page: str
    collection: str
    field: str
    item: str | None = None
    equals: str | int | None = None
    named_by: str = "name"
    # The unit of a number: a field of the record that holds it (`hbm_unit`), or the unit.
    unit: str | None = None
    question: str
    explanation: str
    distractors: Literal["records", "years"] = "records"
    option_count: OptionCount = 4
    see: Place

    def check(self) -> None:
        """Either `item` or `equals`; years only for a value; placeholders well formed."""
        _check_page(self, self.page)
        if (self.item is None) == (self.equals is None):
            fail(
                self,
                "item",
                "give either item (ask for the value of that record's field) or equals (ask "
                "which record has that value), not both or neither",
            )
        if self.equals is not None and (self.distractors == "years" or self.unit is not None):
            fail(
                self,
                "equals",
                "a question about which record has a value takes no unit "
                "and no years: its options are the records' names",
            )
        for name in ("question", "explanation"):
            try:
                self.placeholders(getattr(self, name))
            except ValueError as error:
                fail(self, name, f"{error} (write {{{{ and }}}} for a brace)")

    @staticmethod
    def placeholders(text: str) -> list[str]:
        """The field names that `text` names in braces."""
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]

    def resolve(self, collection: Mapping[str, Any]) -> Facts:
        """The record the question is about, its right answer and the distractors.

        `collection` is read as the renderers read it (by key, then every record), so that
        incremental rebuilds see which records a page with this question depends on.
        """
        wanted = self.option_count - 1
        if self.equals is not None:
            matches = [
                r for r in collection.values() if _holds(getattr(r, self.field), self.equals)
            ]
            if len(matches) != 1:
                found = ", ".join(r.key for r in matches) or "none"
                fail(
                    self,
                    "equals",
                    f"expected exactly one record of {self.collection} whose {self.field} is "
                    f"{self.equals!r}, found {len(matches)} ({found}): the question would have "
                    f"{'no' if not matches else 'more than one'} right answer",
                )
            about = matches[0]
            answer = Fact(getattr(about, self.named_by), about)
            pool = [
                Fact(getattr(r, self.named_by), r) for r in collection.values() if r is not about
            ]
        else:
            item = self.item or ""  # check() made sure there is one
            if item not in collection:
                fail(
                    self,
                    "item",
                    f"unknown key {self.item!r} in {self.collection}; valid keys: "
                    + ", ".join(collection),
                )
            about = collection[item]
            value = getattr(about, self.field)
            if value is None:
                fail(self, "field", f"{self.collection} {self.item!r} has no {self.field} (None)")
            if self.distractors == "years":
                year = _year(value)
                if year is None:
                    fail(self, "distractors", f"years around a value that is not a year: {value!r}")
                # Where the right year falls among the options: fixed per question, so that it
                # is not always in the same place.
                start = year - int(hashlib.sha1(self.key.encode()).hexdigest(), 16) % (wanted + 1)
                years = [y for y in range(start, start + wanted + 1) if y != year]
                return Facts(about, Fact(year, about), tuple(Fact(y) for y in years))
            answer = Fact(value, about)
            pool = [Fact(getattr(r, self.field), r) for r in collection.values() if r is not about]
        distractors: list[Fact] = []
        seen = {_same(answer.value)}
        for fact in pool:
            if fact.value is not None and _same(fact.value) not in seen:
                seen.add(_same(fact.value))
                distractors.append(fact)
        if len(distractors) < wanted:
            shown = self.field if self.equals is None else self.named_by
            fail(
                self,
                "option_count",
                f"asks for {self.option_count} options, but {self.collection} has only "
                f"{len(distractors)} other distinct value(s) of {shown}; "
                f"ask for at most {len(distractors) + 1}",
            )
        return Facts(about, answer, tuple(distractors[:wanted]))


def _holds(value: Any, wanted: Any) -> bool:
    """Whether a record's value is `wanted`, or contains it (a tuple field)."""
    return wanted in value if isinstance(value, tuple) else value == wanted


def _year(value: Any) -> int | None:
    """The year of an int year or a `YYYY[-MM[-DD]]` date; None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        return int(value[:4])
    return None


def _field_names(kind: type) -> list[str]:
    names = [f.name for f in fields(kind)]
    return names + sorted(n for n, v in vars(kind).items() if isinstance(v, property))


def check_questions(
    questions: Iterable[Question | FactQuestion], collections: Mapping[str, Mapping[str, Any]]
) -> None:
    """Every generated question names a collection, record and fields that exist, and resolves."""
    for question in questions:
        if not isinstance(question, FactQuestion):
            continue
        collection = collections.get(question.collection)
        if collection is None:
            fail(
                question,
                "collection",
                f"unknown collection {question.collection!r}; collections: "
                + ", ".join(sorted(collections)),
            )
        if not collection:
            fail(question, "collection", f"{question.collection} has no records")
        kind = type(next(iter(collection.values())))
        names = _field_names(kind)
        used = [("field", question.field)]
        if question.equals is not None:
            used.append(("named_by", question.named_by))
        for attribute, name in used:
            if name not in names:
                fail(
                    question,
                    attribute,
                    f"{kind.__name__} has no field {name!r}; fields: {', '.join(names)}",
                )
        if question.equals is not None and question.placeholders(question.question):
            name = question.placeholders(question.question)[0]
            fail(
                question,
                "question",
                f"{{{name}}} would give the answer away: a question about which record has a "
                "value cannot name the fields of that record (the explanation can)",
            )
        for attribute in ("question", "explanation"):
            allowed = [*names, "answer"] if attribute == "explanation" else names
            for name in question.placeholders(getattr(question, attribute)):
                if name not in allowed:
                    fail(
                        question,
                        attribute,
                        f"unknown placeholder {{{name}}}; {kind.__name__} fields: "
                        + ", ".join(names)
                        + (", and {answer}" if attribute == "explanation" else ""),
                    )
        question.resolve(collection)
