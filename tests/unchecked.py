"""Records built without their load-time checks, to show that the renderers stay safe alone.

The data module rejects bad values when it loads; these records skip that, as a record
built some other way would, so a test can check the second line of defence.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, TypeVar

T = TypeVar("T")


def unchecked(cls: type[T], **values: Any) -> T:
    """An instance of the record class `cls` holding `values`, with no check run."""
    item = object.__new__(cls)
    for field in fields(cls):  # type: ignore[arg-type]
        if field.name in values:
            value = values[field.name]
        elif field.default is not MISSING:
            value = field.default
        else:
            raise TypeError(f"{cls.__name__}: missing {field.name!r}")
        object.__setattr__(item, field.name, value)
    return item
