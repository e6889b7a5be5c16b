from __future__ import annotations

import pytest

from macros.markdown import (
    NBSP,
    code,
    escape,
    indent,
    link,
    number,
    quantity,
    relative_link,
    spanish_date,
    table,
)


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
