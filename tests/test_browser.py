"""The built site in headless Chromium: every page loads cleanly and offline, and the UI works.

The browser and the served site are the shared fixtures of tests/chromium.py.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Response,
    expect,
)
from pypdf import PdfReader

from macros import data
from macros.questions import generate
from macros.records import FactQuestion
from scripts.serving import pages_handler, serve, site_path
from tests.chromium import is_local, open_context

pytestmark = pytest.mark.browser

# Built folders that are not pages: the 404 page, the search index and the theme assets.
NOT_PAGES = {"404", "search", "assets"}
TPU_PAGE = "/t3/computacion-acelerada/"
PRINTABLE_PAGE = "/t3/imprimir/"
PHONE = {"width": 360, "height": 740}

# The outermost elements that stick out past the viewport, for the failure message. Skips what
# scrolls inside its own wrapper and fixed elements (they follow the viewport, not the content).
OVERFLOW_JS = """(limit) => {
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + [...el.classList].map((c) => "." + c).join("");
    const contained = (el) => {
        for (let p = el; p && p !== document.body; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (style.position === "fixed") return true;
            if (p !== el && ["auto", "scroll", "hidden"].includes(style.overflowX)) return true;
        }
        return false;
    };
    const wide = new Set([...document.body.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > limit && !contained(el)));
    return [...wide]
        .filter((el) => !wide.has(el.parentElement))
        .slice(0, 8)
        .map((el) => name(el) + " right=" + Math.round(el.getBoundingClientRect().right));
}"""


# -- Fixtures -------------------------------------------------------------------------------------


PREFIX = "/pr-preview/pr-7"


@pytest.fixture(scope="session")
def prefixed_site_url(built_site: Path) -> Iterator[str]:
    """The built site served under PREFIX, on another free port; yields the prefixed URL."""
    with serve(built_site, pages_handler(PREFIX)) as url:
        yield url + PREFIX


@pytest.fixture(scope="session")
def pages_site_url(built_site: Path) -> Iterator[str]:
    """The built site served as GitHub Pages serves it; yields its URL.

    Under the path of its site_url: the 404 page links its assets from there.
    """
    prefix = site_path(built_site)
    with serve(built_site, pages_handler(prefix)) as url:
        yield url + prefix


@pytest.fixture(scope="session")
def page_paths(built_site: Path) -> list[str]:
    """URL path of every page in the built site, found from its `index.html` files."""
    paths = []
    for index in sorted(built_site.rglob("index.html")):
        folder = index.parent.relative_to(built_site)
        if folder.parts and folder.parts[0] in NOT_PAGES:
            continue
        paths.append("/" if not folder.parts else f"/{folder.as_posix()}/")
    assert paths, f"no index.html pages found in {built_site}"
    return paths


# -- One recorded visit per page ------------------------------------------------------------------


@dataclass
class Visit:
    """What happened while one page loaded in a fresh browser context."""

    path: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    lang: str | None = None
    h1_texts: list[str] = field(default_factory=list)
    h1_visible: bool = False

    def problems(self) -> dict[str, list[str]]:
        """The non-empty lists of errors, by kind."""
        kinds = {
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "failed requests": self.failed_requests,
            "responses >= 400": self.error_responses,
            "requests to other hosts": self.foreign_requests,
        }
        return {kind: items for kind, items in kinds.items() if items}


def record(page: Page, path: str, site_url: str) -> Visit:
    """Attach listeners to `page` that record every error and foreign request into a `Visit`."""
    visit = Visit(path)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            visit.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_request(request: Request) -> None:
        if not is_local(request.url, site_url):
            visit.foreign_requests.append(f"{request.method} {request.url}")

    def on_request_failed(request: Request) -> None:
        # A request the page's own navigation cancels (a reload while the favicon is still
        # loading, on a busy machine) fails with ERR_ABORTED: that is the browser, not the
        # site. A missing file answers 404 (error_responses); foreign requests are reported
        # (and blocked) above.
        if request.failure == "net::ERR_ABORTED":
            return
        if is_local(request.url, site_url):
            visit.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and is_local(response.url, site_url):
            visit.error_responses.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return visit


def report(failures: dict[str, Any]) -> str:
    """Failures by page path, one block per page, for assertion messages."""
    lines = []
    for path, detail in failures.items():
        lines.append(f"{path}:")
        if isinstance(detail, dict):
            for kind, items in detail.items():
                lines.append(f"  {kind}:")
                lines.extend(f"    - {item}" for item in items)
        else:
            lines.append(f"  {detail}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def visits(browser: Browser, site_url: str, page_paths: list[str]) -> dict[str, Visit]:
    """Every page loaded once in its own fresh context, up to network idle."""
    results: dict[str, Visit] = {}
    for path in page_paths:
        context = open_context(browser, site_url)
        try:
            page = context.new_page()
            visit = record(page, path, site_url)
            try:
                page.goto(path, wait_until="load")
                page.wait_for_load_state("networkidle")
            except Error as error:
                visit.page_errors.append(f"navigation failed: {error}")
            else:
                visit.lang = page.locator("html").get_attribute("lang")
                headings = page.locator("article h1")
                visit.h1_texts = [text.strip() for text in headings.all_inner_texts()]
                visit.h1_visible = headings.count() == 1 and headings.first.is_visible()
            results[path] = visit
        finally:
            context.close()
    return results


# -- Tests ----------------------------------------------------------------------------------------


def test_pages_are_discovered(page_paths: list[str]) -> None:
    assert "/" in page_paths, f"home page missing from {page_paths}"
    assert TPU_PAGE in page_paths, f"{TPU_PAGE} missing from {page_paths}"


def test_pages_load_without_errors_or_other_hosts(visits: dict[str, Visit]) -> None:
    """No console error, page error, failed request, HTTP error, nor request to another host."""
    failures = {path: visit.problems() for path, visit in visits.items() if visit.problems()}
    assert not failures, "pages with errors or requests to other hosts:\n" + report(failures)


def test_pages_show_one_h1_and_are_in_spanish(visits: dict[str, Visit]) -> None:
    failures: dict[str, Any] = {}
    for path, visit in visits.items():
        problems = []
        if visit.lang != "es":
            problems.append(f'<html lang="{visit.lang}">, expected "es"')
        if not visit.h1_visible or not all(visit.h1_texts):
            problems.append(
                f"expected one visible, non-empty <h1> in the article: {visit.h1_texts}"
            )
        if problems:
            failures[path] = "; ".join(problems)
    assert not failures, "pages without their H1 or Spanish lang:\n" + report(failures)


def test_tpu_page_shows_generated_comparison_table(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context().new_page()
    page.goto(TPU_PAGE)
    tables = page.locator("article table")
    # Text content, not inner text: tables far below the fold are not rendered until the
    # reader scrolls near them (content-visibility), and have no inner text until then.
    headers = [" ".join(text.split()) for text in tables.locator("thead").all_text_contents()]
    matches = [i for i, text in enumerate(headers) if "TPU v2" in text and "TPU v3" in text]
    assert matches, f"no table on {TPU_PAGE} with 'TPU v2' and 'TPU v3' in its header: {headers}"
    table = tables.nth(matches[0])
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    expect(table.locator("thead")).to_contain_text("TPU v3")
    assert table.locator("tbody tr").count() > 0, f"the TPU table on {TPU_PAGE} has no rows"


def test_dark_mode_toggle_is_remembered(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    page = new_context().new_page()
    page.goto("/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    light_background = body.evaluate("el => getComputedStyle(el).backgroundColor")

    page.locator('.md-header label[for="__palette_1"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_function(
        "light => getComputedStyle(document.body).backgroundColor !== light", arg=light_background
    )

    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    other = next(path for path in page_paths if path != "/")
    page.goto(other)
    expect(body, f"dark mode not kept on {other}").to_have_attribute(
        "data-md-color-scheme", "slate"
    )

    page.locator('.md-header label[for="__palette_0"]').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# Records, from the first byte of the page, every change of the body's palette attributes
# and whether the article had been read when it happened.
PALETTE_CHANGES_JS = """
    window.__palette_changes = [];
    new MutationObserver((records) => {
        for (const record of records) {
            if (record.target !== document.body) continue;
            window.__palette_changes.push({
                name: record.attributeName,
                value: document.body.getAttribute(record.attributeName),
                afterContent: !!document.querySelector("article"),
            });
        }
    }).observe(document, {subtree: true, attributes: true});
"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_is_set_before_the_content_and_left_alone_while_the_page_starts(
    new_context: Callable[..., BrowserContext], system: str
) -> None:
    # Material's palette component restyled every page three times as it started, to apply
    # the palette the page already had: half of the start-up's style work. The header's own
    # script sets the palette before the content is read, and nothing touches it afterwards.
    context = new_context(color_scheme=system)
    context.add_init_script(PALETTE_CHANGES_JS)
    page = context.new_page()
    scheme = {"light": "default", "dark": "slate"}[system]
    for visit in ("first", "next"):
        page.goto(TPU_PAGE, wait_until="networkidle")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        changes = page.evaluate("window.__palette_changes")
        late = [c for c in changes if c["afterContent"] or c["name"] == "data-md-color-switching"]
        assert not late, f"{visit} visit: the palette changed while the page started: {late}"
        if system == "dark" and visit == "first":  # the system's choice, taken before the content
            assert {
                "name": "data-md-color-scheme",
                "value": "slate",
                "afterContent": False,
            } in changes
        # The toggle offers the other palette; the browser's own colours follow this one.
        other = {"default": "Cambiar a modo oscuro", "slate": "Cambiar a modo claro"}[scheme]
        expect(page.locator(".md-header label[for^=__palette]:visible")).to_have_attribute(
            "title", other
        )
        expect(page.locator("meta[name=color-scheme]")).to_have_attribute(
            "content", {"default": "light", "slate": "dark"}[scheme]
        )
        header = page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        red, green, blue = (int(c) for c in re.findall(r"\d+", header)[:3])
        expect(page.locator("meta[name=theme-color]")).to_have_attribute(
            "content", f"#{red:02x}{green:02x}{blue:02x}"
        )

    # The keyboard switches too: Enter on the toggle, as in Material.
    page.locator(".md-header input[name=__palette]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", {"default": "slate", "slate": "default"}[scheme]
    )
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")


def test_search_finds_tpu_under_t3(
    new_context: Callable[..., BrowserContext], site_url: str
) -> None:
    page = new_context().new_page()
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: opens search and focuses the query box.
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    query.press_sequentially("TPU")

    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    first_link = results.first.locator("a").first.evaluate("a => a.href")
    assert urlsplit(first_link).path.startswith("/t3/"), (
        f"first search result for 'TPU' is {first_link}, expected a page under {site_url}/t3/"
    )


def test_no_page_overflows_a_phone_screen(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    """Tables may scroll inside their own wrapper; the page itself must fit 360 px."""
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    limit = PHONE["width"] + 1
    failures: dict[str, Any] = {}
    for path in page_paths:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > limit:
            culprits = page.evaluate(OVERFLOW_JS, limit)
            failures[path] = f"scrollWidth {width} > {limit}; wide elements: {culprits}"
    assert not failures, f"pages wider than a {PHONE['width']} px phone:\n" + report(failures)


def test_site_works_unchanged_under_a_sub_path(
    browser: Browser, prefixed_site_url: str, page_paths: list[str]
) -> None:
    """Every page, asset and the search work when the site lives under /pr-preview/pr-7/."""
    origin = prefixed_site_url.removesuffix(PREFIX)
    context = open_context(browser, origin)
    try:
        page = context.new_page()
        failures: dict[str, Any] = {}
        for path in page_paths:
            visit = record(page, path, origin)
            page.goto(prefixed_site_url + path, wait_until="networkidle")
            outside = [
                url for url in visit.error_responses + visit.failed_requests if PREFIX not in url
            ]
            if visit.problems() or outside:
                failures[path] = visit.problems() or {"outside the prefix": outside}
            page.close()
            page = context.new_page()
        assert not failures, f"pages broken under {PREFIX}/:\n" + report(failures)

        page.goto(prefixed_site_url + "/", wait_until="networkidle")
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("TPU")
        first = page.locator(".md-search-result__item").first
        expect(first).to_be_visible()
        href = first.locator("a").first.evaluate("a => a.href")
        assert urlsplit(href).path.startswith(PREFIX + "/t3/"), href

        # Instant navigation keeps the prefix too.
        page.goto(prefixed_site_url + "/", wait_until="networkidle")
        page.locator("article a[href*='t3/']").first.click()
        page.wait_for_url(f"**{PREFIX}/t3/**")
        expect(page.locator("article h1")).to_be_visible()
    finally:
        context.close()


# Contrast of every text element of the generated figures against the page background,
# computed in the browser (WCAG relative luminance). Returns the failures.
FIGURE_CONTRAST_JS = """() => {
    const rgb = (css) => (css.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
        const f = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
    };
    const background = rgb(getComputedStyle(document.body).backgroundColor);
    const bad = [];
    for (const figure of document.querySelectorAll("figure.course-figure")) {
        const name = figure.getAttribute("aria-labelledby");
        const caption = name && document.getElementById(name);
        if (!caption || !caption.textContent.trim()) bad.push(figure.id + ": no accessible name");
        const texts = "text, .course-stack__label, .course-flow__action";
        for (const el of figure.querySelectorAll(texts)) {
            const style = getComputedStyle(el);
            const color = rgb(el.tagName === "text" ? style.fill : style.color);
            if (ratio(color, background) < 3) bad.push(figure.id + ": " + el.textContent.trim());
        }
    }
    return [document.querySelectorAll("figure.course-figure").length, bad];
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_figures_are_readable_in_both_palettes(
    new_context: Callable[..., BrowserContext], page_paths: list[str], scheme: str
) -> None:
    page = new_context().new_page()
    total = 0
    failures: dict[str, Any] = {}
    for path in page_paths:
        page.goto(path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        count, bad = page.evaluate(FIGURE_CONTRAST_JS)
        total += count
        if bad:
            failures[path] = bad[:10]
    assert total >= 10, f"expected the generated figures on the pages, found {total}"
    assert not failures, f"figure text without contrast in '{scheme}':\n" + report(failures)


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_accessibility_violation(
    new_context: Callable[..., BrowserContext], page_paths: list[str], scheme: str
) -> None:
    """axe-core (WCAG 2.x A and AA rules, plus best practices) on every page, in both palettes."""
    page = new_context().new_page()
    failures: dict[str, Any] = {}
    for path in page_paths:
        page.goto(path, wait_until="networkidle")
        violations = axe_violations(page, scheme)
        if violations:
            failures[path] = violations
    assert not failures, f"axe-core violations in '{scheme}':\n" + report(failures)


def axe_violations(page: Page, scheme: str) -> list[str]:
    """axe-core's violations on the loaded `page` shown in the palette `scheme`."""
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `make install` (package.json pins it)")
    # Switch the palette without Material's colour transitions, which axe would otherwise
    # measure half-way.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.add_script_tag(path=str(AXE))
    violations: list[str] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ')).join(' | ')}`)"
    )
    return violations


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_missing_address_shows_a_spanish_not_found_page(
    browser: Browser, pages_site_url: str, scheme: str
) -> None:
    """Status 404, Spanish text, a way home, nothing broken, nothing for axe to report."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(pages_site_url))
    context = open_context(browser, origin)
    try:
        page = context.new_page()
        missing = f"{pages_site_url}/t3/no-existe/"
        visit = record(page, missing, origin)
        response = page.goto(missing, wait_until="networkidle")
        assert response is not None and response.status == 404, response
        # The page's own 404 (and Chromium's console line about it) is the point.
        visit.error_responses.remove(f"404 {missing}")
        visit.console_errors = [e for e in visit.console_errors if f"({missing})" not in e]
        assert not visit.problems(), visit.problems()
        assert page.locator("html").get_attribute("lang") == "es"
        expect(page.locator("article h1")).to_have_text("Página no encontrada")
        violations = axe_violations(page, scheme)
        assert not violations, f"axe-core violations in '{scheme}': {violations}"
        page.get_by_role("link", name="Vuelve al inicio").click()
        page.wait_for_url(f"{pages_site_url}/")
        expect(page.locator("article h1")).to_be_visible()
    finally:
        context.close()


BUDGET_KIB = 80  # gzip, cold load, for a page with neither math nor figures


def cold_load(context: BrowserContext, path: str) -> list[tuple[str, int]]:
    """(url, gzip size) of every response of a cold load of `path`, up to network idle."""
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def on_response(response: Response) -> None:
        try:
            body = response.body()
        except Error:  # a redirect has no body
            body = b""
        sizes.append((response.url, len(gzip.compress(body, 6))))

    page.on("response", on_response)
    page.goto(path, wait_until="networkidle")
    page.close()
    return sizes


def test_search_files_load_only_when_the_reader_searches(
    new_context: Callable[..., BrowserContext],
) -> None:
    def is_search_file(url: str) -> bool:
        return any(part in url for part in ("search_index.json", "/workers/search.", "/pagefind/"))

    context = new_context()
    loaded = [url for url, _ in cold_load(context, "/")]
    search_files = [u for u in loaded if is_search_file(u)]
    assert not search_files, f"search loaded before the reader searched: {search_files}"
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("TPU")
    # The whole answer: the results' teasers come from Pagefind's fragments.
    expect(page.locator(".md-search-result__article > p").first).to_be_visible()
    assert any("search_index.json" in u for u in requested), requested
    # Pagefind answers (assets/hooks/search_pagefind.py): Material's lunr worker is not needed.
    assert any(u.endswith("/pagefind/pagefind.js") for u in requested), requested
    assert any("/pagefind/fragment/" in u for u in requested), requested
    assert not any("/workers/search." in u or "/lunr/" in u for u in requested), requested


def test_pages_without_math_or_figures_stay_under_the_byte_budget(
    new_context: Callable[..., BrowserContext], page_paths: list[str], built_site: Path
) -> None:
    measured: dict[str, float] = {}
    for path in page_paths:
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if "course-figure" in html or 'class="katex' in html:
            continue
        measured[path] = sum(size for _, size in cold_load(new_context(), path)) / 1024
    assert len(measured) >= 3, f"expected pages without figures or math, got {measured}"
    over = {path: f"{kib:.1f} KiB" for path, kib in measured.items() if kib > BUDGET_KIB}
    assert not over, f"pages over {BUDGET_KIB} KiB gzip on a cold load: {over}"


def test_wide_tables_keep_their_first_column_in_view_on_a_phone(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    # Scrolled to its right end, every table wider than the phone still shows each row's
    # label at its left edge, on top of the other cells.
    page = new_context(viewport=PHONE).new_page()
    checked, hidden = 0, {}
    for path in page_paths:
        page.goto(path, wait_until="networkidle")
        found = page.evaluate(
            """() => [...document.querySelectorAll("article .md-typeset__scrollwrap")]
                .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
                .map((wrap) => {
                    wrap.scrollIntoView({block: "center"});
                    wrap.scrollLeft = wrap.scrollWidth;
                    const left = wrap.getBoundingClientRect().left;
                    const middle = (cell) => {
                        const box = cell.getBoundingClientRect();
                        return box.top + box.height / 2;
                    };
                    // The rows on screen (a long table may not fit it whole).
                    const rows = [...wrap.querySelectorAll("tr > :first-child")].filter(
                        (cell) => middle(cell) > 60 && middle(cell) < innerHeight);
                    const lost = rows.filter((cell) => {
                        const box = cell.getBoundingClientRect();
                        const x = box.left + box.width / 2;
                        const seen = document.elementFromPoint(x, middle(cell));
                        return box.left < left - 1 || !cell.contains(seen);
                    });
                    if (!rows.length) lost.push("no row on screen");
                    return lost.map((cell) => cell.textContent?.trim().slice(0, 30) ?? cell);
                })"""
        )
        checked += len(found)
        lost = [label for table in found for label in table]
        if lost:
            hidden[path] = lost[:5]
    assert checked >= 5, f"expected tables wider than a phone, found {checked}"
    assert not hidden, "row labels scrolled out of view:\n" + report(hidden)


def test_figures_and_tables_are_rendered_lazily_after_material_starts(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    # Lighthouse's performance score of the long pages rests on this: Material's start-up
    # restyles the whole page several times, and off-screen figures and tables must not take
    # part. Checked once Material has moved the tables into its scroll wrappers, which once
    # made a `figure:has(> table)` rule stop matching.
    page = new_context().new_page()
    checked, eager = 0, {}
    for path in page_paths:
        page.goto(path, wait_until="networkidle")
        found = page.evaluate(
            """() => {
                const figures = [...document.querySelectorAll(
                    "article .course-figure, article figure")].filter(
                    (f) => f.matches(".course-figure") || f.querySelector("table"));
                if (document.querySelector("article table")
                        && !document.querySelector("article .md-typeset__scrollwrap table")) {
                    return {count: -1, eager: ["Material did not wrap the tables"]};
                }
                return {
                    count: figures.length,
                    eager: figures
                        .filter((f) => getComputedStyle(f).contentVisibility !== "auto")
                        .map((f) => f.id || f.className || f.tagName),
                };
            }"""
        )
        checked += max(found["count"], 0)
        if found["eager"]:
            eager[path] = found["eager"]
    assert checked >= 20, f"expected figures and tables to check, found {checked}"
    assert not eager, "figures or tables rendered eagerly:\n" + report(eager)


def test_a_malformed_address_fragment_breaks_nothing(
    new_context: Callable[..., BrowserContext], site_url: str
) -> None:
    page = new_context().new_page()
    visit = record(page, "/t3/frameworks/", site_url)
    page.goto("/t3/frameworks/#%E0%A4%A", wait_until="networkidle")
    assert not visit.problems(), visit.problems()
    # course.js went on with the rest of its work: the tables are named after their captions.
    assert page.locator("article table[aria-labelledby]").count() >= 5


# Makes Chromium behave like a browser without scroll anchoring (Safari, at the time of
# writing): nothing compensates when content above the viewport changes height.
WITHOUT_SCROLL_ANCHORING = """
    const supports = CSS.supports.bind(CSS);
    CSS.supports = (...args) => !String(args[0]).startsWith("overflow-anchor") && supports(...args);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("* { overflow-anchor: none !important; }");
    document.adoptedStyleSheets = [sheet];
"""


# True once the heading `id` and the scroll position have not moved for SETTLED_FRAMES
# animation frames in a row: the tables near it have rendered and nothing scrolls any more.
# Counted in frames, not milliseconds, so a busy machine waits longer instead of failing.
SETTLED_FRAMES = 20
SETTLED_JS = """([id, frames]) => {
    const heading = document.getElementById(id);
    if (!heading) return false;
    const now = `${heading.getBoundingClientRect().top} ${scrollX} ${scrollY}`;
    const state = (window.__settled ??= {id, last: null, same: 0});
    if (state.id !== id) Object.assign(state, {id, last: null, same: 0});
    state.same = now === state.last ? state.same + 1 : 0;
    state.last = now;
    return state.same >= frames;
}"""


def wait_until_settled(page: Page, anchor: str) -> None:
    """Wait, frame by frame, until the heading `anchor` stays where it is, as a reader sees it."""
    page.evaluate("delete window.__settled")
    page.wait_for_function(SETTLED_JS, arg=[anchor, SETTLED_FRAMES], polling="raf")


def heading_offsets(
    page: Page, anchors: list[str], follow: Callable[[str], None]
) -> dict[str, str]:
    """Where each heading ends up after `follow` opens its link: those not under the header."""
    misplaced = {}
    for anchor in anchors:
        follow(anchor)
        wait_until_settled(page, anchor)
        header = page.evaluate("document.querySelector('.md-header').offsetHeight")
        top = page.evaluate(f"document.getElementById('{anchor}').getBoundingClientRect().top")
        if not header <= top <= header + 40:
            misplaced[anchor] = f"top {top:.0f} px, header {header} px"
    return misplaced


@pytest.mark.parametrize("anchoring", [True, False], ids=["scroll-anchoring", "no-anchoring"])
def test_links_to_a_heading_below_lazy_tables_land_on_it(
    new_context: Callable[..., BrowserContext], anchoring: bool
) -> None:
    # Tables not yet rendered hold an estimated height (content-visibility): a link to a
    # heading far below them must still put that heading just under the fixed header,
    # whether the link is opened as an address (phone) or clicked in the table of contents.
    phone = new_context(viewport=PHONE)
    desktop = new_context(viewport={"width": 1280, "height": 800})
    if not anchoring:
        phone.add_init_script(WITHOUT_SCROLL_ANCHORING)
        desktop.add_init_script(WITHOUT_SCROLL_ANCHORING)
    page = phone.new_page()
    page.goto(PRINTABLE_PAGE, wait_until="networkidle")
    assert page.evaluate("CSS.supports('overflow-anchor', 'auto')") is anchoring
    anchors = page.evaluate(
        """() => [...document.querySelectorAll("article :is(h2, h3, h4)[id]")]
            .slice(-4).map((h) => h.id)"""
    )
    assert len(anchors) == 4, anchors

    def open_address(anchor: str) -> None:
        page.goto("about:blank")  # a fresh load, as from a link on another site
        page.goto(f"{PRINTABLE_PAGE}#{anchor}", wait_until="networkidle")

    opened = heading_offsets(page, anchors, open_address)
    assert not opened, f"opened links that miss their heading: {opened}"

    page = desktop.new_page()

    def click_in_contents(anchor: str) -> None:
        page.goto(PRINTABLE_PAGE, wait_until="networkidle")
        page.locator(f".md-sidebar--secondary a[href$='#{anchor}']").click()

    clicked = heading_offsets(page, anchors, click_in_contents)
    assert not clicked, f"clicked links that miss their heading: {clicked}"


# The external links of the running text, which print their address after them (the
# sources lines and captions do not, to stay short).
PRINTED_ADDRESS_LINKS_JS = """[...document.querySelectorAll("article p a[href^='http']")]
    .filter((a) => !a.closest("figcaption, .course-sources"))"""

# The width of the printed text on A4: 210 mm less Material's 25 mm page margins, in CSS px.
PAPER_TEXT_WIDTH = round((210 - 2 * 25) / 25.4 * 96)

# Content elements that end past the right edge of the article: on paper they are cut off.
PAST_THE_EDGE_JS = """() => {
    const edge = document.querySelector("article").getBoundingClientRect().right + 1;
    const name = (el) => el.tagName.toLowerCase() + " " + el.textContent.trim().slice(0, 30);
    return [...document.querySelectorAll(
        "article :is(p, li, th, td, figcaption, svg, img, pre, h1, h2, h3, h4, h5, h6)")]
        .filter((el) => el.getBoundingClientRect().right > edge)
        .slice(0, 5)
        .map((el) => name(el) + " right=" + Math.round(el.getBoundingClientRect().right));
}"""


def test_printed_pages_fit_the_paper_and_leave_the_navigation_out(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    page = new_context(viewport={"width": PAPER_TEXT_WIDTH, "height": 1000}).new_page()
    page.emulate_media(media="print")
    failures: dict[str, Any] = {}
    for path in page_paths:
        page.goto(path, wait_until="networkidle")
        problems = page.evaluate(PAST_THE_EDGE_JS)
        shown = page.evaluate(
            """() => [".md-header", ".md-sidebar", ".md-footer", ".md-content__button"]
                .filter((s) => [...document.querySelectorAll(s)].some(
                    (el) => el.getClientRects().length > 0))"""
        )
        if shown:
            problems.append(f"navigation printed: {shown}")
        addresses = page.evaluate(
            f"""() => {PRINTED_ADDRESS_LINKS_JS}
                .map((a) => [a.href, getComputedStyle(a, "::after").content])"""
        )
        problems += [f"{href} prints as {after}" for href, after in addresses if href not in after]
        if problems:
            failures[path] = problems
    assert not failures, "pages that do not print well:\n" + report(failures)


def test_printable_topic_prints_every_table_figure_and_link_address(
    new_context: Callable[..., BrowserContext],
) -> None:
    # Chromium prints the page to PDF, as a student saving it would; pypdf reads the text back.
    page = new_context().new_page()
    page.goto(PRINTABLE_PAGE, wait_until="networkidle")
    expected = page.evaluate(
        """() => {
            const article = document.querySelector("article");
            const link = """
        + PRINTED_ADDRESS_LINKS_JS
        + """[0];
            return {
                captions: [...article.querySelectorAll("figcaption")].map(
                    (c) => c.textContent.trim()),
                // The last header cell of every tab: only the first tab shows on screen.
                tabs: [...article.querySelectorAll(".tabbed-block")].map(
                    (b) => [...b.querySelectorAll("th")].at(-1)?.textContent.trim()),
                link: link?.href,
            };
        }"""
    )
    assert len(expected["captions"]) >= 20, expected["captions"]
    assert len(expected["tabs"]) >= 2 and all(expected["tabs"]), expected["tabs"]
    assert expected["link"], "no external link in the printable page's text"

    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    words = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    packed = words.replace(" ", "")  # long addresses and captions break across lines

    missing = [c for c in expected["captions"] if c.replace(" ", "") not in packed]
    assert not missing, f"figure or table captions missing on paper: {missing}"
    missing = [t for t in expected["tabs"] if t not in words]
    assert not missing, f"hidden tabs missing on paper: {missing}"
    assert expected["link"].replace(" ", "") in packed, f"{expected['link']} not printed"
    shown = [
        text
        for text in ("Saltar a contenido", "Apuntes de Deep Learning", "Anterior", "Siguiente")
        if text in words
    ]
    assert not shown, f"navigation printed: {shown}"


def test_every_table_has_a_header_row_and_an_accessible_name(
    new_context: Callable[..., BrowserContext], page_paths: list[str]
) -> None:
    page = new_context().new_page()
    failures: dict[str, Any] = {}
    for path in page_paths:
        page.goto(path, wait_until="networkidle")
        problems = page.evaluate(
            """() => [...document.querySelectorAll("article table")].flatMap((table, i) => {
                const id = table.getAttribute("aria-labelledby");
                const name = id && document.getElementById(id)?.textContent.trim();
                const out = [];
                if (!table.querySelector("thead th")) out.push(`table ${i + 1}: no header row`);
                if (!name) out.push(`table ${i + 1}: no accessible name`);
                return out;
            })"""
        )
        if problems:
            failures[path] = problems
    assert not failures, "tables without header row or name:\n" + report(failures)


def test_keyboard_alone_reaches_content_search_and_other_pages(
    new_context: Callable[..., BrowserContext],
) -> None:
    """Skip link first, visible focus, search by keyboard, a page opened with Enter."""
    page = new_context().new_page()
    page.goto("/", wait_until="networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Saltar a contenido", f"first Tab stop is {first!r}, not the skip link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    box = page.evaluate("document.activeElement.getBoundingClientRect().width")
    assert outline != "none" or box > 0, "the focused skip link is not visible"

    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#"), "the skip link did not move"
    # Material's instant navigation answers the jump by fetching and drawing the page again,
    # which drops the focus; course.js then gives it to the heading the skip link points at.
    # Wait for that, as a reader's next Tab comes after the page is drawn; the Tab must then
    # land in the content.
    page.wait_for_function(
        "document.activeElement === document.getElementById(location.hash.slice(1))"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), (
        "after the skip link, Tab does not reach the content: "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    )

    # Tab on until the link to the T3 topic in the navigation, then open it with Enter.
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.rstrip("/").endswith("t3") and page.evaluate(
            "!!document.activeElement.closest('article')"
        ):
            break
    else:
        pytest.fail("no link to the T3 topic reachable with Tab from the home page content")
    page.keyboard.press("Enter")
    page.wait_for_url("**/t3/**")
    expect(page.locator("article h1")).to_contain_text("T3.")

    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("keras")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/t3/frameworks/**")


# -- Self-check questions ---------------------------------------------------------------------

QUIZ_PAGE = "/t3/frameworks/"


def correct_option(key: str) -> str:
    """The text of the right option of a question of the data module, as the page shows it."""
    question = data.QUESTIONS[key]
    if isinstance(question, FactQuestion):
        shown = generate(question, data.FACT_COLLECTIONS[question.collection])
        return shown.options[shown.answer]
    return question.answer


def saved_answers(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "Object.keys(localStorage).filter((key) => key.includes('__self_check'))"
    )
    return sorted(keys)


def test_self_check_checks_answers_keeps_them_and_forgets_them(
    new_context: Callable[..., BrowserContext], site_url: str
) -> None:
    page = new_context().new_page()
    visit = record(page, QUIZ_PAGE, site_url)
    page.goto(QUIZ_PAGE, wait_until="networkidle")
    right = page.locator("#autoevaluacion-framework-declarative")
    wrong = page.locator("#autoevaluacion-tf-graph")
    right_button = right.get_by_role("button", name="Comprobar")
    expect(right_button).to_be_visible()
    expect(right.locator("details.course-answer")).to_be_hidden()  # the verdict shows it

    # One right answer, with the mouse on its label.
    right.get_by_text(correct_option("framework-declarative"), exact=True).click()
    right_button.click()
    expect(right_button).to_be_focused()
    feedback = right.locator(".course-question__feedback")
    expect(feedback).to_have_attribute("aria-live", "polite")
    expect(feedback).to_contain_text("Correcto.")
    assert feedback.inner_text().startswith("Correcto.")
    table = feedback.get_by_role("link", name="Tabla 3.1")
    assert table.evaluate("a => new URL(a.href).pathname + new URL(a.href).hash") == (
        f"{QUIZ_PAGE}#tab-frameworks"
    )
    expect(page.locator("#tab-frameworks figcaption")).to_contain_text("Tabla 3.1.")

    # One wrong answer, with the keyboard alone: the arrow picks the second option.
    wrong.locator("input[type=radio]").first.focus()
    page.keyboard.press("ArrowDown")
    expect(wrong.locator("input[type=radio]").nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    expect(wrong.get_by_role("button", name="Comprobar")).to_be_focused()
    page.keyboard.press("Enter")
    wrong_feedback = wrong.locator(".course-question__feedback")
    expect(wrong_feedback).to_contain_text(
        f"Incorrecto. La respuesta correcta es «{correct_option('tf-graph')}»."
    )
    assert wrong_feedback.inner_text().startswith("Incorrecto.")
    score = page.locator(".course-self-check__score")
    expect(score).to_have_text("Has comprobado 2 de 4 preguntas y has acertado 1.")
    assert saved_answers(page) == [
        "/.__self_check.t3/frameworks.md.framework-declarative",
        "/.__self_check.t3/frameworks.md.tf-graph",
    ]

    # The link of the explanation leads to where the notes explain it.
    link = wrong_feedback.get_by_role("link", name="«Modelo Computacional de TensorFlow»")
    link.click()
    page.wait_for_url(f"**{QUIZ_PAGE}#modelo-computacional-de-tensorflow")
    expect(page.locator("#modelo-computacional-de-tensorflow")).to_be_in_viewport()

    # Kept after a reload: the choices and the verdicts.
    page.reload(wait_until="networkidle")
    expect(right.locator("input:checked + label")).to_have_text(
        correct_option("framework-declarative")
    )
    expect(feedback).to_contain_text("Correcto.")
    expect(wrong_feedback).to_contain_text("Incorrecto.")
    expect(score).to_have_text("Has comprobado 2 de 4 preguntas y has acertado 1.")

    for scheme in ("default", "slate"):
        violations = axe_violations(page, scheme)
        assert not violations, f"axe-core violations in '{scheme}' with answers: {violations}"
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")

    # Forgotten on request, and after the next reload too.
    reset = page.get_by_role("button", name="Borrar mis respuestas")
    reset.click()
    expect(reset).to_be_focused()
    expect(page.locator(".course-self-check__status")).to_have_text(
        "Se han borrado tus respuestas de esta página."
    )
    expect(page.locator(".course-self-check input:checked")).to_have_count(0)
    expect(feedback).to_be_empty()
    expect(score).to_have_text("Has comprobado 0 de 4 preguntas y has acertado 0.")
    assert saved_answers(page) == []
    page.reload(wait_until="networkidle")
    expect(page.locator(".course-self-check input:checked")).to_have_count(0)
    assert not visit.problems(), visit.problems()


def test_self_check_without_javascript_keeps_each_solution_folded_under_its_question(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(QUIZ_PAGE)
    question = page.locator("#autoevaluacion-tf-graph")
    expect(question.locator("legend")).to_contain_text("¿qué representan los nodos")
    expect(question.locator("input[type=radio]")).to_have_count(4)
    expect(page.get_by_role("button", name="Comprobar")).to_have_count(0)  # hidden: no role
    expect(page.get_by_role("button", name="Borrar mis respuestas")).to_have_count(0)
    solution = question.locator("details.course-answer")
    expect(solution).to_be_visible()
    expect(solution).not_to_have_attribute("open", "")
    choice = solution.locator(".course-answer__choice")
    expect(choice).to_be_hidden()
    solution.locator("summary").click()  # the browser opens it: no script needed
    expect(choice).to_have_text(f"La respuesta correcta es «{correct_option('tf-graph')}».")


def test_question_code_loads_only_on_pages_with_questions(
    new_context: Callable[..., BrowserContext], page_paths: list[str], built_site: Path
) -> None:
    wrong: dict[str, str] = {}
    with_questions = 0
    for path in page_paths:
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        has = (
            re.search(r'<section class="course-self-check"[^>]* data-self-check=', html) is not None
        )
        with_questions += has
        loaded = any("self-check.js" in url for url, _ in cold_load(new_context(), path))
        if loaded != has:
            wrong[path] = "loads self-check.js without questions" if loaded else "no script"
    assert with_questions == 3, with_questions
    assert not wrong, "question code on the wrong pages:\n" + report(wrong)

    # Instant navigation from a page without questions to one with them loads it then.
    page = new_context().new_page()
    page.goto("/t3/", wait_until="networkidle")
    page.locator("article a[href$='frameworks/']").first.click()
    page.wait_for_url(f"**{QUIZ_PAGE}")
    expect(page.get_by_role("button", name="Comprobar").first).to_be_attached()
    expect(page.locator(".course-self-check[data-ready]")).to_have_count(1)


def test_printable_topic_prints_the_solutions_at_its_end(
    new_context: Callable[..., BrowserContext],
) -> None:
    page = new_context().new_page()
    page.goto(PRINTABLE_PAGE, wait_until="networkidle")
    expect(page.locator("article details.course-answer")).to_have_count(0)
    expect(page.get_by_role("button", name="Comprobar")).to_have_count(0)  # nothing to check
    expect(page.locator("article h2").last).to_have_text("Soluciones¶")
    count = len(data.QUESTIONS)
    expect(page.locator("article .course-solutions__list > li")).to_have_count(count)
    # A question's link leads to its solution, and the solution's link back to it.
    page.get_by_role("link", name="Solución al final del tema").first.click()
    page.wait_for_url("**#soluciones-frameworks-autoevaluacion-framework-declarative")
    solution = page.locator("#soluciones-frameworks-autoevaluacion-framework-declarative")
    expect(solution).to_contain_text(
        f"La respuesta correcta es «{correct_option('framework-declarative')}»."
    )

    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    words = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    last_question = words.rindex("¿Pueden hoy las deepnets de BigML")
    solutions = words.rindex("Soluciones")
    assert last_question < solutions, "the solutions are not after the last question"
    answers = [m.start() for m in re.finditer("La respuesta correcta es", words)]
    assert len(answers) == count and answers[0] > solutions, "a solution printed mid-topic"
