"""Hugo front matter in (YAML, TOML or JSON) and this site's front matter out.

Hugo reads `---` YAML, `+++` TOML and `{ … }` JSON front matter. The site keeps what it
uses: `title`, `linkTitle` (the name in the navigation), `weight`, `description` (Hugo's
`description`, else its `summary`), `math`, and `aliases`, which the redirects hook turns
into pages that send old addresses to the new page. The rest (`type`, `layout`, `menu`,
theme settings…) only meant something to Hugo and its theme; the report lists what was
left out.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import yaml

from .errors import HugoImportError

YAML_FRONT = re.compile(r"\A---[ \t]*\n(?P<meta>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\n(?P<meta>.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
# The keys the site reads; everything else is dropped (and reported).
KEPT = ("title", "linkTitle", "weight", "description", "math", "aliases", "render_macros")
# Keys the import itself reads, so they are not reported as dropped.
READ = {"title", "linkTitle", "weight", "description", "summary", "math", "aliases", "draft"}
READ |= {"slug", "url", "layout", "headless", "build", "_build"}


def split(text: str, where: str) -> tuple[dict[str, Any], str, int]:
    """The front matter of a Hugo page as a mapping, its body, and the body's first line."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta: Any
    match = YAML_FRONT.match(text) or TOML_FRONT.match(text)
    if match is not None:
        raw = match["meta"] or ""
        end = match.end()
        try:
            meta = yaml.safe_load(raw) if text.startswith("---") else tomllib.loads(raw)
        except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
            kind = "YAML" if text.startswith("---") else "TOML"
            raise HugoImportError(
                f"{where}: front matter is not valid {kind}:\n{_one_paragraph(error)}"
            ) from None
    elif text.startswith("{"):
        try:
            meta, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as error:
            raise HugoImportError(
                f"{where}: front matter is not valid JSON:\n{_one_paragraph(error)}"
            ) from None
    elif text.startswith(("---", "+++")):
        raise HugoImportError(f"{where}: front matter is not closed by a line '{text[:3]}'")
    else:
        return {}, text, 1
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise HugoImportError(
            f"{where}: front matter must be a mapping of keys to values (such as "
            f"'title: …'), got {type(meta).__name__} {meta!r}"
        )
    rest = text[end:]
    body = rest.lstrip("\n")
    line = text[:end].count("\n") + (len(rest) - len(body)) + 1
    return meta, body, line


def _one_paragraph(error: Exception) -> str:
    return "\n".join(line.rstrip() for line in str(error).strip().splitlines())


def text_field(meta: Mapping[str, Any], key: str, where: str) -> str | None:
    """A front matter value that must be text when present."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise HugoImportError(
            f"{where}: '{key}' must be text, got {type(value).__name__} {value!r}"
        )
    return " ".join(value.split()) or None


def weight_field(meta: Mapping[str, Any], where: str) -> int:
    """Hugo's `weight` (0, Hugo's "no weight", when absent)."""
    value = meta.get("weight", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise HugoImportError(f"{where}: 'weight' must be an integer, got {value!r}")
    return int(value)


def list_field(meta: Mapping[str, Any], key: str, where: str) -> list[str]:
    """A front matter list of text (one text is a list of one)."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HugoImportError(f"{where}: '{key}' must be a list of text, got {value!r}")
    return list(value)


def is_draft(meta: Mapping[str, Any]) -> bool:
    """Hugo does not publish drafts, headless bundles or pages built with `render: never`."""
    build = meta.get("build") or meta.get("_build") or {}
    never = isinstance(build, dict) and str(build.get("render", "")).lower() in {"never", "false"}
    return meta.get("draft") is True or meta.get("headless") is True or never


def dropped_keys(meta: Mapping[str, Any]) -> list[str]:
    """The keys of Hugo front matter that the site does not keep."""
    return sorted(key for key in meta if key not in READ)


def site_front_matter(fields: Mapping[str, Any]) -> str:
    """The page's YAML front matter block, keys in the site's order, with its `---` lines."""
    ordered = {key: fields[key] for key in KEPT if fields.get(key) not in (None, [], "")}
    dumped = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n"
