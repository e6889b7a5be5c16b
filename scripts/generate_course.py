"""Generate a course of any size from the real pages, for the scale benchmark.

A real course has ten or more topics like T3. This makes one in a folder: the real home page,
glossary and assets, and T3 copied as `topics` topics (t3, t4, …), each with its own title
and weight, and all of T3's tables, figures, math and printable page. The folder has its own
`mkdocs.yml`, which inherits the project's (`INHERIT:`), its own copy of the macros package
(so the benchmark can edit its data module) and a link to the project's `assets/` (theme
overrides and hooks), so that every path of the real configuration resolves as it does in the
project. When the real configuration lists the pages in `nav:`, the generated one lists the
copies too; when it has no `nav:`, it writes none.

The output depends only on the project's files and `topics`: the same input gives the same
tree, byte for byte.

    .venv/bin/python scripts/generate_course.py /tmp/course 20   # 20 topics
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import importlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
# The topic that is copied, and the pages outside any topic that every course has.
TOPIC = "t3"
FIRST_NUMBER = 3
FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?\n)---\n", re.DOTALL)
TITLE_LINE = re.compile(r"^title:.*$", re.MULTILINE)
DESCRIPTION_LINE = re.compile(r"^description:.*$", re.MULTILINE)
WEIGHT_LINE = re.compile(r"^weight:.*$", re.MULTILINE)
FIRST_HEADING = re.compile(r"^# .*$", re.MULTILINE)


class CourseError(ValueError):
    """The project's pages or configuration cannot be turned into a course."""


def topic_name(number: int) -> str:
    """The folder of topic `number` ("t3", "t4", …)."""
    return f"t{number}"


def page_count(topics: int) -> int:
    """How many Markdown pages a course of `topics` topics has."""
    outside = [p for p in (ROOT / "docs").rglob("*.md") if TOPIC not in p.parts]
    return len(outside) + topics * len(list((ROOT / "docs" / TOPIC).glob("*.md")))


def distinct(title: str, number: int) -> str:
    """T3's `title` as topic `number`'s: "T3." becomes "T7."; any other gets " (T7)"."""
    label = f"T{number}"
    if re.search(rf"\bT{FIRST_NUMBER}\b", title):
        return re.sub(rf"\bT{FIRST_NUMBER}\b", label, title)
    return f"{title} ({label})"


def topics_for(pages: int) -> int:
    """How many topics make the course closest to `pages` pages (at least one)."""
    outside = page_count(0)
    per_topic = page_count(1) - outside
    return max(1, round((pages - outside) / per_topic))


def retitle(text: str, src: str, number: int) -> str:
    """Page `src` of T3 as the same page of topic `number`: its own title and topic weight.

    The topic's index takes the weight `number` (topics are ordered by it); the section pages
    keep theirs (their order inside the topic). The title and the first heading name the
    topic (see `distinct`).
    """
    if number == FIRST_NUMBER:
        return text
    found = FRONT_MATTER.match(text)
    if not found:
        raise CourseError(f"docs/{src}: no front matter to give the copy its own title")
    meta = yaml.safe_load(found["meta"])
    title = meta.get("title") if isinstance(meta, dict) else None
    if not isinstance(title, str):
        raise CourseError(f"docs/{src}: front matter has no 'title' text to make distinct")
    new_title = distinct(title, number)
    head = TITLE_LINE.sub(lambda _: "title: " + json.dumps(new_title, ensure_ascii=False), found[0])
    head = DESCRIPTION_LINE.sub(
        lambda line: re.sub(rf"\bT{FIRST_NUMBER}\b", f"T{number}", line[0]), head
    )
    if src.endswith("/index.md"):
        if not WEIGHT_LINE.search(head):
            raise CourseError(f"docs/{src}: front matter has no 'weight' to order the topic by")
        head = WEIGHT_LINE.sub(f"weight: {number}", head)
    body = FIRST_HEADING.sub(
        lambda heading: "# " + distinct(heading[0][2:], number), text[found.end() :], count=1
    )
    return head + body


def write_docs(docs: Path, topics: int) -> None:
    """Write the course's pages and assets into `docs` (which must not exist)."""
    source = ROOT / "docs"
    shutil.copytree(source, docs, ignore=shutil.ignore_patterns(TOPIC))
    pages = sorted((source / TOPIC).glob("*.md"))
    extra = sorted(p for p in (source / TOPIC).iterdir() if p.suffix != ".md")
    if extra:
        raise CourseError(f"docs/{TOPIC}: files other than pages are not copied: {extra}")
    for number in range(FIRST_NUMBER, FIRST_NUMBER + topics):
        folder = docs / topic_name(number)
        folder.mkdir()
        for page in pages:
            src = f"{TOPIC}/{page.name}"
            text = page.read_text(encoding="utf-8")
            (folder / page.name).write_text(retitle(text, src, number), encoding="utf-8")


def extend_nav(nav: list[Any], topics: int) -> list[Any]:
    """The project's `nav` with one entry per copied topic after T3's.

    The copies list their pages by path only, so the navigation shows each page's own title.
    """
    prefix = f"{TOPIC}/"

    def mentions_topic(item: Any) -> bool:
        if isinstance(item, str):
            return item.startswith(prefix)
        if isinstance(item, dict):
            return any(mentions_topic(value) for value in item.values())
        if isinstance(item, list):
            return any(mentions_topic(value) for value in item)
        return False

    def copy_for(item: Any, number: int) -> Any:
        if isinstance(item, str):
            return topic_name(number) + "/" + item.removeprefix(prefix)
        if isinstance(item, list):
            return [copy_for(value, number) for value in item]
        if isinstance(item, dict):
            (title, value), *rest = item.items()
            if rest or not isinstance(title, str):
                raise CourseError(f"{CONFIG}: nav entry {item!r} is not one `title: page`")
            if isinstance(value, str):
                return copy_for(value, number)
            return {distinct(title, number): copy_for(value, number)}
        raise CourseError(f"{CONFIG}: nav entry {item!r} is neither a page nor a section")

    entries = [i for i, item in enumerate(nav) if mentions_topic(item)]
    if len(entries) != 1:
        raise CourseError(f"{CONFIG}: expected one nav entry for {prefix}, found {len(entries)}")
    at = entries[0]
    copies = [copy_for(nav[at], n) for n in range(FIRST_NUMBER + 1, FIRST_NUMBER + topics)]
    return [*copy.deepcopy(nav[: at + 1]), *copies, *copy.deepcopy(nav[at + 1 :])]


def project_config() -> dict[str, Any]:
    """The project's mkdocs.yml as MkDocs reads it (`!ENV` resolved)."""
    with CONFIG.open(encoding="utf-8") as file:
        config = yaml_load(file)
    if not isinstance(config, dict):
        raise CourseError(f"{CONFIG}: not a mapping of settings")
    return config


def write_config(folder: Path, topics: int, **overrides: Any) -> Path:
    """Write `folder/mkdocs.yml`: the project's configuration, inherited, plus `overrides`."""
    settings: dict[str, Any] = {"INHERIT": str(CONFIG)}
    nav = project_config().get("nav")
    if nav is not None:
        settings["nav"] = extend_nav(nav, topics)
    settings.update(overrides)
    path = folder / "mkdocs.yml"
    path.write_text(
        "# Generated by scripts/generate_course.py: the project's configuration, inherited.\n"
        + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


def project_questions() -> tuple[Any, ...]:
    """The project's questions (`QUESTIONS_LIST` of macros/data.py), as records."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    questions: tuple[Any, ...] = importlib.import_module("macros.data").QUESTIONS_LIST
    return questions


def copied_question(question: Any, number: int) -> Any:
    """T3's `question` as topic `number`'s: its own key, on the copy of its page."""

    def moved(page: str) -> str:
        return page.replace(f"{TOPIC}/", f"{topic_name(number)}/", 1)

    changes: dict[str, Any] = {"key": f"{question.key}-{topic_name(number)}"}
    changes["page"] = moved(question.page)
    if question.see.page is not None:  # else a label, of a table or figure of its own topic
        changes["see"] = dataclasses.replace(question.see, page=moved(question.see.page))
    return dataclasses.replace(question, **changes)


def copied_questions(topics: int) -> str:
    """Python appended to the course's data module: T3's questions for each copied topic.

    Each question is for a page (`self_check()` fails on a page that has none), so the
    copies get T3's, with their own keys and pages, as a real topic gets its own. They are
    written out, each its own record as in a real course: an edit to one of T3's questions
    changes T3's page only (the benchmark times such an edit).
    """
    copies = [
        copied_question(question, number)
        for number in range(FIRST_NUMBER + 1, FIRST_NUMBER + topics)
        for question in project_questions()
        if question.page.startswith(f"{TOPIC}/")
    ]
    lines = "".join(f"    {copy_!r},\n" for copy_ in copies)
    return f"""

# -- Added by scripts/generate_course.py: {TOPIC}'s questions for the copied topics.
QUESTIONS_LIST = QUESTIONS_LIST + (
{lines})
QUESTIONS = index("QUESTIONS", QUESTIONS_LIST)
check_questions(QUESTIONS_LIST, FACT_COLLECTIONS)
"""


def generate_course(folder: Path, topics: int) -> Path:
    """Make a course of `topics` topics in `folder` (new or empty); returns its mkdocs.yml."""
    if topics < 1:
        raise CourseError(f"a course needs at least one topic, not {topics}")
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise CourseError(f"{folder} is not empty: the course is generated into a new folder")
    write_docs(folder / "docs", topics)
    shutil.copytree(
        ROOT / "macros", folder / "macros", ignore=shutil.ignore_patterns("__pycache__")
    )
    if topics > 1:
        with (folder / "macros" / "data.py").open("a", encoding="utf-8") as data:
            data.write(copied_questions(topics))
    # Theme overrides and hooks are read, never edited: linked, so the paths resolve.
    (folder / "assets").symlink_to(ROOT / "assets", target_is_directory=True)
    return write_config(folder, topics)


def main() -> None:
    """Generate the course named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a new (or empty) folder")
    parser.add_argument("topics", type=int, help="how many topics (T3 and its copies)")
    args = parser.parse_args()
    try:
        config = generate_course(args.folder, args.topics)
    except CourseError as error:
        raise SystemExit(f"generate_course: {error}") from None
    print(f"{config}: {page_count(args.topics)} pages")  # noqa: T201 - the command's output


if __name__ == "__main__":
    main()
