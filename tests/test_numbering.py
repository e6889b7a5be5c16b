"""Per-topic numbers for tables, figures and equations, and cross-references to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.course import CourseError
from macros.numbering import Item, labels, number_page, render_ref, resolve_refs
from scripts.fixture_site import FRONT_MATTER, ROOT, fixture_site
from tests.conftest import run_build

PAGE = (
    '<figure id="tab-a"><table></table><figcaption><p><span class="caption-prefix">Tabla 1.'
    "</span> A.</p></figcaption></figure>\n"
    '<figure class="course-figure" id="fig-b"><svg></svg><figcaption id="fig-b-caption">B.'
    "</figcaption></figure>\n"
    '<div class="course-equation" id="eq-c"><div class="arithmatex">KATEX</div></div>\n'
    '<figure id="tab-d"><table></table><figcaption><p><span class="caption-prefix">Tabla 2.'
    "</span> D.</p></figcaption></figure>"
)


def test_items_are_numbered_after_the_topic_number_and_the_pages_before() -> None:
    counters = {"table": 4}  # four tables on earlier pages of topic 3
    html, items = number_page(PAGE, "3.", counters, "t3/b.md")
    assert [(i.label, i.text) for i in items] == [
        ("tab-a", "Tabla 3.5"),
        ("fig-b", "Figura 3.1"),
        ("eq-c", "(3.1)"),
        ("tab-d", "Tabla 3.6"),
    ]
    assert '<span class="caption-prefix">Tabla 3.5.</span> A.' in html
    assert (
        '<figcaption id="fig-b-caption"><span class="caption-prefix">Figura 3.1.</span> B.' in html
    )
    assert (
        '<div class="course-equation" id="eq-c"><span class="course-equation-number">(3.1)</span>'
        '<div class="arithmatex">KATEX</div>'
    ) in html
    assert counters == {"table": 6, "figure": 1, "equation": 1}
    # Pages of the home's folder have no topic number.
    assert number_page(PAGE, "", {}, "glosario.md")[1][0].text == "Tabla 1"


def test_references_name_the_number_and_link_to_the_item_or_fail_clearly() -> None:
    item = Item("tab-a", "table", "3.5", "t3/b.md")
    other = Item("tab-x", "table", "4.1", "t4/a.md")
    twice = [Item("tab-y", "table", "4.2", "t4/a.md"), Item("tab-y", "table", "5.1", "t5/a.md")]
    course = {"tab-a": [item], "tab-x": [other], "tab-y": twice}

    def href(target: Item) -> str:
        return f"../{target.src_path.removesuffix('.md')}/#{target.label}"

    text = f"<p>Véase la {render_ref('tab-a')} y la {render_ref('tab-x')}.</p>"
    resolved = resolve_refs(text, {"tab-a": item}, course, href, "docs/t3/c.md")
    assert resolved == (
        '<p>Véase la <a class="course-ref" href="../t3/b/#tab-a">Tabla 3.5</a> y la '
        '<a class="course-ref" href="../t4/a/#tab-x">Tabla 4.1</a>.</p>'
    )
    with pytest.raises(CourseError) as error:
        resolve_refs(render_ref("tab-z"), {"tab-a": item}, course, href, "docs/t3/c.md")
    assert str(error.value) == (
        "docs/t3/c.md: ref('tab-z'): unknown label; labels in this topic: tab-a"
    )
    with pytest.raises(CourseError, match="ref\\('tab-y'\\) is ambiguous"):
        resolve_refs(render_ref("tab-y"), {}, course, href, "docs/t3/c.md")
    with pytest.raises(CourseError, match="expected a label such as"):
        render_ref("Tabla <b>")


def test_two_items_with_one_label_in_a_topic_fail_naming_both_pages() -> None:
    items = [Item("fig-a", "figure", "3.1", "t3/a.md"), Item("fig-a", "figure", "3.4", "t3/c.md")]
    with pytest.raises(CourseError) as error:
        labels(items, "docs/t3/")
    assert str(error.value).startswith(
        "docs/t3/a.md and docs/t3/c.md: two items labelled 'fig-a' in docs/t3/"
    )


def test_t3_numbers_agree_between_section_pages_and_the_printable_page(built_site: Path) -> None:
    def captions(path: Path) -> list[str]:
        return re.findall(r'caption-prefix">([^<]+)</span>', path.read_text(encoding="utf-8"))

    sections = ["frameworks", "computacion-acelerada", "proveedores"]
    on_pages = [c for s in sections for c in captions(built_site / "t3" / s / "index.html")]
    assert on_pages == captions(built_site / "t3" / "imprimir" / "index.html")
    tables = [c for c in on_pages if c.startswith("Tabla")]
    figures = [c for c in on_pages if c.startswith("Figura")]
    assert tables == [f"Tabla 3.{n}." for n in range(1, len(tables) + 1)]
    assert figures == [f"Figura 3.{n}." for n in range(1, len(figures) + 1)]
    assert len(tables) >= 10 and len(figures) >= 8


def test_t3_prose_refers_to_tables_and_figures_of_other_pages(built_site: Path) -> None:
    links = []
    for section in ["frameworks", "computacion-acelerada", "proveedores"]:
        text = (built_site / "t3" / section / "index.html").read_text(encoding="utf-8")
        links += [
            (section, href, label)
            for href, label in re.findall(r'<a class="course-ref" href="([^"]+)">([^<]+)</a>', text)
        ]
    elsewhere = [link for link in links if link[1].startswith("../")]
    assert len(elsewhere) >= 5, links
    for _, href, label in links:
        page, anchor = href.split("#")
        target = built_site / "t3" / (page.removeprefix("../").rstrip("/") or "x") / "index.html"
        text = target.read_text(encoding="utf-8") if page else ""
        if not page:
            continue
        # The linked element carries the number the link shows.
        start = text.index(f'id="{anchor}"')
        assert f"{label}." in text[start : text.index("</figure>", start)], (href, label)


CAPTIONS = """\
markdown_extensions:
  - tables
  - pymdownx.blocks.caption:
      types:
        - name: table-caption
          prefix: "Tabla {}."
"""


def test_a_bad_reference_fails_the_build_naming_page_and_labels(tmp_path: Path) -> None:
    config = fixture_site(
        tmp_path,
        FRONT_MATTER + '{{ tpu_comparison(["v3"]) }}\n\n{{ ref("tab-nada") }}\n',
        extra_config=CAPTIONS,
    )
    result = run_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (
        "docs/index.md: ref('tab-nada'): unknown label; labels in this topic: tab-tpu-v3" in output
    )


MATH_HOOK = ROOT / "assets" / "hooks" / "katex_math.py"


def test_a_labelled_equation_gets_a_number_and_a_reference(tmp_path: Path) -> None:
    page = (
        FRONT_MATTER.replace("weight: 1", "weight: 1\nmath: true")
        + "$$\n\\sigma(x) = \\frac{1}{1 + e^{-x}} \\label{eq-sigmoide}\n$$\n\n"
        + 'La función de la {{ ref("eq-sigmoide") }} es la sigmoide.\n'
    )
    config = fixture_site(
        tmp_path,
        page,
        extra_config="markdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n",
        hooks=[MATH_HOOK],
    )
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert (
        '<div class="course-equation" id="eq-sigmoide">'
        '<span class="course-equation-number">(1)</span>' in html
    )
    assert '<a class="course-ref" href="#eq-sigmoide">(1)</a>' in html
    assert "\\label" not in html.split("<annotation")[0]
