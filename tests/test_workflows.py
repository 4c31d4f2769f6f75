"""The GitHub side: workflows locked down, pre-commit parity, forms in step with vocabularies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vinhdanh.load import load_file

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
    assert [job["permissions"] for job in data["jobs"].values()] == [{"contents": "read"}]
    for step in steps(data):
        assert "cache" not in step.get("uses", "") and "cache" not in step.get("with", {})


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


def test_only_the_deploy_job_may_write_pages():
    jobs = workflow(REPO / ".github" / "workflows" / "publish.yml")["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"


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
