"""Links between the pages of a section, and images, rewritten for the site.

Hugo links name a page by its URL (`../t2-multicapa#regla`, `/docs/dl/t2/`), by its file
(`t2.md`, BookPortableLinks) or through `ref`/`relref`. Each becomes a link to the Markdown
file, so that `mkdocs build --strict` checks it, with the anchor mapped to the site's heading
id. A link to a page outside the section is looked up among the site's pages (by their
`aliases`, the URLs they had in Hugo); if none has it, the link text stays, without a link.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit

from markdown.extensions.toc import slugify

from .files import is_remote
from .markdown import escape_html

REF = r"\{\{[<%]\s*(?:rel)?ref\s+(?:\"[^\"]*\"|\S+)\s*[>%]\}\}"
TEXT = r"(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*"
DEST = rf"<[^>\n]*>|{REF}|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*"
INLINE_LINK = re.compile(
    rf"(?P<bang>!?)\[(?P<text>{TEXT})\]\(\s*(?P<dest>{DEST})(?:\s+(?P<title>\"[^\"]*\"|'[^']*'))?\s*\)"
)
DEFINITION = re.compile(
    r"^(?P<lead>[ ]{0,3}\[(?P<label>[^\]]+)\]:[ \t]*)(?P<dest><[^>]*>|\S+)(?P<rest>.*)$",
    re.MULTILINE,
)
REF_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<label>[^\]]*)\]")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)/?>", re.IGNORECASE)
ATTR = re.compile(r"(?P<name>[\w-]+)\s*=\s*(?P<q>[\"'])(?P<value>.*?)(?P=q)")
REF_ARGUMENT = re.compile(r"(?:rel)?ref\s+(?:\"(?P<q>[^\"]*)\"|(?P<bare>[^\s>%]+))")


@dataclass(frozen=True)
class PageRef:
    """A page of the site a link can point to."""

    target: str
    title: str
    anchors: Mapping[str, str] = field(default_factory=dict)
    site_ids: frozenset[str] = frozenset()
    description: str = ""


@dataclass
class Resolver:
    """Hugo URLs and content paths of the section's pages (and of the site's) → their page."""

    lower: bool = True
    by_url: dict[str, PageRef] = field(default_factory=dict)
    by_path: dict[str, PageRef] = field(default_factory=dict)
    by_name: dict[str, list[PageRef]] = field(default_factory=dict)
    drafts: set[str] = field(default_factory=set)

    def url_key(self, url: str) -> str:
        """A URL path as a lookup key: no trailing slash or index.html, case as Hugo made it."""
        path = unquote(url).split("#")[0].split("?")[0]
        path = re.sub(r"(?:/index\.html|/)$", "", path) or "/"
        path = "/" + path.lstrip("/")
        return path.lower() if self.lower else path

    def add_page(self, ref: PageRef, urls: list[str], content_path: str | None) -> None:
        """Make `ref` findable by its URLs and, for a page of the section, by its file."""
        for url in urls:
            self.by_url.setdefault(self.url_key(url), ref)
        if content_path is None:
            return
        stem = content_path.rsplit(".", 1)[0]
        keys = {content_path, stem}
        if stem.endswith(("/_index", "/index")) or stem in {"_index", "index"}:
            keys.add(stem.rsplit("/", 1)[0] if "/" in stem else "")
        for key in keys:
            self.by_path[key.strip("/")] = ref
        name = stem.rsplit("/", 1)[-1]
        if name in {"_index", "index"} and "/" in stem:
            name = stem.rsplit("/", 2)[-2]
        self.by_name.setdefault(name, []).append(ref)

    def find(
        self, path: str, content_path: str, page_url: str, *, ref: bool = False
    ) -> PageRef | None:
        """The page `path` names, from the page at `content_path` whose URL is `page_url`."""
        folder = posixpath.dirname(content_path)
        if path.startswith("/"):
            candidates = [("url", path), ("path", path.lstrip("/"))]
        else:
            joined = posixpath.normpath(posixpath.join(folder, path)) if folder else path
            candidates = [("url", urljoin(page_url, path)), ("path", joined)]
            if ref:
                candidates.insert(0, ("path", joined))
        for kind, candidate in candidates:
            if kind == "url":
                found = self.by_url.get(self.url_key(candidate))
            else:
                clean = posixpath.normpath(unquote(candidate)).strip("/")
                clean = "" if clean == "." else clean
                found = self.by_path.get(clean) or self.by_path.get(clean.removesuffix(".md"))
            if found is not None:
                return found
        if ref:
            named = self.by_name.get(posixpath.basename(path).removesuffix(".md"), [])
            if len(named) == 1:
                return named[0]
        return None


def map_anchor(page: PageRef, fragment: str) -> str | None:
    """The site's id for a Hugo anchor on `page`, or None when the page has no such heading."""
    fragment = unquote(fragment)
    if fragment in page.anchors:
        return page.anchors[fragment]
    if fragment in page.site_ids:
        return fragment
    folded = slugify(fragment, "-")
    return folded if folded in page.site_ids else None


@dataclass
class LinkContext:
    """What rewriting one page's links needs from the import (see `convert.PageContext`)."""

    page_link: Callable[[str, int, bool], str | None]
    image: Callable[[str, str, str, int], str]
    html_image: Callable[[dict[str, str], str, int], str]
    line_of: Callable[[str], int]


def ref_path(shortcode: str) -> str:
    """The path named by a `ref`/`relref` shortcode."""
    found = REF_ARGUMENT.search(shortcode)
    if found is None:
        return ""
    return found["q"] if found["q"] is not None else found["bare"]


def rewrite_links(text: str, context: LinkContext) -> str:
    """Every Markdown link, image and reference definition of `text`, rewritten."""
    remote_labels: set[str] = set()

    def definition(match: re.Match[str]) -> str:
        dest = match["dest"].strip("<>")
        line = context.line_of(match.group())
        if is_remote(dest):
            remote_labels.add(match["label"].lower())
            return match.group()
        is_ref = dest.startswith("{{")
        target = context.page_link(ref_path(dest) if is_ref else dest, line, is_ref)
        if target is None:
            return ""
        return f"{match['lead']}{target}{match['rest']}"

    def inline(match: re.Match[str]) -> str:
        dest = match["dest"].strip()
        if dest.startswith("<") and dest.endswith(">"):
            dest = dest[1:-1]
        title = (match["title"] or "")[1:-1]
        text_part = match["text"]
        line = context.line_of(match.group())
        if match["bang"]:
            return context.image(text_part, dest, title, line)
        if dest.startswith("{{"):
            target = context.page_link(ref_path(dest), line, True)
        elif is_remote(dest):
            return match.group()
        else:
            target = context.page_link(dest, line, False)
        if target is None:
            return text_part
        suffix = f' "{title}"' if title else ""
        return f"[{text_part}]({target}{suffix})"

    def ref_image(match: re.Match[str]) -> str:
        if match["label"].lower() in remote_labels or match["alt"].lower() in remote_labels:
            label = match["label"] or match["alt"]
            return f"[Imagen: {match['alt']}][{label}]"
        return match.group()

    text = DEFINITION.sub(definition, text)
    text = INLINE_LINK.sub(inline, text)
    text = REF_IMAGE.sub(ref_image, text)

    def html_image(match: re.Match[str]) -> str:
        attrs = {m["name"].lower(): m["value"] for m in ATTR.finditer(match["attrs"])}
        return context.html_image(attrs, match.group(), context.line_of(match.group()))

    return HTML_IMG.sub(html_image, text)


def relative(target: str, from_file: str) -> str:
    """The path of docs file `target` relative to the folder of docs file `from_file`."""
    return posixpath.relpath(target, posixpath.dirname(from_file) or ".")


def page_url(src: str) -> str:
    """The site URL (from the site's root) of the docs file `src`, with directory URLs."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_relative(target: str, from_file: str) -> str:
    """The URL of docs file `target` relative to the page made from docs file `from_file`."""
    base = page_url(from_file)
    return posixpath.relpath(page_url(target) or ".", base.rstrip("/") or ".") + (
        "/" if target.endswith(".md") else ""
    )


def placeholder(alt: str, src: str) -> str:
    """What a missing image shows: its text, visibly, for everyone (no broken image)."""
    label = alt.strip() or posixpath.basename(urlsplit(src).path) or "sin descripción"
    return (
        f'<span class="missing-image" role="img" aria-label="Imagen no disponible: '
        f'{escape_html(label)}">Imagen no disponible: {escape_html(label)}</span>'
    )
