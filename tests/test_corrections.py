"""The page of corrections: every correction of the data, where the notes show it."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from macros import data
from macros.corrections import check_shown, render_corrections
from macros.course import CourseError, build_course, mentions, read_page
from macros.records import Correction
from scripts.fixture_site import project_site
from tests.conftest import run_build
from tests.test_site import parse

FRONT = "---\ntitle: {title}\nweight: {weight}\n---\n\n"
PAGES = {
    "index.md": FRONT.format(title="Inicio", weight=0) + "# Inicio\n",
    "t3/index.md": FRONT.format(title="T3", weight=3) + "# T3\n",
    "t3/b.md": FRONT.format(title="Segunda", weight=2)
    + '# Segunda\n\n## Big ML\n\n{{ correction("dos") }}\n',
    "t3/a.md": FRONT.format(title="Primera", weight=1)
    + '# Primera\n\n## Big ML\n\nx\n\n## Big ML\n\n```md\n{{ correction("no") }}\n```\n\n'
    '{{ correction("uno") }}\n',
}
CORRECTIONS = {
    key: Correction(key=key, claim=f"Dicho {key}.", correction=f"Hoy {key}.", sources=("keras",))
    for key in ("uno", "dos")
}
SOURCES = {"keras": data.SOURCES[next(iter(data.SOURCES))]}


def course(pages: dict[str, str]):  # type: ignore[no-untyped-def]
    return build_course(read_page(path, text) for path, text in pages.items())


def test_mentions_give_the_line_and_the_heading_id_the_site_uses() -> None:
    page = read_page("t3/a.md", PAGES["t3/a.md"])
    (mention,) = mentions(page, "correction")  # the call inside the code block is not one
    assert (mention.key, mention.line, mention.heading, mention.anchor) == (
        "uno",
        18,
        "Big ML",
        "big-ml_1",  # the second "Big ML" heading, numbered as Python-Markdown's toc does
    )


def test_corrections_are_grouped_by_page_in_reading_order_with_links() -> None:
    text = render_corrections(course(PAGES), "t3/c.md", corrections=CORRECTIONS, sources=SOURCES)
    assert text.index("## [Primera](a.md)") < text.index("## [Segunda](b.md)")
    assert "- **En [Big ML](a.md#big-ml_1).** Las notas originales decían: «Dicho uno.»" in text
    assert "    Hoy uno." in text
    assert "[Big ML](b.md#big-ml)" in text


def test_a_correction_no_page_shows_or_an_unknown_key_fails() -> None:
    extra = {
        **CORRECTIONS,
        "tres": Correction(key="tres", claim="a", correction="b", sources=("keras",)),
    }
    with pytest.raises(CourseError, match="macros/data.py: CORRECTIONS: no page shows tres;"):
        check_shown(course(PAGES), extra)
    check_shown(course(PAGES), CORRECTIONS)
    with pytest.raises(CourseError, match="unknown key\\(s\\) dos; valid keys: uno"):
        render_corrections(
            course(PAGES), "t3/c.md", corrections={"uno": CORRECTIONS["uno"]}, sources=SOURCES
        )
    orphan = {
        **PAGES,
        "t3/b.md": FRONT.format(title="Segunda", weight=2) + '{{ correction("dos") }}',
    }
    with pytest.raises(CourseError, match="before the page's first heading"):
        render_corrections(course(orphan), "t3/c.md", corrections=CORRECTIONS, sources=SOURCES)


def test_the_built_page_lists_every_correction_and_each_link_lands_on_its_heading(
    built_site: Path,
) -> None:
    html = (built_site / "t3" / "correcciones" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<strong>En <a href="\.\./([^/"]+)/#([^"]+)">([^<]+)</a>\.</strong>', html)
    assert len(links) == len(data.CORRECTIONS)
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    for correction in data.CORRECTIONS.values():
        assert f"«{' '.join(correction.claim.split())}»" in text
    for page, anchor, title in links:
        target = (built_site / "t3" / page / "index.html").read_text(encoding="utf-8")
        heading = re.search(rf'<h[1-6] id="{re.escape(anchor)}">(.*?)<a class="headerlink"', target)
        assert heading and heading.group(1) == title, (page, anchor)
    landing = parse(built_site / "t3" / "index.html")
    assert landing.headings  # the landing page links the corrections page:
    assert 'href="correcciones/"' in (built_site / "t3" / "index.html").read_text(encoding="utf-8")


def test_a_correction_no_page_shows_fails_the_real_build(tmp_path: Path) -> None:
    config = project_site(tmp_path / "project")
    page = config.parent / "docs" / "t3" / "frameworks.md"
    text = page.read_text(encoding="utf-8")
    assert '{{ correction("caffe-status") }}' in text
    page.write_text(text.replace('{{ correction("caffe-status") }}', ""), encoding="utf-8")
    result = run_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "macros/data.py: CORRECTIONS: no page shows caffe-status;" in output
