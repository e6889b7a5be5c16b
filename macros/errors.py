"""Short, specific build errors instead of Python tracebacks.

Two paths lead here. A page whose macro call fails is formatted by mkdocs-macros
through `mkdocs_macros.errors.format_error`, a single-dispatch function: registering
our exception types replaces its traceback with `docs/<page>:<line>: <what is wrong>`.
An invalid data module fails when it is imported; `load` turns that into MkDocs'
`PluginError`, which MkDocs prints as one line, with the data file's line number.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

from jinja2.exceptions import (
    SecurityError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs_macros.errors import format_error

from .course import CourseError
from .records import DATA_FILE, DataError
from .sandbox import ALLOWED


def _line_in(traceback: TracebackType | None, filename: str) -> int | None:
    """The last line of `filename` that the traceback passes through."""
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(filename):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _data_error_message(error: DataError) -> str:
    """Prefix the message with the line of the data file that holds the bad value."""
    message = str(error)
    path = Path(__file__).with_name("data.py")
    line = _line_in(error.__traceback__, "/data.py")
    if line is None or not path.is_file():
        return message
    lines = path.read_text(encoding="utf-8").splitlines()
    field = re.search(r"field '(\w+)'", message)
    duplicate = re.search(r"duplicate key '([^']+)'", message)
    if duplicate:
        hits = [n for n, text in enumerate(lines, 1) if f'key="{duplicate.group(1)}"' in text]
        line = hits[-1] if hits else line
    elif field:
        # The record call starts at `line`; point at the field inside it when it is there.
        for number in range(line, min(line + 40, len(lines)) + 1):
            if re.match(rf"\s*{field.group(1)}=", lines[number - 1]):
                line = number
                break
    return message.replace(f"{DATA_FILE}:", f"{DATA_FILE}:{line}:", 1)


def load(name: str) -> ModuleType:
    """Import a module of this package; an invalid data module becomes a one-line PluginError.

    So does any other failure to import it (a syntax error, a name that does not exist):
    the message names the file and line to fix, never a traceback.
    """
    try:
        return importlib.import_module(f".{name}", __package__)
    except DataError as error:
        raise PluginError(_data_error_message(error)) from None
    except SyntaxError as error:
        where = f"macros/{Path(error.filename or name).name}:{error.lineno}"
        raise PluginError(f"{where}: invalid Python: {error.msg}") from None
    except Exception as error:  # noqa: BLE001 - any import failure is the author's to fix
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if f"{os.sep}{__package__}{os.sep}" in f.filename]
        where = f"macros/{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "macros"
        raise PluginError(f"{where}: {type(error).__name__}: {error}") from None


def _where(error: Exception, markdown: str, page: Page) -> str:
    location = f"docs/{page.file.src_path}"
    line = _line_in(error.__traceback__, "<template>")
    if isinstance(error, TemplateSyntaxError):
        line = error.lineno  # found while compiling, before any line of the page ran
    lines = markdown.splitlines()
    if line is None or line > len(lines):
        return location
    # Jinja counts lines of the page body, which ends the file; the front matter is above it.
    source = Path(page.file.abs_src_path or "")
    total = len(source.read_text(encoding="utf-8-sig").splitlines()) if source.is_file() else 0
    return f"{location}:{line + max(total - len(lines), 0)}: {lines[line - 1].strip()}\n   "


def _format_course_error(error: Exception, markdown: str, page: Page) -> str:
    return f"{_where(error, markdown, page)} {error}"


def _arguments(function: Callable[..., Any]) -> str:
    """The arguments a page may pass a macro: not the data collections tests pass."""
    parameters = inspect.signature(function).parameters.values()
    return ", ".join(p.name for p in parameters if not isinstance(p.default, Mapping)) or "none"


def register(macros: Mapping[str, Callable[..., Any]]) -> None:
    """Make build errors about our macros, pages and data short and specific."""
    render = load("render")
    names = ", ".join(sorted(macros))
    by_function = {getattr(f, "__name__", name): (name, f) for name, f in macros.items()}

    def format_other(error: Exception, markdown: str, page: Page) -> str:
        # A call with wrong arguments names the Python function: say the macro's name and
        # the arguments it takes instead.
        message = f"{type(error).__name__}: {error}"
        called = re.match(r"(\w+)\(\) (.*)", str(error))
        if isinstance(error, TypeError) and called and called.group(1) in by_function:
            name, function = by_function[called.group(1)]
            message = f"{name}(): {called.group(2)}; arguments: {_arguments(function)}"
        return f"{_where(error, markdown, page)} {message}"

    def format_undefined(error: Exception, markdown: str, page: Page) -> str:
        return (
            f"{_where(error, markdown, page)} {error}: no macro or variable has that name; "
            f"macros: {names}; variables: page.title, page.url, page.meta and the page's "
            "front matter keys"
        )

    def format_not_allowed(error: Exception, markdown: str, page: Page) -> str:
        # The sandbox refused an attribute, a call, a size or a file (macros/sandbox.py).
        if isinstance(error, TemplateNotFound):
            return f"{_where(error, markdown, page)} {error.message}"
        reason = str(error).rstrip(".")
        return f"{_where(error, markdown, page)} not allowed in a page: {reason}; {ALLOWED}"

    def format_syntax(error: Exception, markdown: str, page: Page) -> str:
        assert isinstance(error, TemplateSyntaxError)
        return f"{_where(error, markdown, page)} {error.message}"

    for error_type in (render.MacroArgumentError, DataError, CourseError):
        format_error.register(error_type, _format_course_error)
    format_error.register(TemplateSyntaxError, format_syntax)
    format_error.register(UndefinedError, format_undefined)
    format_error.register(SecurityError, format_not_allowed)
    format_error.register(TemplateNotFound, format_not_allowed)
    # Anything else a macro raises: the page, the line and the error, not a traceback.
    format_error.register(Exception, format_other)
