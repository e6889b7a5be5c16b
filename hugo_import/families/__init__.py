"""Every shortcode the importer converts, by name (Hugo's own, Hextra's, hugo-book's)."""

from __future__ import annotations

from ..convert import Spec
from . import common, hextra, hugo, hugo_book

SPECS: dict[str, Spec] = {**hugo.SPECS, **hextra.SPECS, **hugo_book.SPECS, **common.SPECS}
