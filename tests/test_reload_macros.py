"""After an edit, `make serve` imports again the macros' modules it can have changed, no others.

(assets/hooks/reload_macros.py.) A module kept must be what a fresh import would give: it
imports nothing that changed. The served site equals a clean build after data edits
(tests/test_incremental.py); here, which modules each edit reaches.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from scripts.fixture_site import ROOT

HOOK = ROOT / "assets" / "hooks" / "reload_macros.py"
PACKAGE = "reloadpkg"
FILES = {
    "__init__.py": "from . import render\n",
    "records.py": "class Row:\n    pass\n",
    "data.py": "from .records import Row\nROWS = [Row()]\n",
    "render.py": "from . import data\n\ndef render():\n    return len(data.ROWS)\n",
    "loader.py": "import importlib\n\ndef load(name):\n    return importlib.import_module(name)\n",
    "alone.py": "VALUE = 1\n",
}


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reload_macros", HOOK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / PACKAGE
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield folder
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def config(folder: Path) -> Any:
    plugin = SimpleNamespace(config={"module_name": PACKAGE})
    return SimpleNamespace(
        plugins={"macros": plugin}, config_file_path=str(folder.parent / "mkdocs.yml")
    )


def build(hook: ModuleType, folder: Path) -> dict[str, ModuleType]:
    """What a build does: the hook forgets, mkdocs-macros imports, the hook rebinds."""
    hook._forget_changed(config(folder))
    for name in ["", ".records", ".data", ".render", ".loader", ".alone"]:
        importlib.import_module(PACKAGE + name)
    hook._rebind_kept(config(folder))
    return {n: m for n, m in sys.modules.items() if n == PACKAGE or n.startswith(f"{PACKAGE}.")}


def edit(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == stat.st_mtime_ns:  # a coarse clock: make the change seen
        time.sleep(0.01)
        path.touch()


def imported_again(before: dict[str, ModuleType], after: dict[str, ModuleType]) -> set[str]:
    again = [name for name in after if before.get(name) is not after[name]]
    return {name.removeprefix(f"{PACKAGE}.") for name in again}


def test_a_data_edit_imports_the_data_and_what_imports_it(package: Path) -> None:
    hook = load_hook()
    first = build(hook, package)
    edit(package / "data.py", FILES["data.py"] + "ROWS = ROWS * 2\n")
    second = build(hook, package)
    # The renderer binds the data module; the loader imports by name, so it may use any.
    assert imported_again(first, second) == {"data", "render", "loader", PACKAGE}
    assert second[f"{PACKAGE}.render"].render() == 2
    # The record classes are the ones the new data was made with.
    records = second[f"{PACKAGE}.records"]
    assert isinstance(second[f"{PACKAGE}.data"].ROWS[0], records.Row)
    # The package imported again names the modules kept, as a fresh import does.
    assert second[PACKAGE].records is records


def test_a_page_edit_imports_nothing_again(package: Path) -> None:
    hook = load_hook()
    first = build(hook, package)
    assert imported_again(first, build(hook, package)) == set()


def test_an_edit_to_a_module_everything_imports_imports_everything_again(package: Path) -> None:
    hook = load_hook()
    first = build(hook, package)
    edit(package / "records.py", "class Row:\n    size = 2\n")
    second = build(hook, package)
    assert imported_again(first, second) == {"records", "data", "render", "loader", PACKAGE}


def test_a_deleted_module_is_forgotten_with_what_imports_it(package: Path) -> None:
    hook = load_hook()
    build(hook, package)
    (package / "alone.py").unlink()
    hook._forget_changed(config(package))
    assert f"{PACKAGE}.alone" not in sys.modules
    assert f"{PACKAGE}.loader" not in sys.modules  # it may have imported it by name
    assert f"{PACKAGE}.records" in sys.modules


def test_the_imports_a_module_binds() -> None:
    hook = load_hook()
    modules = {"pkg", "pkg.a", "pkg.b", "pkg.sub", "pkg.sub.c"}

    def imports(source: str, name: str = "pkg.sub.c", is_package: bool = False) -> Any:
        return hook.imported_modules(source, name, is_package, modules)

    assert imports("from . import c") == {"pkg.sub.c"}
    assert imports("from .. import a, b") == {"pkg.a", "pkg.b"}
    assert imports("from ..a import thing") == {"pkg.a"}
    # A name of the package's __init__, not a module: that binds the package.
    assert imports("from .. import helper") == {"pkg"}
    assert imports("import pkg.sub.c") == {"pkg", "pkg.sub", "pkg.sub.c"}
    assert imports("from . import a", name="pkg", is_package=True) == {"pkg.a"}
    assert imports("import json\nfrom collections import abc") == set()
    assert imports("def f():\n    from .. import b\n") == {"pkg.b"}
    assert imports("import importlib\nimportlib.import_module('.a', 'pkg')") is None
    assert imports("__import__('pkg.a')") is None


def test_import_statements_are_read_whole_from_their_lines() -> None:
    hook = load_hook()
    source = (
        '"""A module."""\n'
        "from .records import (\n    Row,\n    Table,\n)\n"
        "from .markdown import escape, \\\n    table\n"
        "VALUE = 'import nothing'\n"
        "def f():\n    import json\n"
    )
    assert hook.import_statements(source) == (
        "from .records import (\n    Row,\n    Table,\n)\n"
        "from .markdown import escape, \\\n    table\n"
        "import json"
    )
    modules = {"pkg", "pkg.records", "pkg.markdown"}
    assert hook.imported_modules(source, "pkg.a", False, modules) == {"pkg.records", "pkg.markdown"}
    # Text that only looks like an import adds one; it never hides one.
    text = 'HELP = """\nfrom .markdown import table\n"""\n'
    assert hook.imported_modules(text, "pkg.a", False, modules) == {"pkg.markdown"}
    # Unreadable imports: the module may use any.
    assert hook.imported_modules("from . import (a\n", "pkg.a", False, modules) is None
