"""MkDocs hook: a page includes files of docs/ only, and a missing one is a one-line error.

pymdownx.snippets (`--8<-- "file.md"`) reads files relative to its `base_path`, by default
the directory MkDocs runs in: the checkout, with mkdocs.yml, the macros and `.git/`. Here it
is the docs folder, as an absolute path (so that `mkdocs -f` from elsewhere finds the same
files), and snippets may not leave it. A snippet that is missing or outside docs/ makes
pymdownx raise `SnippetMissingError` from inside MkDocs' Markdown conversion, which MkDocs
prints as a traceback; this hook runs the same preprocessor first, on each page that has a
snippet line, and turns that error into one naming the page, the line and the rule.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.snippets import SnippetMissingError

EXTENSION = "pymdownx.snippets"
# Every snippet line holds this marker (`--8<--`, with any number of dashes).
MARKER = "8<-"
RULE = "a page may include files of docs/ only, by their path below docs/"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Snippets resolve against the docs folder and may not leave it."""
    if EXTENSION in config.markdown_extensions:
        options = config.mdx_configs.setdefault(EXTENSION, {})
        options["base_path"] = [config.docs_dir]
        options["restrict_base_path"] = True
        options["check_paths"] = True
    return config


def _line_of(page: Page, missing: str) -> str:
    """`:N` for the first line of the page's file that names the missing snippet, if any."""
    source = Path(page.file.abs_src_path or "")
    if not source.is_file() or not missing:
        return ""
    for number, line in enumerate(source.read_text(encoding="utf-8-sig").splitlines(), 1):
        # `--8<-- "path"`, or the path alone on a line of a block between two markers.
        if (MARKER in line and missing in line) or line.strip() == missing:
            return f":{number}"
    return ""


# After mkdocs-macros (priority 0 and above), on the Markdown MkDocs is about to convert.
@event_priority(-100)
def on_page_markdown(markdown_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fail with the page and line when a snippet is missing or outside docs/."""
    if EXTENSION not in config.markdown_extensions or MARKER not in markdown_text:
        return markdown_text
    converter = markdown.Markdown(
        extensions=[EXTENSION], extension_configs={EXTENSION: config.mdx_configs[EXTENSION]}
    )
    try:
        converter.preprocessors["snippet"].run(markdown_text.split("\n"))
    except SnippetMissingError as error:
        missing = str(error).partition("'")[2].rpartition("'")[0]
        where = f"docs/{page.file.src_uri}{_line_of(page, missing)}"
        raise PluginError(
            f"{where}: snippet '{missing}' not found in docs/; {RULE} (--8<-- \"t3/fragment.txt\")"
        ) from None
    return markdown_text
