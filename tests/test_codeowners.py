"""CODEOWNERS: golden output for a known registry, and the committed file is current."""

from __future__ import annotations

import yaml

from vinhdanh.git.codeowners import render_codeowners

from .conftest import REPO
from .gitrepo import ADMINS, REGISTRY
from .test_cli import run

GOLDEN = REPO / "tests" / "golden" / "CODEOWNERS"


def test_codeowners_matches_the_reviewed_golden_file():
    registry = yaml.safe_load(REGISTRY)
    admins = yaml.safe_load(ADMINS)["quan_tri"]
    assert render_codeowners(registry, admins) == GOLDEN.read_text(encoding="utf-8")


def test_committed_codeowners_is_up_to_date():
    result = run("codeowners", "--check")
    assert result.returncode == 0, result.stderr


def test_stale_codeowners_fails_the_check_and_is_regenerated(project_dir):
    (project_dir / "quan-tri.yaml").write_text("quan_tri: [quan-tri-1]\n", encoding="utf-8")
    target = project_dir / ".github" / "CODEOWNERS"
    target.parent.mkdir()
    target.write_text("* @cu\n", encoding="utf-8")
    assert run("codeowners", "--check", cwd=project_dir).returncode == 1
    assert run("codeowners", cwd=project_dir).returncode == 0
    assert run("codeowners", "--check", cwd=project_dir).returncode == 0
    assert target.read_text(encoding="utf-8").count("@quan-tri-1") >= 1
