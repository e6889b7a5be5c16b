"""MkDocs hook: re-import the macros package when its files change, so `mkdocs serve` shows edits.

mkdocs-macros imports the package with `importlib.import_module`, and Python keeps the
first import in `sys.modules`: after an edit to `macros/data.py`, `mkdocs serve` rebuilt
the site but still rendered the old values (the same problem is reported for MkDocs
hooks in mkdocs/mkdocs#3993). Forgetting modules before mkdocs-macros' `on_config` makes a
rebuild import their files as they are on disk.

Only what an edit can have changed is forgotten: the modules whose file changed and every
module that imports one of them, directly or through others (read from their `import`
statements; a module that imports by name at run time counts as importing them all). A
module kept is the same as a fresh import of its file, because nothing it imports changed.
When no file changed (a page edit), everything is kept. Importing the whole package again
after a data edit cost 0.2-0.4 s of each rebuild at 100 pages (the records' classes made
again, every page's front matter parsed again for the new classes).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

Stamp = tuple[int, int]  # modification time (ns), size
# The package's files when it was last imported, by package name.
IMPORTED: dict[str, dict[str, Stamp]] = {}
# Each file's imports of the package's modules, by path and stamp; None: it imports by name.
_IMPORTS: dict[tuple[str, Stamp], frozenset[str] | None] = {}
# The start of an import statement; a call that imports a module named at run time.
_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+[.\w]+[ \t]+import|import[ \t]+\w)", re.MULTILINE)
_DYNAMIC_CALL = re.compile(r"\b(?:import_module|__import__|reload)[ \t]*\(")


def _files(folder: Path) -> dict[str, Stamp]:
    stamps = {}
    for path in sorted(folder.rglob("*.py")):
        stat = path.stat()
        stamps[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def module_name(path: Path, folder: Path, package: str) -> str:
    """The module a file of the package is imported as: macros/render.py is `macros.render`."""
    parts = [package, *path.relative_to(folder).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_statements(source: str) -> str:
    """The `import` statements of `source`, each on its own lines, without their indentation.

    Read from the lines that start with `import` or `from`, with their parentheses and
    continuation lines, instead of parsing the whole file: parsing a data module of 200 kB
    (a course of 16 topics) took 40 ms of each data edit's rebuild. A line that only looks
    like one (in a long string) adds an import, never hides one.
    """
    statements = []
    for match in _IMPORT_LINE.finditer(source):
        start = end = match.start()
        while True:
            newline = source.find("\n", end)
            end = len(source) if newline == -1 else newline
            statement = source[start:end]
            unclosed = statement.count("(") > statement.count(")")
            if end == len(source) or not (unclosed or statement.endswith("\\")):
                break
            end += 1
        statements.append(statement.strip())
    return "\n".join(statements)


def imported_modules(
    source: str, name: str, is_package: bool, modules: set[str]
) -> frozenset[str] | None:
    """The modules of the package (`modules`) whose names module `name` binds, from `source`.

    `from . import a` binds module `a`; `from .a import b` binds a name of `a` (or module
    `a.b`); `import pkg.a` binds the package and reaches `a` through it. Importing `a` runs
    the package's `__init__` first, but binds nothing of it. None when the module imports
    a module named at run time (`importlib.import_module`, `__import__`): it may use any;
    and when its imports cannot be read.
    """
    if _DYNAMIC_CALL.search(source):
        return None
    try:
        tree = ast.parse(import_statements(source))
    except SyntaxError:
        return None
    base = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                found |= {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                parent = parts[: len(parts) - node.level + 1]
                module = ".".join([*parent, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            for alias in node.names:
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in modules else module)
    return frozenset(found & modules)


def stale_modules(
    old: dict[str, Stamp], new: dict[str, Stamp], folder: Path, package: str
) -> set[str]:
    """The modules to import again: those whose file changed, and those that import them."""
    names = {path: module_name(Path(path), folder, package) for path in old.keys() | new.keys()}
    stale = {names[path] for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    if not stale:
        return stale
    known = set(names.values())  # a module deleted is still named by those importing it
    imports: dict[str, frozenset[str] | None] = {}
    for path, stamp in new.items():
        key = (path, stamp)
        if key not in _IMPORTS:
            try:
                source = Path(path).read_text(encoding="utf-8")
                _IMPORTS[key] = imported_modules(
                    source, names[path], Path(path).name == "__init__.py", known
                )
            except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
                _IMPORTS[key] = None  # unreadable: it may import anything
        imports[names[path]] = _IMPORTS[key]
    while True:
        more = {
            name
            for name, uses in imports.items()
            if name not in stale and (uses is None or uses & stale)
        }
        if not more:
            return stale
        stale |= more


def _plugin_package(config: MkDocsConfig) -> str:
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: plugins: 'macros' is missing; the course needs mkdocs-macros with "
            "'module_name: macros' (see the project's mkdocs.yml)"
        )
    return str(plugin.config["module_name"])


@event_priority(100)  # before mkdocs-macros (priority 0) imports the package
def _forget_changed(config: MkDocsConfig) -> MkDocsConfig:
    """Drop from the import cache the modules that changed and those importing them."""
    package = _plugin_package(config)
    # Absolute: MkDocs gives the first build the configuration's path as typed.
    folder = Path(config.config_file_path or ".").absolute().parent / package
    files = _files(folder) if folder.is_dir() else {}
    old = IMPORTED.get(package)
    loaded = [n for n in sys.modules if n == package or n.startswith(f"{package}.")]
    if old is None or package not in sys.modules or not files:
        stale = set(loaded)
    else:
        stale = stale_modules(old, files, folder, package)
    for name in loaded:
        if name in stale:
            del sys.modules[name]
    IMPORTED[package] = files
    return config


@event_priority(-50)  # after mkdocs-macros (0) imported the package, before the course hook
def _rebind_kept(config: MkDocsConfig) -> MkDocsConfig:
    """A package imported again names the submodules kept, as a fresh import would."""
    package = _plugin_package(config)
    for name in [n for n in sys.modules if n.startswith(f"{package}.")]:
        parent, _, child = name.rpartition(".")
        if parent in sys.modules and not hasattr(sys.modules[parent], child):
            setattr(sys.modules[parent], child, sys.modules[name])
    return config


on_config = CombinedEvent(_forget_changed, _rebind_kept)
