"""Read the front matter of the docs pages, to list topics and sections by `weight`.

Hugo ordered pages by `weight`; the generated lists here keep that order, so a new
topic folder with an `index.md` appears on the home page by itself.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .markdown import escape, relative_link, spanish_date


class FrontMatterError(ValueError):
    """A page's front matter is missing, malformed or lacks a required key."""


@dataclass(frozen=True)
class PageInfo:
    """What the generated lists need to know about one page."""

    src_path: str
    title: str
    weight: int
    description: str


def read_front_matter(path: Path, src_path: str) -> dict[str, object]:
    """Return the YAML front matter of a Markdown file as a dict."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise FrontMatterError(f"docs/{src_path}: no front matter (the page must start with '---')")
    end = text.find("\n---", 4)
    if end == -1:
        raise FrontMatterError(f"docs/{src_path}: front matter is not closed by '---'")
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        raise FrontMatterError(
            f"docs/{src_path}: front matter is not valid YAML:\n{error}"
        ) from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"docs/{src_path}: front matter must be a mapping of keys to values")
    return meta


def read_page(docs_dir: Path, src_path: str) -> PageInfo:
    """Read one page's `title`, `weight` and `description`, checking their types."""
    meta = read_front_matter(docs_dir / src_path, src_path)
    title, weight, description = meta.get("title"), meta.get("weight"), meta.get("description")
    problems = []
    if not isinstance(title, str) or not title.strip():
        problems.append(f"'title' must be non-empty text, got {title!r}")
    if not isinstance(weight, int) or isinstance(weight, bool):
        problems.append(f"'weight' must be an integer, got {weight!r}")
    if not isinstance(description, str) or not description.strip():
        problems.append(f"'description' must be non-empty text, got {description!r}")
    if problems:
        raise FrontMatterError(f"docs/{src_path}: " + "; ".join(problems))
    assert isinstance(title, str) and isinstance(weight, int) and isinstance(description, str)
    return PageInfo(src_path=src_path, title=title, weight=weight, description=description.strip())


def read_pages(docs_dir: Path) -> tuple[PageInfo, ...]:
    """Read every Markdown page under `docs_dir`, sorted by path."""
    paths = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    return tuple(read_page(docs_dir, path) for path in paths)


def _by_weight(page: PageInfo) -> tuple[int, str]:
    return (page.weight, page.title)


def topics(pages: tuple[PageInfo, ...]) -> list[PageInfo]:
    """The topic landing pages (`<topic>/index.md`), in weight order."""
    return sorted(
        (p for p in pages if p.src_path.count("/") == 1 and p.src_path.endswith("/index.md")),
        key=_by_weight,
    )


def sections(pages: tuple[PageInfo, ...], topic_index: str) -> list[PageInfo]:
    """The section pages of the topic whose landing page is `topic_index`, in weight order."""
    folder = topic_index.rsplit("/", 1)[0] + "/"
    return sorted(
        (
            p
            for p in pages
            if p.src_path.startswith(folder)
            and p.src_path != topic_index
            and p.src_path.count("/") == folder.count("/")
        ),
        key=_by_weight,
    )


def _list(pages: list[PageInfo], from_page: str, what: str) -> str:
    if not pages:
        raise FrontMatterError(f"docs/{from_page}: no {what} to list")
    return "\n".join(
        f"- {relative_link(p.title, p.src_path, from_page)}: {escape(p.description)}" for p in pages
    )


def render_topic_list(pages: tuple[PageInfo, ...], from_page: str) -> str:
    """Markdown list of the course topics, linked from `from_page`."""
    return _list(topics(pages), from_page, "topics (folders with an index.md)")


def render_section_list(pages: tuple[PageInfo, ...], from_page: str) -> str:
    """Markdown list of the sections of the topic whose landing page is `from_page`."""
    if not from_page.endswith("index.md") or "/" not in from_page:
        raise FrontMatterError(f"docs/{from_page}: section_list() only works on a topic's index.md")
    return _list(sections(pages, from_page), from_page, "section pages beside this index.md")


def last_updated(path: Path) -> str | None:
    """`Última actualización: <fecha>` from the last commit that touched `path`.

    None when there is no git or no history for the file (a tarball, a new page): the
    build goes on without the date.
    """
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    day = result.stdout.strip()
    if result.returncode != 0 or not day:
        return None
    return f"Última actualización: {spanish_date(day)}"


_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,5}) ")


def _body(text: str) -> str:
    """The Markdown of a page without its front matter."""
    return text.split("\n---", 1)[1].lstrip("-\n") if text.startswith("---\n") else text


def _demote(markdown: str) -> str:
    """Push every heading one level down (outside code fences), so a page becomes a section."""
    lines, fenced = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line.strip()):
            fenced = not fenced
        lines.append(_HEADING.sub(r"#\1 ", line) if not fenced else line)
    return "\n".join(lines)


def render_printable_topic(
    pages: tuple[PageInfo, ...], from_page: str, docs_dir: Path, render: Callable[[str], str]
) -> str:
    """Every section of the topic of `from_page`, one after the other, for print or PDF.

    `render` expands the macros of each section (mkdocs-macros' own renderer), so the
    tables and figures are the same as on the section pages.
    """
    folder = from_page.rsplit("/", 1)[0]
    index = f"{folder}/index.md"
    chosen = [p for p in sections(pages, index) if p.src_path != from_page]
    if not chosen:
        raise FrontMatterError(f"docs/{from_page}: no section pages beside {index} to print")
    parts = []
    for page in chosen:
        text = (docs_dir / page.src_path).read_text(encoding="utf-8")
        parts.append(render(_demote(_body(text))))
    return "\n\n".join(parts)
