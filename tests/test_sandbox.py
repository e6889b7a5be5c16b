"""Pages reach the course macros and their own variables, never Python (macros/sandbox.py).

Each hostile line is what a careless or hostile contributor could put in a page; each must
end the strict build with a message naming the page, the line and what a page may use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined
from jinja2.exceptions import SecurityError, TemplateNotFound

from macros.sandbox import ALLOWED, PageSandbox, sandboxed
from scripts.fixture_site import FRONT_MATTER, fixture_site
from tests.conftest import run_build

# The line of the hostile call in the fixture page (FRONT_MATTER has 8 lines).
LINE = 9
NOT_ALLOWED = "not allowed in a page: "
UNDEFINED = "is undefined: no macro or variable has that name; macros: architecture, "
NO_FILES = "a page cannot include, import or extend files; " + ALLOWED


def build_output(tmp_path: Path, line: str) -> tuple[int, str]:
    result = run_build(fixture_site(tmp_path, FRONT_MATTER + line + "\n"), tmp_path / "site")
    return result.returncode, result.stdout + result.stderr


HOSTILE = {
    # Python reached through Jinja's globals, the template object and string formatting.
    "shell-command": (
        '{{ cycler.__init__.__globals__.os.popen("id").read() }}',
        NOT_ALLOWED + "access to attribute '__init__' of 'type' object is unsafe; " + ALLOWED,
    ),
    "joiner-globals": (
        "{{ joiner.__init__.__globals__ }}",
        NOT_ALLOWED + "access to attribute '__init__' of 'type' object is unsafe",
    ),
    "range-class": (
        "{{ range.__class__ }}",
        NOT_ALLOWED + "access to attribute '__class__' of 'function' object is unsafe",
    ),
    "string-mro": (
        '{{ "".__class__.__mro__[1].__subclasses__() }}',
        NOT_ALLOWED + "access to attribute '__class__' of 'str' object is unsafe",
    ),
    "attr-filter": (
        '{{ (cycler | attr("__init__")).__globals__ }}',
        NOT_ALLOWED + "access to attribute '__init__' of 'type' object is unsafe",
    ),
    "format-string": (
        '{{ "{0.__init__.__globals__}".format(cycler) }}',
        NOT_ALLOWED + "access to attribute '__init__' of 'type' object is unsafe",
    ),
    "template-self": ("{{ self }}", NOT_ALLOWED + "a 'TemplateReference' object is not text"),
    "template-context": (
        "{{ self._TemplateReference__context }}",
        NOT_ALLOWED + "access to attribute '_TemplateReference__context' of "
        "'TemplateReference' object is unsafe",
    ),
    "macro-globals": (
        "{{ correction.__globals__ }}",
        NOT_ALLOWED + "access to attribute '__globals__' of 'function' object is unsafe",
    ),
    "macro-closure": (
        "{{ topic_list.__closure__ }}",
        NOT_ALLOWED + "access to attribute '__closure__' of 'function' object is unsafe",
    ),
    "macro-not-called": ("{{ topic_list }}", NOT_ALLOWED + "'topic_list' is a macro"),
    "change-front-matter": (
        '{{ page.meta.update({"title": "x"}) }}',
        NOT_ALLOWED + "access to attribute 'update' of 'dict' object is unsafe",
    ),
    # mkdocs-macros' variables and debugging macros: system, committers, configuration.
    "environment": ("{{ environment }}", "'environment' " + UNDEFINED),
    "git": ("{{ git.author_email }}", "'git' " + UNDEFINED),
    "config": ("{{ config.site_name }}", "'config' " + UNDEFINED),
    "plugin": ("{{ plugin }}", "'plugin' " + UNDEFINED),
    "navigation": ("{{ navigation }}", "'navigation' " + UNDEFINED),
    "files": ("{{ files }}", "'files' " + UNDEFINED),
    "macros-dict": ("{{ macros }}", "'macros' " + UNDEFINED),
    "request": ("{{ request }}", "'request' " + UNDEFINED),
    "lipsum": ("{{ lipsum.__globals__ }}", "'lipsum' " + UNDEFINED),
    "macros-info": ("{{ macros_info() }}", "'macros_info' " + UNDEFINED),
    "context": ("{{ context() }}", "'context' " + UNDEFINED),
    "pretty-filter": ("{{ page.meta | pretty }}", "No filter named 'pretty'"),
    "relative-url-filter": ("{{ 'x' | relative_url }}", "No filter named 'relative_url'"),
    "now": ("{{ now() }}", "'now' " + UNDEFINED),
    "page-file": (
        "{{ page.file.abs_src_path }}",
        "'macros.sandbox.PageView object' has no attribute 'file'",
    ),
    # Files from outside the page.
    "include-passwd": ("{% include '/etc/passwd' %}", "'/etc/passwd': " + NO_FILES),
    "import-config": ("{% import '../mkdocs.yml' as site %}", "'../mkdocs.yml': " + NO_FILES),
    "include-page": ("{% include 'index.md' %}", "'index.md': " + NO_FILES),
    "extends": ("{% extends 'main.html' %}", "'main.html': " + NO_FILES),
    # Sizes that would hold the build or fill the memory.
    "huge-power": (
        "{{ 9 ** (9 ** 9) }}",
        NOT_ALLOWED + "9 ** 387420489 is too large for a page",
    ),
    "huge-text": (
        '{{ "x" * 10 ** 9 }}',
        NOT_ALLOWED + "str of 1 repeated 1000000000 times is too large for a page",
    ),
    "huge-range": (
        "{% for i in range(10 ** 9) %}{% endfor %}",
        NOT_ALLOWED + "range() of 1000000000 numbers; at most 100000",
    ),
}


@pytest.mark.parametrize(("line", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_page_line_fails_the_build_naming_page_line_and_what_is_allowed(
    tmp_path: Path, line: str, message: str
) -> None:
    returncode, output = build_output(tmp_path, line)
    assert returncode != 0, output
    assert "Traceback" not in output, output
    assert f"docs/index.md:{LINE}: {line}" in output, output
    assert message in output, output
    assert "uid=" not in output, "the shell command ran"


def test_pages_still_see_their_own_variables_and_call_macros(tmp_path: Path) -> None:
    page = (
        "{{ page.title }}|{{ title }}|{{ weight }}|{{ page.meta.description }}|"
        "{{ page.url == '' }}|{% for n in range(3) %}{{ n }}{% endfor %}\n\n"
        '{{ correction("tf-graph") }}'
    )
    returncode, output = build_output(tmp_path, page)
    assert returncode == 0, output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Prueba|Prueba|1|Prueba.|True|012" in html
    assert "Las notas originales decían" in html  # the macro ran


def test_without_the_sandbox_the_same_line_reaches_python() -> None:
    # The negative control: a plain Jinja environment (what mkdocs-macros builds) runs it.
    line = "{{ cycler.__init__.__globals__.os.getpid() }}"
    assert Environment().from_string(line).render().isdigit()
    page_sandbox = sandboxed(Environment(undefined=StrictUndefined), {})
    with pytest.raises(SecurityError, match="'__init__' of 'type' object is unsafe"):
        page_sandbox.from_string(line).render()


def test_sandbox_keeps_the_delimiters_undefined_and_extensions_of_mkdocs_macros() -> None:
    original = Environment(
        undefined=StrictUndefined,
        variable_start_string="[[",
        variable_end_string="]]",
        extensions=["jinja2.ext.loopcontrols"],
    )
    page_sandbox = sandboxed(original, {"twice": lambda text: text * 2})
    assert isinstance(page_sandbox, PageSandbox)
    assert page_sandbox.undefined is StrictUndefined
    assert "jinja2.ext.LoopControlExtension" in page_sandbox.extensions
    template = (
        "[[ twice('ab') ]]"
        "{% for n in range(5) %}{% if n > 1 %}{% break %}{% endif %}[[ n ]]{% endfor %}"
    )
    assert page_sandbox.from_string(template).render() == "abab01"
    assert "lipsum" not in page_sandbox.globals
    with pytest.raises(TemplateNotFound, match="cannot include, import or extend"):
        page_sandbox.from_string("{% include 'x.md' %}").render()


# What a page could write to make the build fill the memory or spin: each size it asks for is
# refused before anything is built (the message, as the build prints it after the page line).
TOO_LARGE = {
    "center-filter": ('{{ "x" | center(300000000) }}', "center(300000000) is too large"),
    "center-method": ('{{ "x".center(300000000) }}', "center(300000000) is too large"),
    "ljust-method": ('{{ "x".ljust(300000000) }}', "ljust(300000000) is too large"),
    "indent-filter": ('{{ "x\\ny" | indent(300000000) }}', "indent(300000000) is too large"),
    "slice-filter": ("{{ [1] | slice(300000000) | list }}", "slice(300000000) is too large"),
    "printf-width": ('{{ "%300000000s" % "x" }}', "a width of 300000000 is too large"),
    "printf-star": ('{{ "%*s" % (300000000, "x") }}', "a width of 300000000 is too large"),
    "printf-named": ('{{ "%(a)300000000s" % {"a": 1} }}', "a width of 300000000 is too large"),
    "format-filter": ('{{ "%300000000s" | format("x") }}', "a width of 300000000 is too large"),
    "str-format": ('{{ "{:>300000000}".format("x") }}', "a width of 300000000 is too large"),
    "str-format-nested": ('{{ "{:{}}".format("x", 300000000) }}', "a width of 300000000"),
    "format-map": (
        '{{ "{a:{w}}".format_map({"a": 1, "w": 300000000}) }}',
        "a width of 300000000 is too large",
    ),
    "replace-growth": (
        '{{ "xy" | replace("y", "y" * 90000) | replace("y", "y" * 90000) }}',
        "replace() is too large for a page (8100000001; at most 100000)",
    ),
    "replace-method": (
        '{{ "xy".replace("y", "y" * 90000).replace("y", "y" * 90000) }}',
        "replace() is too large for a page (8100000001; at most 100000)",
    ),
    "nested-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "the page's range() calls give more than 1000000 numbers in all",
    ),
    "printing-loop": (
        '{% for i in range(100000) %}{{ "x" * 100000 }}{% endfor %}',
        "the page prints more than 20000000 characters",
    ),
}


@pytest.mark.parametrize(("line", "message"), TOO_LARGE.values(), ids=TOO_LARGE.keys())
def test_a_size_too_large_for_a_page_is_refused_before_it_is_built(line: str, message: str) -> None:
    page_sandbox = sandboxed(Environment(undefined=StrictUndefined), {})
    page_sandbox.start_page()
    with pytest.raises(SecurityError, match=re.escape(message)):
        page_sandbox.from_string(line).render()


def test_sizes_a_page_uses_still_work_and_each_page_has_its_own_budget() -> None:
    page_sandbox = sandboxed(Environment(undefined=StrictUndefined), {})
    line = (
        '{{ "x" | center(5) }}|{{ 7 % 3 }}|{{ "%5.2f" % 3.14159 }}|{{ "{:>4}".format("ab") }}|'
        '{{ "a b" | replace(" ", "-") }}|{{ "%s-%d" | format("x", 3) }}|{{ "ab".zfill(4) }}|'
        "{{ 123456 | center(8) }}"
    )
    assert page_sandbox.from_string(line).render() == "  x  |1| 3.14|  ab|a-b|x-3|00ab| 123456 "
    loops = "{% for i in range(90000) %}{% endfor %}" * 10
    for _ in range(3):  # 900,000 numbers on each of three pages: within each page's budget
        page_sandbox.start_page()
        page_sandbox.from_string(loops).render()


def test_a_page_with_a_size_too_large_fails_the_build_naming_page_and_line(
    tmp_path: Path,
) -> None:
    line = '{{ "x" | center(300000000) }}'
    returncode, output = build_output(tmp_path, line)
    assert returncode != 0
    assert "Traceback" not in output
    assert (
        f"docs/index.md:{LINE}: {line}\n    not allowed in a page: center(300000000) is too "
        "large for a page (300000000; at most 100000)" in output
    ), output
