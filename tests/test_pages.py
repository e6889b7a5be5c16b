"""The generated topic and section lists, and each page's date of last change from git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macros import dependencies
from macros.course import Course, CourseError, build_course, read_page
from macros.pages import last_updated, render_section_list, render_topic_list


def page(title: str, weight: int, description: str = "Resumen.") -> str:
    return f"---\ntitle: {title}\nweight: {weight}\ndescription: {description}\n---\n\n# {title}\n"


@pytest.fixture
def course() -> Course:
    pages = {
        "index.md": page("Inicio", 0),
        "t4/index.md": page("T4. Redes", 4, "Redes convolucionales."),
        "t3/index.md": page("T3. Herramientas", 3, "Frameworks y hardware."),
        "t3/b.md": page("Segunda", 2),
        "t3/a.md": page("Primera", 1, "Va primero por su peso."),
        "t3/sub/index.md": page("Subtema", 3, "Más."),
    }
    return build_course(read_page(path, text) for path, text in pages.items())


def test_topic_list_follows_weight_and_links_from_home(course: Course) -> None:
    assert render_topic_list(course, "index.md") == (
        "- [T3. Herramientas](t3/index.md): Frameworks y hardware.\n"
        "- [T4. Redes](t4/index.md): Redes convolucionales."
    )


def test_section_list_follows_weight_and_links_relatively(course: Course) -> None:
    assert render_section_list(course, "t3/index.md") == (
        "- [Primera](a.md): Va primero por su peso.\n- [Segunda](b.md): Resumen.\n"
        "- [Subtema](sub/index.md): Más."
    )


def test_lists_record_the_pages_they_show(course: Course) -> None:
    dependencies.start()
    render_section_list(course, "t3/index.md")
    assert dependencies.stop() == {
        ("page", "t3/a.md"),
        ("page", "t3/b.md"),
        ("page", "t3/sub/index.md"),
    }


def test_section_list_only_works_on_a_topic_index(course: Course) -> None:
    with pytest.raises(CourseError, match=r"docs/t3/a.md: section_list\(\) only works"):
        render_section_list(course, "t3/a.md")
    with pytest.raises(CourseError, match=r"docs/t4/index.md: no section pages beside"):
        render_section_list(course, "t4/index.md")


def test_last_updated_comes_from_one_git_log_and_skips_pages_without_history(
    tmp_path: Path,
) -> None:
    (tmp_path / "t3").mkdir()
    (tmp_path / "t3" / "page.md").write_text("# Hola\n", encoding="utf-8")
    assert last_updated(tmp_path) == {}  # not a repository: the build goes on
    env = {
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "PATH": "/usr/bin:/bin",
    }
    for day, command in [
        ("2024-05-14", ["add", "t3/page.md"]),
        ("2024-05-14", ["commit", "-qm", "x"]),
        ("2024-06-02", ["commit", "-qm", "y", "--allow-empty"]),
    ]:
        dated = {**env, "GIT_AUTHOR_DATE": f"{day}T12:00:00+00:00"}
        dated["GIT_COMMITTER_DATE"] = dated["GIT_AUTHOR_DATE"]
        if command[0] == "add":
            subprocess.run(["git", "init", "-q"], cwd=tmp_path, env=dated, check=True)
        subprocess.run(["git", *command], cwd=tmp_path, env=dated, check=True)
    (tmp_path / "new.md").write_text("# Nueva\n", encoding="utf-8")
    assert last_updated(tmp_path) == {"t3/page.md": "Última actualización: 14 de mayo de 2024"}
