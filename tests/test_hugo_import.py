"""The Hugo importer: each conversion on its own, then the command on good and bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hugo_import import alerts, frontmatter, lists, protect
from hugo_import.errors import HugoImportError
from hugo_import.headings import find_headings, hugo_slug
from hugo_import.links import PageRef, Resolver, map_anchor
from hugo_import.openapi import load_spec, render_openapi
from hugo_import.shortcode_tree import Grammar, Shortcode, parse
from hugo_import.site import HugoSite
from tests.conftest import ROOT
from tests.hugo_compare import SAMPLES_DIR

APUNTES = SAMPLES_DIR / "apuntes" / "content" / "docs" / "dl"

# -- Front matter ----------------------------------------------------------------------------------


def test_front_matter_in_yaml_toml_and_json() -> None:
    for text in (
        "---\ntitle: A\nweight: 2\n---\nBody\n",
        '+++\ntitle = "A"\nweight = 2\n+++\nBody\n',
        '{"title": "A", "weight": 2}\nBody\n',
    ):
        meta, body, line = frontmatter.split(text, "p.md")
        assert meta == {"title": "A", "weight": 2}
        assert body == "Body\n"
    assert frontmatter.split("---\ntitle: A\n---\n\nBody\n", "p.md")[2] == 5


def test_malformed_front_matter_names_the_file() -> None:
    with pytest.raises(HugoImportError, match=r"^p\.md: front matter is not valid YAML:\n"):
        frontmatter.split("---\ntitle: [unclosed\n---\n", "p.md")
    with pytest.raises(HugoImportError, match=r"p\.md: front matter must be a mapping .* got list"):
        frontmatter.split("---\n- a\n- b\n---\n", "p.md")
    with pytest.raises(
        HugoImportError, match=r"p\.md: front matter is not closed by a line '\+\+\+'"
    ):
        frontmatter.split("+++\ntitle = 'x'\n", "p.md")
    with pytest.raises(HugoImportError, match=r"p\.md: 'weight' must be an integer, got 'dos'"):
        frontmatter.weight_field({"weight": "dos"}, "p.md")


def test_site_front_matter_keeps_what_the_site_reads_in_its_order() -> None:
    block = frontmatter.site_front_matter(
        {"aliases": ["/a/"], "weight": 3, "title": "T", "math": None, "render_macros": False}
    )
    assert block == "---\ntitle: T\nweight: 3\naliases:\n- /a/\nrender_macros: false\n---\n"
    assert frontmatter.dropped_keys({"title": "T", "type": "docs", "bookIcon": "x"}) == [
        "bookIcon",
        "type",
    ]
    assert frontmatter.is_draft({"draft": True}) and frontmatter.is_draft(
        {"build": {"render": "never"}}
    )


# -- URLs ------------------------------------------------------------------------------------------


def test_hugo_urls_from_path_slug_url_and_aliases(tmp_path: Path) -> None:
    site = HugoSite(root=tmp_path, content=tmp_path / "content")
    assert site.page_url("docs/dl/T1 Perceptron.md", {}) == "/docs/dl/t1-perceptron/"
    assert site.page_url("docs/dl/_index.md", {}) == "/docs/dl/"
    assert site.page_url("docs/dl/t1.md", {"slug": "uno"}) == "/docs/dl/uno/"
    assert site.page_url("docs/dl/t1.md", {"url": "otra/ruta/"}) == "/otra/ruta/"
    assert site.alias_url("viejo", "/docs/dl/t1/") == "/docs/dl/viejo/"
    assert site.alias_url("/docs/x.html", "/docs/dl/t1/") == "/docs/x.html"
    cased = HugoSite(root=tmp_path, content=tmp_path, lower_paths=False, language_prefix="/zh")
    assert cased.page_url("docs/Intro.md", {}) == "/zh/docs/Intro/"


# -- Code, math and lists --------------------------------------------------------------------------


def test_code_and_shortcode_escapes_come_back_as_written() -> None:
    store = protect.Protected()
    text = "- Item\n  ```go\n  {{</* x */>}} {{ .Y }}\n  ```\n\nCode `{{%/* y */%}}` and $a_1$."
    hidden = protect.protect_inline(protect.protect_fences(text, store), store)
    assert "{{" not in hidden and "$" not in hidden
    moved = lists.normalize_lists(hidden)
    restored = protect.restore(moved, store)
    assert restored == (
        "- Item\n\n    ```go\n    {{< x >}} {{ .Y }}\n    ```\n\nCode `{{% y %}}` and $a_1$."
    )


def test_a_fence_on_a_list_item_line_gets_a_line_of_its_own() -> None:
    store = protect.Protected()
    text = protect.protect_fences("- ```mermaid\n  graph LR\n  ```\n- b", store)
    restored = protect.restore(lists.normalize_lists(text), store)
    assert restored == "-  \n\n    ```mermaid\n    graph LR\n    ```\n\n- b"


def test_math_written_for_hugo_without_passthrough_gets_its_delimiters() -> None:
    store = protect.Protected()
    hidden = protect.protect_inline(r"Texto \\( \pi \\) y \(x\).", store)
    assert protect.restore(hidden, store) == r"Texto \( \pi \) y \(x\)."


def test_lists_are_indented_four_spaces_per_level() -> None:
    text = "Texto:\n- a\n  sigue\n  - anidado\n\n    párrafo\n1) uno\n2) dos"
    assert lists.normalize_lists(text) == (
        "Texto:\n\n- a\n    sigue\n    - anidado\n\n        párrafo\n\n1. uno\n2. dos"
    )


# -- Alerts ----------------------------------------------------------------------------------------


class Notes:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, line: int, message: str) -> None:
        self.notes.append(message)

    def line_of(self, snippet: str) -> int:
        return 1


def test_alerts_become_admonitions_with_their_title() -> None:
    text = (
        "> [!NOTE] **Separabilidad**\n>\n> Texto.\n\n"
        "> [!WARNING]\n> Cuidado.\n> > [!TIP]\n> > Dentro."
    )
    converted = alerts.convert_alerts(text, Notes())
    assert converted == (
        '!!! note "Separabilidad"\n\n    Texto.\n\n'
        '!!! warning "Advertencia"\n\n    Cuidado.\n\n    !!! tip "Consejo"\n\n        Dentro.'
    )
    notes = Notes()
    assert alerts.convert_alerts("> [!ODD]\n> x", notes).startswith('!!! note "Odd"')
    assert notes.notes == ["alert type '[!ODD]': shown as a note"]


# -- Shortcodes ------------------------------------------------------------------------------------

GRAMMAR = Grammar({"tabs": "yes", "tab": "yes", "badge": "optional", "icon": "no"}, "p.md", 10)


def test_shortcodes_parse_into_a_tree_with_their_arguments() -> None:
    nodes = parse(
        '{{< tabs items="A,B" >}}\n{{% tab "Uno" x=`r a w` %}}t{{% /tab %}}\n'
        "{{< /tabs >}} {{< icon github >}}",
        GRAMMAR,
    )
    tabs, _, icon = nodes
    assert isinstance(tabs, Shortcode) and tabs.named == {"items": "A,B"} and tabs.line == 10
    tab = [n for n in tabs.children or [] if isinstance(n, Shortcode)][0]
    assert (tab.positional, tab.named, tab.markdown, tab.children) == (
        ["Uno"],
        {"x": "r a w"},
        True,
        ["t"],
    )
    assert isinstance(icon, Shortcode) and icon.positional == ["github"] and not icon.at_line_start


def test_unknown_and_unbalanced_shortcodes_fail_naming_file_and_line() -> None:
    with pytest.raises(HugoImportError) as error:
        parse("texto\n\n{{< hextra/hero-badge >}}", GRAMMAR)
    assert str(error.value) == (
        "p.md:12: unknown shortcode 'hextra/hero-badge'; the importer knows: badge, icon, tab, tabs"
    )
    with pytest.raises(HugoImportError, match=r"^p\.md:10: shortcode 'tabs' is never closed"):
        parse("{{< tabs >}}\n{{< tab >}}x{{< /tab >}}", GRAMMAR)
    with pytest.raises(HugoImportError, match=r"^p\.md:10: closing shortcode 'tab' does not match"):
        parse("{{< /tab >}}", GRAMMAR)


# -- Headings and anchors --------------------------------------------------------------------------


def test_anchors_map_from_hugo_ids_to_the_sites() -> None:
    headings = find_headings(
        "## Función de coste\n\n## Ejemplo\n\n## Ejemplo\n\n## A {#propio}", str
    )
    assert [(h.hugo_id, h.site_id) for h in headings] == [
        ("función-de-coste", "funcion-de-coste"),
        ("ejemplo", "ejemplo"),
        ("ejemplo-1", "ejemplo_1"),
        ("propio", "propio"),
    ]
    page = PageRef(
        "dl/t1.md",
        "T1",
        {h.hugo_id: h.site_id for h in headings},
        frozenset(h.site_id for h in headings),
    )
    assert map_anchor(page, "funci%C3%B3n-de-coste") == "funcion-de-coste"
    assert map_anchor(page, "ejemplo-1") == "ejemplo_1"
    assert map_anchor(page, "no-existe") is None
    assert hugo_slug("¿Por qué? 2 TPUs") == "por-qué-2-tpus"


def test_links_find_pages_by_url_file_and_ref() -> None:
    resolver = Resolver()
    t1, t2 = PageRef("dl/t1.md", "T1"), PageRef("dl/index.md", "DL")
    resolver.add_page(t1, ["/docs/dl/t1/", "/docs/dl/perceptron/"], "docs/dl/t1.md")
    resolver.add_page(t2, ["/docs/dl/"], "docs/dl/_index.md")
    here = ("docs/dl/t2.md", "/docs/dl/t2/")
    assert resolver.find("../t1", *here) is t1
    assert resolver.find("/docs/dl/perceptron", *here) is t1
    assert resolver.find("t1.md", *here) is t1
    assert resolver.find("t1", *here, ref=True) is t1
    assert resolver.find("/docs/dl/_index.md", *here) is t2
    assert resolver.find("../t3", *here) is None


def test_openapi_is_rendered_like_hugo_books_shortcode() -> None:
    spec = load_spec(SAMPLES_DIR / "hugo-book" / "exampleSite" / "assets" / "tictactoe.json")
    markdown = render_openapi(spec)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert "## Gameplay" in headings and "## Models" in headings
    assert "#### Path parameters" in headings and "#### Responses" in headings
    assert "```tpl\nGET /board\n```" in markdown


# -- The command -----------------------------------------------------------------------------------


def site_folder(tmp_path: Path) -> Path:
    """A folder with a docs/ like the site's: a home page and one topic."""
    docs = tmp_path / "site" / "docs"
    (docs / "t3").mkdir(parents=True)
    (docs / "index.md").write_text(
        "---\ntitle: Inicio\nweight: 0\n---\n\nHola.\n", encoding="utf-8"
    )
    (docs / "t3" / "index.md").write_text(
        "---\ntitle: T3\nweight: 3\n---\n\nT3.\n", encoding="utf-8"
    )
    return tmp_path / "site"


def hugo_section(tmp_path: Path, pages: dict[str, str]) -> Path:
    section = tmp_path / "hugo" / "content" / "docs" / "t1"
    for name, text in pages.items():
        (section / name).parent.mkdir(parents=True, exist_ok=True)
        (section / name).write_text(text, encoding="utf-8")
    return section


def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hugo_import", *args],
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def failed_cleanly(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and not result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("make import: error: "), result.stderr
    return result.stderr


def test_a_section_is_imported_and_importing_it_again_changes_nothing(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    result = run(site, str(APUNTES), "t1")
    assert result.returncode == 0, result.stderr
    assert "Pages written: 3\n" in result.stdout
    assert "Missing images (shown as a placeholder with their text): 1\n" in result.stdout
    assert "t1-perceptron.md:22: assets/neurona.png (Neurona artificial)" in result.stdout
    assert "  /docs/dl/perceptron/ -> docs/t1/t1-perceptron.md" in result.stdout
    # The topic gets a printable page (the PDF is printed from it), reported as added.
    assert "Pages added (not in Hugo): 1\n  docs/t1/imprimir.md: the whole topic" in result.stdout
    assert result.stdout.endswith("docs/t1/ written: 4 files\n")
    before = snapshot(site / "docs")
    again = run(site, str(APUNTES), "t1")
    assert again.returncode == 0, again.stderr
    assert again.stdout.endswith("docs/t1/ is already this import: nothing changed\n")
    assert snapshot(site / "docs") == before
    assert not [p for p in site.iterdir() if p.name.startswith(".import-")]


def test_bad_input_fails_clearly_and_changes_nothing(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    before = snapshot(site)
    missing = failed_cleanly(run(site, str(tmp_path / "nope"), "t1"))
    assert f"SRC '{tmp_path / 'nope'}': no such folder" in missing
    assert "TOPIC 'T 1': use lower-case letters" in failed_cleanly(run(site, str(APUNTES), "T 1"))
    assert "docs/t3/ already exists and differs from this import" in failed_cleanly(
        run(site, str(APUNTES), "t3")
    )
    not_section = hugo_section(tmp_path, {"page.md": "# Sin _index\n"})
    assert f"{not_section}: not a Hugo section: it has no _index.md" in failed_cleanly(
        run(site, str(not_section), "t1")
    )
    outside = tmp_path / "loose"
    (outside / "_index.md").parent.mkdir()
    (outside / "_index.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    assert "not inside a Hugo site's content folder" in failed_cleanly(
        run(site, str(outside), "t1")
    )
    assert snapshot(site) == before


def test_an_unknown_shortcode_names_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    section = hugo_section(
        tmp_path,
        {
            "_index.md": "---\ntitle: T1\n---\n\nTexto `{{< no-es-uno >}}`.\n",
            "a.md": "---\ntitle: A\nweight: 1\n---\n\nUno.\n\n"
            '{{< hextra/hero-button text="x" >}}\n',
        },
    )
    error = failed_cleanly(run(site, str(section), "t1"))
    assert (
        f"{section / 'a.md'}:8: unknown shortcode 'hextra/hero-button'; the importer knows: "
        in error
    )
    assert "callout, card, cards, columns, details" in error
    assert not (site / "docs" / "t1").exists()


def test_malformed_front_matter_names_the_page_and_writes_nothing(tmp_path: Path) -> None:
    site = site_folder(tmp_path)
    section = hugo_section(
        tmp_path,
        {"_index.md": "---\ntitle: T1\n---\n", "mal.md": "---\ntitle: [roto\n---\nTexto\n"},
    )
    error = failed_cleanly(run(site, str(section), "t1"))
    assert f"{section / 'mal.md'}: front matter is not valid YAML:" in error
    assert not (site / "docs" / "t1").exists()


def test_make_import_asks_for_src_and_topic() -> None:
    result = subprocess.run(
        ["make", "-s", "import", "SRC=", "TOPIC=t1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert (
        "make import: SRC is missing: make import SRC=<folder of a Hugo section> TOPIC=<slug>"
        in (result.stdout + result.stderr)
    )
    listed = subprocess.run(
        ["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "make import" in listed.stdout
