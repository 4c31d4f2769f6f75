"""Warning linh-vuc: the Ngành's individual honorees represent every sector of the plan."""

from __future__ import annotations

import copy

import pytest
import yaml

from vinhdanh.check.validate import validate
from vinhdanh.project import open_project

from .conftest import DATA
from .helpers import base_data, write_submission

NGANH = yaml.safe_load((DATA / "valid" / "nganh-hop-le.yaml").read_text(encoding="utf-8"))


def nganh() -> dict:
    return copy.deepcopy(NGANH)


def sector_findings(project_dir, data):
    path = write_submission(project_dir / "submissions", data)
    result = validate(open_project(project_dir), [path])
    return [f for f in result.findings if f.code == "linh-vuc"]


def test_plan_reads_the_sectors_the_nganh_must_cover(repo_project):
    assert repo_project.plan.levels["nganh"].sectors == (
        "co-khi",
        "dien-nang-luong",
        "hoa-chat",
        "det-may",
        "thuc-pham",
    )
    assert repo_project.plan.levels["cdcs"].sectors == ()


def test_every_sector_covered_gives_no_warning(project_dir):
    assert sector_findings(project_dir, nganh()) == []


def test_missing_sectors_are_named_in_one_warning_at_the_list(project_dir):
    data = nganh()
    for person in data["dien_hinh"]["ca_nhan"]:
        if person["linh_vuc"] in ("hoa-chat", "thuc-pham"):
            person["linh_vuc"] = "khac"
    [finding] = sector_findings(project_dir, data)
    assert finding.severity == "warning"
    assert "Hóa chất, phân bón (hoa-chat); Thực phẩm, đồ uống, thuốc lá (thuc-pham)" in (
        finding.message
    )
    path = project_dir / "submissions" / "nganh-hop-le.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[finding.line - 1].strip() == "ca_nhan:"


def test_a_nganh_file_without_sectors_is_warned_of_every_sector(project_dir):
    data = nganh()
    for person in data["dien_hinh"]["ca_nhan"]:
        del person["linh_vuc"]
    [finding] = sector_findings(project_dir, data)
    assert finding.message.count("(") == 5


def test_a_cdcs_is_not_asked_to_cover_sectors(project_dir):
    assert sector_findings(project_dir, base_data()) == []


def test_a_plan_without_sectors_checks_none(project_dir):
    plan = project_dir / "ke-hoach.yaml"
    text = plan.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if "linh_vuc_dai_dien" not in line]
    plan.write_text("\n".join(kept) + "\n", encoding="utf-8")
    data = nganh()
    for person in data["dien_hinh"]["ca_nhan"]:
        del person["linh_vuc"]
    assert sector_findings(project_dir, data) == []


@pytest.mark.parametrize("sector", ["hoa-chat", "thuc-pham"])
def test_one_honoree_is_enough_for_a_sector(project_dir, sector):
    data = nganh()
    people = data["dien_hinh"]["ca_nhan"]
    data["dien_hinh"]["ca_nhan"] = [p for p in people if p["linh_vuc"] != sector]
    extra = copy.deepcopy(people[0])
    extra.update(ma="nguoi-them", ho_ten="Người Thêm", linh_vuc=sector)
    data["dien_hinh"]["ca_nhan"].append(extra)
    assert sector_findings(project_dir, data) == []
