"""The course model: front matter read once, order by `weight`, navigation, descriptions."""

from __future__ import annotations

import pytest

from macros.course import (
    PARSES,
    Course,
    CourseError,
    PageInfo,
    attached,
    build_course,
    first_paragraph,
    read_page,
)


def page(title: str, weight: int, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\n{extra}---\n\n# {title}\n\n{body}"


def course(pages: dict[str, str]) -> Course:
    return build_course(read_page(path, text) for path, text in pages.items())


SITE = {
    "index.md": page("Apuntes", 0, "linkTitle: Inicio\n"),
    "glosario.md": page("Glosario", 100),
    "t4/index.md": page("T4. Redes", 4),
    "t3/index.md": page("T3. Herramientas", 3, "linkTitle: T3\n"),
    "t3/b.md": page("Segunda", 2),
    "t3/a.md": page("Primera", 1),
    "t3/sub/index.md": page("Un subtema", 5),
    "t3/sub/x.md": page("Dentro", 1),
}


def test_navigation_follows_weight_then_title_and_uses_link_titles() -> None:
    assert course(SITE).nav() == [
        {"Inicio": "index.md"},
        {
            "T3": [
                "t3/index.md",
                {"Primera": "t3/a.md"},
                {"Segunda": "t3/b.md"},
                {"Un subtema": ["t3/sub/index.md", {"Dentro": "t3/sub/x.md"}]},
            ]
        },
        {"T4. Redes": ["t4/index.md"]},
        {"Glosario": "glosario.md"},
    ]


def test_equal_weights_are_an_error_naming_both_files() -> None:
    pages = {**SITE, "t3/c.md": page("Tercera", 2)}
    with pytest.raises(CourseError) as error:
        course(pages)
    assert str(error.value) == (
        "docs/t3/b.md and docs/t3/c.md: both have 'weight: 2' in docs/t3/; give each page of a "
        "folder its own weight (taken: 1, 2, 5)"
    )


def test_a_folder_without_index_is_an_error_naming_its_pages() -> None:
    pages = {**SITE, "t5/a.md": page("Suelta", 1)}
    with pytest.raises(
        CourseError,
        match=r"^docs/t5/: a folder of pages needs an index.md .* "
        r"it has docs/t5/a.md$",
    ):
        course(pages)


def test_topics_pages_and_reading_order() -> None:
    built = course(SITE)
    assert [t.folder for t in built.topics] == ["t3", "t4"]
    assert [p.src_path for p in built.topic("t3").pages] == ["t3/a.md", "t3/b.md"]
    assert built.topic_of("t3/sub/x.md").folder == "t3/sub"
    assert [p.src_path for p in built.in_order()] == [
        "index.md",
        "t3/index.md",
        "t3/a.md",
        "t3/b.md",
        "t3/sub/index.md",
        "t3/sub/x.md",
        "t4/index.md",
        "glosario.md",
    ]
    with pytest.raises(CourseError, match="docs/t9/: not a topic"):
        built.topic("t9")


def test_a_hugo_page_needs_no_description_and_keeps_its_own_keys() -> None:
    text = (
        "---\ntitle: T1. El perceptrón\nweight: 1\ntype: docs\nmath: true\n---\n\n"
        "## Modelo\n\nUna neurona calcula una **suma ponderada** de sus entradas "
        "\\(x_1, \\dots, x_n\\) y le aplica una [función](f.md) de activación $f$.\n\nOtra.\n"
    )
    info = read_page("dl/t1.md", text)
    assert info.description == (
        "Una neurona calcula una suma ponderada de sus entradas x_1, \\dots, x_n y le aplica "
        "una función de activación f."
    )
    assert info.meta["type"] == "docs" and info.meta["math"] is True
    assert info.nav_title == "T1. El perceptrón"
    assert info.body.startswith("## Modelo") and info.body_line == 8


def test_first_paragraph_skips_what_is_not_prose_and_cuts_long_text() -> None:
    body = (
        "# Título\n\n<!-- comentario -->\n\n{{ tabla() }}\n\n```py\nx = 1\n```\n\n"
        "!!! note\n\n    nota\n\n" + "palabra " * 40 + "\n"
    )
    text = first_paragraph(body)
    assert text.startswith("palabra palabra") and text.endswith("…")
    assert len(text) <= 160
    assert first_paragraph("# Solo un título\n") == ""


def test_a_page_without_prose_is_described_by_its_title() -> None:
    assert read_page("a.md", page("Solo título", 1)).description == "Solo título"


def test_byte_order_mark_and_windows_line_ends_are_read() -> None:
    info = read_page("a.md", "\ufeff---\r\ntitle: Hola\r\nweight: 1\r\n---\r\n\r\nTexto.\r\n")
    assert (info.title, info.weight, info.body) == ("Hola", 1, "Texto.\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# Sin cabecera\n", "docs/c.md: no front matter: the page must start with a line '---'"),
        ("---\ntitle: [unclosed\n---\n", "docs/c.md: front matter is not valid YAML:"),
        ("---\ntitle: Hola\n", "docs/c.md: front matter is not closed by a line '---'"),
        ("---\n- a\n- b\n---\n", "docs/c.md: front matter must be a mapping of keys to values"),
        ("---\n---\n", "docs/c.md: 'title' must be non-empty text, got None"),
        (
            "---\ntitle: ''\nweight: dos\n---\n",
            "docs/c.md: 'title' must be non-empty text, got ''; 'weight' must be an integer "
            "(the page's place in its folder), got 'dos'",
        ),
        ("---\ntitle: A\nweight: true\n---\n", "'weight' must be an integer"),
        ("---\ntitle: A\nweight: 1\ndescription: ''\n---\n", "'description' must be non-empty"),
        ("---\ntitle: A\nweight: 1\nlinkTitle: 3\n---\n", "'linkTitle' must be non-empty text"),
    ],
    ids=["none", "yaml", "unclosed", "not-mapping", "empty", "types", "bool", "desc", "link"],
)
def test_bad_front_matter_names_the_file_and_field(text: str, message: str) -> None:
    with pytest.raises(CourseError) as error:
        read_page("c.md", text)
    assert str(error.value).startswith("docs/c.md: ") and message in str(error.value)


def test_drafts_are_left_out_of_the_course() -> None:
    built = course({**SITE, "t3/borrador.md": page("Borrador", 9, "draft: true\n")})
    assert "t3/borrador.md" not in built.pages


def test_a_page_is_parsed_once_however_much_the_course_is_read() -> None:
    PARSES.clear()
    built = course(SITE)
    built.nav(), built.in_order(), built.topic("t3").pages, built.topics
    assert set(PARSES.values()) == {1} and len(PARSES) == len(SITE)


def test_the_course_is_attached_to_the_build_or_the_error_says_how() -> None:
    class Config:
        pass

    with pytest.raises(CourseError, match="add 'assets/hooks/course.py' to 'hooks'"):
        attached(Config())
    assert isinstance(read_page("index.md", SITE["index.md"]), PageInfo)


def test_quotes_in_a_derived_description_become_spanish_quotes() -> None:
    body = 'Un "perceptrón" es una neurona; mide 5" de ancho.\n'
    assert first_paragraph(body) == "Un «perceptrón» es una neurona; mide 5' de ancho."


def test_a_pages_headings_are_parsed_once_however_often_they_are_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import macros.course as course_module

    parsed: list[str] = []
    parser = course_module._HEADINGS_PARSER
    convert = parser.convert

    def counting(text: str) -> str:
        parsed.append(text)
        return str(convert(text))

    monkeypatch.setattr(parser, "convert", counting)
    course_module._parsed_heading_ids.cache_clear()
    info = read_page("t9/a.md", page("Sección", 1) + "## Núcleos únicos\n\n## Núcleos únicos\n")
    first = course_module.headings(info)
    assert first == [
        ("Sección", "seccion"),
        ("Núcleos únicos", "nucleos-unicos"),
        ("Núcleos únicos", "nucleos-unicos_1"),
    ]
    first.append(("changed by a caller", "x"))  # a copy: the next answer is the same
    assert [course_module.headings(info) for _ in range(3)] == [first[:3]] * 3
    assert len(parsed) == 1
