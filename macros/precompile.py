"""Page templates compiled ahead, by a second process, while the build renders pages.

mkdocs-macros compiles every page with Jinja before it runs the page's macros: lexing,
parsing and Python's own compile of a page's whole text (1.2 s of a 200-page build, profiled).
The build renders one page at a time on one core; the second is idle until the pages are
converted. So, on `mkdocs build`, a process forked as the first page renders compiles every
page's text in the build's order and sends each code object back (marshal, the format of
Python's own .pyc files). The build takes a page's code when it has arrived and compiles
the page itself when it has not: a page the process has not reached yet, a page whose text
is not what the process was given, a process that failed or is slow on a busy machine. The
code is the same either way (the same Jinja environment compiles the same text), so only
the time differs.

The process is only forked while the build's process has one thread: forking a process
with threads can copy a lock another thread holds. So `mkdocs serve` forks it for its first
build only, before its server and watcher threads start; its rebuilds, which render only the
pages an edit affects, compile them themselves.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import threading
from collections.abc import Callable, Sequence
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import CodeType
from typing import Any

# The attribute of MkDocs' configuration where a hook that changes every page's text before
# mkdocs-macros reads it leaves that change (assets/hooks/katex_math.py hides the math), so
# that the second process compiles the text mkdocs-macros will be given.
BEFORE_MACROS = "page_text_before_macros"


def before_macros(config: Any) -> Callable[[str], str]:
    """What the hooks do to a page's text before mkdocs-macros reads it (else nothing)."""
    change: Callable[[str], str] | None = getattr(config, BEFORE_MACROS, None)
    return change if change is not None else str


KEY_SIZE = 16


def _key(source: str) -> bytes:
    """A digest of the text, to find its code by: the texts are long, and sent once."""
    data = source.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=KEY_SIZE).digest()


def one_thread() -> bool:
    """Whether this process runs one thread only: then forking it copies no lock in use."""
    return threading.active_count() == 1


def _compile_all(
    compile_page: Callable[[str], CodeType],
    prepare: Callable[[str], str],
    texts: Sequence[str],
    answers: Connection,
) -> None:
    """The second process: each text's key and code object, in order; then an empty message.

    A text that does not compile is skipped: the build compiles it again and reports it.
    """
    for text in texts:
        try:
            source = prepare(text)
            code = compile_page(source)
        except Exception:  # noqa: BLE001, S112 - reported by the build, naming the page
            continue
        answers.send_bytes(_key(source) + marshal.dumps(code))
    answers.send_bytes(b"")


class Precompiled:
    """Code objects of page templates, compiled by a second process, by their exact source.

    The process sends each page's code as it compiles it, through a pipe that holds a page
    or two: it keeps that far ahead of the build, which takes what has arrived at each page.
    """

    def __init__(
        self,
        compile_page: Callable[[str], CodeType],
        texts: Sequence[str],
        prepare: Callable[[str], str] = str,
        safe_to_fork: Callable[[], bool] = one_thread,
    ) -> None:
        """Fork the process that compiles `prepare(text)` for each of `texts`, if safe to."""
        self.arrived: dict[bytes, bytes] = {}
        self.given = len(texts)
        self.taken = 0  # pages whose code came from the second process
        self.done = True
        self.worker: BaseProcess | None = None
        self.answers: Connection | None = None
        # Windows cannot fork: there the build compiles every page itself.
        if not texts or "fork" not in get_all_start_methods() or not safe_to_fork():
            return
        context = get_context("fork")  # the sandbox and the texts are copied, not pickled
        self.answers, sender = context.Pipe(duplex=False)
        self.worker = context.Process(
            target=_compile_all, args=(compile_page, prepare, list(texts), sender), daemon=True
        )
        self.worker.start()
        # Only the second process writes: if it ends early, reading ends instead of waiting.
        sender.close()
        self.done = False
        atexit.register(self.close)

    @property
    def forked(self) -> bool:
        """Whether a second process compiles the pages."""
        return self.worker is not None

    def take(self, source: str) -> CodeType | None:
        """`source`'s code if the second process has sent it, else None (compile it now)."""
        if self.worker is None:
            return None
        self.receive()
        blob = self.arrived.pop(_key(source), None)
        if blob is None:
            return None
        self.taken += 1
        code: CodeType = marshal.loads(blob)  # noqa: S302 - our own forked process wrote it
        return code

    def receive(self) -> None:
        """Whatever the second process has sent by now, without waiting for more."""
        while not self.done and self.answers is not None and self.answers.poll():
            try:
                answer = self.answers.recv_bytes()
            except (EOFError, OSError):
                answer = b""  # it ended early: the build compiles the rest itself
            if not answer:
                self.done = True
                break
            self.arrived[answer[:KEY_SIZE]] = answer[KEY_SIZE:]

    def close(self) -> None:
        """Stop the second process, if it still runs, and drop what it sent."""
        atexit.unregister(self.close)
        self.arrived.clear()
        self.done = True
        if self.worker is None:
            return
        if self.worker.is_alive():
            self.worker.terminate()
        self.worker.join()
        if self.answers is not None:
            self.answers.close()
        self.worker = self.answers = None
