r"""MkDocs hook: typeset the pages' TeX with KaTeX while the site builds.

Pages write math as the original Hugo notes do: `$…$` inline and `$$…$$` on lines of
their own. `pymdownx.arithmatex` (generic mode) finds it and leaves the TeX in
`<span class="arithmatex">\(…\)</span>` and `<div class="arithmatex">\[…\]</div>`.
This hook then does three things:

1. Protection from mkdocs-macros. TeX such as `a^{{b}}` or `{%` would be read as Jinja.
   Just before mkdocs-macros renders a page, every math span outside code is swapped for
   a placeholder; just after, the TeX is put back, as the author wrote it.
2. Rendering. Each arithmatex element is rendered by KaTeX (`throwOnError`), running in
   V8 through mini-racer: one context per build (per `mkdocs serve` session), KaTeX loaded
   into it once, and each distinct formula rendered once (a cache keyed by the TeX). Readers get
   finished HTML and MathML, with no math JavaScript. TeX that KaTeX cannot parse fails
   the build, naming the page and the formula. Hugo's escaped underscore (`x\_i`, which
   Hugo's Markdown turned into `x_i`) is a subscript in math and an underscore in `\text`.
   Site search indexes each formula's TeX, as it would with KaTeX in the browser.
3. Publishing. KaTeX's stylesheet and its woff2 fonts (from npm, `node_modules/katex`) go
   to `assets/katex/` in the site, and pages with math get `katex: true` in their meta,
   which makes `assets/main.html` link the stylesheet on those pages only.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from py_mini_racer import MiniRacer

log = logging.getLogger("mkdocs.plugins.math")

# Where the site publishes KaTeX's stylesheet; its fonts go to `fonts/` beside it, the
# relative path the stylesheet uses. assets/main.html links this path.
STYLESHEET = "assets/katex/katex.min.css"
# The page meta key that tells assets/main.html to link the stylesheet.
META_KEY = "katex"

# JavaScript defined in the V8 context after KaTeX: renders one formula and returns a
# JSON-friendly object, so no JavaScript stack trace (with a line of minified KaTeX in it)
# ever reaches the build output. Strict-mode remarks (LaTeX-incompatible input that KaTeX
# still renders) are returned as warnings for MkDocs' logger.
RENDER_JS = r"""
function renderTex(tex, displayMode) {
  const warnings = [];
  try {
    const html = katex.renderToString(tex, {
      displayMode: displayMode,
      throwOnError: true,
      output: "htmlAndMathml",
      // Hugo's Markdown turned `x\_i` into `x_i`: a subscript in math, `_` in \text.
      macros: {"\\_": "\\TextOrMath{\\textunderscore}{_}"},
      strict: function (code, message) {
        warnings.push(message + " [" + code + "]");
        return "ignore";
      },
    });
    return {html: html, warnings: warnings};
  } catch (error) {
    return {error: String(error && error.message ? error.message : error)};
  }
}
"""

# Math in a page's Markdown, mirroring pymdownx.arithmatex's syntax (smart dollars, `\(…\)`,
# `$$…$$`, `\[…\]`, `\begin{env}…\end{env}`), and the text where it is not math: fenced
# code, inline code, Jinja tags and backslash escapes, which are skipped. The leftmost wins,
# so a `$` inside a macro call's arguments is left to Jinja. Spans never cross a blank line.
NOT_BLANK = r"(?:(?!\n[ \t]*\n)[\s\S])"
JINJA = r"\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{\#[\s\S]*?\#\}"
MARKDOWN_MATH = re.compile(
    rf"""
    (?P<fence>^[ \t]*(?P<mark>`{{3,}}|~{{3,}})[\s\S]*?(?:\n[ \t]*(?P=mark)[`~]*[ \t]*(?=\n|\Z)|\Z))
    | (?P<code>(?<!`)(?P<ticks>`+)(?!`){NOT_BLANK}+?(?<!`)(?P=ticks)(?!`))
    | (?P<jinja>{JINJA})
    | (?P<math>
        \$\$(?:\\.|(?!\$\$){NOT_BLANK})+?\$\$
      | \\\[(?:\\[^\]]|(?!\\){NOT_BLANK})+?\\\]
      | \\begin\{{(?P<env>[a-z]+\*?)\}}{NOT_BLANK}+?\\end\{{(?P=env)\}}
      | \$(?!\s)(?:\\[^\n]|[^\\$\n]|\n(?![ \t]*\n))+?(?<!\s)\$
      | \\\((?:\\[^)]|(?!\\){NOT_BLANK})+?\\\)
    )
    | (?P<escape>\\[\\`$])
    """,
    re.MULTILINE | re.VERBOSE,
)
# What stands in for a math span while mkdocs-macros renders the page: control characters
# that Jinja passes through untouched and that no page contains, and as many line breaks as
# the formula has, so that Jinja's line numbers in error messages stay the file's.
PLACEHOLDER = "\x02math:{}{}\x03"
PLACEHOLDERS = re.compile("\x02math:(\\d+)\n*\x03")
# A bar inside math that a table row would read as the end of a cell: `\|` or `|`.
TABLE_BARS = re.compile(r"(\\)?\|")

# pymdownx.arithmatex's generic output (HTML-escaped TeX).
ARITHMATEX_HTML = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"</(?P=tag)>",
    re.DOTALL,
)
# KaTeX's font references: the woff2 one is kept, the woff and ttf fallbacks are dropped
# (every browser that runs Material reads woff2), so only woff2 files are published.
FONT_FALLBACK = re.compile(r',\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)')
FONT_URL = re.compile(r"url\(([^)]*)\)")


# -- Pure functions -------------------------------------------------------------------------------


def protect_math(markdown: str) -> tuple[str, list[str]]:
    """Swap each math span outside code for a placeholder; return the text and the spans."""
    spans: list[str] = []

    def swap(match: re.Match[str]) -> str:
        if match.group("math") is None:
            return match.group()
        spans.append(match.group())
        return PLACEHOLDER.format(len(spans) - 1, "\n" * match.group().count("\n"))

    return MARKDOWN_MATH.sub(swap, markdown), spans


def hide_math(markdown: str) -> str:
    """The text with each math span outside code swapped for its placeholder."""
    return protect_math(markdown)[0]


def restore_math(markdown: str, spans: list[str]) -> str:
    r"""Put the math spans back in place of their placeholders.

    In a table row, a `|` inside math would end the cell and drop the rest of the formula
    (Python-Markdown splits rows before math is found): there it becomes `\vert`, which
    KaTeX draws the same (and `\|`, `\Vert`).
    """

    def restore(match: re.Match[str]) -> str:
        span = spans[int(match.group(1))]
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        if markdown[line_start : match.start()].lstrip().startswith("|") and "|" in span:
            span = TABLE_BARS.sub(lambda bar: r"{\Vert}" if bar.group(1) else r"{\vert}", span)
        return span

    return PLACEHOLDERS.sub(restore, markdown)


def unclosed_math(protected: str) -> int | None:
    """The line of a `$$` left in the page once every formula is protected: one never closed.

    Without this the page would show the TeX as text. Code, Jinja and escapes are skipped.
    """
    position = 0
    for match in MARKDOWN_MATH.finditer(protected):
        found = protected.find("$$", position, match.start())
        if found != -1:
            return protected.count("\n", 0, found) + 1
        position = match.end()
    found = protected.find("$$", position)
    return None if found == -1 else protected.count("\n", 0, found) + 1


LABEL = re.compile(r"\\label\{([^{}]*)\}")
LABEL_NAME = re.compile(r"eq-[a-z0-9][a-z0-9-]*")


def equation_label(tex: str, where: str, *, display: bool) -> tuple[str, str | None]:
    r"""The TeX without its `\label{eq-…}`, and the label (None when it has none).

    KaTeX does not number equations; a label makes the site number it per topic and lets
    `ref()` point to it. One label, on display math, named `eq-` and lower-case words.
    """
    found = LABEL.findall(tex)
    if not found:
        return tex, None
    problem = None
    if not display:
        problem = "a label needs display math ($$…$$ on lines of their own)"
    elif len(found) > 1:
        problem = "one label per equation"
    elif not LABEL_NAME.fullmatch(found[0]):
        problem = "a label is 'eq-' then lower-case letters, digits and '-', such as 'eq-sigmoide'"
    if problem:
        raise PluginError(f"{where}: math {one_line(tex)}: \\label{{{found[0]}}}: {problem}")
    return LABEL.sub("", tex).strip(), found[0]


def woff2_only(css: str) -> str:
    """KaTeX's stylesheet with only the woff2 font of each `@font-face`."""
    return FONT_FALLBACK.sub("", css)


def swap(content: str, pairs: list[tuple[str, str]]) -> str:
    """Replace, in order, the first of each pair with the second."""
    for old, new in pairs:
        content = content.replace(old, new, 1)
    return content


def one_line(tex: str) -> str:
    """The TeX on one line, for an error message."""
    return " ".join(tex.split())


# -- KaTeX in V8 ----------------------------------------------------------------------------------


class MathError(Exception):
    """KaTeX could not render a formula; the message is KaTeX's."""


@dataclass
class KaTeX:
    """KaTeX loaded once into a V8 context, with running totals for the build report."""

    dist: Path
    racer: MiniRacer = field(init=False)
    version: str = field(init=False)
    startup_ms: float = field(init=False)
    formulas: int = 0
    render_ms: float = 0.0

    def __post_init__(self) -> None:
        """Start V8 and load KaTeX into it."""
        start = time.perf_counter()
        self.racer = MiniRacer()
        try:
            self.racer.eval((self.dist / "katex.min.js").read_text(encoding="utf-8"))
            self.racer.eval(RENDER_JS)
            self.version = str(self.racer.eval("katex.version"))
        except Exception:
            self.racer.close()
            raise
        self.startup_ms = (time.perf_counter() - start) * 1000

    def render(self, tex: str, *, display: bool) -> tuple[str, list[str]]:
        """Render `tex` to HTML and MathML; return the HTML and KaTeX's strict-mode remarks."""
        start = time.perf_counter()
        result: dict[str, Any] = self.racer.call("renderTex", tex, display)
        self.render_ms += (time.perf_counter() - start) * 1000
        self.formulas += 1
        if "error" in result:
            raise MathError(result["error"])
        return str(result["html"]), [str(w) for w in result["warnings"]]

    def close(self) -> None:
        """Stop V8."""
        self.racer.close()


def find_katex(start: Path) -> Path:
    """KaTeX's `dist` folder, looked up from `start` upwards as Node.js resolves a package."""
    for folder in (start, *start.parents):
        dist = folder / "node_modules" / "katex" / "dist"
        if (dist / "katex.min.js").is_file():
            return dist
    raise PluginError(
        f"KaTeX is not installed: no node_modules/katex/dist above {start}\n"
        "Run `make install` (it runs `npm ci` from package-lock.json)."
    )


# -- Hook state -----------------------------------------------------------------------------------


@dataclass
class State:
    """What the hook keeps during one build, and, under `mkdocs serve`, between builds."""

    dist: Path | None = None
    katex: KaTeX | None = None
    # Under `mkdocs serve`, V8 and the cache outlive each build (hooks are loaded once).
    serving: bool = False
    # KaTeX's output by (TeX, display mode): a formula met again, in this build or a later
    # rebuild, is not rendered again. KaTeX is deterministic for a given version and TeX.
    cache: dict[tuple[str, bool], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    formulas_seen: int = 0
    # The math spans of each page (by source path) while mkdocs-macros renders it.
    spans: dict[str, list[str]] = field(default_factory=dict)
    # Each page's formulas as arithmatex marked them and as KaTeX rendered them, in order.
    formulas: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def render(self, tex: str, *, display: bool) -> tuple[str, tuple[str, ...]]:
        """KaTeX's HTML for `tex` and its strict-mode remarks, from the cache when it has them."""
        self.formulas_seen += 1
        key = (tex, display)
        if key not in self.cache:
            if self.katex is None:
                assert self.dist is not None, "on_config sets the KaTeX folder"
                self.katex = KaTeX(self.dist)
            output, warnings = self.katex.render(tex, display=display)
            self.cache[key] = (output, tuple(warnings))
        return self.cache[key]

    def start_build(self, dist: Path) -> None:
        """Forget the last build's pages; keep V8 and the cache while KaTeX stays the same.

        Under `mkdocs serve`, each page's formulas are kept too: a page that a partial
        rebuild publishes again from its last HTML (assets/hooks/course.py) still gives the
        search index its TeX. A page rendered again replaces its own.
        """
        if dist != self.dist:
            self.stop()
            self.cache.clear()
        self.dist = dist
        self.spans.clear()
        if not self.serving:
            self.formulas.clear()
        self.formulas_seen = 0
        if self.katex is not None:
            self.katex.formulas, self.katex.render_ms = 0, 0.0

    def stop(self) -> KaTeX | None:
        """Close the V8 context, if one was started; return it for its totals."""
        katex, self.katex = self.katex, None
        if katex is not None:
            katex.close()
        self.spans.clear()
        self.formulas.clear()
        return katex


STATE = State()


# -- MkDocs events --------------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Under `mkdocs serve`, keep V8 and the rendered formulas from one rebuild to the next."""
    STATE.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Find KaTeX (installed by npm) before anything is built."""
    STATE.start_build(find_katex(Path(__file__).resolve().parent))
    # A second process compiles mkdocs-macros' page templates ahead (macros/precompile.py,
    # BEFORE_MACROS): from the text mkdocs-macros will read, its math hidden as `_protect` does.
    setattr(config, "page_text_before_macros", hide_math)  # noqa: B010 - MkDocs declares none
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish KaTeX's stylesheet (woff2 fonts only) and its woff2 fonts under assets/katex/."""
    assert STATE.dist is not None, "on_config sets the KaTeX folder"
    css = woff2_only((STATE.dist / "katex.min.css").read_text(encoding="utf-8"))
    folder = STYLESHEET.rsplit("/", 1)[0]
    fonts = sorted((STATE.dist / "fonts").glob("*.woff2"))
    published = {f"fonts/{font.name}" for font in fonts}
    missing = sorted(set(FONT_URL.findall(css)) - published)
    if missing:
        raise PluginError(
            f"KaTeX's stylesheet {STATE.dist / 'katex.min.css'} refers to files that are not "
            f"published:\n{', '.join(missing)}"
        )
    files.append(File.generated(config, STYLESHEET, content=css))
    for font in fonts:
        files.append(File.generated(config, f"{folder}/fonts/{font.name}", abs_src_path=str(font)))
    return files


@event_priority(100)  # before mkdocs-macros (priority 0) reads the page as Jinja
def _protect(markdown: str, /, *, page: Page, **kwargs: Any) -> str:
    """Hide the page's math from mkdocs-macros behind placeholders."""
    protected, spans = protect_math(markdown)
    line = unclosed_math(protected)
    if line is not None:
        # The body ends the file: the front matter and blank lines above it come first.
        source = Path(page.file.abs_src_path or "")
        total = len(source.read_text(encoding="utf-8-sig").splitlines()) if source.is_file() else 0
        line += max(total - len(markdown.splitlines()), 0)
        raise PluginError(
            f"docs/{page.file.src_uri}:{line}: '$$' opens display math that is never closed; "
            "end the formula with another '$$' (or write \\$ for a dollar sign)"
        )
    STATE.spans[page.file.src_uri] = spans
    return protected


@event_priority(-1)  # right after mkdocs-macros (priority 0)
def _restore(markdown: str, /, *, page: Page, **kwargs: Any) -> str:
    """Put the page's math back for pymdownx.arithmatex."""
    return restore_math(markdown, STATE.spans.pop(page.file.src_uri, []))


on_page_markdown = CombinedEvent(_protect, _restore)


def on_page_content(html_text: str, /, *, page: Page, **kwargs: Any) -> str:
    """Replace the TeX that arithmatex marked with KaTeX's HTML; flag the page for the CSS."""
    where = f"docs/{page.file.src_uri}"
    formulas: list[tuple[str, str]] = []

    def render(match: re.Match[str]) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        tex, label = equation_label(tex, where, display=display)
        try:
            output, warnings = STATE.render(tex, display=display)
        except MathError as error:
            message = f"{where}: cannot render math: {one_line(tex)}: {one_line(str(error))}"
            raise PluginError(message) from None
        for warning in warnings:
            log.warning(f"{where}: math {one_line(tex)}: {one_line(warning)}")
        tag = match.group("tag")
        formulas.append((match.group(), f'<{tag} class="arithmatex">{output}</{tag}>'))
        if label:
            # macros/numbering.py puts the equation's number in once every page is read.
            return f'<div class="course-equation" id="{label}">{formulas[-1][1]}</div>'
        return formulas[-1][1]

    html_text = ARITHMATEX_HTML.sub(render, html_text)
    STATE.formulas.pop(page.file.src_uri, None)
    if formulas:
        page.meta[META_KEY] = True
        STATE.formulas[page.file.src_uri] = formulas
        log.debug(f"{where}: {len(formulas)} formulas rendered with KaTeX")
    return html_text


# The search index gets each formula's TeX (as with KaTeX in the browser), not the three
# copies that KaTeX's output holds (MathML text, TeX annotation, HTML glyphs). Material's
# search plugin indexes the page in on_page_context (priority 0), between these two;
# search_es.py marks word boundaries for it at 50 and removes them at -50.
@event_priority(60)
def _tex_for_search(context: Any, /, *, page: Page, **kwargs: Any) -> Any:
    """Put the TeX back in the page while the search plugins read it."""
    if page.content is not None:
        pairs = STATE.formulas.get(page.file.src_uri, [])
        page.content = swap(page.content, [(katex, tex) for tex, katex in pairs])
    return context


@event_priority(-60)
def _katex_for_readers(context: Any, /, *, page: Page, **kwargs: Any) -> Any:
    """Put KaTeX's HTML back for the published page."""
    if page.content is not None:
        pairs = STATE.formulas.get(page.file.src_uri, [])
        if not STATE.serving:
            STATE.formulas.pop(page.file.src_uri, None)
        page.content = swap(page.content, pairs)
        # A printable page has its sections' formulas without any of its own.
        if 'class="katex"' in page.content:
            page.meta[META_KEY] = True
    return context


on_page_context = CombinedEvent(_tex_for_search, _katex_for_readers)


def on_post_build(config: MkDocsConfig) -> None:
    """Report how long the math took; stop V8 unless `mkdocs serve` builds again."""
    katex = STATE.katex if STATE.serving else STATE.stop()
    if katex is not None and katex.formulas:
        log.info(
            f"Math: {STATE.formulas_seen} formulas, {katex.formulas} of them rendered with "
            f"KaTeX {katex.version} in {katex.render_ms:.0f} ms "
            f"({katex.render_ms / katex.formulas:.2f} ms per formula), the rest the same as one "
            f"already rendered; {katex.startup_ms:.0f} ms loading KaTeX into V8"
        )


def on_build_error(error: Exception) -> None:
    """Stop V8 when the build fails, unless `mkdocs serve` builds again."""
    if not STATE.serving:
        STATE.stop()


def on_shutdown() -> None:
    """Stop V8 when `mkdocs serve` stops."""
    STATE.stop()
