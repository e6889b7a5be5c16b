"""Short, specific build errors instead of mkdocs-macros' default Python traceback.

mkdocs-macros formats a failing page through `mkdocs_macros.errors.format_error`, a
single-dispatch function; registering our exception types there replaces the
traceback with `docs/<page>:<line>: <what is wrong and the valid choices>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from jinja2.exceptions import UndefinedError
from mkdocs.structure.pages import Page
from mkdocs_macros.errors import format_error

from .pages import FrontMatterError
from .records import DataError
from .render import MacroArgumentError


def _template_line(traceback: TracebackType | None) -> int | None:
    """The line of the Markdown page where Jinja was when the error was raised."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _where(error: Exception, markdown: str, page: Page) -> str:
    location = f"docs/{page.file.src_path}"
    line = _template_line(error.__traceback__)
    lines = markdown.splitlines()
    if line is None or line > len(lines):
        return location
    # Jinja counts lines of the page body; the file also holds the front matter above it.
    source = Path(page.file.abs_src_path or "")
    offset = (
        len(source.read_text(encoding="utf-8").splitlines()) - len(lines) if source.is_file() else 0
    )
    return f"{location}:{line + max(offset, 0)}: {lines[line - 1].strip()}\n   "


def _format_course_error(error: Exception, markdown: str, page: Page) -> str:
    return f"{_where(error, markdown, page)} {error}"


def register(macro_names: Iterable[str]) -> None:
    """Make build errors about our macros and data short and specific."""
    names = ", ".join(sorted(macro_names))

    def format_undefined(error: Exception, markdown: str, page: Page) -> str:
        return (
            f"{_where(error, markdown, page)} {error}: no macro or variable has that name; "
            f"macros: {names}"
        )

    for error_type in (MacroArgumentError, DataError, FrontMatterError):
        format_error.register(error_type, _format_course_error)
    format_error.register(UndefinedError, format_undefined)
