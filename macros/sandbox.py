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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import mkdocs_macros.context
from jinja2 import BaseLoader, Environment, Undefined
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

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


def _checked_range(*args: int) -> range:
    """`range` for pages, refusing ranges too long to print."""
    numbers = range(*args)
    if len(numbers) > MAX_LENGTH:
        raise SecurityError(f"range() of {len(numbers)} numbers; at most {MAX_LENGTH}")
    return numbers


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
    """Jinja's sandbox, with arithmetic kept to sizes a page can print.

    The sandbox refuses attributes that start with an underscore, Python's internals and
    changes to lists and dicts.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Refuse powers and repetitions that would hold or fill the build."""
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
        return super().call_binop(context, operator, left, right)


def sandboxed(jinja: Environment, macros: Mapping[str, Callable[..., Any]]) -> PageSandbox:
    """A `PageSandbox` with `jinja`'s syntax, undefined behaviour and extensions, and `macros`.

    Jinja's own globals stay (`range`, limited; `dict`, `cycler`, `joiner`, `namespace`)
    except `lipsum`, whose random text would make two builds differ.
    """
    sandbox = PageSandbox(
        loader=NoFiles(),
        undefined=jinja.undefined,
        finalize=_printable,
        extensions=[type(extension) for extension in jinja.extensions.values()],
        **{name: getattr(jinja, name) for name in SYNTAX_OPTIONS},
    )
    del sandbox.globals["lipsum"]
    sandbox.globals["range"] = _checked_range
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


def confine(env: Any) -> None:
    """Render the current page in the sandbox, seeing only its own variables.

    mkdocs-macros builds its Jinja environment after `define_env`, once per build, and sets
    its variables (navigation, files, page) as the build goes: both are replaced here, just
    before the page renders.
    """
    if not isinstance(env.env, PageSandbox):
        # `env.env` is read-only; mkdocs-macros keeps the environment in `_env`
        # (mkdocs-macros-plugin is pinned; tests/test_sandbox.py fails if this stops working).
        env._env = sandboxed(env.env, env.macros)
    page = env.page
    env.variables.clear()
    env.variables["page"] = PageView(
        title=page.title, url=page.url, meta=copy.deepcopy(dict(page.meta))
    )
