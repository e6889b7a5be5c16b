"""Images and other files that pages use: found as Hugo finds them, copied beside the pages.

Hugo looks for a file named by a page (an image, a cast, a PDF) next to the page (a page
bundle), then among the site's resources (`assets/`), then among its static files
(`static/`), the theme's last. A file found is copied into the topic, at the same place
relative to the pages when it was next to them and at its path below `assets/` or
`static/` otherwise, and the page links to the copy.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import HugoImportError
from .site import HugoSite


def is_remote(target: str) -> bool:
    """Whether a link or image points to another host (`https:`, `//host`, `mailto:`…)."""
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//")


@dataclass
class Files:
    """The files the import copies: target (below the topic folder) → source."""

    site: HugoSite
    section: Path
    copies: dict[str, Path] = field(default_factory=dict)

    def find(self, target: str, page_file: Path, page_url: str) -> str | None:
        """The copy's path below the topic folder, or None when Hugo would not find the file."""
        path = unquote(urlsplit(target).path)
        if not path or is_remote(target):
            return None
        for source, where in self._candidates(path, page_file, page_url):
            if source.is_file():
                return self._copy(source.resolve(), where)
        return None

    def _candidates(self, path: str, page_file: Path, page_url: str) -> list[tuple[Path, str]]:
        candidates: list[tuple[Path, str]] = []
        clean = path.lstrip("/")
        if not path.startswith("/"):
            candidates.append((page_file.parent / path, "page"))
            url_path = posixpath.normpath(posixpath.join(page_url, path)).lstrip("/")
            candidates += [(folder / url_path, "site") for folder in self.site.static_dirs]
        candidates += [(folder / clean, "site") for folder in self.site.asset_dirs]
        candidates += [(folder / clean, "site") for folder in self.site.static_dirs]
        candidates.append((self.site.content / clean, "page"))
        return candidates

    def _copy(self, source: Path, where: str) -> str:
        section = self.section.resolve()
        if where == "page" and source.is_relative_to(section):
            target = source.relative_to(section).as_posix()
        else:
            target = self._site_relative(source)
        known = self.copies.get(target)
        if known is not None and known != source:
            raise HugoImportError(
                f"{source}: would be copied to the same place as {known} ({target}); rename one"
            )
        self.copies[target] = source
        return target

    def _site_relative(self, source: Path) -> str:
        for folder in (*self.site.asset_dirs, *self.site.static_dirs, self.site.content):
            if source.is_relative_to(folder.resolve()):
                return source.relative_to(folder.resolve()).as_posix()
        return source.name
