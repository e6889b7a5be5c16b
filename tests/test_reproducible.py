"""Two builds of the same sources produce byte-identical sites, PDFs included."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import ROOT, run_build

# 2024-05-14 12:00:00 UTC: any fixed instant; the Makefile passes the last commit's time.
EPOCH = "1715688000"


@contextmanager
def source_date_epoch(value: str) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    with source_date_epoch(EPOCH):
        # Each build with a PDF cache of its own, empty: two fresh printings.
        first = run_build(ROOT / "mkdocs.yml", tmp_path / "first")
        second = run_build(ROOT / "mkdocs.yml", tmp_path / "second")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    for result in (first, second):
        assert re.search(r"PDFs: [1-9]\d* printed, 0 from the cache in", result.stderr)
    one, two = digests(tmp_path / "first"), digests(tmp_path / "second")
    assert len(one) > 20
    assert one.keys() == two.keys()
    differing = sorted(name for name in one if one[name] != two[name])
    assert not differing, f"files that differ between two builds: {differing}"
    # The dates come from SOURCE_DATE_EPOCH, not from the clock.
    sitemap = (tmp_path / "first" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2024-05-14</lastmod>" in sitemap
    # Each topic's PDF too (assets/hooks/pdf.py): Chromium's output differs only by its dates.
    assert "t3/apuntes-t3.pdf" in one
    metadata = PdfReader(tmp_path / "first" / "t3" / "apuntes-t3.pdf").metadata
    assert metadata is not None
    assert metadata.creation_date_raw == metadata.modification_date_raw == "D:20240514120000+00'00'"


def test_a_rebuild_from_the_pdf_cache_is_byte_identical(tmp_path: Path) -> None:
    cache = {"PDF_CACHE_DIR": str(tmp_path / "pdf-cache")}
    with source_date_epoch(EPOCH):
        first = run_build(ROOT / "mkdocs.yml", tmp_path / "first", env=cache)
        second = run_build(ROOT / "mkdocs.yml", tmp_path / "second", env=cache)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert re.search(r"PDFs: [1-9]\d* printed, 0 from the cache in", first.stderr)
    assert re.search(r"PDFs: 0 printed, [1-9]\d* from the cache in", second.stderr)
    assert digests(tmp_path / "first") == digests(tmp_path / "second")
