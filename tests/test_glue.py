"""The mkdocs-macros glue: the package imports, registers every macro the pages call."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MACRO_CALL = re.compile(r"\{\{-?\s*([a-z_][a-z0-9_]*)\s*\(")

EXPECTED = {
    "topic_list",
    "printable_topic",
    "pdf_download",
    "section_list",
    "correction",
    "ref",
    "corrections_list",
    "source_link",
    "frameworks_table",
    "theano_libraries_table",
    "tf_numpy_table",
    "tf_operations_table",
    "keras_points_table",
    "keras_model_types_table",
    "cpu_gpu_table",
    "gpu_platforms_table",
    "device_advice_table",
    "tpu_comparison",
    "providers_table",
    "deepnet_parameters_table",
    "automl_metrics_table",
    "glossary_table",
    "architecture",
    "flow",
    "computation_graph",
    "caffe_prototxt",
    "frameworks_timeline",
    "tpu_chart",
    "self_check",
}


class StubEnv:
    """The part of mkdocs-macros' env that `define_env` uses.

    It starts as mkdocs-macros hands it over: with its own debugging macros, filters and
    variables, which `define_env` must drop.
    """

    def __init__(self) -> None:
        self.conf: dict[str, Any] = {"docs_dir": str(ROOT / "docs")}
        self.macros: dict[str, Callable[..., str]] = {"macros_info": str, "context": str}
        self.filters: dict[str, Callable[..., str]] = {"pretty": str}
        self.variables: dict[str, Any] = {"git": {"author_email": "x@example.org"}, "config": {}}

    def macro(self, function: Callable[..., str], name: str) -> None:
        assert name not in self.macros, f"{name} registered twice"
        self.macros[name] = function


def registered() -> dict[str, Callable[..., str]]:
    env = StubEnv()
    importlib.import_module("macros").define_env(env)
    assert not env.filters and not env.variables, "mkdocs-macros' own filters or variables stay"
    return env.macros


def test_package_imports_cleanly() -> None:
    module = importlib.import_module("macros")
    assert callable(module.define_env)


def test_define_env_registers_exactly_the_documented_macros() -> None:
    macros = registered()
    assert set(macros) == EXPECTED
    doc = importlib.import_module("macros").__doc__ or ""
    for name in EXPECTED:
        assert f"`{name}(" in doc, f"{name} is not listed in the macros package docstring"


def test_every_macro_has_an_author_facing_docstring() -> None:
    for name, function in registered().items():
        assert function.__doc__ and function.__doc__.strip(), name


def test_every_macro_called_in_the_pages_is_registered() -> None:
    names = registered()
    calls = {
        (path.relative_to(ROOT).as_posix(), name)
        for path in (ROOT / "docs").rglob("*.md")
        for name in MACRO_CALL.findall(path.read_text(encoding="utf-8"))
    }
    assert calls, "no macro call found in docs/: the pattern is wrong"
    unknown = sorted(f"{page}: {name}" for page, name in calls if name not in names)
    assert not unknown, f"unregistered macros: {unknown}"
    assert {name for _, name in calls} >= EXPECTED - {"source_link"}, "a macro no page uses"
