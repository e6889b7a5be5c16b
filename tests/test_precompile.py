"""Page templates compiled ahead by a second process (macros/precompile.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import pytest
from jinja2 import Environment, StrictUndefined, TemplateSyntaxError

from macros.precompile import Precompiled, one_thread
from macros.sandbox import PageSandbox, sandboxed
from tests.conftest import ROOT, run_build
from tests.test_reproducible import EPOCH, digests, source_date_epoch

TEXTS = [
    "# {{ twice(21) }}\n\nProse with no template at all.",
    "{% for n in range(3) %}- {{ n }}\n{% endfor %}",
    "{{ page_title | upper }}: {{ twice('ab') }}",
]
LOGGED = re.compile(r"Page templates: (\d+) of (\d+) compiled ahead by a second process")


def sandbox() -> PageSandbox:
    jinja = Environment(undefined=StrictUndefined)
    return sandboxed(jinja, {"twice": lambda value: value * 2})


def always() -> bool:
    return True


def compiled_ahead(
    pages: PageSandbox, texts: list[str], prepare: Callable[[str], str] = str
) -> Precompiled:
    """`pages` with `texts` compiled ahead, as `PageSandbox.compile_ahead` does.

    pytest runs other tests' threads (servers, Playwright), so these tests fork whatever the
    threads; the builds at the end check the rule itself (`one_thread`).
    """
    pages.ahead = Precompiled(pages.compile_now, texts, prepare, safe_to_fork=always)
    return pages.ahead


def everything_received(ahead: Precompiled, seconds: float = 60) -> None:
    """Wait until the second process has sent all it will (or has ended)."""
    deadline = time.monotonic() + seconds
    while not ahead.done:
        assert time.monotonic() < deadline, "the second process sent nothing more in a minute"
        assert ahead.answers is not None
        ahead.answers.poll(0.1)
        ahead.receive()


def test_pages_compiled_ahead_render_as_those_compiled_by_the_build() -> None:
    pages = sandbox()
    ahead = compiled_ahead(pages, TEXTS)
    assert ahead.forked
    everything_received(ahead)
    rendered = [pages.from_string(text).render(page_title="t3") for text in TEXTS]
    assert ahead.taken == len(TEXTS)
    by_the_build = [sandbox().from_string(text).render(page_title="t3") for text in TEXTS]
    assert (
        rendered
        == by_the_build
        == ["# 42\n\nProse with no template at all.", "- 0\n- 1\n- 2\n", "T3: abab"]
    )
    ahead.close()
    assert ahead.worker is None


def test_the_sandbox_still_holds_in_code_compiled_ahead() -> None:
    pages = sandbox()
    hostile = "{{ cycler.__init__.__globals__ }}"
    everything_received(ahead := compiled_ahead(pages, [hostile]))
    template = pages.from_string(hostile)
    assert ahead.taken == 1
    with pytest.raises(
        Exception, match="access to attribute '__init__' of 'type' object is unsafe"
    ):
        template.render()


def test_a_text_is_found_as_the_hooks_change_it_and_only_so() -> None:
    pages = sandbox()
    hide = lambda text: text.replace("$x$", "@0@")  # noqa: E731 - as the math hook hides math
    everything_received(ahead := compiled_ahead(pages, ["math: $x$ {{ twice(1) }}"], hide))
    assert pages.from_string("math: $x$ {{ twice(1) }}").render() == "math: $x$ 2"
    assert ahead.taken == 0  # not the text mkdocs-macros is given
    assert pages.from_string("math: @0@ {{ twice(1) }}").render() == "math: @0@ 2"
    assert ahead.taken == 1


def test_a_page_that_does_not_compile_fails_as_without_the_second_process() -> None:
    broken = "line one\n{% for n in range(3) %}never closed"
    pages = sandbox()
    everything_received(ahead := compiled_ahead(pages, [TEXTS[0], broken, TEXTS[1]]))
    assert len(ahead.arrived) == 2
    with pytest.raises(TemplateSyntaxError, match="Unexpected end of template") as error:
        pages.from_string(broken)
    assert error.value.lineno == 2
    pages.from_string(TEXTS[1])
    assert ahead.taken == 1


def test_no_second_process_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not one_thread()
        pages = sandbox()
        pages.compile_ahead(TEXTS)
    finally:
        stop.set()
        other.join()
    assert pages.ahead is not None and not pages.ahead.forked and pages.ahead.done
    assert pages.from_string(TEXTS[0]).render() == "# 42\n\nProse with no template at all."
    assert pages.ahead.taken == 0


def compile_or_end(source: str) -> CodeType:
    if source == "end here":
        os._exit(3)  # the second process ends without a word, as if killed
    return compile(source, "<template>", "exec")


def test_a_second_process_that_ends_early_leaves_the_rest_to_the_build() -> None:
    ahead = Precompiled(compile_or_end, ["x = 1", "end here", "y = 2"], safe_to_fork=always)
    everything_received(ahead)
    assert ahead.take("x = 1") is not None
    assert ahead.take("y = 2") is None  # never sent: the build compiles it itself
    worker = ahead.worker
    ahead.close()
    assert worker is not None and worker.exitcode == 3


def compile_never(source: str) -> CodeType:
    threading.Event().wait()  # a second process that is stuck
    raise AssertionError


def test_closing_stops_a_second_process_that_still_runs() -> None:
    ahead = Precompiled(compile_never, ["x = 1"], safe_to_fork=always)
    worker = ahead.worker
    assert worker is not None and worker.is_alive()
    assert ahead.take("x = 1") is None
    ahead.close()
    assert not worker.is_alive() and worker.exitcode is not None
    assert ahead.take("x = 1") is None


# `mkdocs build` with another thread running: the pages are compiled by the build alone.
WITH_A_THREAD = (
    "import runpy, sys, threading\n"
    "threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
    "sys.argv = ['mkdocs', *sys.argv[1:]]\n"
    "runpy.run_module('mkdocs', run_name='__main__')\n"
)


def test_a_site_compiled_ahead_is_byte_identical_to_one_compiled_by_the_build(
    tmp_path: Path,
) -> None:
    cache = {"PDF_CACHE_DIR": str(tmp_path / "pdf-cache")}
    with source_date_epoch(EPOCH):
        ahead = run_build(ROOT / "mkdocs.yml", tmp_path / "ahead", env=cache)
        alone = subprocess.run(
            [
                sys.executable,
                "-c",
                WITH_A_THREAD,
                "build",
                "--strict",
                "-d",
                str(tmp_path / "alone"),
            ],
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **cache},
            capture_output=True,
            text=True,
            check=False,
        )
    assert ahead.returncode == 0 and alone.returncode == 0, ahead.stderr + alone.stderr
    pages = len(list((ROOT / "docs").rglob("*.md")))
    found = LOGGED.search(ahead.stderr)
    assert found is not None, ahead.stderr
    # The first page is compiled by the build while the second process starts.
    assert 1 <= int(found[1]) <= pages and int(found[2]) == pages
    assert "Page templates:" not in alone.stderr
    assert "Documentation built" in alone.stderr
    one, two = digests(tmp_path / "ahead"), digests(tmp_path / "alone")
    assert len(one) > 20
    assert one == two
