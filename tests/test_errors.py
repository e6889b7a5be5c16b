"""Each kind of bad input fails the build with a short message naming file, culprit and choices.

No Python traceback: the message is what an author reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import data
from scripts.fixture_site import fixture_site, project_site
from tests.conftest import run_build

PAGE = "---\ntitle: Prueba\nweight: 1\ndescription: Una página de prueba.\n---\n\n# Prueba\n\n"


def build_fails(config: Path) -> str:
    result = run_build(config, config.parent / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    return output


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            '{{ tpu_comparison(["v2", "v9"]) }}',
            "tpu_comparison(): unknown key 'v9'; valid keys: " + ", ".join(data.TPU_GENERATIONS),
        ),
        ('{{ correction("nope") }}', "correction(): unknown key 'nope'; valid keys: tf-graph, "),
        (
            "{{ tpu_table() }}",
            "'tpu_table' is undefined: no macro or variable has that name; macros: ",
        ),
        (
            '{{ architecture("h2o", highlight=["gpu"]) }}',
            "architecture(): unknown key 'gpu'; valid keys: clients, rest, language, ",
        ),
    ],
    ids=["unknown-key", "unknown-correction", "unknown-macro", "diagram-that-cannot-render"],
)
def test_bad_macro_call_names_page_line_and_choices(
    tmp_path: Path, call: str, message: str
) -> None:
    output = build_fails(fixture_site(tmp_path, PAGE + call + "\n"))
    assert f"docs/index.md:9: {call}" in output
    assert message in output


def break_data(tmp_path: Path, old: str, new: str) -> str:
    config = fixture_site(tmp_path, PAGE + '{{ tpu_comparison(["v2"]) }}\n', copy_macros=True)
    data_file = tmp_path / "macros" / "data.py"
    text = data_file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must appear once in data.py"
    data_file.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    # LINE stands for the line that was changed: the message must point at it.
    return build_fails(config).replace(f"data.py:{line}:", "data.py:LINE:")


V2 = 'key="v2",\n        name="TPU v2",'


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'hbm_per_chip=16,\n        hbm_unit="GiB",\n        bf16_tflops_per_chip=45,',
            'hbm_per_chip="16",\n        hbm_unit="GiB",\n        bf16_tflops_per_chip=45,',
            "macros/data.py:LINE: TpuGeneration 'v2': field 'hbm_per_chip': "
            "expected int, got str '16'",
        ),
        (
            "stated_cores_per_pod=512,",
            "stated_cores_per_pod=500,",
            "macros/data.py:LINE: TpuGeneration 'v2': field 'stated_cores_per_pod': expected 512 "
            "(chips_per_pod 256 × tensorcores_per_chip 2), got 500",
        ),
    ],
    ids=["wrong-type", "inconsistent-derived-value"],
)
def test_bad_data_names_file_line_record_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert message in break_data(tmp_path, old, new)


def test_missing_field_names_the_record(tmp_path: Path) -> None:
    output = break_data(tmp_path, V2 + "\n        year=2017,", V2)
    assert re.search(
        r"macros/data.py:\d+: TpuGeneration 'v2': missing required field\(s\) 'year'", output
    )


def test_duplicate_key_names_the_collection(tmp_path: Path) -> None:
    output = break_data(
        tmp_path, 'key="v3",\n        name="TPU v3",', 'key="v2",\n        name="TPU v3",'
    )
    assert "macros/data.py:LINE: TPU_GENERATIONS: duplicate key 'v2'" in output


def test_record_without_source_is_named(tmp_path: Path) -> None:
    old = 'sources=("gcloud-tpu-v5p", "gcloud-tpu-architecture"),'
    output = break_data(tmp_path, old, "sources=(),")
    assert (
        "macros/data.py:LINE: TpuGeneration 'v5p': field 'sources': every record must cite"
        in output
    )


def test_broken_link_anchor_and_image_name_page_and_target(tmp_path: Path) -> None:
    page = PAGE + "[otra](otra.md) [ancla](#no-existe)\n\n![figura](falta.png)\n"
    output = build_fails(fixture_site(tmp_path, page))
    assert (
        "Doc file 'index.md' contains a link 'otra.md', but the target is not found "
        "among documentation files." in output
    )
    assert "Doc file 'index.md' contains a link '#no-existe', but there is no such anchor" in output
    assert "Doc file 'index.md' contains a link 'falta.png', but the target is not found" in output


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("title: [sin cerrar\n", "docs/index.md: front matter is not valid YAML:"),
        (
            "title: Prueba\nweight: uno\ndescription: x\n",
            "docs/index.md: 'weight' must be an integer (the page's place in its folder), "
            "got 'uno'",
        ),
    ],
    ids=["malformed", "wrong-type"],
)
def test_bad_front_matter_names_the_page(tmp_path: Path, front_matter: str, message: str) -> None:
    output = build_fails(fixture_site(tmp_path, f"---\n{front_matter}---\n\n# Prueba\n"))
    assert message in output


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            '{{ tpu_comparison(["v2"], colour="red") }}',
            "tpu_comparison(): got an unexpected keyword argument 'colour'; arguments: keys",
        ),
        (
            "{{ tpu_comparison() }}",
            "tpu_comparison(): missing 1 required positional argument: 'keys'; arguments: keys",
        ),
        (
            # Keys given one by one instead of as a list: the second is not taken for the
            # data collection, which only tests pass (by keyword).
            '{{ frameworks_table("tensorflow", "pytorch") }}',
            "frameworks_table(): takes from 0 to 1 positional arguments but 2 were given; "
            "arguments: keys",
        ),
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
    ],
    ids=["unknown-keyword", "missing-argument", "keys-not-in-a-list", "other-exception"],
)
def test_a_macro_called_wrongly_names_page_line_and_arguments(
    tmp_path: Path, call: str, message: str
) -> None:
    output = build_fails(fixture_site(tmp_path, PAGE + call + "\n"))
    assert message in output
    assert f"docs/index.md:9: {call}" in output


def test_a_syntax_error_in_the_data_module_names_file_and_line(tmp_path: Path) -> None:
    output = break_data(tmp_path, 'name="TPU v2",', 'name="TPU v2",,')
    assert "macros/data.py:LINE: invalid Python: invalid syntax" in output


def test_a_site_without_the_macros_plugin_or_site_url_fails_clearly(tmp_path: Path) -> None:
    config = project_site(tmp_path / "no-macros")
    text = config.read_text(encoding="utf-8")
    start = text.index("  - macros:")
    end = text.index("on_undefined: strict", start) + len("on_undefined: strict")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "mkdocs.yml: plugins: 'macros' is missing" in build_fails(config)
    config = project_site(tmp_path / "no-site-url")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("site_url:")),
        encoding="utf-8",
    )
    assert "mkdocs.yml: 'site_url' is not set" in build_fails(config)


def test_printable_topic_on_two_pages_of_a_topic_is_a_clear_error(tmp_path: Path) -> None:
    section = "---\ntitle: {0}\nweight: {1}\n---\n\n# {0}\n\n{{{{ printable_topic() }}}}\n"
    config = fixture_site(
        tmp_path,
        PAGE,
        pages={
            "t/index.md": "---\ntitle: T\nweight: 1\n---\n\n# T\n",
            "t/a.md": section.format("A", 1),
            "t/p.md": section.format("P", 2),
        },
    )
    assert "calls printable_topic() itself; only one page of a topic may print it" in (
        build_fails(config)
    )


@pytest.mark.parametrize(
    ("hostile", "character"),
    [
        (r"\r\r<script>alert(document.domain)</script>\r\r", "U+000D CARRIAGE RETURN"),
        (r"\n\n<script>alert(document.domain)</script>\n\n", "U+000A LINE FEED"),
    ],
    ids=["cr", "lf"],
)
def test_abbreviation_with_a_script_fails_the_build_and_publishes_nothing(
    tmp_path: Path, hostile: str, character: str
) -> None:
    # Before, this built with exit 0 and put a live script on every page.
    output = break_data(tmp_path, 'expansion="Red neuronal",', f'expansion="{hostile}",')
    assert (
        "macros/data.py:LINE: Abbreviation 'nn': field 'expansion': expected plain text "
        f"(no control, format or line-separator characters), got {character} at position 0"
    ) in output
    site = tmp_path / "site"
    published = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert not any("alert(document.domain)" in page for page in published)


def test_a_question_whose_answer_is_not_an_option_names_the_line_and_the_options(
    tmp_path: Path,
) -> None:
    output = break_data(
        tmp_path,
        'answer="Una plataforma comercial de AutoML de H2O.ai, distinta de H2O-3",',
        'answer="Una plataforma comercial",',
    )
    assert (
        "macros/data.py:LINE: Question 'driverless-ai': field 'answer': 'Una plataforma "
        "comercial' is not one of the options; options: 'La interfaz visual gratuita de H2O-3', "
    ) in output


def test_a_page_of_questions_without_self_check_is_a_clear_error(tmp_path: Path) -> None:
    config = project_site(tmp_path)
    page = tmp_path / "docs" / "t3" / "frameworks.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{{ self_check() }}", ""), encoding="utf-8"
    )
    output = build_fails(config)
    assert (
        "macros/data.py: QUESTIONS: FactQuestion 'framework-declarative': docs/t3/frameworks.md "
        "does not call {{ self_check() }}, so the question would never be shown"
    ) in output
    assert re.search(
        r"docs/t3/(computacion-acelerada|proveedores)\.md:\d+: \{\{ self_check", output
    )
