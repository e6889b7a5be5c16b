"""mkdocs-macros glue: registers the course macros and nothing else.

Macros (the public API of the pages; keep names stable):

- Lists: `topic_list()`, `section_list()`, `printable_topic()`, `pdf_download()` (the
  topic's PDF, on its landing page).
- Cross-references: `ref(label)`: "Tabla 3.4", "Figura 3.2" or "(3.1)", linked.
- Citations: `correction(key)`, `source_link(key)`, `corrections_list()` (every correction,
  where the notes show it).
- Frameworks: `frameworks_table()`, `theano_libraries_table()`, `tf_numpy_table()`,
  `tf_operations_table()`, `keras_points_table()`, `keras_model_types_table()`.
- Accelerated computing: `cpu_gpu_table()`, `gpu_platforms_table()`,
  `device_advice_table()`, `tpu_comparison(keys)`.
- Providers: `providers_table()`, `deepnet_parameters_table()`, `automl_metrics_table()`.
- Glossary: `glossary_table()`; every page also gets the abbreviations as tooltips.
- Self-check: `self_check()`, the "Autoevaluación" questions of this page (QUESTIONS).
- Figures: `architecture(key, highlight)`, `flow(key)`, `computation_graph()`,
  `caffe_prototxt()`, `frameworks_timeline()`, `tpu_chart(keys)`.

Every table macro takes an optional list of keys; an unknown key fails the build and
lists the valid ones.
"""

from __future__ import annotations

from typing import Any

from . import errors, numbering, pages, pdf, printable, sandbox
from .course import CourseError, attached


def define_env(env: Any) -> None:
    """Register every macro with mkdocs-macros."""
    sandbox.forget_builtins(env)
    render = errors.load("render")
    diagrams = errors.load("diagrams")
    corrections = errors.load("corrections")
    questions = errors.load("questions")

    def topic_list() -> str:
        """List the course topics (each `docs/<topic>/index.md`), in `weight` order."""
        return pages.render_topic_list(attached(env.conf), env.page.file.src_path)

    def section_list() -> str:
        """List the sections of this topic (pages beside its `index.md`), in `weight` order."""
        return pages.render_section_list(attached(env.conf), env.page.file.src_path)

    def printable_topic() -> str:
        """All the sections of this topic on one page, for printing or saving as PDF."""
        return printable.render_marker(attached(env.conf), env.page.file.src_path)

    def pdf_download() -> str:
        """Where this topic's PDF is linked, with its size and pages (else: the page's end)."""
        return pdf.render_download_marker(attached(env.conf), env.page.file.src_path)

    def corrections_list() -> str:
        """Every correction of the notes, grouped by section, with a link to where it appears."""
        text: str = corrections.render_corrections(attached(env.conf), env.page.file.src_path)
        return text

    def self_check() -> str:
        """The "Autoevaluación" of this page: its questions from macros/data.py (QUESTIONS)."""
        text: str = questions.render_self_check(attached(env.conf), env.page.file.src_path)
        return text

    env.macro(numbering.render_ref, "ref")
    env.macro(self_check, "self_check")
    env.macro(topic_list, "topic_list")
    env.macro(corrections_list, "corrections_list")
    env.macro(printable_topic, "printable_topic")
    env.macro(pdf_download, "pdf_download")
    env.macro(section_list, "section_list")
    env.macro(render.render_correction, "correction")
    env.macro(render.render_source_link, "source_link")
    env.macro(render.render_frameworks_table, "frameworks_table")
    env.macro(render.render_theano_libraries_table, "theano_libraries_table")
    env.macro(render.render_tf_numpy_table, "tf_numpy_table")
    env.macro(render.render_tf_operations_table, "tf_operations_table")
    env.macro(render.render_keras_points_table, "keras_points_table")
    env.macro(render.render_keras_model_types_table, "keras_model_types_table")
    env.macro(render.render_cpu_gpu_table, "cpu_gpu_table")
    env.macro(render.render_gpu_platforms_table, "gpu_platforms_table")
    env.macro(render.render_device_advice_table, "device_advice_table")
    env.macro(render.render_tpu_comparison, "tpu_comparison")
    env.macro(render.render_providers_table, "providers_table")
    env.macro(render.render_deepnet_parameters_table, "deepnet_parameters_table")
    env.macro(render.render_automl_metrics_table, "automl_metrics_table")
    env.macro(render.render_glossary_table, "glossary_table")
    env.macro(diagrams.render_architecture, "architecture")
    env.macro(diagrams.render_flow, "flow")
    env.macro(diagrams.render_computation_graph, "computation_graph")
    env.macro(diagrams.render_caffe_prototxt, "caffe_prototxt")
    env.macro(diagrams.render_frameworks_timeline, "frameworks_timeline")
    env.macro(diagrams.render_tpu_chart, "tpu_chart")
    errors.register(env.macros)


def on_pre_page_macros(env: Any) -> None:
    """Render each page in the sandbox: macros and its own variables only (macros/sandbox.py).

    The pages' texts are compiled ahead by a second process (macros/precompile.py).
    """

    def texts() -> list[str]:
        # The pages' bodies, as MkDocs gives them to the plugins (assets/hooks/course.py reads
        # them once), in the order it renders them.
        try:
            course = attached(env.conf)
        except CourseError:
            return []  # without the course hook, nothing ahead: the macros that need it say so
        return [page.body for page in course.pages.values()]

    sandbox.confine(env, texts)


def on_post_build(env: Any) -> None:
    """Stop the process that compiled the pages ahead, if it still runs."""
    sandbox.release(env)


def on_post_page_macros(env: Any) -> None:
    """Append the glossary's abbreviations to each page so `abbr` shows them as tooltips."""
    env.markdown += "\n\n" + errors.load("render").render_abbreviations() + "\n"
