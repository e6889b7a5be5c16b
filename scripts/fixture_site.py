"""Small sites built on the real macros, for the tests and the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELOAD_HOOK = ROOT / "assets" / "hooks" / "reload_macros.py"
FRONT_MATTER = "---\ntitle: Prueba\nweight: 1\ndescription: Prueba.\n---\n\n# Prueba\n\n"


def fixture_site(
    folder: Path, page: str, *, copy_macros: bool = False, extra_config: str = ""
) -> Path:
    """A one-page site in `folder` using the real macros; returns its mkdocs.yml.

    With `copy_macros`, the macros package is copied (so a caller can edit its data)
    instead of linked. `extra_config` is appended to the configuration.
    """
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    if copy_macros:
        shutil.copytree(
            ROOT / "macros", folder / "macros", ignore=shutil.ignore_patterns("__pycache__")
        )
    else:
        (folder / "macros").symlink_to(ROOT / "macros")
    (folder / "mkdocs.yml").write_text(
        "site_name: Prueba\n"
        "validation:\n"
        "  links:\n"
        "    anchors: warn\n"
        "plugins:\n"
        "  - macros:\n"
        "      module_name: macros\n"
        "      on_error_fail: true\n"
        "      on_undefined: strict\n" + extra_config,
        encoding="utf-8",
    )
    return folder / "mkdocs.yml"


def live_reload_site(folder: Path) -> Path:
    """A site showing the TPU v3 table, with its own copy of the macros to edit.

    Set up as the project is for `mkdocs serve`: the macros are watched and reloaded on change.
    """
    return fixture_site(
        folder,
        FRONT_MATTER + '{{ tpu_comparison(["v3"]) }}\n',
        copy_macros=True,
        extra_config=f"watch: [macros]\nhooks: [{RELOAD_HOOK.as_posix()}]\n",
    )
