"""The workbook's "Thông tin chung" sheet (office/general.py): single values, one row each."""

from __future__ import annotations

import pytest

from vinhdanh.check.load import load_file
from vinhdanh.office.excel_in import read_workbook
from vinhdanh.office.general import general_for
from vinhdanh.office.layout import workbook_layout
from vinhdanh.office.workbook import unit_workbook
from vinhdanh.values import parse_money, value_at

from .conftest import REPO

SAMPLES = sorted((REPO / "submissions").glob("*.yaml"))


@pytest.fixture(scope="module")
def layout(repo_project):
    return workbook_layout(repo_project.schemas)


@pytest.fixture(scope="module")
def general(repo_project, layout):
    return general_for(repo_project.schemas, layout)


def paths(general) -> set[tuple[str, ...]]:
    return {path for path, _ in general}


def test_rows_are_the_submissions_single_values(general):
    assert {("don_vi", "so_doan_vien"), ("bao_cao", "nguoi_ky", "ho_ten")} <= paths(general)
    assert ("hoi_nghi", "dai_bieu", "tong") in paths(general)


def test_what_the_registry_says_and_the_lists_are_not_rows(general):
    assert not {("don_vi", "ma"), ("don_vi", "ten"), ("dien_hinh", "ca_nhan")} & paths(general)


def test_the_units_contact_is_never_a_row(general):
    assert not [p for p in paths(general) if p[0] == "lien_he"]


def test_a_nested_rows_title_names_its_group(general):
    titles = {path: field.title for path, field in general}
    assert titles[("bao_cao", "nguoi_ky", "chuc_danh")].startswith("Người ký báo cáo")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_samples_single_values_read_back_the_same(repo_project, layout, general, sample):
    doc, _ = load_file(sample)
    raw = unit_workbook(layout, repo_project.vocabulary, doc.data, general=general)
    got = read_workbook(raw, "x.xlsx", layout, repo_project.vocabulary, general)
    assert [f for f in got.findings if f.is_error] == []
    written = {p: value_at(doc.data, p) for p in paths(general)}
    expected = {p: v for p, v in written.items() if v is not None}
    money = {p for p, f in general if f.kind == "money"}
    same = {p: parse_money(v) if p in money else v for p, v in got.values.items()}
    assert same == {p: parse_money(v) if p in money else v for p, v in expected.items()}
