"""Which records and pages each page reads, recorded while its macros run.

Under `mkdocs serve`, an edit rebuilds only the pages it affects (`assets/hooks/course.py`).
To know them without guessing, every collection of the data module is a `TrackedIndex`:
reading a record by key records `(collection, key)`; going through the keys (or counting
them) records `(collection, "*")`, which changes when a key is added, removed or moved; going
through the records themselves (`values()`, `items()`) records that and every key, since
the page read each record. A page that picks the records whose field has a value (`where`:
a page's questions) records the keys, those records and `(collection, "where:field=value")`,
which the hook takes as changed when any record comes to have that value. The course macros record
the pages they read the same way (`("page", src_path)` for a page's front matter,
`("page-body", src_path)` for its Markdown as written). The hook starts a recording before
mkdocs-macros renders a page and takes it afterwards.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import TypeVar

# (what, key): ("TPU_GENERATIONS", "v3"), ("TPU_GENERATIONS", "*"), ("page", "t3/index.md").
Dependency = tuple[str, str]
EVERY = "*"
# The start of a selection's key: "where:page=t3/index.md".
WHERE = "where:"

V = TypeVar("V")

_active: set[Dependency] | None = None


def start() -> None:
    """Begin recording what is read, for the page about to be rendered."""
    global _active
    _active = set()


def stop() -> frozenset[Dependency]:
    """End the recording; return what was read since `start`."""
    global _active
    recorded, _active = frozenset(_active or ()), None
    return recorded


def record(what: str, key: str) -> None:
    """Note that the page being rendered read `key` of `what`."""
    if _active is not None:
        _active.add((what, key))


class TrackedIndex(dict[str, V]):
    """A collection of records by key that records which keys the current page reads."""

    def __init__(self, name: str, items: Iterable[tuple[str, V]] = ()) -> None:
        """Hold `items` under the collection name `name` (as `data.py` calls it)."""
        super().__init__(items)
        self.name = name

    def __getitem__(self, key: str) -> V:
        """The record `key`, recorded as read."""
        record(self.name, key)
        return super().__getitem__(key)

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        """The record `key` or `default`, recorded as read."""
        record(self.name, key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        """Whether the collection has `key`: the answer depends on that key."""
        record(self.name, str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        """Every key: the page depends on the whole collection."""
        record(self.name, EVERY)
        return super().__iter__()

    def __len__(self) -> int:
        """The number of records: the page depends on the whole collection."""
        record(self.name, EVERY)
        return super().__len__()

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        """Every key, recorded as a read of the whole collection."""
        record(self.name, EVERY)
        return super().keys()

    def values(self) -> ValuesView[V]:  # type: ignore[override]
        """Every record, recorded as a read of the keys and of each record."""
        self._read_all()
        return super().values()

    def items(self) -> ItemsView[str, V]:  # type: ignore[override]
        """Every key and record, recorded as a read of the keys and of each record."""
        self._read_all()
        return super().items()

    def _read_all(self) -> None:
        record(self.name, EVERY)
        if _active is not None:
            _active.update((self.name, key) for key in dict.keys(self))


def where(collection: Mapping[str, V], field: str, value: str) -> list[V]:
    """The records of `collection` whose `field` is `value`, in the collection's order.

    Recorded as a read of the keys (their order is the records' order), of those records and
    of the selection, not of every record: an edit to another record rebuilds the page only
    if that record now has `value`.
    """
    if not isinstance(collection, TrackedIndex):
        return [item for item in collection.values() if getattr(item, field) == value]
    found = [(key, item) for key, item in dict.items(collection) if getattr(item, field) == value]
    record(collection.name, EVERY)
    record(collection.name, f"{WHERE}{field}={value}")
    for key, _ in found:
        record(collection.name, key)
    return [item for _, item in found]


def selection(key: str) -> tuple[str, str] | None:
    """The field and value of a selection's key ("where:page=t3/a.md"); None for a record's."""
    if not key.startswith(WHERE):
        return None
    field_name, _, value = key.removeprefix(WHERE).partition("=")
    return field_name, value
