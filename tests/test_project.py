"""Project discovery and the plan file; and the rule that no plan figure is written in code."""

from __future__ import annotations

import re
from datetime import date

import pytest

from vinhdanh.errors import ProjectError
from vinhdanh.project import find_root, open_project

from .conftest import REPO


def test_root_is_found_from_a_subfolder():
    assert find_root(REPO / "submissions") == REPO


def test_no_project_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError, match=r"ke-hoach\.yaml"):
        find_root(tmp_path)


def test_plan_carries_the_figures_of_the_plan(repo_project):
    plan = repo_project.plan
    assert plan.levels["cdcs"].max_delegates == 200
    assert plan.levels["cap-tren"].conference_deadline == date(2025, 4, 10)
    assert plan.levels["nganh"].presidium_size.low == 5
    assert plan.report_deadline == date(2025, 4, 15)
    assert (plan.exemplar_share_low, plan.exemplar_share_target) == (60, 70)
    assert len(plan.agenda) == 9


def test_broken_plan_stops_with_its_findings(project_dir):
    plan = project_dir / "ke-hoach.yaml"
    plan.write_text(plan.read_text().replace("dai_bieu_toi_da: 200", "dai_bieu_toi_da: nhiều"))
    with pytest.raises(ProjectError, match=r"ke-hoach.yaml:\d+:\d+: error \[schema\]"):
        open_project(project_dir)


def test_vocabulary_labels_are_read_in_order(repo_project):
    assert list(repo_project.vocabulary["cap"]) == ["cdcs", "cap-tren", "nganh"]
    assert repo_project.vocabulary["gioi_tinh"]["nu"] == "Nữ"


def test_no_figure_of_the_plan_is_written_in_the_code(repo_project):
    plan = repo_project.plan
    figures = {str(level.max_delegates) for level in plan.levels.values()}
    figures |= {str(plan.dedicated_threshold), str(int(plan.exemplar_share_target))}
    days = [plan.report_deadline, *(lv.conference_deadline for lv in plan.levels.values())]
    patterns = [rf"(?<![\w.]){re.escape(f)}(?![\w.])" for f in figures]
    patterns += [re.escape(d.isoformat()) for d in days]
    patterns += [rf"\b{d.day}/{d.month}/{d.year}\b" for d in days]
    offenders = []
    for source in (REPO / "scripts" / "vinhdanh").rglob("*.py"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if any(re.search(p, line) for p in patterns):
                offenders.append(f"{source.name}:{number}: {line.strip()}")
    assert offenders == []
