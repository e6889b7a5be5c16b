"""Snippets (`--8<--`) include files of docs/ only (assets/hooks/snippet_paths.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts.fixture_site import FRONT_MATTER, fixture_site
from tests.conftest import ROOT, run_build

HOOK = ROOT / "assets" / "hooks" / "snippet_paths.py"
# The project's own setting, which the hook makes absolute.
SNIPPETS = "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n"
FRAGMENT = "Texto del fragmento compartido.\n"
# The line of the snippet in the fixture page (FRONT_MATTER has 8 lines).
LINE = 9


def site(tmp_path: Path, line: str) -> Path:
    """A site whose index.md includes `line`, with docs/fragmento.txt to include."""
    (tmp_path / "secreto.txt").write_text("fuera de docs\n", encoding="utf-8")
    return fixture_site(
        tmp_path,
        FRONT_MATTER + line + "\n",
        hooks=[HOOK],
        extra_config=SNIPPETS,
        pages={"fragmento.txt": FRAGMENT, "sub/otro.txt": "Otro\n\nTexto de otro.\n"},
    )


def test_a_file_of_docs_is_included_wherever_mkdocs_runs(tmp_path: Path) -> None:
    config = site(tmp_path, '--8<-- "fragmento.txt"\n\n--8<-- "sub/otro.txt:3"')
    # Run from another folder: the snippets' base is the docs folder, not the working one.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<p>Texto del fragmento compartido.</p>" in page
    assert "<p>Texto de otro.</p>" in page
    assert "<p>Otro" not in page


@pytest.mark.parametrize(
    ("line", "missing"),
    [
        ('--8<-- "no-existe.md"', "no-existe.md"),
        # Beside docs/, in the checkout: the configuration, the macros, git's files.
        ('--8<-- "../secreto.txt"', "../secreto.txt"),
        ('--8<-- "mkdocs.yml"', "mkdocs.yml"),
        ('--8<-- "../mkdocs.yml"', "../mkdocs.yml"),
        ('--8<-- "/etc/passwd"', "/etc/passwd"),
        ("--8<--\n../secreto.txt\n--8<--", "../secreto.txt"),
    ],
    ids=["missing", "beside-docs", "checkout-root", "config", "absolute", "block-form"],
)
def test_a_snippet_outside_docs_or_missing_names_page_line_and_rule(
    tmp_path: Path, line: str, missing: str
) -> None:
    result = run_build(site(tmp_path, line), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    # In the block form, the path is on the line after the marker.
    at = f"docs/index.md:{LINE + line.count(chr(10)) // 2}"
    assert (
        f"{at}: snippet '{missing}' not found in docs/; a page may include files of docs/ "
        "only, by their path below docs/" in output
    ), output
    assert "Traceback" not in output
    assert "fuera de docs" not in output
