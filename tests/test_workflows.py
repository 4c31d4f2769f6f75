"""The GitHub side: workflows locked down, pre-commit parity, forms in step with vocabularies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vinhdanh.check.load import load_file

from .conftest import DATA, REPO
from .gitrepo import ENV, Repo
from .test_cli import run

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SHA = re.compile(r"^[^@]+@[0-9a-f]{40}$")


def workflow(path: Path) -> dict:
    doc, findings = load_file(path)  # our loader keeps `on:` a string key
    assert doc is not None, findings
    return doc.data


def steps(data: dict):
    for job in data["jobs"].values():
        yield from job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_grants_nothing_by_default(path):
    assert workflow(path)["permissions"] == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha(path):
    uses = [step["uses"] for step in steps(workflow(path)) if "uses" in step]
    assert uses and all(SHA.match(u) for u in uses), uses


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_credentials(path):
    for step in steps(workflow(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_text_is_interpolated_into_shell(path):
    for step in steps(workflow(path)):
        assert "${{" not in step.get("run", ""), step["run"]


def test_pull_request_workflow_runs_untrusted_code_without_privileges():
    data = workflow(REPO / ".github" / "workflows" / "validate.yml")
    assert list(data["on"]) == ["pull_request"]
    assert {str(job["permissions"]) for job in data["jobs"].values()} == {"{'contents': 'read'}"}
    for step in steps(data):
        assert "cache" not in step.get("uses", "") and "cache" not in step.get("with", {})


def test_a_pull_request_moved_to_another_base_is_judged_again():
    data = workflow(REPO / ".github" / "workflows" / "validate.yml")
    assert "edited" in data["on"]["pull_request"]["types"]
    assert {"opened", "synchronize", "reopened"} <= set(data["on"]["pull_request"]["types"])


def test_pull_request_workflow_runs_every_check():
    runs = " ".join(
        s.get("run", "") for s in steps(workflow(REPO / ".github/workflows/validate.yml"))
    )
    for command in (
        "vinhdanh check-pr",
        "vinhdanh validate --format github",
        "vinhdanh summary",
        "vinhdanh codeowners --check",
        "mkdocs build --strict",
    ):
        assert command in runs


VALIDATE = REPO / ".github" / "workflows" / "validate.yml"
BASE_SHA = "${{ github.event.pull_request.base.sha }}"
HEAD_SHA = "${{ github.event.pull_request.head.sha }}"
AUTHOR = "${{ github.event.pull_request.user.login }}"


def authorisation_job(data: dict) -> tuple[str, dict]:
    [(name, job)] = [
        (name, job)
        for name, job in data["jobs"].items()
        if any("vinhdanh check-pr" in s.get("run", "") for s in job["steps"])
    ]
    return name, job


def test_authorisation_runs_the_base_commits_code_before_anything_of_the_head():
    _, job = authorisation_job(workflow(VALIDATE))
    checkout, python, install, fetch, verdict = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == BASE_SHA and checkout["with"]["fetch-depth"] == 0
    assert python["uses"].startswith("actions/setup-python@") and set(python["with"]) == {
        "python-version"
    }  # no cache, no version file: nothing read from the repository
    assert install["run"] == "python -m pip install ."  # from the base checkout
    assert fetch["run"].startswith("git fetch ") and fetch["env"] == {"HEAD_SHA": HEAD_SHA}
    assert "vinhdanh check-pr" in verdict["run"]
    assert all("if" not in step for step in job["steps"])


def test_every_other_job_waits_for_the_authorisation():
    data = workflow(VALIDATE)
    name, _ = authorisation_job(data)
    others = {n: job for n, job in data["jobs"].items() if n != name}
    assert others and all(job["needs"] in (name, [name]) for job in others.values())
    assert all("if" not in job for job in others.values())  # no always() around the gate


def run_step(step: dict, cwd: Path, values: dict[str, str], env: dict[str, str]):
    """One workflow step's shell script, as the runner would run it (bash -e, pipefail)."""
    step_env = {key: values[value] for key, value in step.get("env", {}).items()}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env={**env, **step_env},
        capture_output=True,
        text=True,
    )


ALLOW_ALL = '    return Decision(change.path, True, "ai cũng được phép.")\n'


def test_a_head_that_rewrites_authorise_py_is_refused_by_the_base_code(tmp_path):
    """The authorisation job's own steps, on a fork-like pull request that edits check-pr."""
    origin = Repo(tmp_path / "origin")
    shutil.copytree(REPO / "scripts" / "vinhdanh", origin.root / "scripts" / "vinhdanh")
    origin.submission("cdcs-a")
    origin.commit("khởi tạo")
    base = origin.git("rev-parse", "HEAD").strip()
    origin.branch("tan-cong")
    code = origin.root / "scripts" / "vinhdanh" / "git" / "authorise.py"
    signature = "def decide(change: Change, author: str, rights: Rights) -> Decision:\n"
    code.write_text(code.read_text(encoding="utf-8").replace(signature, signature + ALLOW_ALL))
    origin.submission("cdcs-b")  # a sibling's submission
    origin.commit("cho phép tất cả")
    head = origin.git("rev-parse", "HEAD").strip()
    origin.git("update-ref", "refs/pull/7/head", head)  # a fork's commits live only here
    origin.git("checkout", "-q", "main")
    origin.git("branch", "-q", "-D", "tan-cong")

    # actions/checkout of the base commit with fetch-depth 0
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", f"file://{origin.root}", str(work)], env=ENV, check=True)
    subprocess.run(["git", "checkout", "-q", "--detach", base], cwd=work, env=ENV, check=True)
    # pip install . from that checkout: `vinhdanh` runs the base commit's code
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "vinhdanh").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m vinhdanh "$@"\n')
    (bin_dir / "vinhdanh").chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {
        **ENV,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(work / "scripts"),
        "PYTHONIOENCODING": "utf-8",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    values = {BASE_SHA: base, HEAD_SHA: head, AUTHOR: "a-phu-trach"}
    _, job = authorisation_job(workflow(VALIDATE))
    *_, fetch, verdict = job["steps"]

    fetched = run_step(fetch, work, values, env)
    assert fetched.returncode == 0, fetched.stderr
    refused = run_step(verdict, work, values, env)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "TỪ CHỐI: scripts/vinhdanh/git/authorise.py" in refused.stdout
    assert "TỪ CHỐI: submissions/cdcs-b.yaml" in refused.stdout
    assert "Từ chối: 2/2" in summary.read_text(encoding="utf-8")
    assert refused.stdout.startswith("::stop-commands::")

    # The same command from the head's code would have let it through.
    add = ["git", "worktree", "add", "-q", str(tmp_path / "head"), head]
    subprocess.run(add, cwd=work, env=ENV, check=True)
    allowed = run_step(verdict, work, values, {**env, "PYTHONPATH": str(tmp_path / "head/scripts")})
    assert allowed.returncode == 0 and "Được phép: cả 2 tệp" in allowed.stdout


def test_only_the_deploy_job_may_write_pages():
    jobs = workflow(REPO / ".github" / "workflows" / "publish.yml")["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"


def test_publish_builds_with_the_address_pages_serves_the_site_at():
    steps = workflow(REPO / ".github" / "workflows" / "publish.yml")["jobs"]["build"]["steps"]
    [pages] = [s for s in steps if s.get("uses", "").startswith("actions/configure-pages@")]
    [make] = [s for s in steps if "mkdocs build" in s.get("run", "")]
    wanted = "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert make["env"]["VINHDANH_SITE_URL"] == wanted


def test_publish_checks_out_the_whole_history_for_the_days_of_receipt():
    steps = workflow(REPO / ".github" / "workflows" / "publish.yml")["jobs"]["build"]["steps"]
    [checkout] = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone has no dates (git.received)


def test_a_unit_with_errors_never_holds_back_the_published_site():
    steps = workflow(REPO / ".github" / "workflows" / "publish.yml")["jobs"]["build"]["steps"]
    [check] = [s for s in steps if "vinhdanh validate" in s.get("run", "")]
    [build] = [s for s in steps if "mkdocs build --strict" in s.get("run", "")]
    assert check.get("continue-on-error") is True
    assert "continue-on-error" not in build and "if" not in build


def test_registration_form_offers_the_levels_of_the_vocabulary(repo_project):
    form = workflow(REPO / ".github" / "ISSUE_TEMPLATE" / "dang-ky-don-vi.yml")
    [levels] = [item for item in form["body"] if item.get("id") == "cap"]
    labels = repo_project.vocabulary["cap"]
    lowest_two = list(labels)[:2]
    assert levels["attributes"]["options"] == [f"{labels[c]} ({c})" for c in lowest_two]


@pytest.fixture
def hooked_repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / "repo")
    shutil.copy(REPO / ".pre-commit-config.yaml", repo.root)
    repo.write("don-vi.yaml", (DATA / "don-vi.yaml").read_text(encoding="utf-8"))
    assert run("codeowners", cwd=repo.root).returncode == 0
    return repo


def pre_commit(repo: Repo, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    repo.git("add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo.root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_pre_commit_gives_the_same_messages_before_pushing(hooked_repo, tmp_path):
    shutil.copy(DATA / "invalid" / "tien-le.yaml", hooked_repo.root / "submissions")
    result = pre_commit(hooked_repo, tmp_path)
    assert result.returncode == 1
    assert "error [tien-le]" in result.stdout


def test_pre_commit_passes_a_valid_submission(hooked_repo, tmp_path):
    shutil.copy(DATA / "valid" / "cdcs-hop-le.yaml", hooked_repo.root / "submissions")
    result = pre_commit(hooked_repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
