"""Front matter reading and the generated topic and section lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.pages import (
    FrontMatterError,
    read_pages,
    render_section_list,
    render_topic_list,
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def page(title: str, weight: int, description: str = "Resumen.") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\ndescription: {description}\n---\n\n# {title}\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write(tmp_path / "index.md", page("Inicio", 0))
    write(tmp_path / "t4" / "index.md", page("T4. Redes", 4, "Redes convolucionales."))
    write(tmp_path / "t3" / "index.md", page("T3. Herramientas", 3, "Frameworks y hardware."))
    write(tmp_path / "t3" / "b.md", page("Segunda", 2))
    write(tmp_path / "t3" / "a.md", page("Primera", 1, "Va primero por su peso."))
    return tmp_path


def test_topic_list_follows_weight_and_links_from_home(docs: Path) -> None:
    assert render_topic_list(read_pages(docs), "index.md") == (
        "- [T3. Herramientas](t3/index.md): Frameworks y hardware.\n"
        "- [T4. Redes](t4/index.md): Redes convolucionales."
    )


def test_a_new_topic_appears_by_itself(docs: Path) -> None:
    write(docs / "t5" / "index.md", page("T5. Nuevo", 5))
    assert "- [T5. Nuevo](t5/index.md): Resumen." in render_topic_list(read_pages(docs), "index.md")


def test_section_list_follows_weight_and_links_relatively(docs: Path) -> None:
    assert render_section_list(read_pages(docs), "t3/index.md") == (
        "- [Primera](a.md): Va primero por su peso.\n- [Segunda](b.md): Resumen."
    )


def test_section_list_only_works_on_a_topic_index(docs: Path) -> None:
    with pytest.raises(FrontMatterError, match=r"docs/t3/a.md: section_list\(\) only works"):
        render_section_list(read_pages(docs), "t3/a.md")


def test_missing_and_malformed_front_matter_name_the_file(docs: Path) -> None:
    write(docs / "t3" / "c.md", "# Sin cabecera\n")
    with pytest.raises(FrontMatterError, match=r"^docs/t3/c.md: no front matter"):
        read_pages(docs)
    write(docs / "t3" / "c.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(FrontMatterError, match=r"^docs/t3/c.md: front matter is not valid YAML"):
        read_pages(docs)
    write(docs / "t3" / "c.md", "---\ntitle: Hola\n")
    with pytest.raises(FrontMatterError, match=r"^docs/t3/c.md: front matter is not closed"):
        read_pages(docs)


def test_wrong_types_in_front_matter_are_listed(docs: Path) -> None:
    write(docs / "t3" / "c.md", "---\ntitle: ''\nweight: dos\n---\n")
    with pytest.raises(FrontMatterError) as error:
        read_pages(docs)
    assert str(error.value) == (
        "docs/t3/c.md: 'title' must be non-empty text, got ''; "
        "'weight' must be an integer, got 'dos'; "
        "'description' must be non-empty text, got None"
    )


def test_last_updated_comes_from_git_and_is_none_without_history(tmp_path: Path) -> None:
    import subprocess

    from macros.pages import last_updated

    page_file = tmp_path / "page.md"
    page_file.write_text("# Hola\n", encoding="utf-8")
    assert last_updated(page_file) is None  # not a repository: the build goes on
    env = {
        "GIT_AUTHOR_DATE": "2024-05-14T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-05-14T12:00:00+00:00",
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "PATH": "/usr/bin:/bin",
    }
    for command in (["init", "-q"], ["add", "page.md"], ["commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=tmp_path, env=env, check=True)
    assert last_updated(page_file) == "Última actualización: 14 de mayo de 2024"
    (tmp_path / "new.md").write_text("# Nueva\n", encoding="utf-8")
    assert last_updated(tmp_path / "new.md") is None  # never committed


def test_printable_topic_joins_sections_with_headings_one_level_down(docs: Path) -> None:
    from macros.pages import render_printable_topic

    write(docs / "t3" / "a.md", page("Primera", 1) + "\n## Sub\n\n```md\n# not a heading\n```\n")
    write(docs / "t3" / "imprimir.md", page("Imprimir", 99))
    rendered = render_printable_topic(read_pages(docs), "t3/imprimir.md", docs, str.upper)
    assert rendered.split("\n\n")[0] == "## PRIMERA"
    assert "### SUB" in rendered
    assert "# NOT A HEADING" in rendered and "## NOT A HEADING" not in rendered
    assert "## SEGUNDA" in rendered
    assert "IMPRIMIR" not in rendered
    assert rendered.index("PRIMERA") < rendered.index("SEGUNDA")
