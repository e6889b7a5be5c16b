"""The page of corrections: every `Correction` of the data, where the notes show it.

The notes keep the original statements and follow each outdated one with a "Corrección"
box (`correction(key)`). This page gathers them, grouped by the section page that shows
them, each with what the notes said, what holds today, its sources and a link to the
heading it falls under. Where a correction appears is read from the pages themselves
(`Course.mentions`), so the page can never list a correction the notes do not show, or miss
one: a correction no page shows fails the build.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import data, dependencies
from .course import Course, CourseError, Mention
from .markdown import escape, relative_link
from .records import Correction, Source
from .render import render_sources

MACRO = "correction"
# The call that lists them: a site with such a page must show every correction somewhere.
LISTING = "corrections_list("


def render_corrections(
    course: Course,
    from_page: str,
    *,
    corrections: Mapping[str, Correction] = data.CORRECTIONS,
    sources: Mapping[str, Source] = data.SOURCES,
) -> str:
    """Every correction of this topic, grouped by the page that shows it, in reading order."""
    topic = course.topic_of(from_page)
    for page in topic.walk():
        dependencies.record("page-body", page.src_path)
    found: list[Mention] = course.mentions(MACRO, topic)
    unknown = sorted({m.key for m in found} - set(corrections))
    if unknown:
        raise CourseError(
            f"docs/{from_page}: the notes call {MACRO}() with unknown key(s) "
            f"{', '.join(unknown)}; valid keys: {', '.join(corrections)}"
        )
    if not found:
        raise CourseError(f"docs/{from_page}: no page of this topic shows a correction")
    by_page: dict[str, list[Mention]] = {}
    for mention in found:
        by_page.setdefault(mention.src_path, []).append(mention)
    parts = []
    for src_path, page_mentions in by_page.items():
        page = course.page(src_path)
        parts.append(f"## {relative_link(page.title, src_path, from_page)}")
        parts += [_item(m, corrections[m.key], sources, from_page) for m in page_mentions]
    return "\n\n".join(parts)


def check_shown(course: Course, corrections: Mapping[str, Correction] = data.CORRECTIONS) -> None:
    """Fail when a correction of the data is shown by no page of the course."""
    shown = {m.key for m in course.mentions(MACRO)}
    unshown = [key for key in corrections if key not in shown]
    if unshown:
        raise CourseError(
            f"macros/data.py: CORRECTIONS: no page shows {', '.join(unshown)}; add "
            f'{{{{ {MACRO}("…") }}}} under the heading each belongs to, or remove it'
        )


def _item(mention: Mention, item: Correction, sources: Mapping[str, Source], from_page: str) -> str:
    where = relative_link(mention.heading, f"{mention.src_path}#{mention.anchor}", from_page)
    lines: Sequence[str] = [
        f"- **En {where}.** Las notas originales decían: «{escape(item.claim)}»",
        f"    {escape(item.correction)}",
        f"    {render_sources([item], sources=sources).splitlines()[0]}",
    ]
    return "\n\n".join(lines)
