"""Debian's headless Chromium for every browser test: one Playwright driver and one browser.

Playwright's sync API allows one driver per thread, so the driver and the browser are session
fixtures shared by all test modules (conftest.py registers them). Chromium comes from Debian
(`CHROMIUM`, default /usr/bin/chromium): Playwright's own browser download does not work here.
A missing browser fails the tests instead of skipping them, so a broken CI cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Playwright, Route, sync_playwright

from assets.hooks.pdf import CHROMIUM_ARGS  # one list: the flags that keep Chromium offline
from scripts.serving import serve

TIMEOUT_MS = 15_000


def is_local(url: str, site_url: str) -> bool:
    """Whether `url` is served by the test server (or needs no server: data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return f"{parts.scheme}://{parts.netloc}" == site_url


def abort(route: Route) -> None:
    """Block a request to another host."""
    route.abort("blockedbyclient")


def open_context(browser: Browser, site_url: str, **options: Any) -> BrowserContext:
    """A fresh context (Spanish, light palette unless told) that never leaves `site_url`."""
    options.setdefault("color_scheme", "light")
    options.setdefault("locale", "es-ES")
    context = browser.new_context(base_url=site_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    # Requests to other hosts are blocked here; tests that record them see them fail.
    context.route(lambda url: not is_local(url, site_url), abort)
    return context


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, on a free port; yields its base URL."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver for the whole session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium; fails (never skips) when it is missing or does not start."""
    executable = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not executable.is_file():
        pytest.fail(
            f"Chromium not found at {executable}: install it (`sudo apt-get install chromium`) "
            "or point the CHROMIUM environment variable at it",
            pytrace=False,
        )
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Error as error:
        pytest.fail(f"Chromium at {executable} did not start: {error}", pytrace=False)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def new_context(browser: Browser, site_url: str) -> Iterator[Callable[..., BrowserContext]]:
    """Factory of fresh contexts on the built site (no shared storage); closes them after."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = open_context(browser, site_url, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
