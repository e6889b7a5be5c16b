"""MkDocs hook: the course model, built once per build, and everything that reads it.

1. Front matter, once. Every page's front matter is parsed once per build (once per change
   under `mkdocs serve`) into `macros.course.Course`; MkDocs is handed the body only, so it
   parses nothing again, and each page's meta comes from the course. A page without a
   `description` gets its first paragraph (the meta description stays).
2. Navigation from the pages, as in Hugo: topics and sections ordered by `weight`, then
   title; names from `linkTitle` or `title`. `mkdocs.yml` lists no page. Missing `title` or
   `weight`, two pages with one weight in a folder, a folder without `index.md` or front
   matter that is not a mapping fail the build (strict or not) naming the file and field.
   Hugo's `draft: true` pages are built by `mkdocs serve` only.
3. Printable topics. `printable_topic()` leaves a marker; here it is replaced by the section
   pages' HTML as they were rendered (`macros/printable.py`), with their table of contents.
4. Incremental rebuilds under `make serve` (`mkdocs serve --dirty`). MkDocs' dirty builds
   rebuild pages whose file is newer than its output, nothing else, so lists, printable
   pages and pages showing a changed record would go stale. Instead each page is rebuilt
   when what it read changed: its own file; the front matter of the pages it lists; the
   Markdown of the pages it reads macro calls from; the data records its macros read
   (recorded while they run, see `macros/dependencies.py`). A change to the navigation, the
   configuration or the macros' code rebuilds everything. Pages not rebuilt keep their
   output, their search entries are carried over and files of deleted pages are removed, so
   the served site equals a clean build (tests/test_incremental.py checks it). Pages whose
   HTML depends on other pages (numbers, references, printable pages) are settled once every
   page is read, and republished from their last HTML when that changed. Links to anchors
   are checked as a clean build checks them: a page not rebuilt lends MkDocs its ids and its
   links from its last build, so renaming a heading warns about the links to it elsewhere.
5. The topics in view first. When an edit changes pages of several topics (a record every
   topic shows), the pages of the topics open in a browser are rendered first; the others
   are left for a second build, which the server (serve_watch.py) starts once the browser
   has the new page, or at once when one of those pages is asked for: it never serves one
   stale. A printable page under `make serve` reprints only its sections that changed.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:  # imported at build time from the build's own import of the package
    from macros.dependencies import TrackedIndex

log = logging.getLogger("mkdocs.plugins.course")

Dependency = tuple[str, str]
# A data change that no recorded dependency can locate (a record outside the indexes).
ANY_DATA: Dependency = ("data", "*")
# The message MkDocs logs on every dirty build; this hook keeps the navigation accurate.
DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class PageState:
    """What a page left in the last build that rebuilt it."""

    digest: str
    meta: str
    dependencies: frozenset[Dependency] = frozenset()
    content: str | None = None
    toc: list[AnchorLink] = field(default_factory=list)
    # The HTML and contents the page was published with (numbered, references completed).
    final: str | None = None
    final_toc: list[AnchorLink] = field(default_factory=list)
    search: list[dict[str, Any]] = field(default_factory=list)
    # The ids of its HTML and its links to anchors of pages (by source path), as MkDocs
    # found them when it rendered the page (`Page.present_anchor_ids`, `links_to_anchors`).
    anchors: frozenset[str] | None = None
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Build:
    """What one build knows: the macros' modules, the course, what it rebuilds."""

    package: str
    course_module: ModuleType
    dependencies: ModuleType
    printable: ModuleType
    numbering: ModuleType
    docs_dir: Path
    course: Any = None
    infos: dict[str, Any] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    outputs: set[str] = field(default_factory=set)
    # The pages this build renders; None: all of them. And those it rebuilds from their
    # last HTML because their numbers or references changed.
    rebuild: set[str] | None = None
    late: set[str] = field(default_factory=set)
    # The topics (folders) whose pages this build leaves for the next one (see _split).
    later_topics: set[str] = field(default_factory=set)
    # The pages the last build left for later, whose requests waited for this one.
    held_before: set[str] = field(default_factory=set)
    search_start: dict[str, int] = field(default_factory=dict)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory; Jinja checks each one's source checksum."""

    def __init__(self) -> None:
        """Start empty."""
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill `bucket` from memory, if this template was compiled before."""
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the compiled template of `bucket`."""
        self.compiled[bucket.key] = bucket.bytecode_to_string()


Printed = tuple[str, list[tuple[str, str]]]  # a section's HTML on its printable page, solutions


class SectionPrints:
    """Each section as its printable page last printed it, printed again only when that changed.

    A data edit that every topic shows changes one section of each printable page; printing
    the others again (ids prefixed, links rebased, headings moved down) took half of the join.
    Keyed by (printable page, section page); reused only when every argument of
    `print_section` and the module itself (a code change imports it again) are the same.
    """

    def __init__(self) -> None:
        """Start empty."""
        self.printed: dict[tuple[str, str], tuple[tuple[Any, ...], Printed]] = {}

    def print(
        self, key: tuple[str, str], printable: Any, section: Any, page_url: str, local: Any
    ) -> Printed:
        """`printable.print_section(section, page_url, local)`, from the last time if the same."""
        inputs = (printable, section, page_url, sorted(local.items()))
        last = self.printed.get(key)
        if last is None or last[0] != inputs:
            last = self.printed[key] = (inputs, printable.print_section(section, page_url, local))
        body, solutions = last[1]
        return body, list(solutions)

    def keep(self, pages: Iterable[str]) -> None:
        """Forget the sections of pages that are gone (not in `pages`)."""
        kept = set(pages)
        for key in [key for key in self.printed if not set(key) <= kept]:
            del self.printed[key]


@dataclass
class State:
    """What the hook keeps between the builds of one `mkdocs serve` (hooks load once)."""

    serving: bool = False
    dirty: bool = False
    complete: bool = False  # the last build finished, so its outputs can be reused
    parsed: dict[str, tuple[str, Any]] = field(default_factory=dict)
    pages: dict[str, PageState] = field(default_factory=dict)
    data: dict[Dependency, str] = field(default_factory=dict)
    code: str = ""
    nav: str = ""
    outputs: set[str] = field(default_factory=set)
    # MkDocs makes a new theme environment for every build, which compiled Material's
    # templates again on each rebuild (0.45 s of a 1.1 s rebuild at 87 pages).
    templates: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    # The theme's files, listed on the first build (see _theme_files_once).
    theme_files: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # Each printable page as last joined: what it was joined from, its HTML and contents.
    printed: dict[str, tuple[Any, tuple[str, list[AnchorLink]]]] = field(default_factory=dict)
    # Each section as its printable page last printed it (see SectionPrints).
    sections: SectionPrints = field(default_factory=SectionPrints)
    # Under `make serve`, the server (assets/hooks/serve_watch.py) if it serves the pages in
    # view first; the pages the last build left for the next one, and every page of their
    # topics, whose requests wait for it.
    server: Any = None
    later: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)
    build: Build | None = None


STATE = State()


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_WARNING not in record.getMessage()


# -- Helpers ----------------------------------------------------------------------------------


def _digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def _build() -> Build:
    assert STATE.build is not None, "on_config starts the build"
    return STATE.build


def _macros_package(config: MkDocsConfig) -> str:
    plugin = config.plugins.get("macros")
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: plugins: 'macros' is missing; the course needs mkdocs-macros with "
            "'module_name: macros' (see the project's mkdocs.yml)"
        )
    return str(plugin.config["module_name"])


def _import(package: str, name: str, config: MkDocsConfig) -> ModuleType:
    root = os.path.dirname(config.config_file_path or "") or "."
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(f"{package}.{name}")


def _code_fingerprint(config: MkDocsConfig, package: ModuleType) -> str:
    """The configuration and every file of the macros and theme overrides but the data."""
    paths = [Path(config.config_file_path or "")]
    folder = Path(package.__file__ or "").parent
    paths += sorted(p for p in folder.rglob("*.py") if p.name != "data.py")
    if config.theme.custom_dir:
        paths += sorted(p for p in Path(config.theme.custom_dir).rglob("*.html"))
    return _digest(*(p.read_bytes() for p in paths if p.is_file()))


def _data_fingerprints(data: ModuleType, tracked: type[TrackedIndex[Any]]) -> dict[Dependency, str]:
    """A fingerprint of each record of the data module, by (collection, key).

    Collections' key order is `(collection, "*")`. Anything else public that is not made of
    the collections' records (a record outside them) counts as `ANY_DATA`.
    """
    prints: dict[Dependency, str] = {}
    indexes: list[TrackedIndex[Any]] = [v for v in vars(data).values() if isinstance(v, tracked)]
    members = {id(record) for index in indexes for record in dict.values(index)}
    untracked = []
    for name, value in sorted(vars(data).items()):
        if not name.isupper():
            continue
        if isinstance(value, tracked):
            prints[(value.name, "*")] = repr(list(dict.keys(value)))
            for key, record in dict.items(value):
                prints[(value.name, key)] = repr(record)
        else:
            untracked += [f"{name}: {leaf!r}" for leaf in _untracked(value, members)]
    prints[ANY_DATA] = _digest(*untracked)
    return prints


def _untracked(value: Any, members: set[int]) -> list[Any]:
    """The parts of `value` that are not records of a collection (whose keys are tracked)."""
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in _untracked(item, members)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _untracked(item, members)]
    return [] if id(value) in members else [value]


def _meta_fingerprint(info: Any) -> str:
    return repr((sorted(info.meta.items(), key=lambda kv: str(kv[0])), info.description))


# -- Building the course ----------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve --dirty`, the only case that rebuilds in part."""
    STATE.serving, STATE.dirty = command == "serve", dirty
    if STATE.serving and dirty and not STATE.theme_files:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyWarningFilter())
        STATE.theme_files["patched"] = []
        Files.add_files_from_theme = _theme_files_once(Files.add_files_from_theme)  # type: ignore[method-assign,assignment]


def _theme_files_once(
    add_files_from_theme: Callable[[Files, jinja2.Environment, MkDocsConfig], None],
) -> Callable[[Files, jinja2.Environment, MkDocsConfig], None]:
    """MkDocs' listing of the theme's files, done once per `mkdocs serve` instead of per build.

    Listing Material's folders (its 10 000 icons included) and filtering them took 0.4 s of
    every rebuild. The theme's files do not change while the server runs (MkDocs does not
    watch them either), so the files found the first time are added again on each rebuild.
    """

    def add(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        key = repr((config.theme.dirs, config.theme.static_templates, config.site_dir))
        if key not in STATE.theme_files:
            found = Files([])
            add_files_from_theme(found, env, config)
            STATE.theme_files[key] = [(f.src_uri, f.src_dir or "") for f in found]
        for src_uri, src_dir in STATE.theme_files[key]:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, src_dir, config.site_dir, config.use_directory_urls))

    return add


@event_priority(-100)  # after mkdocs-macros (0) has imported the macros package afresh
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build with this build's import of the course modules."""
    package = _macros_package(config)
    course_module = _import(package, "course", config)
    STATE.build = Build(
        package=package,
        course_module=course_module,
        dependencies=_import(package, "dependencies", config),
        printable=_import(package, "printable", config),
        numbering=_import(package, "numbering", config),
        docs_dir=Path(config.docs_dir),
    )
    return config


def _read(files: Files, build: Build) -> list[Any]:
    infos = []
    for file in files.documentation_pages():
        try:
            text = file.content_string
        except UnicodeDecodeError as error:
            raise PluginError(f"docs/{file.src_uri}: not UTF-8 text: {error}") from None
        digest = _digest(text)
        cached = STATE.parsed.get(file.src_uri)
        # Reused while the text is the same and the macros package was not imported again
        # (its classes would differ from the cached page's).
        if (
            cached is not None
            and cached[0] == digest
            and isinstance(cached[1], build.course_module.PageInfo)
        ):
            info = cached[1]
        else:
            try:
                info = build.course_module.read_page(file.src_uri, text)
            except build.course_module.CourseError as error:
                raise PluginError(str(error)) from None
            STATE.parsed[file.src_uri] = (digest, info)
        infos.append(info)
        if info.draft:
            file.inclusion = InclusionLevel.DRAFT
    return infos


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read every page once, build the course, and make the navigation from it."""
    build = _build()
    infos = _read(files, build)
    build.infos = {info.src_path: info for info in infos}
    try:
        build.course = build.course_module.build_course(infos)
    except build.course_module.CourseError as error:
        raise PluginError(str(error)) from None
    build.course_module.attach(config, build.course)
    config.nav = build.course.nav()
    build.dates = _import(build.package, "pages", config).last_updated(build.docs_dir)
    build.order = [file.src_uri for file in files.documentation_pages()]
    build.outputs = {file.abs_dest_path for file in files}
    if STATE.serving and STATE.dirty:
        _plan_rebuild(files, config, build)
    return files


def _plan_rebuild(files: Files, config: MkDocsConfig, build: Build) -> None:
    """Decide which pages this `mkdocs serve --dirty` build renders, and tell MkDocs."""
    package = sys.modules[build.package]
    data = _import(build.package, "data", config)
    code = _code_fingerprint(config, package)
    nav = repr(build.course.nav())
    prints = _data_fingerprints(data, build.dependencies.TrackedIndex)
    rebuild: set[str] | None = None
    if STATE.complete and code == STATE.code and nav == STATE.nav:
        # With the pages the last build left for this one: they are built now, whatever.
        rebuild = _affected(build, prints, data) | (STATE.later & build.infos.keys())
    STATE.code, STATE.nav, STATE.data = code, nav, prints
    later: set[str] = set()
    build.held_before = STATE.held
    if rebuild is not None:
        rebuild, later = _split(files, build, rebuild)
    else:
        STATE.later, STATE.held = set(), set()
    build.rebuild = rebuild
    for file in files.documentation_pages():
        file.is_modified = _modified(build, file.src_uri)  # type: ignore[method-assign]
    if rebuild is not None:
        log.info(
            f"Rebuilding {len(rebuild)} of {len(build.order)} pages: {', '.join(sorted(rebuild))}"
        )
    if later:
        log.info(
            f"Later, once the browser has the page in view (at once if one is asked for): "
            f"{len(later)} pages of {len(build.later_topics)} other topics: "
            f"{', '.join(sorted(later))}"
        )


def _topic_folder(src_path: str) -> str:
    """The top-level topic a page belongs to, by folder ("" for the pages at the top)."""
    return src_path.split("/", 1)[0] if "/" in src_path else ""


def _split(files: Files, build: Build, rebuild: set[str]) -> tuple[set[str], set[str]]:
    """The pages to render now and those to leave for the next build, as Hugo's server does.

    Now: what the edit changed in the topics of the pages in view (open in a browser, or
    served last: see serve_watch.py); a page's numbers and its printable page come from
    its own topic. Later: the other topics' pages. Until the next build, every page of
    those topics is held by the server (a request waits for that build); their numbers
    and printable pages are left as they were too, so the next build sees them change.
    Everything is rendered now when no page in view changed, or every page changed is in view.
    """
    previous, STATE.later, STATE.held = STATE.later, set(), set()
    server = STATE.server
    if server is None:
        return rebuild, set()
    pages = files.documentation_pages()
    by_file = {file.dest_uri: file.src_uri for file in pages}
    in_view = {by_file[name] for name in server.pages_in_view() if name in by_file}
    # The topics of the pages the last build left are built now too: each waits one build.
    topics = {_topic_folder(src_path) for src_path in in_view | (previous & rebuild)}
    now = {p for p in rebuild if _topic_folder(p) in topics}
    later = rebuild - now
    if not now or not later:
        return rebuild, set()
    build.later_topics = {_topic_folder(src_path) for src_path in later}
    held = {file.src_uri: file.dest_uri for file in pages}
    STATE.later = later
    STATE.held = {p for p in held if _topic_folder(p) in build.later_topics}
    server.build_later(held[p] for p in STATE.held)
    return now, later


def _modified(build: Build, src_path: str) -> Callable[[], bool]:
    """Whether MkDocs renders the page: asked again when it builds, after on_env added late ones."""
    return lambda: build.rebuild is None or src_path in build.rebuild or src_path in build.late


def _affected(build: Build, prints: dict[Dependency, str], data: ModuleType) -> set[str]:
    """The pages to render again: their file, or something their macros read, changed.

    What depends on other pages' HTML (numbers, references, printable pages) is settled
    later, once every page is read (`_finish`).
    """
    changed: set[Dependency] = {
        key for key, value in prints.items() if STATE.data.get(key) != value
    }
    changed |= {key for key in STATE.data if key not in prints}
    changed |= _selections_changed(build, changed, data)
    rebuild: set[str] = set()
    for src_path, info in build.infos.items():
        old = STATE.pages.get(src_path)
        digest = STATE.parsed[src_path][0]
        if old is None or old.digest != digest:
            changed.add(("page-body", src_path))
        if old is None or old.digest != digest or _always_rebuilt(info.body):
            rebuild.add(src_path)
        if old is None or old.meta != _meta_fingerprint(info):
            changed.add(("page", src_path))
    if ANY_DATA in changed:
        changed |= {d for state in STATE.pages.values() for d in state.dependencies}
    rebuild |= {
        src_path
        for src_path, state in STATE.pages.items()
        if src_path in build.infos and state.dependencies & changed
    }
    return rebuild


def _selections_changed(
    build: Build, changed: set[Dependency], data: ModuleType
) -> set[Dependency]:
    """The selections ("the questions of page p") that a changed record now belongs to.

    A record that left a selection was read by the pages that made it: they see it changed.
    """
    indexes = {
        v.name: v for v in vars(data).values() if isinstance(v, build.dependencies.TrackedIndex)
    }
    selections = {d for state in STATE.pages.values() for d in state.dependencies}
    found: set[Dependency] = set()
    for name, key in selections:
        selected = build.dependencies.selection(key)
        if selected is None:
            continue
        field_name, value = selected
        index = indexes.get(name)
        if index is None or any(
            what == name
            and dict.__contains__(index, changed_key)
            and getattr(dict.__getitem__(index, changed_key), field_name, None) == value
            for what, changed_key in changed
        ):
            found.add((name, key))
    return found


def _always_rebuilt(body: str) -> bool:
    """Pages that include other files (snippets, Jinja includes) whose changes go unseen."""
    return "--8<--" in body or "{% include" in body or "{% import" in body


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Give every page its meta and title now, also pages a partial rebuild does not read."""
    build = _build()
    for page in nav.pages:
        info = build.infos.get(page.file.src_uri)
        if info is not None:
            page.meta = _meta(info, build)
            if page.title is None:  # a topic's index.md, listed in the nav without a name
                page.title = info.title
    return nav


def _meta(info: Any, build: Build) -> dict[str, Any]:
    meta = dict(info.meta)
    meta["description"] = info.description
    date = build.dates.get(info.src_path)
    if date:
        # Material's source-file partial shows `revision_date` at the foot of the page.
        meta["revision_date"] = date
    return meta


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """The page's body, already read: MkDocs then finds no front matter to parse again."""
    info = _build().infos.get(page.file.src_uri)
    # A first empty line: MkDocs' MultiMarkdown-style meta reader stops there at once.
    return None if info is None else "\n" + info.body


@event_priority(200)  # before every other page hook: mkdocs-macros reads the meta
def _start_page(markdown: str, /, *, page: Page, **kwargs: Any) -> str:
    build = _build()
    info = build.infos.get(page.file.src_uri)
    if info is not None:
        page.meta = _meta(info, build)
    build.dependencies.start()
    return markdown


@event_priority(-200)  # after mkdocs-macros and the math hook
def _end_page(markdown: str, /, *, page: Page, **kwargs: Any) -> str:
    build = _build()
    info = build.infos.get(page.file.src_uri)
    recorded = build.dependencies.stop()
    if info is not None:
        STATE.pages[page.file.src_uri] = PageState(
            digest=STATE.parsed[page.file.src_uri][0],
            meta=_meta_fingerprint(info),
            dependencies=recorded,
        )
    return markdown


on_page_markdown = CombinedEvent(_start_page, _end_page)


@event_priority(-100)  # after the math hook has put KaTeX's HTML in
def on_page_content(html: str, /, *, page: Page, **kwargs: Any) -> str:
    """Keep the page's final HTML and contents, for printable pages in this build and later."""
    state = STATE.pages.get(page.file.src_uri)
    if state is not None:
        state.content, state.toc = html, list(page.toc)
        if STATE.serving:  # for `_lend_anchors`, under partial rebuilds only
            if page.present_anchor_ids is not None:
                state.anchors = frozenset(page.present_anchor_ids)
            state.anchor_links = {
                file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()
            }
    return html


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Every page is read: number, cross-reference and join them; reuse compiled templates."""
    _finish(config, files)
    if STATE.serving:
        # Under `mkdocs serve`, reuse the theme's compiled templates from the last build.
        env.bytecode_cache = STATE.templates
        _lend_anchors(files)
    return env


def _lend_anchors(files: Files) -> None:
    """Let MkDocs check the links to anchors of the pages this build does not render.

    MkDocs checks a page's links to anchors after the build, and only between pages it
    rendered: under a partial rebuild, a heading renamed on one page left the links to it
    from the others unreported, and so did a new link to a page not rebuilt. Each page not
    rendered gets back the ids and links of its last build, which its unchanged file still
    has. Not the pages left for a second build (they changed): those are checked then.
    """
    for file in files.documentation_pages():
        page, state = file.page, STATE.pages.get(file.src_uri)
        if page is None or page.present_anchor_ids is not None or state is None:
            continue  # rendered by this build, or never rendered
        if state.anchors is None or file.src_uri in STATE.later:
            continue
        page.present_anchor_ids = set(state.anchors)
        page.links_to_anchors = {
            target: dict(links)
            for src, links in state.anchor_links.items()
            if (target := files.get_file_from_path(src)) is not None
        }


# -- Printable pages ----------------------------------------------------------------------------


def _finish(config: MkDocsConfig, files: Files) -> None:
    """Number the items of every topic, complete the cross-references, fill printable pages.

    This needs every page's HTML: those this build rendered, and under a partial rebuild
    the others' from their last build. A page whose final HTML changed though it was not
    rendered again (a table added on an earlier page renumbers it) is rebuilt from that HTML.
    """
    build = _build()
    numbering, printable, course = build.numbering, build.printable, build.course
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    raw: dict[str, str] = {}
    for src_path, page in pages.items():
        state = STATE.pages.get(src_path)
        content = page.content if page.content is not None else None
        if content is None and state is not None:
            content = state.content
        if content is not None:
            raw[src_path] = content
    try:
        corrections = _import(build.package, "corrections", config)
        if any(corrections.LISTING in info.body for info in course.in_order()):
            # A site with a corrections page promises that it lists every correction.
            corrections.check_shown(course)
        final = _numbered(build, raw)
        everything = [item for topic in final[1].values() for item in topic.values()]
        course_wide: dict[str, list[Any]] = {}
        for item in everything:
            course_wide.setdefault(item.label, []).append(item)
        item_pages = {item.src_path: pages[item.src_path] for item in everything}
        html_by_page: dict[str, str] = {}
        for src_path, content in final[0].items():
            page = pages[src_path]

            def href(item: Any, page: Page = page) -> str:
                target = item_pages[item.src_path]
                url = "" if target is page else get_relative_url(target.url, page.url)
                return f"{url}#{item.label}"

            own = final[1].get(_numbering_topic(course, src_path).folder, {})
            html_by_page[src_path] = numbering.resolve_refs(
                content, own, course_wide, href, f"docs/{src_path}"
            )
        tocs: dict[str, list[AnchorLink]] = {}
        for src_path, content in html_by_page.items():
            if printable.MARKER in content:
                html_by_page[src_path], tocs[src_path] = _printable(
                    build, pages, src_path, html_by_page
                )
    except build.course_module.CourseError as error:
        raise PluginError(str(error)) from None
    for src_path, content in html_by_page.items():
        page, state = pages[src_path], STATE.pages.get(src_path)
        if page.content is None:
            if state is None or state.final == content:
                continue
            if _topic_folder(src_path) in build.later_topics:
                continue  # left for the next build, which sees its final HTML change
            build.late.add(src_path)  # rebuilt from its last HTML, numbers updated
            page.toc = TableOfContents(tocs.get(src_path) or state.final_toc or state.toc)
        elif src_path in tocs:
            page.toc = TableOfContents(tocs[src_path])
        page.content = content
        if state is not None:
            state.final = content
            state.final_toc = tocs.get(src_path) or list(page.toc)
    if build.late:
        log.info(f"Rebuilding from their last HTML: {', '.join(sorted(build.late))}")


def _numbering_topic(course: Any, src_path: str) -> Any:
    """The topic whose numbers a page's items take: its top-level topic (the home's at the top)."""
    folder = src_path.split("/", 1)[0] if "/" in src_path else ""
    return course.topic(folder)


def _numbered(
    build: Build, raw: dict[str, str]
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Every page's HTML with its items numbered per topic, and each topic's items by label."""
    numbering, course, marker = build.numbering, build.course, build.printable.MARKER
    numbered: dict[str, str] = dict(raw)
    by_topic: dict[str, dict[str, Any]] = {}
    topics = [course.root, *course.topics]
    for topic in topics:
        index = topic.index
        top_level = topic is not course.root
        number = index.meta.get("number", index.weight) if top_level else None
        prefix = f"{number}." if top_level else ""
        counters: dict[str, int] = {}
        items: list[Any] = []
        reading = list(topic.walk()) if top_level else [index, *topic.pages]
        for info in reading:
            content = raw.get(info.src_path)
            if content is None or marker in content:
                continue  # the printable page shows the sections' items, already numbered
            numbered[info.src_path], found = numbering.number_page(
                content, prefix, counters, info.src_path
            )
            items += found
        place = f"docs/{topic.folder}/" if topic.folder else "docs/"
        by_topic[topic.folder] = numbering.labels(items, place)
    return numbered, by_topic


def _printable(
    build: Build, pages: dict[str, Page], src_path: str, html_by_page: dict[str, str]
) -> tuple[str, list[AnchorLink]]:
    """The printable page's HTML, its sections joined, and its table of contents.

    Joined again only when something it is joined from changed: under `make serve` an edit
    touches one topic, and joining every topic's sections again took 0.1-0.2 s of each
    rebuild at 100 pages.
    """
    printable, course = build.printable, build.course
    page = pages[src_path]
    sections, section_tocs = [], []
    sources: dict[tuple[str, str], str] = {}  # each section's page, by its name and URL
    folder = course.topic_of(src_path).folder
    for info in printable.printed_pages(course, src_path):
        other, state = pages.get(info.src_path), STATE.pages.get(info.src_path)
        if other is None or state is None or info.src_path not in html_by_page:
            raise PluginError(f"docs/{src_path}: the section docs/{info.src_path} was not rendered")
        name = printable.section_name(info.src_path, folder)
        sections.append(
            printable.Section(
                name=name, url=other.url, html=html_by_page[info.src_path], title=info.title
            )
        )
        section_tocs.append((name, state.toc))
        sources[(name, other.url)] = info.src_path
    state = STATE.pages.get(src_path)
    own_toc = state.toc if state else page.toc
    inputs = (
        printable,
        page.url,
        html_by_page[src_path],
        sections,
        _toc_key(own_toc),
        [(name, _toc_key(toc)) for name, toc in section_tocs],
    )
    joined = STATE.printed.get(src_path)
    if joined is not None and joined[0] == inputs:
        content, toc = joined[1]
        return content, [_copy(link) for link in toc]
    tocs = [_toc_entry(link, name) for name, toc in section_tocs for link in toc]

    def printer(section: Any, page_url: str, local: Any) -> Printed:
        """`printable.print_section`; under `make serve`, again only when its inputs changed."""
        if not STATE.serving:
            return printable.print_section(section, page_url, local)  # type: ignore[no-any-return]
        key = (src_path, sources[(section.name, section.url)])
        return STATE.sections.print(key, printable, section, page_url, local)

    content = printable.fill(
        html_by_page[src_path], sections, page.url, f"docs/{src_path}", printer
    )
    # The self-check solutions, gathered at the end of the topic.
    for level, ident, title in printable.solution_headings(content):
        entry = AnchorLink(title, ident, level)
        if level == 2 or not tocs:
            tocs.append(entry)
        else:
            tocs[-1].children.append(entry)
    own = [_copy(link) for link in own_toc]
    if own and own[0].level == 1:
        own[0].children += tocs
    else:
        own += tocs
    STATE.printed[src_path] = (inputs, (content, [_copy(link) for link in own]))
    return content, own


def _toc_key(links: Iterable[AnchorLink]) -> tuple[Any, ...]:
    """What a table of contents holds, comparable with another's."""
    return tuple((link.title, link.id, link.level, _toc_key(link.children)) for link in links)


def _copy(link: AnchorLink) -> AnchorLink:
    entry = AnchorLink(link.title, link.id, link.level)
    entry.children = [_copy(child) for child in link.children]
    return entry


def _pages(nav: Navigation | None) -> Iterable[Page]:
    return nav.pages if nav is not None else []


def _toc_entry(link: AnchorLink, prefix: str) -> AnchorLink:
    """A section's contents entry on the printable page: one level down, its id prefixed."""
    entry = AnchorLink(link.title, f"{prefix}-{link.id}", link.level + 1)
    entry.children = [_toc_entry(child, prefix) for child in link.children]
    return entry


# -- Search entries of pages a partial rebuild leaves alone -------------------------------------


def _search_index(config: MkDocsConfig) -> Any:
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return None
    return search


@event_priority(1)  # just before Material's search plugin (0) indexes the page
def _before_indexing(context: Any, /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    search = _search_index(config)
    if search is not None:
        _build().search_start[page.file.src_uri] = len(search.search_index.entries)
    return context


@event_priority(-1)  # just after it
def _after_indexing(context: Any, /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> Any:
    search = _search_index(config)
    state = STATE.pages.get(page.file.src_uri)
    start = _build().search_start.pop(page.file.src_uri, None)
    if search is not None and state is not None and start is not None:
        state.search = search.search_index.entries[start:]
    return context


on_page_context = CombinedEvent(_before_indexing, _after_indexing)


@event_priority(10)  # before Material's search plugin (0) writes the index
def on_post_build(config: MkDocsConfig) -> None:
    """After a partial rebuild: the whole search index, and no files of deleted pages."""
    build = _build()
    search = _search_index(config)
    if STATE.serving and STATE.dirty and search is not None:
        # Every page's entries in a clean build's order, fresh or from its last build;
        # Material's own merge assumes one page changed, so it is switched off.
        search.search_index.entries = [
            entry
            for src_path in build.order
            if src_path in STATE.pages
            for entry in STATE.pages[src_path].search
        ]
        search.search_index_prev = None
    if STATE.serving and STATE.dirty:
        for stale in sorted(STATE.outputs - build.outputs):
            _remove(Path(stale), Path(config.site_dir))
    STATE.outputs = build.outputs
    written = (build.rebuild or set()) | build.late
    if build.rebuild is not None and written and written <= build.held_before:
        # Only pages no browser could be showing (their requests waited for this build).
        STATE.server.no_reload()
    for src_path in set(STATE.pages) - set(build.infos):
        del STATE.pages[src_path]
    for src_path in set(STATE.printed) - set(build.infos):
        del STATE.printed[src_path]
    STATE.sections.keep(build.infos)
    STATE.complete = True


def _remove(path: Path, site: Path) -> None:
    """Delete an output file of a page or file that is gone, and folders left empty."""
    if path.is_file():
        path.unlink()
    folder = path.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def on_serve(server: Any, config: MkDocsConfig, builder: Callable[..., None]) -> Any:
    """Keep the server, if it can serve the pages in view first (serve_watch.py)."""
    if STATE.dirty and callable(getattr(server, "build_later", None)):
        STATE.server = server
    return server


def on_build_error(error: Exception) -> None:
    """A failed build leaves the site half written: the next one renders every page."""
    STATE.complete = False
