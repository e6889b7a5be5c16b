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


# What `printable_topic()` leaves in a printable page's Markdown (macros/printable.py): the
# course hook fills it with the sections' HTML once they are rendered.
PRINTABLE_MARKER = 'data-course-printable="sections"'
PRINTABLE_VARIABLE = "CAPTURE_PRINTABLE_SECTIONS"


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    """A captured file's front matter and body."""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("---\n\n")
    meta = yaml.safe_load(head) or {}
    return (meta if isinstance(meta, dict) else {}), body


def on_post_build(config: MkDocsConfig) -> None:
    """With CAPTURE_PRINTABLE_SECTIONS set, a printable page holds its sections' Markdown.

    As plain Material would show a topic on one page: the same sections one after another,
    converted again (our build joins their HTML instead), in the order of their `weight`.
    The benchmark's Lighthouse floor sets it, to compare the same content; its build-time
    floor does not, so that the scale ratios keep their meaning (the post-macro Markdown).
    """
    if not os.environ.get(PRINTABLE_VARIABLE):
        return
    folder = capture_dir()
    for printable in sorted(folder.rglob("*.md")):
        meta, body = _front_matter(printable.read_text(encoding="utf-8"))
        if PRINTABLE_MARKER not in body:
            continue
        topic = printable.parent
        sections = []
        for path in sorted(topic.rglob("*.md")):
            if path in {printable, topic / "index.md"}:
                continue
            section_meta, section_body = _front_matter(path.read_text(encoding="utf-8"))
            if PRINTABLE_MARKER in section_body:
                continue
            weight = section_meta.get("weight")
            order = weight if isinstance(weight, int) else 0
            sections.append((order, str(section_meta.get("title", "")), section_body))
        joined = "\n\n".join(text for _, _, text in sorted(sections))
        lines = [line for line in body.splitlines() if PRINTABLE_MARKER not in line]
        text = "\n".join(lines) + "\n\n" + joined
        printable.write_text(page_source(text, meta), encoding="utf-8")
