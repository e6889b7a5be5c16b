"""Markdown to HTML exactly as the site converts it: the extensions and settings of mkdocs.yml.

For tests that must show what a reader gets from a renderer's output without a whole build.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import markdown
from mkdocs.config import load_config

from tests.conftest import ROOT


@cache
def _settings() -> tuple[list[Any], dict[str, Any]]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def to_html(text: str) -> str:
    """Convert `text` with the site's Markdown extensions, as MkDocs does for a page."""
    extensions, configs = _settings()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
