"""Shared fixtures: one strict build of the real site per test session, and one Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

# The browser fixtures, shared by every module that drives Chromium.
from tests.chromium import browser, new_context, playwright, site_url  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def run_build(
    config: Path, site_dir: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on `config` into `site_dir`, with `env` added.

    Never with `-q`: MkDocs then drops the warnings and strict mode passes everything. The
    PDFs are printed afresh (a PDF cache of the build's own, beside `site_dir`), unless
    `env` names another PDF_CACHE_DIR.
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
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "PDF_CACHE_DIR": f"{site_dir}-pdf-cache",
            **(env or {}),
        },
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
