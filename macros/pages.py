"""The generated lists of topics and sections, and each page's date of last change.

The lists follow the course model (`course.py`): Hugo's `weight` order, so a new topic
folder with an `index.md` appears on the home page by itself.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from . import dependencies
from .course import Course, CourseError, PageInfo, Topic
from .markdown import escape, relative_link, spanish_date


def _list(pages: Sequence[PageInfo], from_page: str, what: str) -> str:
    """The pages as a linked list with their descriptions, recorded as read (incremental builds)."""
    if not pages:
        raise CourseError(f"docs/{from_page}: no {what} to list")
    for page in pages:
        dependencies.record("page", page.src_path)
    return "\n".join(
        f"- {relative_link(p.title, p.src_path, from_page)}: {escape(p.description)}" for p in pages
    )


def render_topic_list(course: Course, from_page: str) -> str:
    """Markdown list of the course topics, linked from `from_page`."""
    topics = [topic.index for topic in course.topics]
    return _list(topics, from_page, "topics (folders with an index.md)")


def render_section_list(course: Course, from_page: str) -> str:
    """Markdown list of the sections and sub-topics of the topic whose index is `from_page`."""
    if not from_page.endswith("index.md") or "/" not in from_page:
        raise CourseError(f"docs/{from_page}: section_list() only works on a topic's index.md")
    topic = course.topic_of(from_page)
    entries = [e.index if isinstance(e, Topic) else e for e in topic.entries]
    return _list(entries, from_page, "section pages beside this index.md")


def last_commit_days(docs_dir: Path) -> dict[str, str]:
    """`YYYY-MM-DD` of the last commit that changed each page, by its path under `docs_dir`.

    One `git log` for the whole folder (a call per page cost 5–10 ms each). A merge lists no
    files here, so a page is dated by the commit that changed it, not by the merge that
    brought it in. Pages without history (a new page, a tarball without git) are left out.
    """
    try:
        result = subprocess.run(
            ["git", "log", "--relative", "--name-only", "--format=%x00%cs", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    days: dict[str, str] = {}
    for commit in result.stdout.split("\x00")[1:]:
        day, *paths = commit.strip("\n").split("\n")
        for path in paths:
            if path.strip():
                days.setdefault(path.strip(), day)
    return days


def last_updated(docs_dir: Path) -> dict[str, str]:
    """`Última actualización: <fecha>` of each page, from the last commit that changed it.

    Pages without history are left out: the build goes on without their date.
    """
    return {
        path: f"Última actualización: {spanish_date(day)}"
        for path, day in last_commit_days(docs_dir).items()
    }
