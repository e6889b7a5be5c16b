"""MkDocs hook: publish a robots.txt that points crawlers at the sitemap.

The sitemap's address depends on `site_url`, which differs between the deployed site and
each pull-request preview, so the file is written at build time instead of kept in docs/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fail the build without `site_url`: the sitemap, canonical links and robots.txt need it."""
    if not config.site_url:
        raise PluginError(
            "mkdocs.yml: 'site_url' is not set; the sitemap, each page's canonical link and "
            "robots.txt need the site's address (set it, or the SITE_URL environment variable)"
        )
    return config


def on_post_build(config: MkDocsConfig) -> None:
    """Write site/robots.txt allowing everything and naming the sitemap."""
    site_url = config.site_url or ""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    Path(config.site_dir, "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
