"""MkDocs hook: re-import the macros package on every build, so `mkdocs serve` shows edits.

mkdocs-macros imports the package with `importlib.import_module`, and Python keeps the
first import in `sys.modules`: after an edit to `macros/data.py`, `mkdocs serve` rebuilt
the site but still rendered the old values (the same problem is reported for MkDocs
hooks in mkdocs/mkdocs#3993). Forgetting the package before mkdocs-macros' `on_config`
makes each rebuild import the files as they are on disk.
"""

from __future__ import annotations

import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(100)  # before mkdocs-macros (priority 0) imports the package
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Drop the macros package and its submodules from the import cache."""
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: plugins: 'macros' is missing; the course needs mkdocs-macros with "
            "'module_name: macros' (see the project's mkdocs.yml)"
        )
    package = plugin.config["module_name"]
    for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")]:
        del sys.modules[name]
    return config
