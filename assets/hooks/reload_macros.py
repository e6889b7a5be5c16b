"""MkDocs hook: re-import the macros package when its files change, so `mkdocs serve` shows edits.

mkdocs-macros imports the package with `importlib.import_module`, and Python keeps the
first import in `sys.modules`: after an edit to `macros/data.py`, `mkdocs serve` rebuilt
the site but still rendered the old values (the same problem is reported for MkDocs
hooks in mkdocs/mkdocs#3993). Forgetting the package before mkdocs-macros' `on_config`
makes a rebuild import the files as they are on disk. When none of them changed (a page
edit), the import is kept: importing and checking the data module again cost 0.1–0.3 s of
each rebuild.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# The package's files (path, modification time, size) when it was last imported.
IMPORTED: dict[str, tuple[tuple[str, int, int], ...]] = {}


def _files(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.rglob("*.py"))
    )


@event_priority(100)  # before mkdocs-macros (priority 0) imports the package
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Drop the macros package and its submodules from the import cache if a file changed."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: plugins: 'macros' is missing; the course needs mkdocs-macros with "
            "'module_name: macros' (see the project's mkdocs.yml)"
        )
    package = plugin.config["module_name"]
    folder = Path(config.config_file_path or ".").parent / package
    files = _files(folder) if folder.is_dir() else ()
    if files and IMPORTED.get(package) == files and package in sys.modules:
        return config
    for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")]:
        del sys.modules[name]
    IMPORTED[package] = files
    return config
