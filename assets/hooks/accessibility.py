"""MkDocs hook: small accessibility fixes to Material's HTML that its templates do not offer.

Material's search overlay is a `role="dialog"` without an accessible name (axe-core's
`aria-dialog-name`). Overriding the whole `partials/search.html` template to add one
attribute would mean keeping a copy of it in step with every Material release, so the
attribute is added to the rendered page instead, and the build fails if Material changes
the markup this relies on.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_DIALOG = SEARCH_DIALOG.replace('role="dialog">', 'role="dialog" aria-label="Búsqueda">')


def name_search_dialog(output: str, source: str, config: MkDocsConfig) -> str:
    """`output` with the search dialog named; `source` names the page in the error."""
    if not any(name.split("/")[-1] == "search" for name in config.plugins):
        return output  # Material registers its plugin as "material/search"
    if SEARCH_DIALOG not in output:
        raise PluginError(
            f"assets/hooks/accessibility.py: {source}: Material's search dialog "
            f"markup changed; expected {SEARCH_DIALOG!r}"
        )
    return output.replace(SEARCH_DIALOG, NAMED_DIALOG, 1)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Give the search dialog of each page an accessible name."""
    return name_search_dialog(output, page.file.src_path, config)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for the 404 page, which MkDocs renders from a template, not from a page."""
    if template_name != "404.html":
        return output_content
    return name_search_dialog(output_content, template_name, config)
