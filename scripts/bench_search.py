"""Measure the site search: index size and the first result of each query, per variant.

Builds the site twice (`mkdocs build --strict`): as configured, and without the hook
assets/hooks/search_es.py. The variants are derived from those builds, since they differ
only in files the browser reads: the `config` of search_index.json and Material's
lunr.es.min.js (with or without the worker extension). Each query goes through Material's
search box in Debian's headless Chromium; "first" is the result that Enter opens.

    .venv/bin/python scripts/bench_search.py                 # every variant, default queries
    .venv/bin/python scripts/bench_search.py -v site nucleo  # one variant, one query
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import Browser, sync_playwright

# Run as a file, only scripts/ is on the path: the siblings are imported from the repository
# root as `scripts.x`, the names the tests use, so that each module has one name (mypy checks
# scripts/ and tests/ together).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.serving import serve  # noqa: E402 - needs the path above

ROOT = Path(__file__).resolve().parent.parent
INDEX = Path("search/search_index.json")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERIES = [
    "TPU",
    "nucleo",
    "núcleo",
    "computacion",
    "arquitecturas",
    "ventajas",
    "MXU",
    "Rapids",
    "tensorflow hub",
    "numpy",
    "keras",
    "redes",
    "evaluacion",
    "cpu",
    "gpu",
    "placeholder",
    "eigen",
    "hadoop",
    "xyzzyqx",
]
# Material's defaults for `lang: es` (es.html has no separator or pipeline; en.html's apply).
MATERIAL_SEPARATOR = r"[\s\-]+"
MATERIAL_PIPELINE = ("stemmer", "stopWordFilter", "trimmer")
HOOK = "assets/hooks/search_es.py"
PLACEHOLDERS = {"Inicializando búsqueda", "Teclee para comenzar búsqueda", ""}


def set_index_config(site: Path, **changes: Any) -> None:
    """Change keys of the `config` object of the built search index."""
    path = site / INDEX
    data = json.loads(path.read_text(encoding="utf-8"))
    data["config"].update(changes)
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


def material_default(site: Path) -> None:
    """Material as configured before: `lang: es` only."""
    set_index_config(site, separator=MATERIAL_SEPARATOR, pipeline=["stopWordFilter"])


def material_stemmer(site: Path) -> None:
    """Material's settings only: lunr.es stemmer and trimmer put back in the pipeline."""
    set_index_config(site, separator=MATERIAL_SEPARATOR, pipeline=list(MATERIAL_PIPELINE))


def as_built(site: Path) -> None:
    """The build as it is."""


# Variant name: (build, change to the built files).
VARIANTS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "material": ("bare", material_default),
    "material+stemmer": ("bare", material_stemmer),
    "separator": ("bare", as_built),
    "site": ("site", as_built),
}


def search(browser: Browser, base_url: str, query: str) -> dict[str, Any]:
    """Search for `query` through Material's `?q=` deep link; return the count and first result."""
    context = browser.new_context(base_url=base_url, locale="es-ES")
    try:
        page = context.new_page()
        # A deep link sends one query, so no results for a partly typed query arrive late.
        page.goto(f"/?q={quote(query)}", wait_until="networkidle")
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "([el, skip]) => !skip.includes(el.textContent.trim())",
            arg=[meta.element_handle(), sorted(PLACEHOLDERS)],
        )
        first = page.locator(".md-search-result__item").first
        links: list[tuple[float, str]] = []
        if first.count():
            for link in first.locator("a").all():
                score = link.locator("article").get_attribute("data-md-score") or "0"
                links.append((float(score), link.evaluate("a => a.href")))
        # Enter opens the best-scored link of the first item, the first one on a tie.
        best = max(links, key=lambda link: link[0], default=(0.0, ""))[1]
        parts = urlsplit(best)
        return {
            "meta": meta.inner_text().strip(),
            "first": parts.path + (f"#{parts.fragment}" if parts.fragment else ""),
            "h": parse_qs(parts.query).get("h", [""])[0],
        }
    finally:
        context.close()


def sizes(site: Path) -> tuple[int, int]:
    """Raw and gzip-compressed bytes of the search index."""
    raw = (site / INDEX).read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=9))


def build(site: Path, *, hook: bool) -> None:
    """Build the site strictly into `site`, with or without the search hook."""
    config = ROOT / "mkdocs.yml"
    if not hook:
        # Relative paths in the config resolve against its folder: the copy stays in ROOT.
        lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
        bare = [line for line in lines if line.strip() != f"- {HOOK}"]
        if len(bare) != len(lines) - 1:
            raise SystemExit(f"{config}: no hooks entry '- {HOOK}' to leave out")
        config = ROOT / ".bench_search.yml"
        config.write_text("".join(bare), encoding="utf-8")
    try:
        # Never `-q`: MkDocs then drops the warnings, and strict mode passes everything. The
        # log is kept out of the report and shown if the build fails.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"]
            + ["-f", str(config), "-d", str(site)],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"{config}: the strict build failed (exit {result.returncode})")
    finally:
        if not hook:
            config.unlink()


def out(line: str) -> None:
    """Write one line of the report to standard output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    """Build, derive the variants, run the queries and print one table per variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--variant", action="append", choices=sorted(VARIANTS))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args()

    names = args.variant or list(VARIANTS)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        builds = {build_name for build_name, _ in (VARIANTS[name] for name in names)}
        for build_name in sorted(builds):
            build(Path(tmp) / f"build-{build_name}", hook=build_name == "site")
        browser = driver.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        for name in names:
            build_name, change = VARIANTS[name]
            site = Path(tmp) / name
            shutil.copytree(Path(tmp) / f"build-{build_name}", site)
            change(site)
            raw, packed = sizes(site)
            out(f"\n== {name}: search_index.json {raw} B raw, {packed} B gzip")
            with serve(site) as url:
                for query in args.queries:
                    result = search(browser, url, query)
                    out(f"{query!r:18} {result['meta']:28} {result['first']}  h={result['h']!r}")
        browser.close()


if __name__ == "__main__":
    main()
