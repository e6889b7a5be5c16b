r"""Math typeset while the site builds: assets/hooks/katex_math.py, KaTeX from npm, no math JS.

The first tests call the hook's functions. The others build one small fixture site (a page of
formulas written as in the Hugo notes, and a page without any) once for the module, check its
HTML, then load it in Chromium. Bad TeX gets a build of its own.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, Error

from assets.hooks import katex_math as math_hook
from scripts.serving import serve
from tests.chromium import is_local, open_context
from tests.conftest import ROOT, run_build

HOOK = ROOT / "assets" / "hooks" / "katex_math.py"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"

FRONT_MATTER = "---\ntitle: {title}\nweight: 1\ndescription: Página de prueba.\n---\n\n"
# Every construct of the issue, written as the Hugo notes write it.
MATH_PAGE = r"""# Fórmulas

La neurona calcula $z = \sum_{i=1}^{n} w\_i x\_i + b$ y después \(\sigma(z)\).

Los pesos están en $\mathbb{R}^{n \times m}$ y $a^{{b}}$ es una potencia.

$$
\begin{aligned}
\operatorname{softmax}(z)\_i &= \frac{e^{z\_i}}{\sum_{j} e^{z_j}} \\
\mathcal{L} &= -\left( y \log \hat{y} + (1 - y) \log (1 - \hat{y}) \right)
\end{aligned}
$$

$$
W = \begin{pmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{pmatrix},
\quad \text{max\_iter} = 100
$$

$$
\frac{% el numerador
a}{b}
$$

Una tarjeta cuesta 5 $ y otra 6 $.

```python
loss = "$\frac{1}{n}$"
```

En una línea de código, `$x$` queda tal cual; las macros siguen funcionando: {{ 6 * 7 }}.

[Sin fórmulas](sin-formulas.md)
"""
PLAIN_PAGE = "# Sin fórmulas\n\nSolo texto. [Fórmulas](index.md)\n"
# The TeX of each formula in MATH_PAGE, in order, as KaTeX's annotation must keep it.
FORMULAS = [
    r"z = \sum_{i=1}^{n} w\_i x\_i + b",
    r"\sigma(z)",
    r"\mathbb{R}^{n \times m}",
    r"a^{{b}}",
    "\\begin{aligned}\n"
    "\\operatorname{softmax}(z)\\_i &= \\frac{e^{z\\_i}}{\\sum_{j} e^{z_j}} \\\\\n"
    "\\mathcal{L} &= -\\left( y \\log \\hat{y} + (1 - y) \\log (1 - \\hat{y}) \\right)\n"
    "\\end{aligned}",
    "W = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{pmatrix},\n"
    "\\quad \\text{max\\_iter} = 100",
    "\\frac{% el numerador\na}{b}",
]
DISPLAY = 3  # the last three are display math

SITE_CONFIG = f"""site_name: Prueba
site_url: {{site_url}}
theme:
  name: material
  language: es
  custom_dir: {ROOT / "assets"}
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
  features:
    - navigation.instant
plugins:
  - search
  - macros:
      module_name: macros
      on_error_fail: true
      on_undefined: strict
hooks:
  - {HOOK}
markdown_extensions:
  - abbr
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.highlight
  - pymdownx.superfences
"""


def math_site(folder: Path, pages: dict[str, str], site_url: str = "https://example.org/") -> Path:
    """A site in `folder` with the math hook, the real theme overrides and macros."""
    (folder / "docs").mkdir()
    for name, text in pages.items():
        title = text.splitlines()[0].removeprefix("# ")
        (folder / "docs" / name).write_text(FRONT_MATTER.format(title=title) + text, "utf-8")
    (folder / "macros").symlink_to(ROOT / "macros")
    (folder / "mkdocs.yml").write_text(SITE_CONFIG.format(site_url=site_url), encoding="utf-8")
    return folder / "mkdocs.yml"


def build_output(config: Path, site: Path) -> tuple[int, str]:
    """Build strictly; return the exit code and everything MkDocs printed."""
    result = run_build(config, site)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site's folder."""
    return tmp_path_factory.mktemp("math")


@pytest.fixture(scope="module")
def served(folder: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 for the fixture site; yields its base URL.

    It starts before the build: Material's instant navigation only follows links whose host
    and port match the sitemap's, which are site_url's.
    """
    with serve(folder / "site") as url:
        yield url


@pytest.fixture(scope="module")
def site(folder: Path, served: str) -> Path:
    """The fixture site, built once; fails on any warning."""
    pages = {"index.md": MATH_PAGE, "sin-formulas.md": PLAIN_PAGE}
    config = math_site(folder, pages, site_url=f"{served}/")
    returncode, output = build_output(config, folder / "site")
    assert returncode == 0, f"strict build failed:\n{output}"
    assert "WARNING" not in output, f"build printed warnings:\n{output}"
    assert f"Math: {len(FORMULAS)} formulas, {len(FORMULAS)} of them rendered with KaTeX" in output
    return folder / "site"


def article(page: Path) -> str:
    """The HTML of a built page's article."""
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


# -- The hook's functions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Cuesta 5 $ y 6 $.",
        "Escapados: \\$x\\$ y \\\\(no\\\\).",
        "Código `$a^{{b}}$` en línea.",
        "```\n$a^{{b}}$\n```",
        "~~~tex\n$$\n{%\n$$\n~~~",
        "Dos párrafos $a\n\nb$ no forman una fórmula.",
        '{{ precio("5$") }} y {{ precio("6$") }} son macros.',
        "{# $a$ #}{% if x %}$",
    ],
)
def test_text_that_is_not_math_is_left_to_macros(text: str) -> None:
    assert math_hook.protect_math(text) == (text, [])


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("$a^{{b}}$ y $c$", ["$a^{{b}}$", "$c$"]),
        ("\\(x\\_i\\) y \\[\\frac{1}{2}\\]", ["\\(x\\_i\\)", "\\[\\frac{1}{2}\\]"]),
        ("$$\n\\frac{%\na}{b}\n$$", ["$$\n\\frac{%\na}{b}\n$$"]),
        ("\\begin{align}\na &= {{b}}\n\\end{align}", ["\\begin{align}\na &= {{b}}\n\\end{align}"]),
        ("`$x$` y $y$, luego\n```\n$z$\n```", ["$y$"]),
        ("{{ tabla() }} y $a^{{b}}$ {# $c$ #}", ["$a^{{b}}$"]),
    ],
)
def test_math_outside_code_is_hidden_from_macros_and_restored(text: str, spans: list[str]) -> None:
    protected, found = math_hook.protect_math(text)
    assert found == spans
    assert not [span for span in spans if span in protected]
    assert math_hook.restore_math(protected, found) == text


def test_published_stylesheet_refers_only_to_woff2_fonts() -> None:
    css = math_hook.woff2_only((KATEX_DIST / "katex.min.css").read_text(encoding="utf-8"))
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls, "no font in KaTeX's stylesheet"
    assert all(re.fullmatch(r"fonts/KaTeX_[\w-]+\.woff2", url) for url in urls), urls
    assert all((KATEX_DIST / url).is_file() for url in urls)


def test_katex_comes_from_the_pinned_npm_package() -> None:
    lock = (ROOT / "package-lock.json").read_text(encoding="utf-8")
    version = re.search(r'"node_modules/katex": \{\s*"version": "([^"]+)"', lock)
    assert version, "katex missing from package-lock.json"
    assert f'"katex": "{version.group(1)}"' in (ROOT / "package.json").read_text("utf-8")
    katex = math_hook.KaTeX(KATEX_DIST)
    try:
        assert katex.version == version.group(1)
    finally:
        katex.close()


# -- The built fixture site -----------------------------------------------------------------------


def test_every_formula_is_katex_html_with_its_tex(site: Path) -> None:
    page = article(site / "index.html")
    annotations = re.findall(
        r'<annotation encoding="application/x-tex">(.*?)</annotation>', page, flags=re.S
    )
    assert [html.unescape(a).strip() for a in annotations] == FORMULAS
    assert page.count('<span class="katex">') == len(FORMULAS)
    assert page.count('<div class="arithmatex"><span class="katex-display">') == DISPLAY
    assert page.count('<span class="arithmatex"><span class="katex">') == len(FORMULAS) - DISPLAY


def test_no_tex_delimiter_is_left_outside_code(site: Path) -> None:
    page = article(site / "index.html")
    page = re.sub(
        r"<pre.*?</pre>|<code>.*?</code>|<annotation.*?</annotation>", "", page, flags=re.S
    )
    for delimiter in ("\\(", "\\)", "\\[", "\\]", "$$"):
        assert delimiter not in page, f"{delimiter} left in the page"
    assert "$" not in page.replace("5 $ y otra 6 $", ""), "a dollar left outside the price"


def test_hugo_escaped_underscore_is_a_subscript_and_text_keeps_it(site: Path) -> None:
    page = article(site / "index.html")
    assert "<msub><mi>w</mi><mi>i</mi></msub>" in page
    assert "<mtext>max_iter</mtext>" in page


def test_prices_code_and_macros_stay_as_they_were(site: Path) -> None:
    page = article(site / "index.html")
    assert "<p>Una tarjeta cuesta 5 $ y otra 6 $.</p>" in page
    assert "<code>$x$</code>" in page
    fence = re.search(r"<pre.*?</pre>", page, flags=re.S)
    assert fence, "the fenced code block is missing"
    assert "katex" not in fence.group()
    assert re.sub(r"<[^>]+>", "", fence.group()).strip() == r'loss = "$\frac{1}{n}$"'
    assert "las macros siguen funcionando: 42." in page


def test_stylesheet_is_linked_on_math_pages_only(site: Path) -> None:
    link = '<link rel="stylesheet" href="{}assets/katex/katex.min.css">'
    assert link.format("") in (site / "index.html").read_text(encoding="utf-8")
    assert "katex" not in (site / "sin-formulas" / "index.html").read_text(encoding="utf-8")
    assert "katex" not in (site / "404.html").read_text(encoding="utf-8")


def test_stylesheet_and_woff2_fonts_are_published(site: Path) -> None:
    folder = site / "assets" / "katex"
    css = (folder / "katex.min.css").read_text(encoding="utf-8")
    fonts = sorted(p.name for p in (folder / "fonts").iterdir())
    assert fonts == sorted(p.name for p in (KATEX_DIST / "fonts").glob("*.woff2"))
    assert sorted(re.findall(r"url\(fonts/([^)]*)\)", css)) == fonts


def test_search_indexes_the_tex_once(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "")
    assert "\\(\\sigma(z)\\)" in text
    assert "\\[ \\frac{% el numerador a}{b} \\]" in text
    assert "σ" not in text, "KaTeX's MathML or HTML copy reached the search index"


def test_no_math_javascript_in_the_pages(site: Path) -> None:
    for page in (site / "index.html", site / "sin-formulas" / "index.html"):
        scripts = re.findall(r"<script[^>]*>", page.read_text(encoding="utf-8"))
        assert not [s for s in scripts if re.search(r"katex|mathjax|arithmatex", s, re.I)]


def test_real_site_links_the_stylesheet_exactly_where_there_is_math(built_site: Path) -> None:
    """The notes' `math: true` front matter links nothing by itself: only formulas do."""
    assert (built_site / "assets" / "katex" / "katex.min.css").is_file()
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_math = '<span class="katex">' in text
        assert ("assets/katex/katex.min.css" in text) == has_math, page


# -- Bad TeX fails the build ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        (
            "$\\frac{1$",
            "ERROR   -  docs/index.md: cannot render math: \\frac{1: KaTeX parse error: "
            "Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1",
        ),
        (
            "$$\n\\left( x\n$$",
            "ERROR   -  docs/index.md: cannot render math: \\left( x: KaTeX parse error: "
            "Expected '\\right', got 'EOF' at end of input: \\left( x",
        ),
        (
            "$é$",
            'WARNING -  docs/index.md: math é: Accented Unicode text character "é" used in '
            "math mode [unicodeTextInMathMode]",
        ),
    ],
)
def test_bad_tex_fails_the_build_naming_page_and_formula(
    tmp_path: Path, formula: str, message: str
) -> None:
    config = math_site(tmp_path, {"index.md": f"# Prueba\n\nAntes.\n\n{formula}\n"})
    returncode, output = build_output(config, tmp_path / "site")
    assert returncode != 0
    assert message in output
    assert "Traceback" not in output


def test_missing_katex_names_the_install_step(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"KaTeX is not installed: .*\nRun `make install`"):
        math_hook.find_katex(tmp_path)


# -- In Chromium ----------------------------------------------------------------------------------

# What a math page shows, measured in the browser: sizes of the formulas, whether KaTeX's
# stylesheet applies (it hides the MathML copy), their colour against the text's, the fonts.
INSPECT_JS = """() => {
    const formulas = [...document.querySelectorAll("article .katex")];
    const mathml = document.querySelector("article .katex-mathml");
    const paragraph = document.querySelector("article p");
    return {
        scheme: document.body.getAttribute("data-md-color-scheme"),
        sizes: formulas.map((el) => {
            const box = el.getBoundingClientRect();
            return [box.width, box.height];
        }),
        mathmlPosition: mathml && getComputedStyle(mathml).position,
        colors: formulas.map((el) => getComputedStyle(el).color),
        textColor: getComputedStyle(paragraph).color,
        fonts: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
    };
}"""


# Fonts every formula page of the fixture needs: Main (digits, operators), Math (italic
# letters), AMS (\mathbb).
KATEX_FONTS = {"KaTeX_Main", "KaTeX_Math", "KaTeX_AMS"}
WAIT_FOR_FONTS_JS = """(families) => document.fonts.status === "loaded" && families.every(
    (family) => [...document.fonts].some((f) => f.family === family && f.status === "loaded"))"""


@dataclass
class Seen:
    """What one visit of the math page showed and requested."""

    inspect: dict[str, Any]
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def visit(browser: Browser, base_url: str, scheme: str, start: str) -> Seen:
    """Open `start` in Chromium with `scheme`, follow the link to the math page if needed."""
    context = open_context(browser, base_url, color_scheme=scheme)
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda r: errors.append(f"{r.url}: {r.failure}"))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "console",
            lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None,
        )
        page.goto(start, wait_until="networkidle")
        if start != "/":
            # Material's instant navigation: the page is swapped in, not loaded.
            page.evaluate("window.stillHere = true")
            page.get_by_role("link", name="Fórmulas", exact=True).last.click()
            page.wait_for_url(f"{base_url}/")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.stillHere === true"), "not an instant navigation"
        # The formulas are in the page (after an instant navigation the address changes
        # before the content is swapped in), KaTeX's stylesheet applies (it hides the MathML
        # copy), then its fonts load.
        page.wait_for_function(
            "(() => { const el = document.querySelector('article .katex-mathml');"
            " return el !== null && getComputedStyle(el).position === 'absolute'; })()"
        )
        page.wait_for_function(WAIT_FOR_FONTS_JS, arg=sorted(KATEX_FONTS))
        return Seen(page.evaluate(INSPECT_JS), requests, errors)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("scheme", "start", "material_scheme"),
    [("light", "/", "default"), ("dark", "/", "slate"), ("light", "/sin-formulas/", "default")],
    ids=["light", "dark", "instant-navigation"],
)
def test_math_page_shows_typeset_math_in_the_text_colour(
    browser: Browser, site: Path, served: str, scheme: str, start: str, material_scheme: str
) -> None:
    try:
        seen = visit(browser, served, scheme, start)
    except Error as error:
        pytest.fail(f"Chromium could not show the math page: {error}", pytrace=False)
    shown = seen.inspect
    assert not seen.errors, f"errors while loading: {seen.errors}"
    assert shown["scheme"] == material_scheme
    assert len(shown["sizes"]) == len(FORMULAS)
    assert all(width > 0 and height > 0 for width, height in shown["sizes"]), shown["sizes"]
    assert shown["mathmlPosition"] == "absolute", "KaTeX's stylesheet does not apply"
    assert set(shown["colors"]) == {shown["textColor"]}, "formulas not in the text colour"
    red, green, blue = (int(c) for c in re.findall(r"\d+", shown["textColor"])[:3])
    light_text = (red + green + blue) / 3 > 128
    assert light_text == (scheme == "dark"), f"text colour {shown['textColor']} in {scheme} mode"
    assert set(shown["fonts"]) >= KATEX_FONTS, shown["fonts"]
    fonts = [url for url in seen.requests if "/fonts/" in url]
    assert fonts, "no KaTeX font was requested"
    assert all(url.startswith(f"{served}/assets/katex/fonts/") for url in fonts), fonts
    assert all(url.endswith(".woff2") for url in fonts), fonts
    assert all(is_local(url, served) for url in seen.requests)


def test_each_distinct_formula_is_rendered_once_and_the_cache_is_kept_while_serving() -> None:
    state = math_hook.State(serving=True)
    dist = math_hook.find_katex(ROOT)
    state.start_build(dist)
    first = state.render("a^2 + b^2", display=False)
    assert state.render("a^2 + b^2", display=False) == first
    assert state.render("a^2 + b^2", display=True) != first  # display mode is part of the key
    assert state.katex is not None and state.katex.formulas == 2 and state.formulas_seen == 3
    katex = state.katex
    state.start_build(dist)  # the next rebuild of `mkdocs serve`
    assert state.katex is katex and state.render("a^2 + b^2", display=False) == first
    assert katex.formulas == 0, "a formula rendered before was rendered again"
    state.stop()


def test_a_bar_in_math_in_a_table_row_stays_in_its_cell() -> None:
    protected, spans = math_hook.protect_math("| a | $x|y$ | $\\|v\\|$ |\n\nTexto $a|b$.\n")
    restored = math_hook.restore_math(protected, spans)
    assert restored == "| a | $x{\\vert}y$ | ${\\Vert}v{\\Vert}$ |\n\nTexto $a|b$.\n"


def test_unclosed_display_math_fails_the_build_naming_file_and_line(tmp_path: Path) -> None:
    pages = {"index.md": "# Página\n\nUna fórmula:\n\n$$\nx = 1\n\nY el texto sigue.\n"}
    config = math_site(tmp_path, pages)
    returncode, output = build_output(config, tmp_path / "site")
    assert returncode != 0 and "Traceback" not in output
    line = FRONT_MATTER.format(title="Página").count("\n") + 5
    assert f"docs/index.md:{line}: '$$' opens display math that is never closed" in output
    # Dollars in code are not math.
    protected, _ = math_hook.protect_math("Escribe `$$` o\n\n```\n$$\n```\n")
    assert math_hook.unclosed_math(protected) is None


def test_a_hand_written_table_keeps_every_cell_when_math_has_a_bar(tmp_path: Path) -> None:
    pages = {"index.md": "# Página\n\n| Norma | Valor |\n| --- | --- |\n| $\\|x\\|$ | $a|b$ |\n"}
    config = math_site(tmp_path, pages)
    returncode, output = build_output(config, tmp_path / "site")
    assert returncode == 0, output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert row.count("<td") == 2 and row.count('class="katex"') == 2
