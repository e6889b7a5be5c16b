"""The redirects hook: old URLs (front matter `aliases`) lead to their page, collisions fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from assets.hooks.redirects import alias_output, target_url
from tests.conftest import ROOT, run_build


def test_an_alias_is_served_from_its_folder_and_points_back_relatively() -> None:
    assert alias_output("/docs/dl/t1/", "p.md") == "docs/dl/t1/index.html"
    assert alias_output("/docs/dl/t1", "p.md") == "docs/dl/t1/index.html"
    assert alias_output("/viejo/t1.html", "p.md") == "viejo/t1.html"
    assert target_url("docs/dl/t1/index.html", "dl/t1/") == "../../../dl/t1/"
    assert target_url("viejo/t1.html", "dl/t1/") == "../dl/t1/"
    assert target_url("docs/index.html", "") == "../"
    for bad in ("docs/dl/", "https://example.org/x/", "/docs/../../etc/"):
        with pytest.raises(
            PluginError, match=r"p\.md: alias .* is not a path from the site's root"
        ):
            alias_output(bad, "p.md")


def small_site(folder: Path, pages: dict[str, str]) -> Path:
    (folder / "docs").mkdir()
    for name, aliases in pages.items():
        (folder / "docs" / name).write_text(
            f"---\ntitle: {name}\naliases: {aliases}\n---\n\n# {name}\n", encoding="utf-8"
        )
    config = folder / "mkdocs.yml"
    config.write_text(
        f"site_name: Prueba\nhooks:\n  - {ROOT / 'assets' / 'hooks' / 'redirects.py'}\n",
        encoding="utf-8",
    )
    return config


def test_redirect_pages_are_written(tmp_path: Path) -> None:
    config = small_site(tmp_path, {"index.md": "[]", "nuevo.md": "['/viejo/', '/otro.html']"})
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "viejo" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../nuevo/">' in page
    assert '<link rel="canonical" href="../nuevo/">' in page
    assert 'location.replace("../nuevo/" + hash)' in page
    assert 'url=nuevo/"' in (tmp_path / "site" / "otro.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("pages", "message"),
    [
        (
            {"index.md": "[]", "a.md": "['/viejo/']", "b.md": "['/viejo/']"},
            "docs/b.md: alias /viejo/ is also an alias of docs/a.md; "
            "an old URL can lead to one page only",
        ),
        (
            {"index.md": "[]", "a.md": "['/b/']", "b.md": "[]"},
            "docs/a.md: alias /b/ is the address of docs/b.md; remove the alias or move that page",
        ),
        (
            {"index.md": "'viejo'"},
            "docs/index.md: alias 'viejo' is not a path from the site's root",
        ),
    ],
)
def test_colliding_or_bad_aliases_fail_the_build(
    tmp_path: Path, pages: dict[str, str], message: str
) -> None:
    result = run_build(small_site(tmp_path, pages), tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr
