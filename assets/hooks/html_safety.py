"""MkDocs hook: fail the build on page HTML that could run code or load anything from elsewhere.

Raw HTML in a page's Markdown is published as it is, and the theme prints front matter text
(title, description) into the page without escaping it. Before this hook, `<script>`,
`<iframe src="https://…">`, `<a href="javascript:…">` and `<img onerror=…>` all passed
`mkdocs build --strict`. Each built page is now parsed the way a browser parses it (Lexbor,
through selectolax, with scripting on: comment and raw-text tricks that fool simpler parsers
end where a browser ends them), in three checks:

1. The page content (what the Markdown, the macros and the math renderer produced): no
   `<script>`, frames, `<object>`/`<embed>`, `<form>`, `<template>`, `<base>`, refresh
   `<meta>`, `on*` attributes, `javascript:`/`data:` (or other non-web) addresses, nothing
   loaded from another host (`src`, `srcset`, `<link href>`, SVG `href`, CSS `url()`,
   `image-set()` and `@import`), and every local file that the HTML loads or links exists.
2. The front matter text and the title of every page, which the theme prints as they are
   (the navigation holds every title): no markup, and no `"` in the description (it ends the
   `content` attribute of the description `<meta>`). Checked once all pages are read.
3. The whole page, templates included: the same rules except that the theme's own scripts and
   forms are allowed, so a template that starts loading a file from a CDN fails too.

The errors name the page (`docs/…`, with the line when the offending text is found in the
source), the element and attribute, and why.
"""

from __future__ import annotations

import atexit
import queue
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from selectolax.lexbor import LexborHTMLParser, LexborNode

ALLOWED = (
    "page HTML may not run code or load anything from other hosts: no <script>, frames, "
    "<object>/<embed>, forms, on* attributes, javascript: or data: addresses, nor files that "
    "are not in the site (CONTRIBUTING.md, 'HTML en las páginas')"
)

# Elements that load or embed another document, or change where the page's links go.
EMBEDDING = {
    "iframe": "a frame loads another page into this one",
    "frame": "a frame loads another page into this one",
    "frameset": "a frame loads another page into this one",
    "fencedframe": "a frame loads another page into this one",
    "portal": "a portal loads another page into this one",
    "object": "an object embeds a plugin or another document",
    "embed": "an embed loads a plugin or another document",
    "applet": "an applet runs a plugin",
    "base": "a <base> changes where every link of the page goes",
}
# Elements that only the site's templates may hold.
TEMPLATE_ONLY = {
    "script": "a script runs code in readers' browsers",
    "form": "a form sends what readers type to an address",
    "template": "a <template> holds markup that scripts may insert later, unchecked",
}
# Attributes holding a URL the reader follows: web and mail addresses are fine.
LINK_ATTRIBUTES = {"cite", "action", "formaction"}
LINK_SCHEMES = {"", "http", "https", "mailto"}
# Attributes holding a URL the browser loads by itself: only files of the site.
RESOURCE_ATTRIBUTES = {
    "src",
    "srcset",
    "imagesrcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "codebase",
    "archive",
    "classid",
    "icon",
    "longdesc",
}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset", "ping"}
# `<link rel>` values that name a related page instead of loading something.
NAVIGATION_RELS = {"canonical", "prev", "next", "alternate", "author", "license", "help"}
# Attributes that browsers read as CSS (SVG presentation attributes, and `style`).
CSS_ATTRIBUTES = {
    "style",
    "fill",
    "stroke",
    "marker",
    "marker-start",
    "marker-mid",
    "marker-end",
    "clip-path",
    "mask",
    "filter",
    "cursor",
}
CSS_URL_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade"}
# What a browser strips from a URL before reading its scheme.
URL_SPACE = "".join(chr(code) for code in range(0x21))
# The start of an element, a closing tag, a comment or a declaration, as an HTML tokenizer sees it.
MARKUP = re.compile(r"<[A-Za-z/!?]")


@dataclass(frozen=True)
class Problem:
    """One thing on a page that could run or load something, and why."""

    element: str
    reason: str
    needle: str | None = None  # text to look for in the Markdown source, for the line


@dataclass(frozen=True)
class Site:
    """What the checks need to know about the site being built."""

    published: frozenset[str]  # the destination path of every published file


SITE = Site(published=frozenset())


def describe(tag: str, attributes: Mapping[str, str | None], only: str | None = None) -> str:
    """The start tag, shortened, with only the attribute `only` when it is given."""
    shown = [(name, value) for name, value in attributes.items() if only in (None, name)]
    text = "".join(f" {name}" if value is None else f' {name}="{value}"' for name, value in shown)
    if len(text) > 80:
        text = text[:77] + "…"
    return f"<{tag}{text}>"


def scheme(url: str) -> str:
    """The scheme of `url` as a browser reads it ("" for a relative URL)."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip(URL_SPACE))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else ""


def resolve(url: str, page_url: str) -> str | None:
    """The published path that a relative `url` on the page at `page_url` points at."""
    parts = urlsplit(urljoin(f"http://site.invalid/{page_url}", url.strip(URL_SPACE)))
    if parts.netloc != "site.invalid":
        return None
    path = unquote(parts.path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def url_problem(url: str, *, resource: bool, page_url: str | None) -> str | None:
    """Why `url` is not allowed, or None; `page_url` set checks that local files exist."""
    kind = scheme(url)
    cleaned = url.strip(URL_SPACE)
    if kind in {"javascript", "vbscript"}:
        return f"a {kind}: address runs code in readers' browsers"
    if kind == "data":
        return "a data: address embeds a file that the build cannot check"
    if resource and (kind or cleaned.startswith("//")):
        host = urlsplit(cleaned).netloc or kind
        return f"loads a file from another host ({host}); put the file in docs/ instead"
    if not resource and kind not in LINK_SCHEMES:
        return f"a {kind}: address; links may use http, https or mailto"
    if kind or cleaned.startswith("//") or page_url is None:
        return None
    if cleaned.startswith("/"):
        return (
            "a path from the site's root breaks where the site lives under a sub-path; "
            "write it relative to the page"
        )
    path = urlsplit(cleaned).path
    if not path:
        return None  # `#anchor` or `?query`: this page
    target = resolve(cleaned, page_url)
    if target is None or (
        target not in SITE.published and f"{target}/index.html" not in SITE.published
    ):
        return f"'{path}' is not a file of the site (looked for {target})"
    return None


def css_urls(tokens: Iterable[Any]) -> Iterator[str]:
    """Every URL in CSS component values: `url()`, `image-set()` and the like, `@import`."""
    importing = False
    for token in tokens:
        if token.type == "url":
            yield token.value
        elif token.type == "string" and importing:
            yield token.value
        elif token.type == "function":
            if token.lower_name in CSS_URL_FUNCTIONS:
                yield from (item.value for item in token.arguments if item.type == "string")
            yield from css_urls(token.arguments)
        elif token.type in {"() block", "[] block", "{} block"}:
            yield from css_urls(token.content)
        if token.type not in {"whitespace", "comment"}:
            importing = token.type == "at-keyword" and token.lower_value == "import"


def css_problems(css: str, element: str, page_url: str | None) -> Iterator[Problem]:
    """The URLs in `css` that load from another host, run code or are missing."""
    if MARKUP.search(css):
        # In SVG, browsers read markup inside <style> as elements.
        yield Problem(element, "markup inside CSS (browsers may read it as HTML)")
    for url in css_urls(tinycss2.parse_component_value_list(css)):
        if url.startswith("#"):
            continue  # a reference to an element of this page (SVG markers, gradients)
        reason = url_problem(url, resource=True, page_url=page_url)
        if reason:
            yield Problem(element, f"CSS url({url}): {reason}", url)


def element_problems(node: LexborNode, *, content: bool, page_url: str) -> Iterator[Problem]:
    """What is wrong with one element; `content` applies the rules of page content."""
    tag = (node.tag or "").lower()
    attributes = node.attributes
    # SVG and MathML keep the case of attribute names (`attributeName`); compare without it.
    named = (
        {name.lower(): value or "" for name, value in attributes.items()}
        if tag in {"meta", "animate", "set", "link"}
        else {}
    )
    local = page_url if content else None
    if tag in EMBEDDING:
        yield Problem(describe(tag, attributes), EMBEDDING[tag], f"<{tag}")
    if content and tag in TEMPLATE_ONLY:
        yield Problem(describe(tag, attributes), TEMPLATE_ONLY[tag], f"<{tag}")
    if tag == "meta" and named.get("http-equiv", "").lower() == "refresh":
        yield Problem(describe(tag, attributes), "a refresh <meta> sends readers elsewhere")
    if tag in {"animate", "set"} and named.get("attributename", "").endswith("href"):
        yield Problem(describe(tag, attributes), "an SVG animation may turn a link into code")
    if tag == "style":
        yield from css_problems(node.text(deep=True), describe(tag, {}), local)
    link_rel = set(named.get("rel", "").lower().split())
    for name, value in attributes.items():
        lowered = name.lower()
        # The element as a message shows it is only described when it has a problem: a
        # page's SVG figures and tables have thousands of attributes, all of them fine.
        if lowered.startswith("on"):
            yield Problem(
                describe(tag, attributes, only=name),
                f"attribute '{name}' runs code in readers' browsers",
                name,
            )
            continue
        if value is None:
            continue
        if lowered in CSS_ATTRIBUTES:
            yield from css_problems(value, describe(tag, attributes, only=name), local)
            continue
        if lowered in {"href", "xlink:href"}:
            resource = tag not in {"a", "area"} and not (
                tag == "link" and link_rel <= NAVIGATION_RELS and link_rel
            )
        elif lowered in LINK_ATTRIBUTES:
            resource = False
        elif lowered in RESOURCE_ATTRIBUTES:
            resource = True
        else:
            continue
        urls = (
            [c.strip().split()[0] for c in value.split(",") if c.strip()]
            if lowered in SRCSET_ATTRIBUTES
            else [value]
        )
        for url in urls:
            reason = url_problem(url, resource=resource, page_url=local)
            if reason:
                element = describe(tag, attributes, only=name)
                yield Problem(element, f"attribute '{name}': {reason}", value)


# The theme's elements and their problems, by tag and attributes: the theme's rules do not
# depend on the page (local files are not looked up), and every page repeats the header
# and the navigation, a thousand elements at 200 pages. Emptied at each build's start.
THEME_PROBLEMS: dict[tuple[str, tuple[tuple[str, str | None], ...]], list[Problem]] = {}


def html_problems(html: str, *, content: bool, page_url: str) -> list[Problem]:
    """Every problem in `html`, parsed as a browser with scripting on parses it."""
    tree = LexborHTMLParser(html, scripting=True)
    problems: list[Problem] = []
    if tree.root is None:
        return problems
    for node in tree.root.traverse():
        if not node.is_element_node:
            continue
        tag = node.tag or ""
        if content or tag == "style":  # a <style>'s problems are in its text
            problems += element_problems(node, content=content, page_url=page_url)
            continue
        key = (tag, tuple(node.attributes.items()))
        found = THEME_PROBLEMS.get(key)
        if found is None:
            found = THEME_PROBLEMS[key] = list(element_problems(node, content=False, page_url=""))
        problems += found
    return problems


def front_matter_problems(page: Page) -> Iterator[Problem]:
    """Front matter text and the title, which the theme prints into the HTML unescaped."""

    def strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, Mapping):
            for name, item in value.items():
                yield from strings(item, f"{key}.{name}" if key else str(name))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from strings(item, f"{key}[{index}]")

    for key, text in [("title", page.title or ""), *strings(page.meta, "")]:
        what = f"front matter '{key}'" if key in page.meta or "." in key else "the page title"
        shown = text if len(text) <= 60 else text[:57] + "…"
        markup = MARKUP.search(text)
        if markup:
            tag = text[markup.start() :][:12]
            yield Problem(
                f"{what}: {shown!r}",
                f"contains markup ({tag!r}…), which the theme prints into the page as it is; "
                "write plain text",
                text,
            )
        elif key == "description" and '"' in text:
            yield Problem(
                f"{what}: {shown!r}",
                "contains '\"', which ends the description <meta> the theme prints it in; "
                "use « » or ' instead",
                text,
            )


def source_line(source: str, needle: str | None) -> int | None:
    """The line of `source` where `needle` first appears, if it does."""
    if not needle:
        return None
    for number, line in enumerate(source.splitlines(), 1):
        if needle in line:
            return number
    return None


def report(where: str, source_path: Path | None, problems: list[Problem]) -> list[str]:
    """One line per problem, naming the page (and line), the element and why."""
    source = (
        source_path.read_text(encoding="utf-8") if source_path and source_path.is_file() else ""
    )
    lines = []
    for problem in problems:
        line = source_line(source, problem.needle)
        at = f"{where}:{line}" if line else where
        lines.append(f"{at}: {problem.element}: {problem.reason}")
    return list(dict.fromkeys(lines))


def failure(lines: list[str]) -> PluginError:
    """The build error: the problems, then the rule."""
    return PluginError("\n".join([*lines, ALLOWED[0].upper() + ALLOWED[1:]]))


def page_report(page: Page, problems: list[Problem]) -> list[str]:
    """`report` for a page of docs/."""
    return _page_report(page.file.src_path, page.file.abs_src_path, problems)


def _page_report(src_path: str, abs_src_path: str | None, problems: list[Problem]) -> list[str]:
    source = Path(abs_src_path) if abs_src_path else None
    return report(f"docs/{src_path}", source, problems)


def page_problems(
    output: str, content: str, page_url: str, src_path: str, abs_src_path: str | None
) -> list[str]:
    """What in a built page could run or load something, one line each (see `report`)."""
    problems = html_problems(content, content=True, page_url=page_url)
    if not problems:
        # The theme's rules for the rest of the page: the content, checked above by the
        # stricter rules, is left out when the page holds it as it is (a second parse of
        # a long page's tables and figures would double the cost of the check).
        start = output.find(content) if content else -1
        theme = output if start < 0 else output[:start] + output[start + len(content) :]
        problems = [
            Problem(p.element, f"{p.reason} (outside the page content: the theme)", p.needle)
            for p in html_problems(theme, content=False, page_url=page_url)
        ]
    return _page_report(src_path, abs_src_path, problems) if problems else []


def check_page(output: str, page: Page) -> None:
    """Raise a PluginError listing what in `page` could run or load something."""
    lines = page_problems(
        output, page.content or "", page.url, page.file.src_path, page.file.abs_src_path
    )
    if lines:
        raise failure(lines)


# -- MkDocs events --------------------------------------------------------------------------------


@dataclass
class Checks:
    """Under `mkdocs build`, the pages' checks, run by a process of their own.

    MkDocs renders one page at a time on one core; the check parses each page twice more
    (1.1 s at 200 pages), so a second process, forked once the site's files are known,
    checks each page on the other core as the build writes it, and the build waits for the
    verdicts before its PDFs and its search index. The first page in the build's order with
    a problem fails the build, with the message a check in the build's own process gives.
    `mkdocs serve`, which renders only the pages an edit affects, checks them itself.
    """

    serving: bool = False
    worker: Any = None  # the forked process
    requests: Any = None  # queue of (number, page_problems' arguments), None to stop
    answers: Any = None  # queue of (number, lines, error)
    pages: list[str] = field(default_factory=list)  # the pages sent, by number


CHECKS = Checks()
# Seconds the build waits for the next verdict before it calls the checking process stuck.
CHECK_TIMEOUT = 300


def _serve_checks(requests: Any, answers: Any) -> None:
    """The checking process: each page's problems, in the order the pages come."""
    while (request := requests.get()) is not None:
        number, arguments = request
        try:
            answers.put((number, page_problems(*arguments), ""))
        except Exception as error:  # noqa: BLE001 - the build reports it, naming the page
            answers.put((number, [], f"{type(error).__name__}: {error}"))


def _start_checks() -> None:
    context = get_context("fork")  # the target and what it reads are copied, not imported
    CHECKS.requests, CHECKS.answers = context.Queue(), context.Queue()
    CHECKS.worker = context.Process(
        target=_serve_checks, args=(CHECKS.requests, CHECKS.answers), daemon=True
    )
    CHECKS.worker.start()
    CHECKS.pages = []
    # Whatever ends the build (an interrupt, an error no hook hears of), the process ends too.
    atexit.register(_stop_checks)


def _verdicts() -> list[tuple[list[str], str]]:
    """Each page's lines and error, in the order sent; a PluginError if the process ends."""
    found: dict[int, tuple[list[str], str]] = {}
    while len(found) < len(CHECKS.pages):
        try:
            number, lines, error = CHECKS.answers.get(timeout=CHECK_TIMEOUT)
        except queue.Empty:
            code = CHECKS.worker.exitcode
            state = "is stuck" if code is None else f"ended (exit code {code})"
            missing = len(CHECKS.pages) - len(found)
            raise PluginError(
                f"html_safety: the process that checks the pages' HTML {state}; "
                f"{missing} page{'s' if missing != 1 else ''} not checked"
            ) from None
        found[number] = (lines, error)
    return [found[number] for number in range(len(CHECKS.pages))]


def _stop_checks() -> None:
    atexit.unregister(_stop_checks)
    if CHECKS.worker is None:
        return
    CHECKS.requests.put(None)
    CHECKS.worker.join(timeout=5)
    if CHECKS.worker.is_alive():
        CHECKS.worker.terminate()
        CHECKS.worker.join()
    for channel in (CHECKS.requests, CHECKS.answers):
        channel.close()
        channel.join_thread()
    CHECKS.worker = CHECKS.requests = CHECKS.answers = None
    CHECKS.pages = []


def on_startup(command: str, dirty: bool) -> None:
    """Pages are checked by a process of their own on `mkdocs build`, not on `mkdocs serve`."""
    CHECKS.serving = command == "serve"


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Check every page's front matter, and remember which files the site publishes.

    Every page has been read by now and none rendered yet: the navigation of the first page
    rendered (the 404 page) already prints every title.
    """
    global SITE
    SITE = Site(published=frozenset(file.dest_uri for file in files))
    THEME_PROBLEMS.clear()
    lines = [
        line
        for file in files.documentation_pages()
        if file.page is not None
        for line in page_report(file.page, list(front_matter_problems(file.page)))
    ]
    if lines:
        raise failure(lines)
    _stop_checks()
    # Windows cannot fork: there the build checks each page itself, as `mkdocs serve` does.
    if not CHECKS.serving and "fork" in get_all_start_methods():
        # Forked now that SITE holds this build's files, before the build's own threads
        # (Pagefind's service, the PDFs' printing) start.
        _start_checks()
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fail the build on anything in the page that could run code or load from elsewhere."""
    if CHECKS.worker is None:
        check_page(output, page)
        return output
    arguments = (output, page.content or "", page.url, page.file.src_path, page.file.abs_src_path)
    CHECKS.requests.put((len(CHECKS.pages), arguments))
    CHECKS.pages.append(page.file.src_path)
    return output


@event_priority(50)  # before the PDFs are printed (5) and the search index is written (-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the pages' checks; the first page with a problem fails the build."""
    if CHECKS.worker is None:
        return
    try:
        for src_path, (lines, error) in zip(CHECKS.pages, _verdicts(), strict=True):
            if error:
                raise PluginError(f"docs/{src_path}: html_safety could not check it: {error}")
            if lines:
                raise failure(lines)
    finally:
        _stop_checks()


def on_build_error(error: Exception) -> None:
    """A failed build leaves no checking process behind."""
    _stop_checks()


def on_shutdown() -> None:
    """No checking process outlives MkDocs."""
    _stop_checks()


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's rules for the pages that templates render alone, such as 404.html."""
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    problems = html_problems(output_content, content=False, page_url=template_name)
    if problems:
        raise failure(report(f"{template_name} (a theme template)", None, problems))
    return output_content
