"""MkDocs hook for the scale benchmark only: save each page's Markdown after macros and hooks.

The benchmark's floor is the Markdown our pages become once mkdocs-macros and the hooks have
run, built by plain Material. Listed last in `hooks:` of a benchmark configuration, this
writes that Markdown, with the page's front matter, to the folder named by the environment
variable CAPTURE_MARKDOWN_DIR, at the page's own path. It never runs in the site's own build.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

VARIABLE = "CAPTURE_MARKDOWN_DIR"


def capture_dir() -> Path:
    """The folder the Markdown goes to."""
    folder = os.environ.get(VARIABLE)
    if not folder:
        raise PluginError(f"capture_markdown: set {VARIABLE} to the folder to write pages to")
    return Path(folder)


def page_source(markdown: str, meta: dict[str, object]) -> str:
    """A Markdown file with `meta` as its front matter and `markdown` as its body."""
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) if meta else ""
    return f"---\n{head}---\n\n{markdown}" if head else markdown


@event_priority(-1000)  # after every other handler: mkdocs-macros and the hooks run first
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Write the page's final Markdown to the capture folder; leave the page unchanged."""
    target = capture_dir() / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_source(markdown, dict(page.meta)), encoding="utf-8")
    return markdown
