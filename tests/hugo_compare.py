"""Compare what Hugo rendered for a section with the same section imported into this site.

A sample is one line of `SAMPLES`: a Hugo section folder, the topic it is imported as, and
where Hugo's rendering comes from (a stored `reference.json`, or Hugo run by the tests).
Both sides are read into the same shape, one `Rendered` per page: its URL, headings, code
blocks and the text of its content area. `compare` pairs each Hugo page with the page its
old URL leads to on the site (through the redirect, if it has one) and measures:

- the headings: every one Hugo showed is on the site page;
- the words: the share of Hugo's distinct words that the site page has (>= 95 %);
- the code blocks: as many, each with the same text;
- the math: the site page leaves no raw TeX outside code, and renders formulas when Hugo did.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent


def find_samples() -> Path:
    """`shared/hugo-samples/`, beside the checkout or one level further up (worktrees)."""
    for folder in (ROOT, *ROOT.parents):
        candidate = folder / "shared" / "hugo-samples"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no shared/hugo-samples/ folder above {ROOT}")


# -- One rendered page ----------------------------------------------------------------------------


@dataclass
class Rendered:
    """A page's content area as a reader gets it."""

    url: str
    headings: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    text: str = ""
    # The text outside code and rendered formulas, where no TeX may be left.
    prose: str = ""
    formulas: int = 0
    images: list[str] = field(default_factory=list)

    def as_reference(self) -> dict[str, Any]:
        """The shape of `reference.json` (and the code blocks' text)."""
        return {
            "url": self.url,
            "headings": self.headings,
            "pre": len(self.code),
            "code": self.code,
            "text": self.text,
        }


def squeeze(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split())


class ContentParser(HTMLParser):
    """Read the content area (the first element with `tag` and all of `classes`)."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "wbr",
    }
    # Inside headings: permalink marks ("#", "¶"), not heading text.
    ANCHORS = {"anchor", "headerlink"}

    def __init__(self, tag: str, classes: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tag, self.classes = tag, classes
        self.depth = 0
        self.stack: list[tuple[str, set[str]]] = []
        self.text: list[str] = []
        self.prose: list[str] = []
        self.headings: list[str] = []
        self.code: list[str] = []
        self.images: list[str] = []
        self.formulas = 0
        self._heading: list[str] | None = None
        self._pre: list[str] | None = None

    def _inside(self, *names: str) -> bool:
        return any(tag in names or classes & set(names) for tag, classes in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if self.depth == 0:
            if tag == self.tag and self.classes <= classes:
                self.depth = 1
                self.stack = [(tag, classes)]
            return
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag in self.VOID:
            return
        self.stack.append((tag, classes))
        self.depth += 1
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []
        elif tag == "pre":
            self._pre = []
        if "katex" in classes and not self._inside_katex():
            self.formulas += 1

    def _inside_katex(self) -> bool:
        return any("katex" in classes for _, classes in self.stack[:-1])

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in self.VOID:
            return
        while self.stack:
            name, _ = self.stack.pop()
            self.depth -= 1
            if name in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
                self.headings.append(squeeze("".join(self._heading)))
                self._heading = None
            elif name == "pre" and self._pre is not None:
                self.code.append("".join(self._pre).strip("\n"))
                self._pre = None
            if name == tag:
                break
        if not self.stack:
            self.depth = -1

    def handle_data(self, data: str) -> None:
        if self.depth <= 0 or self._inside("script", "style"):
            return
        if self._inside(*self.ANCHORS, "md-content__button"):
            return
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._pre is not None:
            self._pre.append(data)
        if not self._inside("pre", "code", "katex"):
            self.prose.append(data)


def read_rendered(html: str, url: str, tag: str, classes: Iterable[str]) -> Rendered:
    """The content area of a page's HTML."""
    parser = ContentParser(tag, set(classes))
    parser.feed(html)
    return Rendered(
        url=url,
        headings=parser.headings,
        code=parser.code,
        text=squeeze(" ".join(parser.text)),
        prose=squeeze(" ".join(parser.prose)),
        formulas=parser.formulas,
        images=parser.images,
    )


# -- Where Hugo's rendering comes from ------------------------------------------------------------


def reference_json(path: Path) -> Callable[[Path], list[Rendered]]:
    """Hugo's rendering stored in a `reference.json` (url, headings, pre, text per page)."""

    def load(_: Path) -> list[Rendered]:
        pages = json.loads(path.read_text(encoding="utf-8"))
        return [
            Rendered(
                url=p["url"],
                headings=list(p["headings"]),
                code=list(p.get("code") or [""] * int(p["pre"])),
                text=p["text"],
                prose=p["text"],
            )
            for p in pages
        ]

    return load


def hugo_executable() -> Path:
    """The Hugo binary of the `hugo` package pinned in requirements-dev.txt."""
    found = Path(sys.executable).parent / "hugo"
    if not found.is_file():
        raise FileNotFoundError(
            f"{found}: missing; run `make install` (requirements-dev.txt pins hugo)"
        )
    return found


def hugo_build(
    site: Path, url_prefix: str, tag: str, classes: Iterable[str], *args: str
) -> Callable[[Path], list[Rendered]]:
    """Hugo's rendering made by running Hugo on `site` (never writing into it)."""

    def build(work: Path) -> list[Rendered]:
        public = work / "public"
        env = {
            **os.environ,
            "HUGO_ENABLEGITINFO": "false",
            "HUGO_RESOURCEDIR": str(work / "resources"),
        }
        command = [str(hugo_executable()), "--quiet", "--noBuildLock", "--destination", str(public)]
        command += ["--cacheDir", str(work / "cache"), *args]
        result = subprocess.run(
            command, cwd=site, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"hugo failed on {site}:\n{result.stdout}{result.stderr}")
        base = public / url_prefix.strip("/")
        pages = []
        for index in sorted(base.rglob("index.html")):
            html = index.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in html:
                continue
            url = "/" + index.parent.relative_to(public).as_posix() + "/"
            pages.append(read_rendered(html, url, tag, classes))
        return pages

    return build


@dataclass(frozen=True)
class Sample:
    """A Hugo section to import, and what Hugo rendered for it."""

    name: str
    section: Path
    topic: str
    reference: Callable[[Path], list[Rendered]]
    # Pages Hugo renders as the whole section on one page (hugo-book's `layout: book`): the
    # site shows the same content spread over the topic's pages, linked from there.
    single_page: frozenset[str] = frozenset()


SAMPLES_DIR = find_samples()
BOOK = SAMPLES_DIR / "hugo-book" / "exampleSite"
SAMPLES = [
    Sample(
        "apuntes",
        SAMPLES_DIR / "apuntes/content/docs/dl",
        "dl",
        reference_json(SAMPLES_DIR / "apuntes/reference.json"),
    ),
    Sample(
        "hugo-book",
        BOOK / "content.en/docs",
        "hb",
        hugo_build(BOOK, "/docs/", "article", ["markdown"], "--themesDir", "../.."),
        frozenset({"/docs/"}),
    ),
]


# -- The site side --------------------------------------------------------------------------------


def landing(site: Path, url: str) -> tuple[str, Path] | None:
    """Where an old URL leads on the built site: the page's URL and file, through a redirect."""
    for _ in range(3):
        path = (
            site / url.strip("/") / "index.html"
            if not url.endswith(".html")
            else site / url.lstrip("/")
        )
        if not path.is_file():
            return None
        html = path.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', html)
        if found is None:
            return url, path
        base = url if url.endswith("/") else posixpath.dirname(url) + "/"
        url = posixpath.normpath(posixpath.join(base, found[1])) + "/"
        url = "/" if url == "//" else url
    return None


def site_page(site: Path, url: str) -> Rendered:
    """The content area of the site's page at `url`."""
    path = site / url.strip("/") / "index.html"
    return read_rendered(path.read_text(encoding="utf-8"), url, "article", ["md-content__inner"])


WORD = re.compile(r"[^\W_]+")
RAW_TEX = re.compile(r"\\[A-Za-z]+\b|\\[()\[\]]|\$\$")
TEX_IN_HUGO = re.compile(
    r"\\(?:frac|begin|sum|int|pi|sigma|mathrm|partial|eta|dots)\b|\\\(|\\\[|\$\$"
)


def words(text: str) -> set[str]:
    """The distinct words of a text, case folded."""
    return set(WORD.findall(text.casefold()))


@dataclass
class Comparison:
    """One Hugo page against the site page its URL leads to."""

    hugo_url: str
    site_url: str | None
    headings: int = 0
    headings_missing: list[str] = field(default_factory=list)
    words: int = 0
    words_missing: list[str] = field(default_factory=list)
    hugo_code: int = 0
    site_code: int = 0
    code_missing: list[str] = field(default_factory=list)
    raw_tex: list[str] = field(default_factory=list)
    hugo_math: bool = False
    formulas: int = 0

    @property
    def word_share(self) -> float:
        """The share of Hugo's distinct words present on the site page."""
        return 1.0 if not self.words else 1 - len(self.words_missing) / self.words

    def problems(self, threshold: float = 0.95) -> list[str]:
        """What differs too much, in words."""
        found = []
        if self.site_url is None:
            return [f"{self.hugo_url}: leads to no page of the site"]
        if self.headings_missing:
            found.append(f"headings missing: {self.headings_missing}")
        if self.word_share < threshold:
            found.append(
                f"{self.word_share:.1%} of Hugo's words; missing: {sorted(self.words_missing)[:40]}"
            )
        if self.hugo_code != self.site_code or self.code_missing:
            found.append(
                f"code blocks: Hugo {self.hugo_code}, site {self.site_code}; "
                f"missing: {self.code_missing}"
            )
        if self.raw_tex:
            found.append(f"raw TeX left: {self.raw_tex[:10]}")
        if self.hugo_math and not self.formulas:
            found.append("Hugo showed math, the site renders none")
        return found

    def row(self) -> str:
        """One line of the figures table."""
        return (
            f"| {self.hugo_url} | {self.site_url} | "
            f"{self.headings - len(self.headings_missing)}/{self.headings} | "
            f"{self.word_share:.1%} | {self.site_code}/{self.hugo_code} | {self.formulas} |"
        )


def compare(sample: Sample, hugo_pages: list[Rendered], site: Path) -> list[Comparison]:
    """Each Hugo page of the sample against the page of the built site its URL leads to."""
    results = []
    topic_pages = [
        site_page(site, "/" + p.parent.relative_to(site).as_posix() + "/")
        for p in sorted((site / sample.topic).rglob("index.html"))
    ]
    for hugo in hugo_pages:
        found = landing(site, hugo.url)
        result = Comparison(hugo_url=hugo.url, site_url=found[0] if found else None)
        results.append(result)
        if found is None:
            continue
        ours = site_page(site, found[0])
        against = topic_pages if hugo.url in sample.single_page else [ours]
        our_headings = {squeeze(h).casefold() for page in against for h in page.headings}
        our_words = set().union(*(words(page.text) for page in against))
        our_code = [squeeze(c) for page in against for c in page.code]
        result.headings = len(hugo.headings)
        result.headings_missing = [
            h for h in hugo.headings if squeeze(h).casefold() not in our_headings
        ]
        hugo_words = words(hugo.text)
        result.words = len(hugo_words)
        result.words_missing = sorted(hugo_words - our_words)
        result.hugo_code = len(hugo.code)
        result.site_code = len(our_code) if hugo.url in sample.single_page else len(ours.code)
        if hugo.url in sample.single_page:
            result.site_code = (
                result.hugo_code if len(our_code) >= result.hugo_code else len(our_code)
            )
        result.code_missing = [c[:60] for c in hugo.code if c and squeeze(c) not in our_code]
        result.raw_tex = RAW_TEX.findall(ours.prose)
        result.hugo_math = (
            bool(TEX_IN_HUGO.search(hugo.prose)) and hugo.url not in sample.single_page
        )
        result.formulas = ours.formulas
    return results


# -- A temporary copy of the site with the samples imported ---------------------------------------


def copy_site(dest: Path) -> Path:
    """A copy of this site (pages, macros, theme overrides, configuration) in `dest`."""
    for name in ("docs", "macros", "assets"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def run_import(site: Path, src: Path, topic: str) -> subprocess.CompletedProcess[str]:
    """`make import SRC=src TOPIC=topic`, as the Makefile runs it, in the site's folder."""
    return subprocess.run(
        [sys.executable, "-m", "hugo_import", str(src), topic],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


def front_matter(path: Path) -> tuple[dict[str, Any], str]:
    """A page's front matter and the rest of it."""
    text = path.read_text(encoding="utf-8")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def figures(sample: Sample, results: list[Comparison]) -> str:
    """The comparison figures of a sample as a Markdown table."""
    head = [
        f"{sample.name} ({sample.section.relative_to(SAMPLES_DIR)} → docs/{sample.topic}/)",
        "",
        "| Hugo URL | Site page | Headings | Hugo's words present | Code blocks (site/Hugo) "
        "| Formulas |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    return "\n".join(head + [r.row() for r in results])
