"""Figures that must agree with each other: no valid file can inflate the totals."""

from __future__ import annotations

import copy

import pytest

from vinhdanh.check.validate import validate
from vinhdanh.project import open_project

from .helpers import base_data
from .test_rules import codes


def test_more_individual_honorees_than_members_is_an_error(project_dir):
    data = base_data()
    people = data["dien_hinh"]["ca_nhan"]
    data["don_vi"]["so_doan_vien"] = len(people) - 1
    assert ("so-lieu-khong-khop", "error") in codes(project_dir, data)


def test_as_many_individual_honorees_as_members_is_allowed(project_dir):
    data = base_data()
    data["don_vi"]["so_doan_vien"] = len(data["dien_hinh"]["ca_nhan"])
    assert ("so-lieu-khong-khop", "error") not in codes(project_dir, data)


def test_copies_of_one_honoree_cannot_inflate_a_small_union(project_dir):
    data = base_data()
    person = data["dien_hinh"]["ca_nhan"][0]
    data["dien_hinh"]["ca_nhan"] = [
        {**copy.deepcopy(person), "ma": f"nguoi-{n}", "ho_ten": f"Người Số {n}"}
        for n in range(data["don_vi"]["so_doan_vien"] + 1)
    ]
    found = codes(project_dir, data)
    assert ("so-lieu-khong-khop", "error") in found


def test_a_count_written_with_a_fraction_is_an_error_even_when_whole(project_dir):
    path = project_dir / "submissions" / "cdcs-hop-le.yaml"
    codes(project_dir, base_data())  # writes the file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("so_doan_vien: 250", "so_doan_vien: 250.0"), encoding="utf-8")
    [finding] = validate(open_project(project_dir), [path]).findings
    assert (finding.code, finding.line) == (
        "schema",
        text[: text.index("so_doan_vien")].count("\n") + 1,
    )
    assert "250.0" in finding.message and "250." in finding.message


@pytest.mark.parametrize("name", [".", "- -", "\u3164", "\u2800\u2800"])
def test_an_honoree_name_without_a_letter_is_an_error(project_dir, name):
    data = base_data()
    data["dien_hinh"]["ca_nhan"][0]["ho_ten"] = name
    assert ("schema", "error") in codes(project_dir, data)


@pytest.mark.parametrize("twin", ["Nguyễn Văn \u0410n", "Nguyễn Văn An\ufe0f", "Nguyễn Văn Ａn"])
def test_a_look_alike_twin_of_an_honoree_is_still_a_duplicate(project_dir, twin):
    data = base_data()
    first = data["dien_hinh"]["ca_nhan"][0]
    data["dien_hinh"]["ca_nhan"].append({**copy.deepcopy(first), "ma": "ban-sao", "ho_ten": twin})
    first["ho_ten"] = "Nguyễn Văn An"
    assert ("trung-lap", "error") in codes(project_dir, data)
