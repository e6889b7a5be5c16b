"""Shared fixtures: one strict build of the real site per test session, and one Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The browser fixtures, shared by every module that drives Chromium.
from tests.chromium import browser, new_context, playwright, site_url  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def run_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on `config` into `site_dir`.

    Never with `-q`: MkDocs then drops the warnings and strict mode passes everything.
    """
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=config.parent,
        # Material's end-of-life banner is not a build warning; keep the output to the point.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly into a temporary folder; any warning fails the tests."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"strict build failed:\n{output}"
    assert "WARNING" not in output, f"build printed warnings:\n{output}"
    return site_dir


def fixture_site(
    tmp_path: Path, page: str, *, copy_macros: bool = False, extra_config: str = ""
) -> Path:
    """A one-page site in `tmp_path` using the real macros; returns its mkdocs.yml.

    With `copy_macros`, the macros package is copied (so a test can break its data)
    instead of linked. `extra_config` is appended to the configuration.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    if copy_macros:
        shutil.copytree(
            ROOT / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__")
        )
    else:
        (tmp_path / "macros").symlink_to(ROOT / "macros")
    (tmp_path / "mkdocs.yml").write_text(
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
    return tmp_path / "mkdocs.yml"
