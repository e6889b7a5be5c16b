from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date

import pytest

from assets.hooks import katex_math
from macros.markdown import (
    NBSP,
    attribute,
    cell,
    code,
    escape,
    indent,
    link,
    number,
    quantity,
    relative_link,
    spanish_date,
    spanish_day,
    table,
    visible,
)
from macros.records import NOT_TEXT
from tests.conftest import ROOT
from tests.site_markdown import to_html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2048, "2048"),
        (512, "512"),
        (16896, f"16{NBSP}896"),
        (1234567, f"1{NBSP}234{NBSP}567"),
        (11.5, "11,5"),
        (123.0, "123"),
        (0.25, "0,25"),
        (-16896, f"-16{NBSP}896"),
    ],
)
def test_number_uses_spanish_format(value: float, expected: str) -> None:
    assert number(value) == expected


def test_number_with_fixed_decimals() -> None:
    assert number(50.634, decimals=1) == "50,6"


def test_quantity_joins_value_and_unit_with_nbsp() -> None:
    assert quantity(16, "GiB") == f"16{NBSP}GiB"
    assert quantity(851.2, "TB") == f"851,2{NBSP}TB"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015", "2015"),
        ("2015-11", "noviembre de 2015"),
        ("2015-11-09", "9 de noviembre de 2015"),
        ("2017-01-01", "1 de enero de 2017"),
    ],
)
def test_spanish_date(value: str, expected: str) -> None:
    assert spanish_date(value) == expected


def test_escape_neutralises_table_html_and_markdown_syntax() -> None:
    assert escape("a|b") == r"a\|b"
    assert escape("<script>") == "&lt;script&gt;"
    assert escape("x_y *z* [l](m)") == r"x\_y \*z\* \[l\](m)"
    assert escape("5 $ y 6 $") == r"5 \$ y 6 \$"
    assert escape("{{ x }}") == r"\{\{ x \}\}"
    assert escape("two\nlines") == "two lines"


def test_code_rejects_text_that_would_break_the_span() -> None:
    assert code("MatMul") == "`MatMul`"
    with pytest.raises(ValueError, match="contains ` or |"):
        code("a|b")


def test_link_escapes_text_and_quotes_url() -> None:
    assert link("A [b]", "https://x.org/a b(c)") == r"[A \[b\]](https://x.org/a%20b%28c%29)"


def test_relative_link_from_nested_and_top_pages() -> None:
    assert relative_link("T3", "t3/index.md", "index.md") == "[T3](t3/index.md)"
    assert relative_link("F", "t3/frameworks.md", "t3/index.md") == "[F](frameworks.md)"


def test_table_builds_header_separator_and_rows() -> None:
    lines = table(["A", "B"], [["1", "2"], ["3", "4"]]).split("\n")
    assert lines == ["| A | B |", "| --- | --- |", "| 1 | 2 |", "| 3 | 4 |"]


def test_table_refuses_empty_and_ragged_tables() -> None:
    with pytest.raises(ValueError, match="refusing to render a table without rows"):
        table(["A"], [])
    with pytest.raises(ValueError, match=r"row 2 has 1 cells, expected 2: \['x'\]"):
        table(["A", "B"], [["1", "2"], ["x"]])


def test_indent_keeps_first_line_and_blank_lines() -> None:
    assert indent("a\nb\n\nc") == "a\n    b\n\n    c"


def test_number_refuses_what_is_not_finite() -> None:
    for value in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError, match="expected a finite number"):
            number(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- lista", r"\- lista"),
        ("+ lista", r"\+ lista"),
        ("1. numerada", r"1\. numerada"),
        ("2017) año", r"2017\) año"),
        (": definición", "&#58; definición"),
        ('=== "Pestaña"', '&#61;== "Pestaña"'),
        ("/// details", "&#47;// details"),
        ("~~~", "&#126;~~"),
        ("a - b: c", "a - b: c"),  # only the start of a paragraph opens a block
    ],
)
def test_escape_neutralises_what_would_open_a_block(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_escape_and_attribute_show_control_characters_instead_of_passing_them() -> None:
    assert escape("a\x00b\u202ec") == "a\ufffdb\ufffdc"
    assert escape("a\r\n\u2028b\tc") == "a b c"
    assert escape(f"16{NBSP}GiB") == f"16{NBSP}GiB"  # no-break spaces stay
    assert attribute("\r\r<script>x</script>\r\r") == "&lt;script&gt;x&lt;/script&gt;"
    assert attribute("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;"


def test_link_refuses_a_url_that_is_not_http() -> None:
    for url in ("javascript:alert(1)", "data:text/html,x", "/local"):
        with pytest.raises(ValueError, match="expected an absolute http"):
            link("x", url)


def test_cell_escapes_pipes_outside_code_and_math() -> None:
    assert cell("a | b") == r"a \| b"
    assert cell(r"a \| b") == r"a \| b"
    assert cell("`a|b`") == "`a|b`"
    assert cell("dos\nlíneas") == "dos líneas"


@pytest.mark.parametrize(
    ("written", "tex", "katex_gets"),
    [
        ("$a|b$", "a|b", r"a\vert b"),
        ("$|x|$", "|x|", r"\vert x\vert"),
        (r"$\|v\|_2$", r"\|v\|_2", r"\Vert v\Vert_2"),
        (r"\(P(A|B)\)", "P(A|B)", r"P(A\vert B)"),
    ],
)
def test_a_pipe_inside_math_keeps_the_cell_and_the_formula(
    written: str, tex: str, katex_gets: str
) -> None:
    html = to_html(table(["Fórmula", "Nota"], [[written, "sigue"]]))
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.DOTALL)
    body = re.findall(r"<td>(.*?)</td>", rows[1], flags=re.DOTALL)
    # Two cells, the second intact: before, the `|` split the formula and dropped a cell.
    assert body[1] == "sigue", html
    # What the math hook hands KaTeX: the formula with the bar written as \vert ...
    assert body[0] == f'<span class="arithmatex">\\({katex_gets}\\)</span>'
    # ... which KaTeX draws exactly as the bar the author wrote.
    katex = katex_math.KaTeX(ROOT / "node_modules" / "katex" / "dist")
    try:
        drawn = [katex.render(t, display=False)[0] for t in (katex_gets, tex)]
    finally:
        katex.close()
    without_tex = [re.sub(r"<annotation .*?</annotation>", "", d) for d in drawn]
    assert without_tex[0] == without_tex[1]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 2), "2 dic. 2026"),
        (date(2026, 1, 31), "31 ene. 2026"),
        (date(2026, 5, 1), "1 may. 2026"),
        (date(2026, 9, 15), "15 sept. 2026"),
    ],
)
def test_spanish_day_abbreviates_the_month_as_the_rae_does(day: date, expected: str) -> None:
    assert spanish_day(day) == expected


def test_visible_passes_printable_text_through_and_shows_every_other_hidden_character() -> None:
    # Printable text is returned as it is without a look at each character (here, and by
    # the records' text check): that is only right if no character of NOT_TEXT is printable.
    hidden = [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) in NOT_TEXT]
    assert len(hidden) > 2000 and not any(c.isprintable() for c in hidden)
    assert visible("Núcleo TPU v3 — 123 TFLOPS") == "Núcleo TPU v3 — 123 TFLOPS"
    assert visible("a\u202eb\tc\u2028d\u00a0e") == "a\ufffdb\ufffdc\ufffdd\u00a0e"
    assert visible("a\nb\tc", keep="\n") == "a\nb\ufffdc"
