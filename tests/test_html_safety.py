"""Nothing in a page can run code or load a file from another host (assets/hooks/html_safety.py).

Each hostile input is a line of raw HTML or Markdown that a careless or hostile contributor
could send; each must fail `mkdocs build --strict` naming the page, the element and why.
The fixture sites use Material (as the real site does) and the hook.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
import yaml

from scripts.fixture_site import FRONT_MATTER, fixture_site
from tests.conftest import ROOT, run_build
from tests.test_site import content_pages

HOOK = ROOT / "assets" / "hooks" / "html_safety.py"
MATERIAL = f"theme:\n  name: material\n  font: false\nhooks: [{HOOK.as_posix()}]\n"
LINE = 9  # the line after FRONT_MATTER
RULE = "Page HTML may not run code or load anything from other hosts: no <script>, frames"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its `!ENV` and `!!python` tags."""


# yaml's function rather than the loader's classmethod, which PyYAML's stubs leave untyped.
yaml.add_multi_constructor("!", lambda loader, suffix, node: None, Loader=ConfigLoader)


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("html_safety", HOOK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def build(tmp_path: Path, page: str, config: str = MATERIAL) -> tuple[int, str]:
    result = run_build(fixture_site(tmp_path, page, extra_config=config), tmp_path / "site")
    return result.returncode, result.stdout + result.stderr


def build_fails(tmp_path: Path, page: str, config: str = MATERIAL) -> str:
    returncode, output = build(tmp_path, page, config)
    assert returncode != 0, output
    assert "Traceback" not in output, output
    assert RULE in output, output
    return output


ANOTHER_HOST = "loads a file from another host"
RUNS_CODE = "runs code in readers' browsers"
JAVASCRIPT = "attribute 'href': a javascript: address " + RUNS_CODE
HOSTILE = {
    # The inputs of the issue.
    "script-from-cdn": (
        '<script src="https://cdn.example.com/x.js"></script>',
        '<script src="https://cdn.example.com/x.js">: a script ' + RUNS_CODE,
    ),
    "iframe": (
        '<iframe src="https://www.youtube.com/embed/x"></iframe>',
        '<iframe src="https://www.youtube.com/embed/x">: a frame loads another page into this one',
    ),
    "inline-script": ("<script>alert(document.domain)</script>", "<script>: a script " + RUNS_CODE),
    "javascript-link": ('<a href="javascript:alert(1)">x</a>', JAVASCRIPT),
    "javascript-markdown-link": ("[x](javascript:alert(1))", JAVASCRIPT),
    "onerror": (
        '<img src="x.png" onerror="alert(1)">',
        "<img onerror=\"alert(1)\">: attribute 'onerror' " + RUNS_CODE,
    ),
    "data-image": (
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">',
        "attribute 'src': a data: address embeds a file that the build cannot check",
    ),
    "markdown-data-image": (
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "attribute 'src': a data: address embeds a file that the build cannot check",
    ),
    "missing-image": (
        '<img src="missing.png" alt="x">',
        "<img src=\"missing.png\">: attribute 'src': 'missing.png' is not a file of the site",
    ),
    "srcset-on-another-host": (
        '<img srcset="https://cdn.example.com/a.png 2x" alt="x">',
        "attribute 'srcset': " + ANOTHER_HOST + " (cdn.example.com)",
    ),
    "style-url": (
        '<div style="background:url(https://tracker.example.com/p.gif)">x</div>',
        "CSS url(https://tracker.example.com/p.gif): " + ANOTHER_HOST,
    ),
    "upper-case-scheme": ('<a href="JaVaScRiPt:alert(1)">x</a>', JAVASCRIPT),
    "entity-encoded-scheme": ('<a href="&#106;avascript:alert(1)">x</a>', JAVASCRIPT),
    # Variants.
    "tab-in-scheme": ('<a href="java&#x09;script:alert(1)">x</a>', JAVASCRIPT),
    "named-entity-colon": ('<a href="javascript&colon;alert(1)">x</a>', JAVASCRIPT),
    "spaces-before-scheme": ('<a href="  javascript:alert(1)">x</a>', JAVASCRIPT),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', "a vbscript: address " + RUNS_CODE),
    "file-link": (
        '<a href="file:///etc/passwd">x</a>',
        "a file: address; links may use http, https or mailto",
    ),
    "svg-onload": ("<svg/onload=alert(1)>", "attribute 'onload' " + RUNS_CODE),
    "svg-script": ("<svg><script>alert(1)</script></svg>", "<script>: a script " + RUNS_CODE),
    "svg-javascript-link": (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "attribute 'xlink:href': a javascript: address " + RUNS_CODE,
    ),
    "svg-image-on-another-host": (
        '<svg><image href="https://cdn.example.com/x.png"/></svg>',
        "attribute 'href': " + ANOTHER_HOST,
    ),
    "svg-use-on-another-host": (
        '<svg><use href="https://cdn.example.com/s.svg#a"/></svg>',
        "attribute 'href': " + ANOTHER_HOST,
    ),
    "svg-animated-link": (
        '<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
        "an SVG animation may turn a link into code",
    ),
    "svg-fill-on-another-host": (
        '<svg><rect fill="url(https://cdn.example.com/p.svg#g)"/></svg>',
        "CSS url(https://cdn.example.com/p.svg#g): " + ANOTHER_HOST,
    ),
    "protocol-relative": ('<img src="//cdn.example.com/x.png" alt="x">', ANOTHER_HOST),
    "root-path": (
        '<img src="/assets/x.png" alt="x">',
        "a path from the site's root breaks where the site lives under a sub-path",
    ),
    "video-poster": (
        '<video poster="https://cdn.example.com/p.jpg"></video>',
        "attribute 'poster': " + ANOTHER_HOST,
    ),
    "stylesheet-on-another-host": (
        '<link rel="stylesheet" href="https://fonts.example.com/f.css">',
        "attribute 'href': " + ANOTHER_HOST,
    ),
    "style-import": (
        '<style>@import "https://cdn.example.com/x.css";</style>',
        "CSS url(https://cdn.example.com/x.css): " + ANOTHER_HOST,
    ),
    "css-escaped-url": (
        r'<div style="background:\75 rl(https://cdn.example.com/x.png)">x</div>',
        "CSS url(https://cdn.example.com/x.png): " + ANOTHER_HOST,
    ),
    "css-image-set": (
        "<div style=\"background:image-set('https://cdn.example.com/x.png' 1x)\">x</div>",
        "CSS url(https://cdn.example.com/x.png): " + ANOTHER_HOST,
    ),
    "object": ('<object data="x.swf"></object>', "an object embeds a plugin or another document"),
    "embed": ('<embed src="x.swf">', "an embed loads a plugin or another document"),
    "base": ('<base href="https://evil.example/">', "a <base> changes where every link"),
    "meta-refresh": (
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        "a refresh <meta> sends readers elsewhere",
    ),
    "form": (
        '<form action="https://evil.example/"><input name="clave"></form>',
        "a form sends what readers type to an address",
    ),
    "template": ("<template><script>alert(1)</script></template>", "a <template> holds markup"),
    # Markup that simpler parsers read as a comment or as text, and browsers as elements.
    "empty-comment-trick": (
        "<!--><img src=x onerror=alert(1)>-->",
        "attribute 'onerror' " + RUNS_CODE,
    ),
    "cdata-trick": (
        "<p><![CDATA[><img src=x onerror=alert(1)>]]></p>",
        "attribute 'onerror' " + RUNS_CODE,
    ),
    "svg-style-trick": (
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "attribute 'onerror' " + RUNS_CODE,
    ),
    "noscript-trick": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "attribute 'onerror' " + RUNS_CODE,
    ),
}


@pytest.mark.parametrize(("line", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_html_fails_the_strict_build_naming_page_element_and_why(
    tmp_path: Path, line: str, message: str
) -> None:
    output = build_fails(tmp_path, FRONT_MATTER + line + "\n")
    assert "docs/index.md" in output, output
    assert message in output, output


def test_the_line_is_named_when_the_source_holds_the_element(tmp_path: Path) -> None:
    output = build_fails(tmp_path, FRONT_MATTER + "Texto.\n\n<script>alert(1)</script>\n")
    assert f"docs/index.md:{LINE + 2}: <script>: a script {RUNS_CODE}" in output


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        (
            "title: 'T<img src=x onerror=alert(1)>'",
            "docs/index.md:2: front matter 'title': 'T<img src=x onerror=alert(1)>': "
            "contains markup ('<img src=x o'…), which the theme prints into the page as it is",
        ),
        (
            "description: '\"><script>alert(2)</script>'",
            "docs/index.md:2: front matter 'description': '\"><script>alert(2)</script>': "
            "contains markup ('<script>aler'…)",
        ),
        (
            "description: 'Qué es \"deep learning\"'",
            "front matter 'description': 'Qué es \"deep learning\"': contains '\"', which ends "
            "the description <meta> the theme prints it in",
        ),
    ],
    ids=["title-markup", "description-script", "description-quote"],
)
def test_front_matter_that_the_theme_prints_is_plain_text(
    tmp_path: Path, front_matter: str, message: str
) -> None:
    key = front_matter.split(":", 1)[0]
    lines = [line for line in FRONT_MATTER.splitlines() if not line.startswith(f"{key}:")]
    page = "\n".join([lines[0], front_matter, *lines[1:]]) + "\n"
    assert message in build_fails(tmp_path, page)


def test_a_theme_that_loads_from_a_cdn_fails_too(tmp_path: Path) -> None:
    # MkDocs' own theme loads highlight.js from cdnjs: the whole page is checked, not only
    # the content.
    output = build_fails(tmp_path, FRONT_MATTER, config=f"hooks: [{HOOK.as_posix()}]\n")
    assert '404.html (a theme template): <script src="https://cdnjs.cloudflare.com/' in output
    assert ANOTHER_HOST + " (cdnjs.cloudflare.com)" in output


def test_safe_html_passes_local_files_links_and_svg(tmp_path: Path) -> None:
    page = (
        FRONT_MATTER
        + '<img src="figura.svg" alt="Una figura"> <a href="https://example.org/">fuera</a> '
        '<a href="mailto:autor@example.org">correo</a> <a href="otra/">otra</a> '
        '<a href="#prueba">arriba</a>\n\n'
        '<svg viewBox="0 0 10 10"><defs><marker id="m"><path d="M0 0L1 1"/></marker></defs>'
        '<line x1="0" y1="0" x2="5" y2="5" marker-end="url(#m)" style="stroke:#333"/></svg>\n\n'
        "<details><summary>Más</summary>Texto.</details>\n"
    )
    config = fixture_site(tmp_path, page, extra_config=MATERIAL)
    (tmp_path / "docs" / "figura.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "docs" / "otra.md").write_text(FRONT_MATTER, encoding="utf-8")
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr


def test_katex_output_passes(tmp_path: Path) -> None:
    # KaTeX's HTML and MathML (inline styles, SVG for roots and wide accents) are page content.
    config = (
        f"theme:\n  name: material\n  font: false\n"
        f"hooks: [{(ROOT / 'assets/hooks/katex_math.py').as_posix()}, {HOOK.as_posix()}]\n"
        "markdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n"
    )
    page = (
        FRONT_MATTER
        + r"$\sqrt{x^2 + 1}$, $\widehat{abc}$ y $$\frac{a}{b} \xrightarrow{f} c$$"
        + "\n"
    )
    returncode, output = build(tmp_path, page, config)
    assert returncode == 0, output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<math" in html and 'class="katex' in html and "<svg" in html


def test_the_real_site_passes_and_holds_what_the_check_must_let_through(built_site: Path) -> None:
    # The strict build of the real site (conftest) runs the hook; here every built page is
    # checked again against its theme's rules, and the page content is shown to hold the
    # math, figures and links the hook must not reject.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    assert "assets/hooks/html_safety.py" in config["hooks"]
    hook = load_hook()
    pages = content_pages(built_site)
    html = {page: page.read_text(encoding="utf-8") for page in pages}
    assert any("<svg" in text and "marker-end" in text for text in html.values())
    for page, text in html.items():
        url = page.parent.relative_to(built_site).as_posix() + "/"
        assert not hook.html_problems(text, content=False, page_url=url), page
    # The negative control: the same check sees a script slipped into a real page's content.
    page, text = next(iter(html.items()))
    hostile = text.replace("</article>", '<img src="x" onerror="alert(1)"></article>', 1)
    problems = hook.html_problems(hostile, content=False, page_url="")
    assert [p.reason for p in problems] == [f"attribute 'onerror' {RUNS_CODE}"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("JaVaScRiPt:x", "javascript"),
        (" \tjava\nscript:x", "javascript"),
        ("\x01data:text/html,x", "data"),
        ("../figura.png", ""),
        ("#ancla", ""),
        ("https://example.org/", "https"),
    ],
)
def test_scheme_is_read_as_a_browser_reads_it(url: str, expected: str) -> None:
    assert load_hook().scheme(url) == expected


def test_a_page_s_theme_part_is_checked_by_the_theme_s_rules_and_its_content_once() -> None:
    hook = load_hook()
    content = "<p>Texto</p><script>alert(1)</script>"
    page = SimpleNamespace(
        content=content, url="t/p/", file=SimpleNamespace(src_path="t/p.md", abs_src_path=None)
    )
    head = '<html><head><script src="../../assets/app.js"></script>'
    with pytest.raises(hook.PluginError) as error:
        hook.check_page(f"{head}<body>{content}</body></html>", page)
    # The content's rules: no <script> at all; reported once, not again as the theme's.
    assert str(error.value).splitlines()[:-1] == [
        "docs/t/p.md: <script>: a script runs code in readers' browsers"
    ]
    safe = "<p>Texto</p>"
    page.content = safe
    foreign = '<link rel="stylesheet" href="https://fonts.example.com/f.css">'
    with pytest.raises(hook.PluginError) as error:
        hook.check_page(f"<html><head>{foreign}{head}</head><body>{safe}</body></html>", page)
    assert str(error.value).startswith(
        "docs/t/p.md: <link href=\"https://fonts.example.com/f.css\">: attribute 'href': "
        "loads a file from another host (fonts.example.com); put the file in docs/ instead "
        "(outside the page content: the theme)"
    ), str(error.value)
    # The theme's own scripts from the site are the theme's to load.
    hook.check_page(f"{head}</head><body>{safe}</body></html>", page)


def test_the_theme_check_leaves_out_the_content_already_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A long page's tables and figures are parsed once, by the content's rules.
    hook = load_hook()
    parsed: list[tuple[str, bool]] = []
    # The hook is loaded from its file, so mypy knows nothing of its functions.
    original: Callable[..., list[Any]] = hook.html_problems

    def recording(html: str, *, content: bool, page_url: str) -> list[Any]:
        parsed.append((html, content))
        return original(html, content=content, page_url=page_url)

    monkeypatch.setattr(hook, "html_problems", recording)
    content = "<table>" + "<tr><td>celda</td></tr>" * 50 + "</table>"
    page = SimpleNamespace(
        content=content, url="t/p/", file=SimpleNamespace(src_path="t/p.md", abs_src_path=None)
    )
    hook.check_page(f"<html><head></head><body><nav>x</nav>{content}</body></html>", page)
    assert parsed == [
        (content, True),
        ("<html><head></head><body><nav>x</nav></body></html>", False),
    ]


def test_each_theme_element_is_judged_once_and_its_problems_reported_on_every_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every page repeats the header and the navigation: the theme's rules do not depend on
    # the page, so an element seen before is not judged again, and its problems still count.
    hook = load_hook()
    judged: list[str] = []
    original = hook.element_problems

    def recording(node: Any, *, content: bool, page_url: str) -> Any:
        judged.append(f"{node.tag} {node.attributes}")
        return original(node, content=content, page_url=page_url)

    monkeypatch.setattr(hook, "element_problems", recording)
    theme = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/a.css"></head>'
        '<body><nav><a href="../uno/">Uno</a><a href="../dos/">Dos</a></nav>'
        '<p style="color: red">x</p><style>p { color: blue }</style></body></html>'
    )
    first = hook.html_problems(theme, content=False, page_url="t/a/")
    seen = len(judged)
    second = hook.html_problems(theme, content=False, page_url="t/b/")
    assert (
        [p.reason for p in first]
        == [p.reason for p in second]
        == [
            "attribute 'href': loads a file from another host (cdn.example.com); put the file in "
            "docs/ instead"
        ]
    )
    # Only the <style>, whose problems are in its text, is judged again.
    assert judged[seen:] == ["style {}"]

    # A new build judges them afresh (the hook forgets them in on_env).
    class NoFiles(list[Any]):
        def documentation_pages(self) -> list[Any]:
            return []

    try:
        hook.on_env(None, SimpleNamespace(), NoFiles())
    finally:
        hook._stop_checks()  # on_env starts the checking process of `mkdocs build`
    hook.html_problems(theme, content=False, page_url="t/a/")
    assert len(judged) == 2 * seen + 1


def test_the_checking_process_gives_the_verdicts_of_the_builds_own_check() -> None:
    # On `mkdocs build`, a process of its own checks each page as it is written.
    hook = load_hook()
    page = SimpleNamespace(
        content="<p>a</p>",
        url="t/p/",
        meta={},
        file=SimpleNamespace(src_path="t/p.md", abs_src_path=None),
    )
    bad = SimpleNamespace(**{**vars(page), "content": '<img src="https://cdn.example.com/x.png">'})
    bad.file = SimpleNamespace(src_path="t/q.md", abs_src_path=None)
    hook._start_checks()
    try:
        for each in (page, bad, page):
            hook.on_post_page(f"<html><body>{each.content}</body></html>", each, None)
        assert hook.CHECKS.pages == ["t/p.md", "t/q.md", "t/p.md"]
        with pytest.raises(hook.PluginError) as error:
            hook.on_post_build(None)
    finally:
        hook._stop_checks()
    with pytest.raises(hook.PluginError) as inline:
        hook.check_page(f"<html><body>{bad.content}</body></html>", bad)
    assert str(error.value) == str(inline.value)
    assert str(error.value).startswith(
        "docs/t/q.md: <img src=\"https://cdn.example.com/x.png\">: attribute 'src': loads a file "
        "from another host (cdn.example.com)"
    )
    assert hook.CHECKS.worker is None  # stopped once the verdicts are in


def test_where_the_platform_cannot_fork_the_build_checks_each_page_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = load_hook()

    class NoFiles(list[Any]):
        def documentation_pages(self) -> list[Any]:
            return []

    bad = SimpleNamespace(
        content='<img src="https://cdn.example.com/x.png">',
        url="t/q/",
        meta={},
        file=SimpleNamespace(src_path="t/q.md", abs_src_path=None),
    )
    monkeypatch.setattr(hook, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    hook.on_startup("build", False)
    try:
        hook.on_env(None, SimpleNamespace(), NoFiles())
        assert hook.CHECKS.worker is None
        with pytest.raises(hook.PluginError, match="^docs/t/q.md: <img src="):
            hook.on_post_page(f"<html><body>{bad.content}</body></html>", bad, None)
        hook.on_post_build(None)  # nothing left to wait for
    finally:
        hook._stop_checks()


def test_a_checking_process_that_ends_fails_the_build_and_says_how_many_pages_are_unchecked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = load_hook()
    monkeypatch.setattr(hook, "CHECK_TIMEOUT", 1)
    page = SimpleNamespace(
        content="<p>a</p>", url="t/p/", file=SimpleNamespace(src_path="t/p.md", abs_src_path=None)
    )
    hook._start_checks()
    try:
        hook.CHECKS.worker.kill()
        hook.CHECKS.worker.join()
        hook.on_post_page("<html><body><p>a</p></body></html>", page, None)
        with pytest.raises(hook.PluginError) as error:
            hook.on_post_build(None)
    finally:
        hook._stop_checks()
    assert str(error.value) == (
        "html_safety: the process that checks the pages' HTML ended (exit code -9); "
        "1 page not checked"
    )
