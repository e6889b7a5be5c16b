"""The persistent PDF cache (macros/pdf_cache.py, used by assets/hooks/pdf.py).

A rebuild takes an unchanged topic's PDF from the cache, byte for byte, without starting
Chromium; a change to what is printed (a section's text) or to a file the printing loads (a
stylesheet) prints it again; an entry that is partly written or does not match its record is
never served.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros import pdf_cache
from macros.pdf_cache import Entry, PdfCache
from tests.conftest import run_build
from tests.test_pdf import topic_site  # noqa: F401 - the small topic the PDF tests print

# -- The cache's entries ---------------------------------------------------------------------------

NAME = pdf_cache.key("a document")


@pytest.fixture
def cache(tmp_path: Path) -> PdfCache:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "pdf.css").write_text("@page { size: A4 }", encoding="utf-8")
    return PdfCache(folder=tmp_path / "cache", site=site)


def stored(cache: PdfCache) -> PdfCache:
    cache.store(NAME, Entry(b"%PDF-1.7 bytes", 3), ["assets/pdf.css", "assets/pdf.css"])
    return PdfCache(folder=cache.folder, site=cache.site)  # the next build's


def test_an_entry_is_read_back_with_its_bytes_and_pages(cache: PdfCache) -> None:
    later = stored(cache)
    assert later.load(NAME) == Entry(b"%PDF-1.7 bytes", 3)
    manifest = json.loads((cache.folder / f"{NAME}.json").read_text(encoding="utf-8"))
    css = hashlib.sha256(b"@page { size: A4 }").hexdigest()
    assert manifest == {
        "format": pdf_cache.FORMAT,
        "size": 14,
        "sha256": hashlib.sha256(b"%PDF-1.7 bytes").hexdigest(),
        "pages": 3,
        "loaded": {"assets/pdf.css": css},
    }


def test_the_key_takes_every_part_apart() -> None:
    assert pdf_cache.key("ab", "c") != pdf_cache.key("a", "bc")
    assert pdf_cache.key("a", b"b") == pdf_cache.key("a", "b")
    assert len(NAME) == 64


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / f"{NAME}.pdf").write_bytes(b"%PDF-1.7 byt"),  # cut short
        lambda folder: (folder / f"{NAME}.pdf").write_bytes(b"%PDF-1.7 BYTES"),  # other bytes
        lambda folder: (folder / f"{NAME}.pdf").unlink(),
        lambda folder: (folder / f"{NAME}.json").write_text('{"format": 1, "si', "utf-8"),
        lambda folder: (folder / f"{NAME}.json").write_text("[]", "utf-8"),
        lambda folder: (folder / f"{NAME}.json").unlink(),
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_written_afresh(cache: PdfCache, damage: object) -> None:
    stored(cache)
    damage(cache.folder)  # type: ignore[operator]
    later = PdfCache(folder=cache.folder, site=cache.site)
    assert later.load(NAME) is None
    stored(later)
    assert PdfCache(folder=cache.folder, site=cache.site).load(NAME) == Entry(b"%PDF-1.7 bytes", 3)


def test_a_changed_or_missing_file_that_the_printing_loaded_is_a_miss(cache: PdfCache) -> None:
    later = stored(cache)
    (cache.site / "assets" / "pdf.css").write_text("@page { size: A5 }", encoding="utf-8")
    assert later.load(NAME) is None
    (cache.site / "assets" / "pdf.css").unlink()
    assert PdfCache(folder=cache.folder, site=cache.site).load(NAME) is None


def test_the_entries_a_build_did_not_use_are_removed(cache: PdfCache) -> None:
    later = stored(cache)
    other = pdf_cache.key("another document")
    later.store(other, Entry(b"%PDF other", 1), [])
    (cache.folder / f"{other}.pdf.x1y2.tmp").write_bytes(b"half")  # a build that stopped
    (cache.folder / "README").write_text("not ours", encoding="utf-8")
    following = PdfCache(folder=cache.folder, site=cache.site)
    assert following.load(other) is not None
    following.prune()
    assert sorted(p.name for p in cache.folder.iterdir()) == sorted(
        ["README", f"{other}.json", f"{other}.pdf"]
    )


# -- Builds ----------------------------------------------------------------------------------------

# Answers `--version` as Chromium does, and fails if the build tries to start it.
NO_LAUNCH = '#!/bin/sh\n[ "$1" = --version ] && exec /usr/bin/chromium --version\nexit 1\n'


def build(config: Path, site: Path, cache: Path, **env: str) -> str:
    # Dated as `make build` dates them (the PDF's dates are set after the cache, each build).
    settings = {"PDF_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": "1715688000", **env}
    result = run_build(config, site, env=settings)
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "WARNING" not in output, output
    return output


@pytest.mark.browser
def test_a_rebuild_takes_the_pdf_from_the_cache_without_chromium(
    topic_site: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    cache = tmp_path / "pdf-cache"
    first = build(topic_site, tmp_path / "first", cache)
    assert "PDFs: 1 printed, 0 from the cache in" in first
    fake = tmp_path / "no-launch-chromium"
    fake.write_text(NO_LAUNCH, encoding="utf-8")
    fake.chmod(0o755)
    second = build(topic_site, tmp_path / "second", cache, CHROMIUM=str(fake))
    assert "PDF: t/apuntes-t.pdf, 3 pages, " in second and ", from the cache" in second
    assert "PDFs: 0 printed, 1 from the cache in" in second
    for path in ("t/apuntes-t.pdf", "t/index.html"):  # the landing page links it as before
        assert (tmp_path / "second" / path).read_bytes() == (tmp_path / "first" / path).read_bytes()
    # The fake really stops a printing: without the cache, the build fails.
    result = run_build(topic_site, tmp_path / "third", env={"CHROMIUM": str(fake)})
    assert result.returncode != 0 and "did not start" in result.stderr


@pytest.mark.browser
def test_a_changed_section_or_stylesheet_is_printed_again(
    topic_site: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    cache = tmp_path / "pdf-cache"
    docs = topic_site.parent / "docs"
    build(topic_site, tmp_path / "site", cache)
    section = docs / "t" / "a.md"
    section.write_text(
        section.read_text(encoding="utf-8").replace("Texto de A", "Texto nuevo de A"), "utf-8"
    )
    changed = build(topic_site, tmp_path / "site", cache)
    assert "PDFs: 1 printed, 0 from the cache in" in changed
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "site/t/apuntes-t.pdf").pages)
    assert "Texto nuevo de A" in text
    # The home page is not printed (the landing page's first paragraph is: the cover's).
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nBienvenida.\n", encoding="utf-8")
    assert "PDFs: 0 printed, 1 from the cache in" in build(topic_site, tmp_path / "site", cache)
    # The landing page's first paragraph: the cover's description, not on the printed page.
    landing = docs / "t" / "index.md"
    landing.write_text(
        landing.read_text(encoding="utf-8").replace("Texto del tema.", "Otro tema."), "utf-8"
    )
    assert "PDFs: 1 printed, 0 from the cache in" in build(topic_site, tmp_path / "site", cache)
    cover = PdfReader(tmp_path / "site/t/apuntes-t.pdf").pages[0].extract_text()
    assert "Otro tema." in cover and "Texto del tema." not in cover
    # The PDF's stylesheet, a file the printing loads from the site.
    stylesheet = docs / "assets" / "stylesheets" / "pdf.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\nh1 { color: #123 }\n")
    assert "PDFs: 1 printed, 0 from the cache in" in build(topic_site, tmp_path / "site", cache)
    # Each build keeps only the entry it used.
    assert len(list(cache.glob("*.pdf"))) == 1
    shutil.rmtree(cache)
    assert "PDFs: 1 printed, 0 from the cache in" in build(topic_site, tmp_path / "site", cache)
