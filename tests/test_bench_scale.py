"""The scale report (scripts/bench_scale.py) reads the rounds it ran, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import bench_scale
from scripts.bench_scale import Build, Size


def size(pages: int, scale: float) -> Size:
    """Three rounds: floors of 10, 12 and 11 s; cold builds with 20 s of PDFs."""
    return Size(
        topics=pages // 6,
        pages=pages,
        # The capture build, much slower than any round: never in the report's numbers.
        capture=Build(500.0, pdfs=16, pdf_seconds=20.0),
        builds=[
            Build(scale * 31.0, pdfs=16, pdf_seconds=20.0),
            Build(scale * 34.0, pdfs=16, pdf_seconds=20.0),
            Build(scale * 32.0, pdfs=16, pdf_seconds=20.0),
        ],
        floors=[scale * 10.0, scale * 12.0, scale * 11.0],
        site=Path("site"),
        warms=[
            Build(scale * 11.0, cached=16, pdf_seconds=1.0, cpu=scale * 13.0),
            Build(scale * 13.0, cached=16, pdf_seconds=1.0, cpu=scale * 12.0),
            Build(scale * 12.0, cached=16, pdf_seconds=1.0, cpu=scale * 11.0),
        ],
        floor_cpus=[scale * 10.0, scale * 12.0, scale * 11.0],
    )


def test_the_build_table_gives_each_round_s_ratio_to_its_own_floor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    small = size(98, 1.0)
    assert small.cold_ratios == pytest.approx([11 / 10, 14 / 12, 12 / 11])
    bench_scale.print_builds([small, size(196, 2.0)])
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| 98 |")]
    assert rows == [
        "| 98 | 32.0 | 20.0 (16 topics) | 11.0 | 2.91× | 1.10× (1.09–1.17) | 327 ms "
        "| 12.0 (16 PDFs from the cache) | 1.00× (1.00–1.00) | 1.00× (1.00–1.30) |"
    ]
