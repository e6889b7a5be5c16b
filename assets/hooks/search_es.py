"""MkDocs hook: accent-insensitive, Spanish-stemmed search in Material's own search UI.

Material's search worker builds a lunr.js index in the browser. With `lang: es` it loads
lunr.es, but a query finds neither "núcleo" from `nucleo` (lunr compares accented letters
as they are) nor "Arquitectura" from `arquitecturas`: Material sends every word as a
trailing wildcard (`arquitecturas*`), and lunr runs no pipeline, so no stemmer, on
wildcard terms. This hook does two things:

1. Worker extension. The worker loads `lunr.es.min.js` from Material's assets with
   `importScripts`, and nothing else in it can be extended without overriding Material's
   templates. The hook appends `docs/assets/javascripts/search-es-worker.js` to that file
   in the built site (Material's package is not touched) and drops the extension's own
   copy. The extension folds the indexed words and stems the query words (see its header).
2. Word boundaries. Material's indexer joins the text of adjacent elements, so generated
   tables and diagrams (`<span>Lenguaje</span><span>Rapids</span>`, SVG `<text>`, cells
   split by `<br>`) reached the index as one word ("LenguajeRapids") that no query finds.
   Just before Material indexes a page, the hook puts a form feed between such elements;
   just after, it takes them out again, so the published HTML is unchanged. Pagefind, which
   answers the site's search box (search_pagefind.py), reads the page in between.

The worker extension (1.) serves Material's own lunr search, which the site uses when
search_pagefind.py is left out of `hooks:` (as the benchmark builds it, to compare).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# Material's Spanish lunr support, as published under the site (a theme file).
LUNR_ES = "assets/javascripts/lunr/min/lunr.es.min.js"
# The worker extension, under docs_dir; the hook publishes it inside LUNR_ES only.
WORKER_EXTENSION = "assets/javascripts/search-es-worker.js"
# Material registers its search plugin under this name (also when mkdocs.yml says `search`).
SEARCH_PLUGIN = "material/search"

# Whitespace for Python's str.isspace (Material's parser), JavaScript's \s (the worker's
# tokenizer) and HTML alike, and absent from real pages, so it can be removed exactly.
BOUNDARY = "\f"
# Whole <pre> blocks, whose code is a run of <span>s that must stay as it is; outside them,
# the end of an element that an opening tag follows directly, or a line break that a word
# follows directly. Three expressions without a Python callback per match: 166,000 matches
# at 200 pages took 0.3 s through one expression and a function.
PRE_BLOCK = re.compile(r"(<pre\b.*?</pre>)", re.IGNORECASE | re.DOTALL)
ADJACENT = re.compile(r"</[A-Za-z][^>]*>(?=<[A-Za-z])|<br\b[^>]*>(?=\S)", re.IGNORECASE)
# The same before a <pre> block, which starts where the text ends.
ADJACENT_BEFORE_PRE = re.compile(
    r"</[A-Za-z][^>]*>(?=<[A-Za-z]|\Z)|<br\b[^>]*>(?=\S|\Z)", re.IGNORECASE
)
OPENING_TAG = re.compile(r"<[A-Za-z]")


# -- Pure functions -------------------------------------------------------------------------------


def extend_lunr_es(lunr_es: str, extension: str) -> str:
    """Return Material's lunr.es script with the worker extension appended after it."""
    return f"{lunr_es.rstrip()}\n;\n{extension.strip()}\n"


def mark_boundaries(html: str) -> str:
    """Put BOUNDARY between adjacent elements and after line breaks, outside `<pre>`."""
    parts = PRE_BLOCK.split(html)  # text, a <pre> block, text, …
    for index in range(0, len(parts), 2):
        adjacent = ADJACENT_BEFORE_PRE if index + 1 < len(parts) else ADJACENT
        parts[index] = adjacent.sub(r"\g<0>" + BOUNDARY, parts[index])
    for index in range(1, len(parts), 2):
        if OPENING_TAG.match(parts[index + 1]):
            parts[index] += BOUNDARY
    return "".join(parts)


def unmark_boundaries(html: str) -> str:
    """Remove what mark_boundaries added."""
    return html.replace(BOUNDARY, "")


def check_search_config(config: MkDocsConfig) -> None:
    """Fail when the search plugin would never load lunr.es, and so the extension."""
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None or not search.config.enabled:
        return
    lang = search.config.lang
    if lang != ["es"]:
        raise PluginError(
            f"search_es: plugins.search.lang is {lang!r}; the Spanish search extension "
            f"needs exactly ['es'], because it runs inside lunr.es ({LUNR_ES})"
        )


# -- Events ---------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the search settings the extension relies on."""
    check_search_config(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Append the worker extension to Material's lunr.es and unpublish its own copy."""
    extension = files.get_file_from_path(WORKER_EXTENSION)
    if extension is None:
        raise PluginError(
            f"search_es: the worker extension {WORKER_EXTENSION!r} is missing from "
            f"{config.docs_dir!r}"
        )
    lunr_es = files.get_file_from_path(LUNR_ES)
    if lunr_es is None:
        raise PluginError(
            f"search_es: Material's {LUNR_ES!r} is not among the theme files; "
            "has mkdocs-material moved its lunr languages?"
        )
    lunr_es.content_string = extend_lunr_es(lunr_es.content_string, extension.content_string)
    files.remove(extension)
    return files


@event_priority(50)  # before Material's search plugin (priority 0) indexes the page
def _mark_before_indexing(context: Any, /, *, page: Page, **kwargs: Any) -> None:
    """Mark word boundaries in the page content that Material is about to index."""
    if page.content is None:
        return
    if BOUNDARY in page.content:
        raise PluginError(
            f"search_es: {page.file.src_uri!r} contains a form feed (\\f), which this hook "
            "uses to separate words for the search index; remove it from the page"
        )
    page.content = mark_boundaries(page.content)


@event_priority(-50)  # after Material's search plugin, before the page is rendered
def _unmark_after_indexing(context: Any, /, *, page: Page, **kwargs: Any) -> None:
    """Remove the word boundaries again, so the published page is unchanged."""
    if page.content is not None:
        page.content = unmark_boundaries(page.content)


on_page_context = CombinedEvent(_mark_before_indexing, _unmark_after_indexing)
