"""Small sites built on the real macros, for the tests and the benchmark."""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELOAD_HOOK = ROOT / "assets" / "hooks" / "reload_macros.py"
# The course model (navigation, lists, printable pages): every site of the project has it.
COURSE_HOOK = ROOT / "assets" / "hooks" / "course.py"
FRONT_MATTER = "---\ntitle: Prueba\nweight: 1\ndescription: Prueba.\n---\n\n# Prueba\n\n"


def fixture_site(
    folder: Path,
    page: str,
    *,
    copy_macros: bool = False,
    extra_config: str = "",
    hooks: Sequence[Path] = (),
    pages: Mapping[str, str] | None = None,
) -> Path:
    """A small site in `folder` using the real macros and course hook; returns its mkdocs.yml.

    `page` is docs/index.md; `pages` adds more (path in docs/ → text). With `copy_macros`, the
    macros package is copied (so a caller can edit its data) instead of linked. `hooks` come
    before the course hook; `extra_config` is appended to the configuration.
    """
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    for name, text in (pages or {}).items():
        (folder / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / name).write_text(text, encoding="utf-8")
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
        "      on_undefined: strict\n"
        f"hooks: [{', '.join(h.as_posix() for h in [*hooks, COURSE_HOOK])}]\n" + extra_config,
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
        extra_config="watch: [macros]\n",
        hooks=[RELOAD_HOOK],
    )


def project_site(folder: Path, *, copy_macros: bool = False) -> Path:
    """A copy of the real site in `folder` (pages and configuration), to edit; its mkdocs.yml.

    The theme overrides and hooks are linked; the macros package is linked or, with
    `copy_macros`, copied so a caller can edit its data.
    """
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "assets").symlink_to(ROOT / "assets")
    if copy_macros:
        shutil.copytree(
            ROOT / "macros", folder / "macros", ignore=shutil.ignore_patterns("__pycache__")
        )
    else:
        (folder / "macros").symlink_to(ROOT / "macros")
    return folder / "mkdocs.yml"
