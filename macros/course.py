"""The course model: every page's front matter, read once per build, and what follows from it.

Hugo orders a course by front matter: `weight` (then title) orders the pages of a folder,
`title` names them and `linkTitle` is their shorter name in menus. This module reads that
once per build into a `Course` — pages, topics (folders with an `index.md`), their order and
the navigation — that the navigation, the lists, the printable pages and incremental
rebuilds all read, instead of each of them parsing the pages again.

Pure Python: no MkDocs import. `assets/hooks/course.py` builds the course from MkDocs'
files and hands it to the macros (`attach`, `attached`).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import markdown
import yaml

try:  # libyaml's parser, as MkDocs uses it: several times faster than PyYAML's own
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

# Front matter as MkDocs reads it (mkdocs.utils.meta.YAML_RE), so both agree on where it ends.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)??(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)

# How many times each page's front matter was parsed: tests check that a build parses each
# page once, however many lists and printable pages read it.
PARSES: Counter[str] = Counter()

# A description taken from the first paragraph is cut at this length, as search engines do.
DESCRIPTION_LENGTH = 160


class CourseError(ValueError):
    """A page's front matter, or the course's structure, is invalid; the message says where."""


# ---------------------------------------------------------------------------
# One page
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    """What the course knows about one page, from its front matter and its first paragraph."""

    src_path: str
    title: str
    # The name in the navigation: Hugo's `linkTitle`, else the title.
    nav_title: str
    weight: int
    description: str
    # The page's Markdown without its front matter, and the file line it starts on.
    body: str
    body_line: int
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> str:
        """The folder of the page inside docs/ ('' for the top level)."""
        return self.src_path.rpartition("/")[0]

    @property
    def is_index(self) -> bool:
        """Whether the page is the landing page of its folder."""
        return self.src_path == "index.md" or self.src_path.endswith("/index.md")

    @property
    def draft(self) -> bool:
        """Hugo's `draft: true`: built by `mkdocs serve`, left out of `mkdocs build`."""
        return self.meta.get("draft") is True


def normalise_source(text: str) -> str:
    """The page's text as the site reads it: no byte-order mark, Unix line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(src_path: str, text: str) -> tuple[dict[str, Any], str, int]:
    """Parse the YAML front matter of a page; return it, the body and the body's first line."""
    where = f"docs/{src_path}"
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            raise CourseError(f"{where}: front matter is not closed by a line '---'")
        raise CourseError(
            f"{where}: no front matter: the page must start with a line '---', then at least "
            "'title:' and 'weight:', then '---'"
        )
    PARSES[src_path] += 1
    try:
        meta = yaml.load(match.group(1) or "", Loader=SafeLoader) or {}
    except yaml.YAMLError as error:
        raise CourseError(f"{where}: front matter is not valid YAML:\n{error}") from None
    if not isinstance(meta, dict):
        raise CourseError(
            f"{where}: front matter must be a mapping of keys to values "
            f"(such as 'title: …'), got {type(meta).__name__} {meta!r}"
        )
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    line = text[: match.end()].count("\n") + (len(rest) - len(body)) + 1
    return meta, body, line


def read_page(src_path: str, text: str) -> PageInfo:
    """Read one page: check `title` and `weight`; take a description if it has none."""
    meta, body, line = split_front_matter(src_path, normalise_source(text))
    title, weight = meta.get("title"), meta.get("weight")
    nav_title, description = meta.get("linkTitle", title), meta.get("description")
    problems = []
    if not isinstance(title, str) or not title.strip():
        problems.append(f"'title' must be non-empty text, got {title!r}")
    if not isinstance(weight, int) or isinstance(weight, bool):
        problems.append(
            f"'weight' must be an integer (the page's place in its folder), got {weight!r}"
        )
    if not isinstance(nav_title, str) or not nav_title.strip():
        problems.append(f"'linkTitle' must be non-empty text, got {nav_title!r}")
    if description is not None and (not isinstance(description, str) or not description.strip()):
        problems.append(f"'description' must be non-empty text when given, got {description!r}")
    if problems:
        raise CourseError(f"docs/{src_path}: " + "; ".join(problems))
    assert isinstance(title, str) and isinstance(weight, int) and isinstance(nav_title, str)
    return PageInfo(
        src_path=src_path,
        title=title.strip(),
        nav_title=nav_title.strip(),
        weight=weight,
        description=" ".join((description or first_paragraph(body) or title).split()),
        body=body,
        body_line=line,
        meta=MappingProxyType(meta),
    )


# -- The first paragraph, as plain text -----------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
# Blocks that are not prose: headings, HTML and comments, macro calls, tables, admonitions and
# pymdownx blocks, display math, images on their own, quotes, lists and attribute lists.
_NOT_PROSE = re.compile(r"^\s*(#|<|\{[{%#:]|\||!!!|\?\?\?|///|\$\$|\\\[|!\[|>|[-*+] |\d+[.)] |===)")
_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
    (re.compile(r"\\\((.+?)\\\)"), r"\1"),  # \( math \)
    (re.compile(r"(?<!\\)\$([^$]+)\$"), r"\1"),  # $ math $
    (re.compile(r"(\*\*|\*|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
    (re.compile(r"(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)"), r"\2"),  # `_` only around words
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|])"), r"\1"),  # backslash escapes
]


_QUOTED = re.compile(r'"([^"]*)"')


def first_paragraph(body: str) -> str:
    """The first paragraph of prose in `body`, as plain text cut to about 160 characters."""
    fenced = False
    paragraph: list[str] = []
    for line in [*body.split("\n"), ""]:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line.strip():
            # Indented lines are code or the body of a block (an admonition, a tab).
            if not paragraph and (_NOT_PROSE.match(line) or line.startswith(("    ", "\t"))):
                continue
            paragraph.append(line.strip())
        elif paragraph:
            break
    text = " ".join(paragraph)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    # Material prints the description into an attribute as it is: quotes become «» (as
    # Spanish writes them), so that none ends the attribute early.
    text = _QUOTED.sub(r"«\1»", text).replace('"', "'")
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


# -- Where a page calls a macro ------------------------------------------------------------------

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")


@dataclass(frozen=True)
class Mention:
    """A call of a macro with a literal key in a page, and the heading it falls under."""

    key: str
    src_path: str
    line: int
    heading: str
    # The heading's id on the built page (Python-Markdown's toc, as the site runs it).
    anchor: str


# One parser for the headings' ids (making one costs more than converting the headings).
_HEADINGS_PARSER = markdown.Markdown(extensions=["toc", "attr_list"])
# Mentions by (macro, page, its body): computed once per page text, however many pages ask.
_MENTIONS: dict[tuple[str, str, int, str], list[Mention]] = {}


def mentions(page: PageInfo, macro: str) -> list[Mention]:
    """Each `{{ macro("key") }}` in the page's Markdown, with the heading above it."""
    key = (macro, page.src_path, page.body_line, page.body)
    if key not in _MENTIONS:
        _MENTIONS[key] = _find_mentions(page, macro)
    return list(_MENTIONS[key])


def _find_mentions(page: PageInfo, macro: str) -> list[Mention]:
    call = re.compile(r"\{\{-?\s*" + re.escape(macro) + r"\(\s*([\"'])(?P<key>[^\"']+)\1")
    fenced = False
    headings: list[str] = []
    found: list[tuple[str, int, int]] = []  # key, line, index of the heading above it
    for number, line in enumerate(page.body.split("\n"), start=page.body_line):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _ATX.match(line)
        if heading:
            headings.append(line.strip())
        for match in call.finditer(line):
            found.append((match.group("key"), number, len(headings) - 1))
    if not found:
        return []
    ids = _heading_ids(headings)
    result = []
    for key, line_number, index in found:
        if index < 0:
            raise CourseError(
                f"docs/{page.src_path}:{line_number}: {macro}({key!r}) comes before the "
                "page's first "
                "heading; put it under the heading it belongs to"
            )
        title, anchor = ids[index]
        result.append(Mention(key, page.src_path, line_number, title, anchor))
    return result


def _heading_ids(lines: list[str]) -> list[tuple[str, str]]:
    """The text and id of each ATX heading line: Python-Markdown's own slugs, repeats numbered."""
    return list(_parsed_heading_ids(tuple(lines)))


# Each page's headings are asked for by every question that links to them: parsed once for
# the same lines (a pure function of them), not once per question.
@functools.lru_cache(maxsize=4096)
def _parsed_heading_ids(lines: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    parser = _HEADINGS_PARSER
    parser.reset()
    parser.convert("\n\n".join(lines))
    ids: list[tuple[str, str]] = []

    def flatten(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            ids.append((html.unescape(str(token["name"])), str(token["id"])))
            flatten(token["children"])

    flatten(getattr(parser, "toc_tokens", []))
    return tuple(ids)


def headings(page: PageInfo) -> list[tuple[str, str]]:
    """The page's headings as written in its Markdown (not in code): their text and id."""
    return list(_parsed_heading_ids(_heading_lines(page.body)))


# A page's heading lines, asked for by every question that links to the page: read once for
# the same text (a pure function of it).
@functools.lru_cache(maxsize=4096)
def _heading_lines(body: str) -> tuple[str, ...]:
    fenced = False
    lines: list[str] = []
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _ATX.match(line):
            lines.append(line.strip())
    return tuple(lines)


# ---------------------------------------------------------------------------
# The course
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    """A folder with an `index.md`: its landing page and its entries, in `weight` order."""

    index: PageInfo
    entries: tuple[PageInfo | Topic, ...]

    @property
    def folder(self) -> str:
        """The topic's folder inside docs/ ('' for the home page's)."""
        return self.index.folder

    @property
    def weight(self) -> int:
        """A topic takes its place by its landing page's weight."""
        return self.index.weight

    @property
    def title(self) -> str:
        """The landing page's title."""
        return self.index.title

    @property
    def pages(self) -> tuple[PageInfo, ...]:
        """The pages directly in the topic's folder, landing page excluded, in order."""
        return tuple(entry for entry in self.entries if isinstance(entry, PageInfo))

    @property
    def subtopics(self) -> tuple[Topic, ...]:
        """The topics in sub-folders, in order."""
        return tuple(entry for entry in self.entries if isinstance(entry, Topic))

    def walk(self) -> Iterator[PageInfo]:
        """Every page of the topic and its sub-topics, landing pages first, in reading order."""
        yield self.index
        for entry in self.entries:
            if isinstance(entry, Topic):
                yield from entry.walk()
            else:
                yield entry


NavItem = str | dict[str, Any]


@dataclass(frozen=True)
class Course:
    """Every page of the site, and the topics they make."""

    pages: Mapping[str, PageInfo]
    root: Topic

    def page(self, src_path: str) -> PageInfo:
        """The page at `src_path`; a clear error for a page the course does not have."""
        try:
            return self.pages[src_path]
        except KeyError:
            raise CourseError(f"docs/{src_path}: not a page of the course") from None

    def topic(self, folder: str) -> Topic:
        """The topic of `folder` ('' for the home page's)."""
        for topic in self.topics_within(self.root):
            if topic.folder == folder:
                return topic
        raise CourseError(f"docs/{folder}/: not a topic (a folder with an index.md)")

    def topic_of(self, src_path: str) -> Topic:
        """The topic whose folder holds the page `src_path`."""
        return self.topic(src_path.rpartition("/")[0])

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The course's topics: the folders at the top of docs/, in order."""
        return self.root.subtopics

    @staticmethod
    def topics_within(topic: Topic) -> Iterator[Topic]:
        """`topic` and every topic below it."""
        yield topic
        for sub in topic.subtopics:
            yield from Course.topics_within(sub)

    def in_order(self) -> list[PageInfo]:
        """Every page in reading order (the navigation's)."""
        return list(self.root.walk())

    def mentions(self, macro: str, topic: Topic | None = None) -> list[Mention]:
        """Every call of `macro` with a literal key in the course's (or a topic's) pages."""
        pages = self.in_order() if topic is None else list(topic.walk())
        return [m for page in pages for m in mentions(page, macro)]

    def nav(self) -> list[NavItem]:
        """The navigation, in the form of `mkdocs.yml`'s `nav`."""
        return [self._nav_page(self.root.index), *self._nav_entries(self.root.entries)]

    def _nav_entries(self, entries: Iterable[PageInfo | Topic]) -> list[NavItem]:
        items: list[NavItem] = []
        for entry in entries:
            if isinstance(entry, Topic):
                children = [entry.index.src_path, *self._nav_entries(entry.entries)]
                items.append({entry.index.nav_title: children})
            else:
                items.append(self._nav_page(entry))
        return items

    @staticmethod
    def _nav_page(page: PageInfo) -> NavItem:
        return {page.nav_title: page.src_path}


def build_course(pages: Iterable[PageInfo]) -> Course:
    """Arrange pages into topics by folder, ordered by `weight` then title.

    Fails on a folder of pages without an `index.md` and on two entries of one folder with
    the same weight, naming the files.
    """
    by_path = {page.src_path: page for page in pages if not page.draft}
    if "index.md" not in by_path:
        raise CourseError("docs/index.md: missing: the course needs a home page")
    folders: dict[str, list[PageInfo]] = {}
    for page in by_path.values():
        folders.setdefault(page.folder, []).append(page)
    for folder in list(folders):
        if f"{folder}/index.md" not in by_path and folder:
            names = ", ".join(f"docs/{p.src_path}" for p in sorted(folders[folder], key=_path))
            raise CourseError(
                f"docs/{folder}/: a folder of pages needs an index.md (its topic's landing "
                f"page, with 'title' and 'weight'); it has {names}"
            )
        parent = folder.rpartition("/")[0]
        while folder and parent not in folders:
            folders[parent] = []
            folder, parent = parent, parent.rpartition("/")[0]

    def topic(folder: str) -> Topic:
        index = by_path["index.md" if not folder else f"{folder}/index.md"]
        entries: list[PageInfo | Topic] = [
            p for p in folders.get(folder, []) if p is not index and not p.is_index
        ]
        entries += [
            topic(sub) for sub in sorted(folders) if sub and sub.rpartition("/")[0] == folder
        ]
        entries.sort(key=_order)
        _check_weights(folder, entries)
        return Topic(index=index, entries=tuple(entries))

    return Course(pages=MappingProxyType(by_path), root=topic(""))


def _path(page: PageInfo) -> str:
    return page.src_path


def _order(entry: PageInfo | Topic) -> tuple[int, str]:
    return (entry.weight, entry.title.casefold())


def _entry_file(entry: PageInfo | Topic) -> str:
    return f"docs/{(entry.index if isinstance(entry, Topic) else entry).src_path}"


def _check_weights(folder: str, entries: list[PageInfo | Topic]) -> None:
    seen: dict[int, PageInfo | Topic] = {}
    for entry in entries:
        if entry.weight in seen:
            place = f"docs/{folder}/" if folder else "docs/"
            raise CourseError(
                f"{_entry_file(seen[entry.weight])} and {_entry_file(entry)}: both have "
                f"'weight: {entry.weight}' in {place}; give each page of a folder its own weight "
                f"(taken: {', '.join(str(w) for w in sorted({e.weight for e in entries}))})"
            )
        seen[entry.weight] = entry


# ---------------------------------------------------------------------------
# Handing the course to the macros
# ---------------------------------------------------------------------------

_ATTRIBUTE = "course_model"


def attach(config: Any, course: Course) -> None:
    """Keep `course` on the build's MkDocs configuration, where the macros find it."""
    setattr(config, _ATTRIBUTE, course)


def attached(config: Any) -> Course:
    """The course of the current build; a clear error when the course hook is not set up."""
    course = getattr(config, _ATTRIBUTE, None)
    if not isinstance(course, Course):
        raise CourseError(
            "mkdocs.yml: the course hook is missing: add 'assets/hooks/course.py' to 'hooks' "
            "(it reads the pages' front matter for the navigation and the lists)"
        )
    return course
