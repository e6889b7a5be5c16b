"""The Hugo site around a section: its content, static files, theme, and its URLs.

Hugo turns a content path into a URL as `HugoSite.page_url` does.

The site is found from the section upwards: the folder holding a Hugo configuration
(`hugo.toml`, `hugo.yaml`, `config.toml`…) whose content folder (`content`, or a language's
`contentDir` such as `content.en`) holds the section. A site without a configuration file
is accepted when the section is inside a folder named `content`.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import HugoImportError

CONFIG_NAMES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)


@dataclass(frozen=True)
class HugoSite:
    """A Hugo site as far as the import needs it."""

    root: Path
    content: Path
    config: Mapping[str, Any] = field(default_factory=dict)
    # The theme's conventions for shortcodes both know ("hextra", "hugo-book"), from `theme`.
    dialect: str = "hextra"
    lower_paths: bool = True
    ugly_urls: bool = False
    language_prefix: str = ""
    static_dirs: tuple[Path, ...] = ()
    asset_dirs: tuple[Path, ...] = ()

    @property
    def params(self) -> Mapping[str, Any]:
        """The site's `params`."""
        params = self.config.get("params") or {}
        return params if isinstance(params, dict) else {}

    @property
    def math(self) -> bool:
        """Whether every page of the site renders math (Hextra's `params.math`, a passthrough)."""
        markup = self.config.get("markup") or {}
        goldmark = markup.get("goldmark", {}) if isinstance(markup, dict) else {}
        extensions = goldmark.get("extensions", {}) if isinstance(goldmark, dict) else {}
        passthrough = extensions.get("passthrough", {}) if isinstance(extensions, dict) else {}
        enabled = isinstance(passthrough, dict) and passthrough.get("enable") is True
        return bool(self.params.get("math")) or enabled

    def url_path(self, path: str) -> str:
        """A content path made into a URL path as Hugo does (spaces to `-`, lower case)."""
        path = re.sub(r"\s+", "-", path)
        return path.lower() if self.lower_paths else path

    def page_url(self, content_path: str, meta: Mapping[str, Any]) -> str:
        """The URL Hugo gives the page at `content_path` (below content/), from its root."""
        url = meta.get("url")
        if isinstance(url, str) and url.strip():
            url = "/" + url.strip().lstrip("/")
            return self.language_prefix + url
        folder, _, name = content_path.rpartition("/")
        stem = name.rsplit(".", 1)[0]
        bundle = stem in {"_index", "index"}
        slug = meta.get("slug")
        if bundle:
            parts = folder.split("/") if folder else []
            if isinstance(slug, str) and slug.strip() and parts and stem == "index":
                parts[-1] = slug.strip()
            path = "/".join(parts)
            url = "/" + self.url_path(path) + "/" if path else "/"
        else:
            leaf = slug.strip() if isinstance(slug, str) and slug.strip() else stem
            path = f"{folder}/{leaf}" if folder else leaf
            url = "/" + self.url_path(path) + (".html" if self.ugly_urls else "/")
        return self.language_prefix + url

    def alias_url(self, alias: str, page_url: str) -> str:
        """An `aliases` entry as a URL path from the site's root (relative: from the page's)."""
        alias = alias.strip()
        if not alias.startswith("/"):
            base = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
            alias = posixpath.normpath(posixpath.join(posixpath.dirname(base.rstrip("/")), alias))
            alias = (
                self.language_prefix + alias
                if not alias.startswith(self.language_prefix)
                else alias
            )
        alias = "/" + alias.lstrip("/")
        last = alias.rstrip("/").rsplit("/", 1)[-1]
        if "." not in last and not alias.endswith("/"):
            alias += "/"
        return alias


def read_config(root: Path) -> tuple[dict[str, Any], Path | None]:
    """The site's configuration (the first file Hugo would read), or {} when it has none."""
    for name in CONFIG_NAMES:
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        try:
            if name.endswith(".toml"):
                config: Any = tomllib.loads(text)
            elif name.endswith(".json"):
                config = json.loads(text)
            else:
                config = yaml.safe_load(text)
        except (tomllib.TOMLDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
            raise HugoImportError(f"{path}: not a valid Hugo configuration:\n{error}") from None
        if not isinstance(config, dict):
            raise HugoImportError(f"{path}: not a valid Hugo configuration (not a mapping)")
        return config, path
    return {}, None


def _content_dirs(config: Mapping[str, Any]) -> dict[str, str]:
    """Content folder name → language ("" for the default content folder)."""
    dirs = {str(config.get("contentDir") or "content"): ""}
    languages = config.get("languages") or {}
    if isinstance(languages, dict):
        for language, settings in languages.items():
            if isinstance(settings, dict) and settings.get("contentDir"):
                dirs[str(settings["contentDir"])] = str(language)
    return dirs


def _theme_dirs(root: Path, config: Mapping[str, Any]) -> list[Path]:
    theme = config.get("theme")
    names = [theme] if isinstance(theme, str) else [t for t in theme or [] if isinstance(t, str)]
    found: list[Path] = []
    themes_dir = root / str(config.get("themesDir") or "themes")
    for name in names:
        if (themes_dir / name).is_dir():
            found.append(themes_dir / name)
        # A theme's own example site is built with `--themesDir ../..`: the theme is above it.
        elif root.name == "exampleSite" and (root.parent / "theme.toml").is_file():
            found.append(root.parent)
    return found


def locate(src: Path) -> tuple[HugoSite, str]:
    """The Hugo site holding the section folder `src`, and the section's path below content/."""
    src = src.resolve()
    for folder in src.parents:
        config, config_file = read_config(folder.parent)
        dirs = _content_dirs(config)
        if folder.name not in dirs or (config_file is None and folder.name != "content"):
            continue
        root = folder.parent
        language = dirs[folder.name]
        default = str(config.get("defaultContentLanguage") or "en")
        in_subdir = config.get("defaultContentLanguageInSubdir") is True
        prefix = f"/{language}" if language and (language != default or in_subdir) else ""
        themes = _theme_dirs(root, config)
        theme_names = f"{config.get('theme') or ''} {' '.join(t.name for t in themes)}".lower()
        site = HugoSite(
            root=root,
            content=folder,
            config=config,
            dialect="hugo-book" if "book" in theme_names else "hextra",
            lower_paths=config.get("disablePathToLower") is not True,
            ugly_urls=config.get("uglyURLs") is True,
            language_prefix=prefix,
            static_dirs=tuple(
                d for d in [root / "static", *(t / "static" for t in themes)] if d.is_dir()
            ),
            asset_dirs=tuple(
                d for d in [root / "assets", *(t / "assets" for t in themes)] if d.is_dir()
            ),
        )
        return site, src.relative_to(folder).as_posix()
    raise HugoImportError(
        f"{src}: not inside a Hugo site's content folder (no 'content' folder, or a folder "
        "named by the site's contentDir, above it)"
    )
