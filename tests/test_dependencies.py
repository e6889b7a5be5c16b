"""What a page is recorded as reading from a collection of the data module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from macros import dependencies
from macros.dependencies import EVERY, TrackedIndex


def recorded(read: Callable[[TrackedIndex[str]], Any]) -> frozenset[tuple[str, str]]:
    index = TrackedIndex("TPUS", [("v2", "TPU v2"), ("v3", "TPU v3")])
    dependencies.start()
    read(index)
    return dependencies.stop()


def test_a_record_read_by_key_is_that_record() -> None:
    assert recorded(lambda index: index["v3"]) == {("TPUS", "v3")}
    assert recorded(lambda index: index.get("v2")) == {("TPUS", "v2")}
    assert recorded(lambda index: "v4" in index) == {("TPUS", "v4")}


def test_going_through_the_keys_is_the_list_of_keys() -> None:
    assert recorded(lambda index: list(index)) == {("TPUS", EVERY)}
    assert recorded(lambda index: len(index)) == {("TPUS", EVERY)}
    assert recorded(lambda index: list(index.keys())) == {("TPUS", EVERY)}


def test_going_through_the_records_is_every_record_and_the_keys() -> None:
    # A page that lists every record (the abbreviations' tooltips, a page's questions) shows
    # what each record holds: an edit to any of them must rebuild it.
    every = {("TPUS", EVERY), ("TPUS", "v2"), ("TPUS", "v3")}
    assert recorded(lambda index: list(index.values())) == every
    assert recorded(lambda index: list(index.items())) == every


@dataclass(frozen=True)
class Asked:
    page: str


def test_picking_the_records_with_a_value_is_those_records_and_the_selection() -> None:
    index = TrackedIndex("ASKED", [("a", Asked("t3/a.md")), ("b", Asked("t3/b.md"))])
    index["c"] = Asked("t3/a.md")
    dependencies.start()
    found = dependencies.where(index, "page", "t3/a.md")
    assert dependencies.stop() == {
        ("ASKED", EVERY),
        ("ASKED", "a"),
        ("ASKED", "c"),
        ("ASKED", "where:page=t3/a.md"),
    }
    assert found == [Asked("t3/a.md"), Asked("t3/a.md")]
    assert dependencies.selection("where:page=t3/a.md") == ("page", "t3/a.md")
    assert dependencies.selection("a") is None


def test_nothing_is_recorded_outside_a_page() -> None:
    index = TrackedIndex("TPUS", [("v2", "TPU v2")])
    assert list(index.values()) == ["TPU v2"]
    dependencies.start()
    assert dependencies.stop() == frozenset()
