"""CODEOWNERS: golden output for a known registry, and the committed file is current."""

from __future__ import annotations

import re

import pytest
import yaml

from vinhdanh.git.codeowners import edits, render_codeowners

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


def follow(current: str, steps: list[str]) -> str:
    """Do what the web recipe says, as a person would, on the written file's line numbers."""
    lines = current.splitlines()
    after: dict[int, list[str]] = {}
    replaced: dict[int, str | None] = {}
    for step in steps:
        if match := re.fullmatch(r"(?:sau dòng (\d+)|ở đầu tệp): thêm «(.*)»", step):
            after.setdefault(int(match[1] or 0), []).append(match[2])
        elif match := re.fullmatch(r"dòng (\d+): xoá «(.*)»", step):
            assert lines[int(match[1]) - 1] == match[2]
            replaced[int(match[1])] = None
        else:
            match = re.fullmatch(r"dòng (\d+): thay «(.*)» bằng «(.*)»", step)
            assert match and lines[int(match[1]) - 1] == match[2], step
            replaced[int(match[1])] = match[3]
    out = after.get(0, [])
    for number, line in enumerate(lines, 1):
        kept = replaced.get(number, line)
        out += ([] if kept is None else [kept]) + after.get(number, [])
    return "\n".join(out) + "\n"


GENERATED = render_codeowners(yaml.safe_load(REGISTRY), yaml.safe_load(ADMINS)["quan_tri"])


@pytest.mark.parametrize(
    "current",
    [
        "",  # no file yet
        GENERATED.replace("/submissions/cdcs-a.yaml @ct-duyet\n", ""),  # a unit registered
        GENERATED + "/submissions/cu.yaml @ai-do\n",  # a unit removed
        GENERATED.replace("@ct-duyet", "@ke-la"),  # edited by hand
        "* @cu\n\n# ghi chú\n",
    ],
)
def test_following_the_stale_message_line_by_line_gives_the_generated_file(current):
    steps = [what for _, what in edits(current, GENERATED)]
    assert steps and follow(current, steps) == GENERATED
