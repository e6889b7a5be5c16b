"""Pages reach the course macros and their own variables, never Python.

mkdocs-macros renders every page with a plain Jinja environment and hands it all it knows:
the whole MkDocs configuration (`config`, `plugin`), `git` (committers' names and emails),
`environment` (system and versions), the navigation and file objects, debugging macros that
print them all (`macros_info()`, `context()`), and through any of them Python itself:
`{{ cycler.__init__.__globals__.os.popen("id").read() }}` ran a shell command while the site
built. A page is text that any contributor may send, so it gets a template language, not a
programming language:

- `forget_builtins`, called by `define_env` before the course macros are registered, drops
  mkdocs-macros' own macros, filters and variables, so only the course's remain.
- `confine`, called before each page renders, puts mkdocs-macros' Jinja environment into
  Jinja's sandbox (`PageSandbox`, with the same delimiters, undefined behaviour, extensions,
  macros and filters), with a loader that refuses every file (`{% include %}`, `{% import %}`,
  `{% extends %}`), and leaves the page only `page` (`PageView`: title, address, front matter)
  and its front matter keys.

What a page may use is listed in CONTRIBUTING.md ("Qué puede usar una página").
"""

from __future__ import annotations

import copy
import datetime
import functools
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import CodeType
from typing import Any

import mkdocs_macros.context
from jinja2 import BaseLoader, Environment, Undefined
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import precompile
from .precompile import Precompiled

log = logging.getLogger("mkdocs.plugins.macros")

# What a page may use besides the course macros and its front matter, for the error messages.
ALLOWED = (
    "pages may call the course macros and use page.title, page.url, page.meta and their "
    "front matter keys (CONTRIBUTING.md, 'Qué puede usar una página')"
)

# The Jinja options that mkdocs-macros may set from `j2_*` settings, carried into the sandbox.
SYNTAX_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)

# Limits on what a page's arithmetic may build: `{{ 9 ** 9 ** 9 }}` would otherwise hold the
# build (and `make serve`) for hours, and `{{ "x" * 10 ** 10 }}` fill the memory.
MAX_BITS = 4096
MAX_LENGTH = 100_000
# And on what one page may do in all: numbers its `range()` calls give (nested loops), and
# characters its `{{ … }}` print (a loop printing long text). A printable topic, the
# largest page, prints about 1 MB.
MAX_STEPS = 1_000_000
MAX_PRINTED = 20_000_000

# Jinja filters and `str` methods whose integer arguments set the size of what they build:
# `{{ "x" | center(10 ** 9) }}` would fill the memory as `"x" * 10 ** 9` would.
SIZED = frozenset(
    {
        *("center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap"),
        *("truncate", "batch", "slice"),
    }
)
# A printf-style conversion's width and precision: `%300000000s`, `%-*.*f`.
PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
# A `str.format` replacement field's format spec, nested fields included: `{:>{}}`.
FORMAT_SPEC = re.compile(r"\{[^{}:]*:((?:[^{}]|\{[^{}]*\})*)\}")

# What `{{ … }}` may print: text, numbers, dates, and the lists and mappings of front matter.
PRINTABLE = (str, int, float, datetime.date, list, tuple, dict, type(None))


@dataclass(frozen=True)
class PageView:
    """What a page's template sees of its own page: no file paths, no configuration."""

    title: str | None
    url: str
    meta: Mapping[str, Any]


class NoFiles(BaseLoader):
    """A template loader that loads nothing: pages reach data through macros, not files."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """Refuse `template`, saying why."""
        raise TemplateNotFound(
            template,
            f"{template!r}: a page cannot include, import or extend files; {ALLOWED}",
        )


def _too_large(what: str, size: int) -> SecurityError:
    return SecurityError(f"{what} is too large for a page ({size}; at most {MAX_LENGTH})")


def _check_sizes(name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a sized filter or method whose width, length or count is too large."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_LENGTH:
            raise _too_large(f"{name}({value})", value)


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1, *_: Any) -> None:
    """Refuse a `replace` whose result would be too long, from its number of matches."""
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    matches = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        matches = min(matches, count)
    size = len(text) + matches * (len(new) - len(old))
    if size > MAX_LENGTH:
        raise _too_large("replace()", size)


def _int_values(values: Any) -> list[int]:
    items = values.values() if isinstance(values, Mapping) else values
    if not isinstance(items, list | tuple) and not isinstance(values, Mapping):
        items = (values,)
    return [v for v in items if isinstance(v, int) and not isinstance(v, bool)]


def _check_printf(template: Any, values: Any) -> None:
    """Refuse `"%300000000s" % x` and `"%*s" % (300000000, x)` (also the `format` filter)."""
    if not isinstance(template, str):
        return
    for match in PRINTF_SPEC.finditer(template):
        for part in match.groups():
            if part == "*":
                for value in _int_values(values):
                    if abs(value) > MAX_LENGTH:
                        raise _too_large(f"a width of {value}", value)
            elif part and int(part) > MAX_LENGTH:
                raise _too_large(f"a width of {part}", int(part))


def _check_str_format(template: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse `"{:>300000000}".format(x)` and `"{:{}}".format(x, 300000000)`."""
    for match in FORMAT_SPEC.finditer(template):
        spec = match.group(1)
        for digits in re.findall(r"\d+", spec):
            if int(digits) > MAX_LENGTH:
                raise _too_large(f"a width of {digits}", int(digits))
        if "{" in spec:
            for value in (*_int_values(list(args)), *_int_values(dict(kwargs))):
                if abs(value) > MAX_LENGTH:
                    raise _too_large(f"a width of {value}", value)


def _sized_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, a Jinja filter, with the size of what it would build checked first."""

    def check(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if name in SIZED:
            # Not the value filtered (`{{ 123456 | center(8) }}` is fine); Jinja's
            # environment, which `truncate` and `wordwrap` take first, is not an int.
            _check_sizes(name, args[1:], kwargs)
        elif name == "replace":
            # do_replace(eval_ctx, s, old, new, count=None)
            _check_replace(*args[1:], *kwargs.values())
        elif name == "format":
            _check_printf(args[0], kwargs or args[1:])

    if name not in SIZED | {"replace", "format"}:
        return function

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(args, kwargs)
        return function(*args, **kwargs)

    return checked


def _printable(value: Any) -> Any:
    """Print text, numbers, dates and front matter values; refuse Python objects.

    A macro without its parentheses (`{{ topic_list }}`) or Jinja's `{{ self }}` would
    print Python's description of an object, which is never what the author meant.
    """
    if isinstance(value, (Undefined, *PRINTABLE)):
        return value  # an undefined name raises its own error when printed
    name = getattr(value, "__name__", None) if callable(value) else None
    what = f"{name!r} is a macro" if name else f"a {type(value).__name__!r} object is not text"
    raise SecurityError(f"{what}: call a macro with parentheses, e.g. {{{{ topic_list() }}}}")


class PageSandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, with what a page builds kept to sizes a page can print.

    The sandbox refuses attributes that start with an underscore, Python's internals and
    changes to lists and dicts. Here, too: powers, repetitions, widths and replacements that
    would fill the memory, and, for each page (`start_page`), more than MAX_STEPS numbers
    from `range()` or MAX_PRINTED characters printed.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        """Jinja's options; `finalize` is the sandbox's own, which counts what is printed."""
        super().__init__(finalize=self._finalize, **options)
        self.steps = 0
        self.printed = 0
        self.ahead: Precompiled | None = None

    def compile_ahead(self, texts: Iterable[str], prepare: Callable[[str], str] = str) -> None:
        """Have a second process compile these page texts while the build renders pages."""
        self.ahead = Precompiled(self.compile_now, list(texts), prepare)

    def compile_now(self, source: str) -> CodeType:
        """A page's text compiled in this process (what the second process does for each)."""
        return super().compile(source)

    def compile(  # Jinja's overloads in one signature: the same arguments
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """A page's text (as `from_string` compiles it) from the second process if it is ready."""
        if (
            self.ahead is not None
            and isinstance(source, str)
            and not (name or filename or raw or defer_init)
        ):
            code = self.ahead.take(source)
            if code is not None:
                return code
        return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

    def start_page(self) -> None:
        """Give the next page its own budget of steps and printed characters."""
        self.steps = 0
        self.printed = 0

    def _finalize(self, value: Any) -> Any:
        value = _printable(value)
        if isinstance(value, str):
            self.printed += len(value)
            if self.printed > MAX_PRINTED:
                raise SecurityError(f"the page prints more than {MAX_PRINTED} characters")
        return value

    def checked_range(self, *args: int) -> range:
        """`range` for pages, refusing ranges too long to print or too many in all."""
        numbers = range(*args)
        if len(numbers) > MAX_LENGTH:
            raise SecurityError(f"range() of {len(numbers)} numbers; at most {MAX_LENGTH}")
        self.steps += len(numbers)
        if self.steps > MAX_STEPS:
            raise SecurityError(
                f"the page's range() calls give more than {MAX_STEPS} numbers in all"
            )
        return numbers

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse powers, repetitions and printf widths that would hold or fill the build."""
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if right > 0 and abs(left) > 1 and (abs(left).bit_length() - 1) * right > MAX_BITS:
                raise SecurityError(f"{left} ** {right} is too large for a page")
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(times, int)
                    and len(sequence) * times > MAX_LENGTH
                ):
                    raise SecurityError(
                        f"{type(sequence).__name__} of {len(sequence)} repeated {times} times "
                        "is too large for a page"
                    )
        if operator == "%":
            _check_printf(left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Check the size arguments of `str` methods (`"x".center(n)`, `.replace`)."""
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in SIZED:
                _check_sizes(name, args, kwargs)
            elif name == "replace":
                _check_replace(owner, *args, *kwargs.values())
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map`, sandboxed by Jinja, with their widths checked."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template: str = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            values = args[0] if value.__name__ == "format_map" and args else kwargs
            _check_str_format(template, args, values if isinstance(values, Mapping) else {})
            return wrapped(*args, **kwargs)

        return checked


def sandboxed(jinja: Environment, macros: Mapping[str, Callable[..., Any]]) -> PageSandbox:
    """A `PageSandbox` with `jinja`'s syntax, undefined behaviour and extensions, and `macros`.

    Jinja's own globals stay (`range`, limited; `dict`, `cycler`, `joiner`, `namespace`)
    except `lipsum`, whose random text would make two builds differ. Its filters stay, those
    that build text or lists of a given size checked (`center`, `replace`, `format`…).
    """
    sandbox = PageSandbox(
        loader=NoFiles(),
        undefined=jinja.undefined,
        extensions=[type(extension) for extension in jinja.extensions.values()],
        **{name: getattr(jinja, name) for name in SYNTAX_OPTIONS},
    )
    del sandbox.globals["lipsum"]

    def range_(*args: int) -> range:
        # A plain function, not the bound method: a page sees no attribute of the sandbox.
        return sandbox.checked_range(*args)

    sandbox.globals["range"] = range_
    sandbox.filters = {name: _sized_filter(name, f) for name, f in sandbox.filters.items()}
    sandbox.globals.update(macros)
    return sandbox


def forget_builtins(env: Any) -> None:
    """Drop mkdocs-macros' own macros, filters and variables (call before registering ours).

    Its `git` variable, which pages no longer see, cost nine `git` commands on every build
    (and every `make serve` rebuild): from the next build on, it is not computed.
    """
    mkdocs_macros.context.get_git_info = dict
    env.macros.clear()
    env.filters.clear()
    env.variables.clear()


def confine(env: Any, texts: Callable[[], Iterable[str]] | None = None) -> None:
    """Render the current page in the sandbox, seeing only its own variables.

    mkdocs-macros builds its Jinja environment after `define_env`, once per build, and sets
    its variables (navigation, files, page) as the build goes: both are replaced here, just
    before the page renders. `texts`, called once per build, gives the texts of the pages the
    build will render, in its order, for a second process to compile (macros/precompile.py).
    """
    if not isinstance(env.env, PageSandbox):
        # `env.env` is read-only; mkdocs-macros keeps the environment in `_env`
        # (mkdocs-macros-plugin is pinned; tests/test_sandbox.py fails if this stops working).
        env._env = sandboxed(env.env, env.macros)
        if texts is not None:
            env._env.compile_ahead(texts(), precompile.before_macros(env.conf))
    env.env.start_page()
    page = env.page
    env.variables.clear()
    env.variables["page"] = PageView(
        title=page.title, url=page.url, meta=copy.deepcopy(dict(page.meta))
    )


def release(env: Any) -> None:
    """The build has rendered its pages: stop the process that compiled them, say how it did."""
    ahead = env.env.ahead if isinstance(env.env, PageSandbox) else None
    if ahead is None or not ahead.forked:
        return
    ahead.close()
    log.info(
        "Page templates: %d of %d compiled ahead by a second process", ahead.taken, ahead.given
    )
