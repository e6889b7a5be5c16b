"""The scale benchmark's course generator (scripts/generate_course.py) is deterministic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from scripts.generate_course import (
    CourseError,
    extend_nav,
    generate_course,
    page_count,
    project_config,
    retitle,
    topics_for,
)
from tests.conftest import ROOT, run_build

T3_PAGES = sorted(p.name for p in (ROOT / "docs" / "t3").glob("*.md"))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (links followed only for the course's own files)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "assets" not in path.relative_to(folder).parts[:1]
    }


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    found = re.match(r"---\n(.*?\n)---\n", text, re.DOTALL)
    assert found, path
    meta = yaml.safe_load(found[1])
    assert isinstance(meta, dict)
    return meta


def test_the_same_input_gives_the_same_tree(tmp_path: Path) -> None:
    generate_course(tmp_path / "a", 3)
    generate_course(tmp_path / "b", 3)
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert first == second
    assert "mkdocs.yml" in first and "macros/data.py" in first


@pytest.mark.parametrize("pages", [100, 200])
def test_the_benchmark_sizes_have_the_expected_page_counts(pages: int) -> None:
    per_topic = len(T3_PAGES)
    outside = len([p for p in (ROOT / "docs").rglob("*.md") if "t3" not in p.parts])
    topics = topics_for(pages)
    assert page_count(topics) == outside + topics * per_topic
    assert abs(page_count(topics) - pages) <= per_topic / 2


def test_pages_titles_are_distinct_and_topics_ordered_by_weight(tmp_path: Path) -> None:
    generate_course(tmp_path, 4)
    docs = tmp_path / "docs"
    pages = sorted(docs.rglob("*.md"))
    assert len(pages) == page_count(4) == 2 + 4 * len(T3_PAGES)
    titles = [str(front_matter(page)["title"]) for page in pages]
    assert len(set(titles)) == len(titles), titles
    weights = {t: front_matter(docs / t / "index.md")["weight"] for t in ("t3", "t4", "t5", "t6")}
    assert weights == {"t3": 3, "t4": 4, "t5": 5, "t6": 6}
    # T3 itself is copied unchanged; a copy names its topic in its title and first heading.
    assert (docs / "t3" / "frameworks.md").read_bytes() == (
        ROOT / "docs" / "t3" / "frameworks.md"
    ).read_bytes()
    copy = (docs / "t5" / "frameworks.md").read_text(encoding="utf-8")
    assert front_matter(docs / "t5" / "frameworks.md")["title"] == (
        "Frameworks para Deep Learning (T5)"
    )
    assert "\n# Frameworks para Deep Learning (T5)\n" in copy
    assert "{{ frameworks_table() }}" in copy, "the copy keeps the tables"


def test_the_course_inherits_the_project_configuration(tmp_path: Path) -> None:
    config = yaml.safe_load(generate_course(tmp_path, 2).read_text(encoding="utf-8"))
    assert config["INHERIT"] == str(ROOT / "mkdocs.yml")
    assert (tmp_path / "assets").resolve() == ROOT / "assets"
    assert not (tmp_path / "macros").is_symlink(), "the course edits its own copy of the data"
    nav = project_config().get("nav")
    if nav is None:
        assert "nav" not in config
    else:
        assert config["nav"] == extend_nav(nav, 2)


def test_a_nav_gets_one_section_per_copied_topic() -> None:
    nav = [
        {"Inicio": "index.md"},
        {"T3. Herramientas": ["t3/index.md", {"Proveedores": "t3/proveedores.md"}]},
        {"Glosario": "glosario.md"},
    ]
    assert extend_nav(nav, 3) == [
        {"Inicio": "index.md"},
        {"T3. Herramientas": ["t3/index.md", {"Proveedores": "t3/proveedores.md"}]},
        {"T4. Herramientas": ["t4/index.md", "t4/proveedores.md"]},
        {"T5. Herramientas": ["t5/index.md", "t5/proveedores.md"]},
        {"Glosario": "glosario.md"},
    ]


def test_a_page_without_front_matter_is_a_clear_error() -> None:
    with pytest.raises(CourseError) as error:
        retitle("# Sin front matter\n", "t3/x.md", 4)
    assert str(error.value) == "docs/t3/x.md: no front matter to give the copy its own title"


def test_a_folder_with_files_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notas.md").write_text("mías", encoding="utf-8")
    with pytest.raises(CourseError) as error:
        generate_course(tmp_path, 2)
    assert str(error.value) == (
        f"{tmp_path} is not empty: the course is generated into a new folder"
    )
    assert (tmp_path / "notas.md").read_text(encoding="utf-8") == "mías"


def test_a_generated_course_builds_strictly_with_each_topic_s_own_questions(
    tmp_path: Path,
) -> None:
    # The benchmark measures this build: a change to the pages or the macros that the
    # copies do not follow (a question for T3's pages only) must fail here, not in the report.
    config = generate_course(tmp_path / "course", 2)
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "t4" / "frameworks" / "index.html").read_text(encoding="utf-8")
    assert 'id="autoevaluacion-tf-graph-t4"' in page
    assert "<title>Frameworks para Deep Learning (T4) - " in page
    # Each topic's PDF, printed side by side by two Chromiums, is its own topic's.
    for number in (3, 4):
        reader = PdfReader(tmp_path / "site" / f"t{number}" / f"apuntes-t{number}.pdf")
        cover = reader.pages[0].extract_text()
        assert f"T{number}. Herramientas y estrategias de" in cover
        assert f"T{7 - number}." not in cover
    assert "PDFs: 2 printed, 0 from the cache in" in result.stderr


def test_each_copied_topic_s_questions_are_records_of_their_own(tmp_path: Path) -> None:
    # As in a real course: an edit to one of T3's questions is not an edit to the copies'
    # (the benchmark times such an edit as a record of one topic).
    generate_course(tmp_path / "course", 3)
    data = (tmp_path / "course" / "macros" / "data.py").read_text(encoding="utf-8")
    written = 'question="¿Por qué una GPU acelera el entrenamiento'
    assert data.count(written) == 1
    for topic in ("t4", "t5"):
        copy = re.search(
            rf"Question\(key='gpu-parallelism-{topic}', page='([^']+)', question='([^']+)'", data
        )
        assert copy, topic
        assert copy[1] == f"{topic}/computacion-acelerada.md"
        assert copy[2].startswith("¿Por qué una GPU acelera el entrenamiento")
