"""Import one Hugo section into `docs/<topic>/`: read it, convert it, write it all or nothing.

Reading: every page of the section (nested sections too) with its front matter, title,
weight, Hugo URL, aliases and headings. Converting: each page's body (`convert`), its front
matter (`frontmatter`), the files it uses (`files`). Writing: into a temporary folder beside
`docs/`, then moved into place in one step, so a failed import leaves nothing behind; an
existing topic is never overwritten (importing the same section again is a no-op).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import frontmatter, protect
from .convert import PageContext, convert_body, mask_code
from .errors import HugoImportError
from .files import Files
from .headings import Heading, find_headings, plain
from .links import PageRef, Resolver, page_url, relative
from .report import Report
from .site import HugoSite, locate

TOPIC = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
RESERVED = {"assets", "search", "stylesheets", "javascripts"}
FIRST_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


@dataclass
class SourcePage:
    """One page of the section as read from Hugo."""

    path: Path
    rel: str
    content_path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    target: str
    url: str
    title: str
    hugo_weight: int
    weight: int = 0
    old_urls: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    generated: bool = False

    @property
    def folder(self) -> str:
        """The folder of the page's target below the topic ('' at the top)."""
        return posixpath.dirname(self.target)

    @property
    def is_index(self) -> bool:
        """Whether the target is a folder's `index.md`."""
        return posixpath.basename(self.target) == "index.md"


@dataclass
class Plan:
    """What an import writes (paths below the topic folder) and its report."""

    topic: str
    files: dict[str, bytes]
    report: Report


def humanize(name: str) -> str:
    """Hugo's `humanize | title` of a file or folder name ("create-a-site" → "Create a Site")."""
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _expand(store: protect.Protected) -> Any:
    def expand(text: str) -> str:
        def put(match: re.Match[str]) -> str:
            span = store.spans[match[1]][int(match[2])]
            return span.text.strip("`") if match[1] == "code" else span.text

        return protect.PLACEHOLDERS.sub(put, text)

    return expand


def headings_of(body: str) -> list[Heading]:
    """The headings of a Hugo page body, with Hugo's ids and the site's."""
    store = protect.Protected()
    text = protect.protect_inline(protect.protect_fences(body, store), store)
    return find_headings(text, _expand(store))


def read_pages(site: HugoSite, section: Path, section_rel: str, report: Report) -> list[SourcePage]:
    """Every page of the section, drafts left out (and listed)."""
    if not (section / "_index.md").is_file():
        hint = (
            " (it has an index.md: a single page, not a section)"
            if (section / "index.md").is_file()
            else ""
        )
        raise HugoImportError(f"{_display(section)}: not a Hugo section: it has no _index.md{hint}")
    pages: list[SourcePage] = []
    bundles = {
        p.parent for p in section.rglob("index.md") if not (p.parent / "_index.md").is_file()
    }
    for path in sorted(section.rglob("*")):
        rel = path.relative_to(section).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.is_dir() or path.suffix.lower() not in {".md", ".markdown", ".html", ".htm"}:
            continue
        if any(parent in bundles for parent in path.parents) and path.name != "index.md":
            continue
        where = _display(path)
        if path.suffix.lower() in {".html", ".htm"}:
            report.note(where, "an HTML content page: not imported")
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise HugoImportError(f"{where}: not UTF-8 text") from None
        meta, body, line = frontmatter.split(text, where)
        if frontmatter.is_draft(meta):
            report.drafts.append(where)
            continue
        content_path = f"{section_rel}/{rel}" if section_rel else rel
        folder, _, name = rel.rpartition("/")
        stem = name.rsplit(".", 1)[0]
        if stem == "_index":
            target = f"{folder}/index.md" if folder else "index.md"
        elif stem == "index" and path.parent in bundles:
            target = f"{folder}.md"
        else:
            target = f"{folder}/{stem}.md" if folder else f"{stem}.md"
        title = frontmatter.text_field(meta, "title", where)
        if title is None:
            h1 = FIRST_H1.search(mask_code(body))
            if h1:
                title = plain(h1["title"])
            else:
                title = humanize(path.parent.name if stem in {"_index", "index"} else stem)
        url = site.page_url(content_path, meta)
        old = [
            url,
            *(site.alias_url(a, url) for a in frontmatter.list_field(meta, "aliases", where)),
        ]
        page = SourcePage(
            path=path,
            rel=rel,
            content_path=content_path,
            meta=meta,
            body=body,
            body_line=line,
            target=target,
            url=url,
            title=title,
            hugo_weight=frontmatter.weight_field(meta, where),
            old_urls=list(dict.fromkeys(old)),
            headings=headings_of(body),
        )
        frontmatter.text_field(meta, "linkTitle", where)
        frontmatter.text_field(meta, "description", where)
        frontmatter.text_field(meta, "summary", where)
        pages.append(page)
    return pages


def add_folder_indexes(pages: list[SourcePage], section: Path, report: Report) -> None:
    """A folder of pages without `_index.md` gets an index page (the site needs one)."""
    folders = {p.folder for p in pages if p.folder}
    for folder in sorted(folders):
        parts = folder.split("/")
        for depth in range(1, len(parts) + 1):
            sub = "/".join(parts[:depth])
            if any(p.target == f"{sub}/index.md" for p in pages):
                continue
            path = section / sub
            pages.append(
                SourcePage(
                    path=path / "_index.md",
                    rel=f"{sub}/_index.md",
                    content_path="",
                    meta={},
                    body="",
                    body_line=1,
                    target=f"{sub}/index.md",
                    url="",
                    title=humanize(path.name),
                    hugo_weight=0,
                    generated=True,
                )
            )
            report.note(_display(path), "folder without _index.md: an index page was made for it")


def _hugo_order(page: SourcePage) -> tuple[int, int, str, str]:
    weight = page.hugo_weight
    link_title = str(page.meta.get("linkTitle") or page.title)
    return (1 if weight == 0 else 0, weight, link_title.casefold(), page.rel)


def assign_weights(pages: list[SourcePage], topic_weight: int, report: Report) -> None:
    """Each page's weight: Hugo's when a folder's are all set and distinct, else Hugo's order."""
    groups: dict[str, list[SourcePage]] = {}
    for page in pages:
        if page.target == "index.md":
            page.weight = topic_weight
            continue
        owner = posixpath.dirname(page.folder) if page.is_index else page.folder
        groups.setdefault(owner, []).append(page)
    for folder, entries in groups.items():
        entries.sort(key=_hugo_order)
        weights = [p.hugo_weight for p in entries]
        if all(weights) and len(set(weights)) == len(weights):
            for page in entries:
                page.weight = page.hugo_weight
            continue
        given = [w for w in weights if w]
        if len(set(given)) == len(given):
            top = max(given, default=0)
            for page in entries:
                if page.hugo_weight:
                    page.weight = page.hugo_weight
                else:
                    top += 1
                    page.weight = top
        else:
            for number, page in enumerate(entries, start=1):
                page.weight = number * 10
        place = f"{folder}/" if folder else "the topic's top"
        report.note(place, "pages without a (distinct) weight: weights given in Hugo's order")


def existing_pages(docs: Path, topic: str) -> list[tuple[str, dict[str, Any], str]]:
    """The site's other pages: docs path, front matter and body."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.split("/", 1)[0] == topic or rel.startswith("."):
            continue
        try:
            meta, body, _ = frontmatter.split(path.read_text(encoding="utf-8"), _display(path))
        except (HugoImportError, UnicodeDecodeError):
            continue
        found.append((rel, meta, body))
    return found


def topic_weight(
    index: SourcePage, others: list[tuple[str, dict[str, Any], str]], report: Report
) -> int:
    """The topic's weight among the site's topics: Hugo's if free, else after the last topic."""
    top_level = [
        m.get("weight")
        for rel, m, _ in others
        if rel.count("/") == 0 or rel.endswith("/index.md") and rel.count("/") == 1
    ]
    taken = {w for w in top_level if isinstance(w, int) and not isinstance(w, bool)}
    if index.hugo_weight and index.hugo_weight not in taken:
        return index.hugo_weight
    topics = [
        m.get("weight") for rel, m, _ in others if rel.endswith("/index.md") and rel.count("/") == 1
    ]
    weight = max([w for w in topics if isinstance(w, int)], default=0) + 1
    while weight in taken:
        weight += 1
    report.note(
        _display(index.path),
        f"topic weight {weight} (Hugo's {index.hugo_weight or 'none'} is taken or missing)",
    )
    return weight


def _fields(page: SourcePage, body: str, math: bool) -> dict[str, Any]:
    where = _display(page.path)
    description = frontmatter.text_field(page.meta, "description", where) or frontmatter.text_field(
        page.meta, "summary", where
    )
    literal = any(mark in body for mark in ("{{", "{%", "{#"))
    return {
        "title": page.title,
        "linkTitle": frontmatter.text_field(page.meta, "linkTitle", where),
        "weight": page.weight,
        "description": description,
        "math": True if math else None,
        "aliases": page.old_urls,
        # Hugo pages call no macros; their `{{ … }}` (code, Go templates) must stay text.
        "render_macros": False if literal else None,
    }


def plan_import(src: Path, topic: str, docs: Path) -> Plan:
    """Everything the import would write, without writing anything."""
    if not TOPIC.match(topic) or topic in RESERVED:
        raise HugoImportError(
            f"TOPIC '{topic}': use lower-case letters, digits and hyphens (such as 't1' or "
            f"'redes-neuronales'), not one of {', '.join(sorted(RESERVED))}"
        )
    if not src.exists():
        raise HugoImportError(f"SRC '{src}': no such folder")
    if not src.is_dir():
        raise HugoImportError(
            f"SRC '{src}': not a folder (a Hugo section is a folder with an _index.md)"
        )
    if not docs.is_dir():
        raise HugoImportError(
            f"{docs}: no docs folder here (run the import from the site's folder)"
        )
    site, section_rel = locate(src)
    report = Report()
    pages = read_pages(site, src, section_rel, report)
    add_folder_indexes(pages, src, report)
    others = existing_pages(docs, topic)
    index = next(p for p in pages if p.target == "index.md")
    assign_weights(pages, topic_weight(index, others, report), report)
    resolver = Resolver(lower=site.lower_paths)
    own_urls: dict[str, str] = {}
    for page in pages:
        new_url = "/" + page_url(f"{topic}/{page.target}")
        page.old_urls = [
            u for u in page.old_urls if resolver.url_key(u) != resolver.url_key(new_url)
        ]
        ref = PageRef(
            target=f"{topic}/{page.target}",
            title=page.title,
            anchors={h.hugo_id: h.site_id for h in page.headings},
            site_ids=frozenset(h.site_id for h in page.headings),
            description=frontmatter.text_field(page.meta, "description", _display(page.path)) or "",
        )
        resolver.add_page(
            ref, [page.url, *page.old_urls] if page.url else [], page.content_path or None
        )
        for url in page.old_urls:
            key = resolver.url_key(url)
            if key in own_urls:
                raise HugoImportError(
                    f"{_display(page.path)}: old URL {url} is also {own_urls[key]}'s; "
                    "two pages cannot redirect from one URL"
                )
            own_urls[key] = _display(page.path)
    _add_site_pages(resolver, others, own_urls, docs)
    for draft in report.drafts:
        resolver.drafts.add(Path(draft).stem)
    files = Files(site=site, section=src)
    out: dict[str, bytes] = {}
    by_folder: dict[str, list[SourcePage]] = {}
    for page in pages:
        if not page.is_index or page.folder:
            owner = posixpath.dirname(page.folder) if page.is_index else page.folder
            by_folder.setdefault(owner, []).append(page)
    for page in sorted(pages, key=lambda p: p.target):
        context = PageContext(
            source=page.path,
            display=_display(page.path),
            content_path=page.content_path,
            url=page.url or "/" + page.target,
            target=f"{topic}/{page.target}",
            body=page.body,
            body_line=page.body_line,
            meta=page.meta,
            site=site,
            resolver=resolver,
            files=files,
            report=report,
            children=_children(page, by_folder, topic),
            math=page.meta.get("math") is True or site.math,
        )
        from .families import SPECS

        body = convert_body(context, SPECS) if page.body.strip() else ""
        if page.meta.get("layout") == "book":
            body = _book_layout(body, page, pages, topic, report)
        fields = _fields(page, body, context.math or context.uses_math)
        for key in frontmatter.dropped_keys(page.meta):
            report.dropped[key] += 1
        out[page.target] = (
            frontmatter.site_front_matter(fields) + ("\n" + body if body else "")
        ).encode()
        report.pages.append((page.target, _display(page.path)))
        for url in page.old_urls:
            report.redirects.append((url, f"docs/{topic}/{page.target}"))
    printable = printable_page(index.title, pages)
    if printable is not None and PRINTABLE not in out:
        out[PRINTABLE] = printable.encode()
        report.added.append(f"{PRINTABLE}: the whole topic on one page, for printing and PDF")
    for target, source in sorted(files.copies.items()):
        if target in out:
            raise HugoImportError(
                f"{_display(source)}: would be copied over the page docs/{topic}/{target}"
            )
        out[target] = source.read_bytes()
        report.copied.append((target, _display(source)))
    return Plan(topic=topic, files=out, report=report)


# The page that shows the whole topic on one page (and that the PDF is printed from).
PRINTABLE = "imprimir.md"


def printable_page(title: str, pages: list[SourcePage]) -> str | None:
    """The topic's printable page, after its last entry; None for a topic of one page."""
    top = [
        p.weight
        for p in pages
        if p.target != "index.md" and (p.folder == "" or p.target.count("/") == 1 and p.is_index)
    ]
    if not top:
        return None
    fields = {
        "title": f"{title} para imprimir",
        "linkTitle": "Para imprimir",
        "weight": max(top) + 1,
        "description": f"Todo el tema «{title}» en una sola página, para imprimirlo o "
        "guardarlo como PDF.",
        "search": {"exclude": True},
    }
    body = (
        f"# {title}\n\nTodas las secciones del tema en una sola página, para imprimirla o "
        "guardarla como PDF.\n\n<!-- Secciones del tema, en el orden de su `weight` -->\n\n"
        "{{ printable_topic() }}\n"
    )
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{dumped}---\n\n{body}"


def _children(
    page: SourcePage, by_folder: Mapping[str, list[SourcePage]], topic: str
) -> list[PageRef]:
    if not page.is_index:
        return []
    entries = sorted(by_folder.get(page.folder, []), key=lambda p: (p.weight, p.title.casefold()))
    return [
        PageRef(
            target=f"{topic}/{p.target}",
            title=p.title,
            description=str(p.meta.get("description") or p.meta.get("summary") or ""),
        )
        for p in entries
    ]


def _book_layout(
    body: str, page: SourcePage, pages: list[SourcePage], topic: str, report: Report
) -> str:
    """hugo-book's `layout: book` shows every page of the section: link to each, in order."""
    lines = []
    for other in sorted(pages, key=lambda p: _reading_order(p, pages)):
        if other is page:
            continue
        depth = other.target.count("/") - (1 if other.is_index else 0)
        lines.append(
            "    " * depth
            + f"- [{other.title}]({relative(f'{topic}/{other.target}', f'{topic}/{page.target}')})"
        )
    report.note(
        _display(page.path), "layout: book (every page on one page): a list of the section's pages"
    )
    return (body + "\n\n" if body.strip() else "") + "\n".join(lines) + "\n"


def _reading_order(page: SourcePage, pages: list[SourcePage]) -> list[tuple[int, str]]:
    key: list[tuple[int, str]] = []
    parts = page.target.removesuffix("/index.md").removesuffix(".md").split("/")
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        match = next((p for p in pages if p.target in {f"{prefix}.md", f"{prefix}/index.md"}), None)
        key.append((match.weight if match else 0, prefix))
    if page.is_index:
        key.append((-(10**9), ""))
    return key


def _add_site_pages(
    resolver: Resolver,
    others: list[tuple[str, dict[str, Any], str]],
    own: dict[str, str],
    docs: Path,
) -> None:
    """The site's other pages, findable by the Hugo URLs they list in `aliases`."""
    for rel, meta, body in others:
        new_url = "/" + page_url(rel)
        key = resolver.url_key(new_url)
        if key in own:
            raise HugoImportError(
                f"{own[key]}: its old URL {new_url} is the page docs/{rel}; rename the topic"
            )
        aliases = meta.get("aliases")
        urls = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
        headings = headings_of(body)
        ref = PageRef(
            target=rel,
            title=str(meta.get("title") or rel),
            anchors={h.hugo_id: h.site_id for h in headings},
            site_ids=frozenset(h.site_id for h in headings),
        )
        resolver.add_page(ref, urls, None)


def existing_files(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its path there."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(plan: Plan, docs: Path) -> str:
    """Write the topic in one step; a no-op when it is already exactly this import."""
    dest = docs / plan.topic
    if dest.exists():
        if not dest.is_dir():
            raise HugoImportError(f"{dest}: exists and is not a folder; choose another TOPIC")
        current = existing_files(dest)
        if current == plan.files:
            return f"docs/{plan.topic}/ is already this import: nothing changed"
        changed = sorted(
            set(current) ^ set(plan.files)
            | {k for k in current if k in plan.files and current[k] != plan.files[k]}
        )
        shown = ", ".join(changed[:5]) + (
            f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        )
        raise HugoImportError(
            f"docs/{plan.topic}/ already exists and differs from this import ({len(changed)} "
            f"files: {shown}); nothing was changed. Choose another TOPIC, or remove "
            f"docs/{plan.topic}/ first to import again"
        )
    staging = Path(tempfile.mkdtemp(prefix=f".import-{plan.topic}-", dir=docs.parent))
    try:
        for rel, data in plan.files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.replace(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return f"docs/{plan.topic}/ written: {len(plan.files)} files"
