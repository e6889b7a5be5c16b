"""The one error the importer raises for bad input: its message is all the author sees."""

from __future__ import annotations


class HugoImportError(Exception):
    """Bad input; the message names the file (and line), the culprit and the valid choices."""
