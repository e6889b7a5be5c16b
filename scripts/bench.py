"""Benchmark report (not a test): page weight, requests, Lighthouse scores, live-reload time.

Run with `make bench`. It builds the site strictly into a temporary folder (reporting how
long each topic's PDF took, as assets/hooks/pdf.py logs it), serves it on
127.0.0.1 as GitHub Pages does (under the path of site_url, text gzip-compressed), and loads
every page, the 404 page included, in Debian's Chromium with an empty cache, counting the
requests and the gzip bytes. Where Lighthouse is installed (`make bench` installs it on
demand under .cache/lighthouse), it adds the four Lighthouse scores (mobile preset, median
of three runs). Then it times `mkdocs serve` from saving the data module to the page
showing the new value. Last comes the scale report (scripts/bench_scale.py): generated
courses of ~100 and ~200 pages, their builds against plain Material, live reload and search.

    .venv/bin/python scripts/bench.py          # everything (`make bench`)
    .venv/bin/python scripts/bench.py --scale  # the scale report only (`make bench SCALE_ONLY=1`)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

# Run as a file, only scripts/ is on the path: the siblings are imported from the repository
# root as `scripts.x`, the names the tests use, so that each module has one name (mypy checks
# scripts/ and tests/ together).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.bench_scale import build_course, scale_report  # noqa: E402 - needs the path above
from scripts.fixture_site import live_reload_site  # noqa: E402
from scripts.serving import mkdocs_serve, pages_handler, serve, site_path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]


# What assets/hooks/pdf.py logs for each topic's PDF.
PDF_LOG = re.compile(r"PDF: (?P<path>\S+), (?P<what>.*), in (?P<seconds>[\d.]+) s")


def build(site: Path) -> tuple[float, str]:
    """Build the site strictly into `site`, without the PDF cache; the seconds and the log."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        # A cold build: every PDF printed, none from the cache (assets/hooks/pdf.py).
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PDF_CACHE": "off"},
    )
    return time.monotonic() - start, result.stderr


def pages(site: Path) -> list[str]:
    """URL paths of the site's pages."""
    found = []
    for index in sorted(site.rglob("index.html")):
        parts = index.parent.relative_to(site).parts
        if parts and parts[0] in {"404", "search", "assets"}:
            continue
        found.append("/" + "".join(f"{p}/" for p in parts))
    if (site / "404.html").is_file():
        found.append("/404.html")  # what a reader gets for a broken link (there, status 404)
    return found


def weigh(base: str, paths: list[str]) -> list[dict[str, Any]]:
    """Requests and bytes (raw, gzip) of a cold load of each page."""
    rows = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            sizes: list[tuple[str, int, int]] = []

            def on_response(response: Any, sizes: list[tuple[str, int, int]] = sizes) -> None:
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                    body = b""
                sizes.append((response.url, len(body), len(gzip.compress(body, 6))))

            page.on("response", on_response)
            page.goto(base + path, wait_until="networkidle")
            foreign = [u for u, _, _ in sizes if not u.startswith(base)]
            rows.append(
                {
                    "page": path,
                    "requests": len(sizes),
                    "raw_kib": sum(s[1] for s in sizes) / 1024,
                    "gzip_kib": sum(s[2] for s in sizes) / 1024,
                    "other_hosts": len(foreign),
                }
            )
            context.close()
        browser.close()
    return rows


METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lighthouse's performance score moves by a few points from run to run on the same page:
# each page is measured this many times and the median run is reported, with the range.
LIGHTHOUSE_RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))


def lighthouse_run(url: str) -> dict[str, Any] | None:
    """One Lighthouse run (mobile): the four scores and the main timings, or None on failure."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--only-categories=" + ",".join(CATEGORIES),
            f"--chrome-flags=--headless {' '.join(ARGS)}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=False,
    )
    if result.returncode != 0:
        return None
    found = json.loads(result.stdout)
    # A run that could not measure a category (Lighthouse's NO_FCP, a page that did not
    # paint in time on a busy machine) gives it a null score: that run does not count.
    if any(value["score"] is None for value in found["categories"].values()):
        return None
    run: dict[str, Any] = {
        key: round(value["score"] * 100) for key, value in found["categories"].items()
    }
    run["timings"] = ", ".join(
        f"{short} {found['audits'][key]['displayValue']}" for key, short in METRICS.items()
    )
    return run


def lighthouse_runs(url: str) -> list[dict[str, Any]]:
    """LIGHTHOUSE_RUNS runs that measured every category, by performance score."""
    runs = [run for run in (lighthouse_run(url) for _ in range(LIGHTHOUSE_RUNS)) if run]
    return sorted(runs, key=lambda run: int(run["performance"]))


def median_run(url: str) -> tuple[dict[str, Any], int, int, int] | str:
    """The median of LIGHTHOUSE_RUNS runs, the lowest and highest performance, the run count.

    Or why there is none: "not installed", "failed".
    """
    if not LIGHTHOUSE.exists():
        return "not installed"
    runs = lighthouse_runs(url)
    if not runs:
        return "failed"
    return runs[len(runs) // 2], runs[0]["performance"], runs[-1]["performance"], len(runs)


def lighthouse(url: str) -> str:
    """Scores and timings of the median of LIGHTHOUSE_RUNS runs, as two table cells."""
    found = median_run(url)
    if isinstance(found, str):
        return f"{found} | "
    median, low, high, count = found
    scores = "/".join(str(median[key]) for key in CATEGORIES)
    spread = f" (P {low}–{high} in {count} runs)" if count > 1 else ""
    return f"{scores}{spread} | {median['timings']}"


def live_reload_seconds(runs: int = 3) -> list[float]:
    """Seconds from saving a data edit to `mkdocs serve` serving the new value."""
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        live_reload_site(work)

        with mkdocs_serve(work) as url:

            def fetch() -> str:
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        return str(response.read().decode("utf-8"))
                except OSError:
                    return ""

            deadline = time.monotonic() + 60
            while "TPU v3" not in fetch() and time.monotonic() < deadline:
                time.sleep(0.05)
            data = work / "macros" / "data.py"
            name = "TPU v3"
            for run in range(runs):
                new = f"TPU v3 ({run})"
                text = data.read_text(encoding="utf-8").replace(f'name="{name}"', f'name="{new}"')
                start = time.monotonic()
                data.write_text(text, encoding="utf-8")
                while new not in fetch() and time.monotonic() - start < 30:
                    time.sleep(0.02)
                timings.append(time.monotonic() - start)
                name = new
                time.sleep(1)
    return timings


def main() -> None:
    """Print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="store_true", help="the scale report only")
    if parser.parse_args().scale:
        scale_report()
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        seconds, log = build(site)
        print(f"Strict build: {seconds:.2f} s")  # noqa: T201 - a report for the terminal
        for match in PDF_LOG.finditer(log):
            share = float(match["seconds"]) / seconds
            print(  # noqa: T201
                f"  of which PDF {match['path']} ({match['what']}): {match['seconds']} s, "
                f"{share:.0%} of the build"
            )
        # The floor, measured in the same run (Lighthouse's performance score moves with the
        # machine): the same pages' Markdown, as our macros and hooks leave it, built by
        # plain Material (scripts/bench_scale.py, a one-topic course is the site itself);
        # its printable page holds the sections' Markdown.
        floor_build = build_course(Path(tmp) / "floor", 1, printable_sections=True)
        floor = floor_build.site.parent / "floor-1"
        prefix, floor_prefix = site_path(site), site_path(floor)
        with (
            serve(site, pages_handler(prefix)) as url,
            serve(floor, pages_handler(floor_prefix)) as floor_url,
        ):
            report(site, url + prefix, floor_url + floor_prefix, floor)
    timings = live_reload_seconds()
    shown = ", ".join(f"{t:.2f}" for t in timings)
    print(f"\nLive reload, save to updated page (s): {shown}")  # noqa: T201
    scale_report()


def floor_performance(url: str) -> str:
    """Plain Material's performance score and blocking time on the same page, if it has it."""
    found = median_run(url)
    if isinstance(found, str):
        return found
    median, low, high, _ = found
    tbt = re.search(r"TBT [^,]+", median["timings"])
    return f"{median['performance']} ({low}–{high}), {tbt[0] if tbt else ''}"


def report(site: Path, base: str, floor_base: str, floor: Path) -> None:
    """Print the page table and the search index size for the site served at `base`.

    Each page is measured with Lighthouse on our site, then on plain Material's build of
    the same Markdown served at `floor_base` (the 404 page has no counterpart there).
    """
    rows = weigh(base, pages(site))
    print(  # noqa: T201
        "\n| Page | Requests | KiB raw | KiB gzip | Other hosts | Lighthouse P/A/BP/SEO, median "
        "| Its timings | Plain Material, same Markdown: P (range), TBT |"
    )
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")  # noqa: T201
    for row in rows:
        path = row["page"]
        target = floor / path.lstrip("/")
        exists = (target / "index.html").is_file() if path.endswith("/") else target.is_file()
        plain = floor_performance(floor_base + path) if exists and path != "/404.html" else "—"
        print(  # noqa: T201
            f"| {path} | {row['requests']} | {row['raw_kib']:.1f} "
            f"| {row['gzip_kib']:.1f} | {row['other_hosts']} | {lighthouse(base + path)} "
            f"| {plain} |"
        )
    for index in sorted((site / "search").glob("*.json")):
        raw, packed = index.stat().st_size / 1024, len(gzip.compress(index.read_bytes())) / 1024
        print(f"\nSearch index {index.name}: {raw:.1f} KiB raw, {packed:.1f} KiB gzip")  # noqa: T201


if __name__ == "__main__":
    main()
