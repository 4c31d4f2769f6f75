"""The plan's rules at their boundaries, and proof that they read ke-hoach.yaml."""

from __future__ import annotations

import pytest

from vinhdanh.check.rules import normalise_name
from vinhdanh.check.validate import validate
from vinhdanh.project import open_project
from vinhdanh.values import percent

from .helpers import base_data, write_submission


def codes(project_dir, data):
    path = write_submission(project_dir / "submissions", data)
    result = validate(open_project(project_dir), [path])
    return sorted((f.code, f.severity) for f in result.findings)


def test_base_example_is_clean(project_dir):
    assert codes(project_dir, base_data()) == []


def test_delegates_exactly_at_the_cap_are_allowed(project_dir):
    data = base_data()
    data["hoi_nghi"]["dai_bieu"].update(tong=200, dien_hinh=140, khach_moi=60)
    assert codes(project_dir, data) == []


def test_one_delegate_over_the_cap_is_an_error(project_dir):
    data = base_data()
    data["hoi_nghi"]["dai_bieu"].update(tong=201, dien_hinh=141, khach_moi=60)
    assert codes(project_dir, data) == [("dai-bieu-vuot-tran", "error")]


@pytest.mark.parametrize(
    ("exemplars", "warned"), [(60, False), (80, False), (59, True), (81, True)]
)
def test_exemplar_share_is_checked_against_the_accepted_range(project_dir, exemplars, warned):
    data = base_data()
    data["hoi_nghi"]["dai_bieu"].update(tong=100, dien_hinh=exemplars, khach_moi=100 - exemplars)
    assert (("ty-le-dien-hinh", "warning") in codes(project_dir, data)) is warned


def test_conference_on_the_deadline_is_on_time(project_dir):
    data = base_data()
    data["hoi_nghi"]["ngay"] = "10/03/2025"
    assert codes(project_dir, data) == []


def test_report_on_the_deadline_is_on_time(project_dir):
    data = base_data()
    data["bao_cao"]["ngay"] = "2025-04-15"
    assert codes(project_dir, data) == []


def test_upper_level_union_has_a_later_conference_deadline(project_dir):
    data = base_data()
    data["don_vi"].update(ma="cap-tren-hop-le", cap="cap-tren", cap_tren="nganh-thu-nghiem")
    data["hoi_nghi"]["ngay"] = "2025-04-10"
    data["bao_cao"]["ngay"] = "2025-04-12"  # reported after its conference, before 15/4
    assert codes(project_dir, data) == []


def test_industry_report_is_not_held_to_the_reporting_deadline(project_dir):
    data = base_data()
    data["don_vi"].update(ma="nganh-hop-le", cap="nganh")
    del data["don_vi"]["cap_tren"]
    data["bao_cao"]["ngay"] = "2025-05-30"
    data["hoi_nghi"]["doan_chu_tich"] += [
        {"ho_ten": "Hồ Văn Sáu", "chuc_vu": "Kỹ sư", "thanh_phan": "anh-hung"},
        {"ho_ten": "Lê Thị Hoa", "chuc_vu": "Chủ tịch", "thanh_phan": "cong-doan"},
    ]
    # the CĐCS example's honorees cover none of the Ngành's sectors (test_sectors.py)
    assert [c for c in codes(project_dir, data) if c[0] != "linh-vuc"] == []


def test_three_hundred_members_do_not_require_a_dedicated_conference(project_dir):
    data = base_data()
    data["don_vi"]["so_doan_vien"] = 300
    assert codes(project_dir, data) == []


def test_a_dedicated_form_satisfies_a_large_grassroots_union(project_dir):
    data = base_data()
    data["don_vi"]["so_doan_vien"] = 5000
    data["hoi_nghi"]["hinh_thuc"] = "gap-mat-giao-luu"
    assert codes(project_dir, data) == []


def test_each_missing_agenda_item_is_its_own_warning(project_dir):
    data = base_data()
    data["hoi_nghi"]["chuong_trinh"] = data["hoi_nghi"]["chuong_trinh"][2:]
    assert codes(project_dir, data) == [("chuong-trinh-thieu-muc", "warning")] * 2


def test_cap_comes_from_the_plan_file(project_dir):
    plan = project_dir / "ke-hoach.yaml"
    plan.write_text(plan.read_text().replace("dai_bieu_toi_da: 200", "dai_bieu_toi_da: 90"))
    assert codes(project_dir, base_data()) == [("dai-bieu-vuot-tran", "error")]


def test_agenda_comes_from_the_plan_file(project_dir):
    plan = project_dir / "ke-hoach.yaml"
    plan.write_text(plan.read_text().replace("  - chao-co\n", ""))
    data = base_data()
    data["hoi_nghi"]["chuong_trinh"].remove("chao-co")
    assert codes(project_dir, data) == []


def test_deadline_comes_from_the_plan_file(project_dir):
    plan = project_dir / "ke-hoach.yaml"
    plan.write_text(
        plan.read_text().replace("han_hoi_nghi: 2025-03-10", "han_hoi_nghi: 2025-03-01")
    )
    assert codes(project_dir, base_data()) == [("hoi-nghi-tre-han", "warning")]


def test_percent_uses_a_decimal_comma():
    assert percent(66.666) == "66,7 %"
    assert percent(70) == "70 %"


def test_names_compare_without_case_or_extra_spaces_but_with_diacritics():
    assert normalise_name("  NGUYỄN  Văn An ") == normalise_name("Nguyễn Văn An")
    assert normalise_name("Nguyễn Văn Ân") != normalise_name("Nguyễn Văn An")


# --- the registry is the authority for name, level and parent (SPEC §9.2) ---------------


def findings_of(project_dir, data):
    path = write_submission(project_dir / "submissions", data)
    return validate(open_project(project_dir), [path]).findings


def test_a_unit_name_other_than_the_registrys_is_an_error_that_says_the_registrys(project_dir):
    data = base_data()
    data["don_vi"]["ten"] = "Công đoàn Công Thương Việt Nam"
    (finding,) = findings_of(project_dir, data)
    assert (finding.code, finding.severity, finding.line) == ("ma-don-vi", "error", 4)
    assert "'Công đoàn cơ sở Công ty Thử nghiệm'" in finding.message
    assert "Công Thương Việt Nam" not in finding.message


def test_a_level_or_parent_other_than_the_registrys_is_an_error(project_dir):
    data = base_data()
    data["don_vi"].update(cap="nganh", cap_tren="nganh-thu-nghiem")
    lines = [f.line for f in findings_of(project_dir, data) if f.code == "ma-don-vi"]
    assert lines == [5, 6]


def test_a_zero_width_space_does_not_make_a_second_person(project_dir):
    data = base_data()
    twin = dict(data["dien_hinh"]["ca_nhan"][0], ma="nguyen-van-an-2")
    twin["ho_ten"] = "Nguyễn Văn\u200b An"
    data["dien_hinh"]["ca_nhan"].append(twin)
    found = sorted((f.code, f.severity) for f in findings_of(project_dir, data))
    assert found == [("ky-tu-an", "error"), ("trung-lap", "error")]


def test_normalised_names_ignore_hidden_characters_but_keep_word_breaks():
    assert normalise_name("Nguyễn\u202e Văn\u200b An") == normalise_name("nguyễn văn an")
    assert normalise_name("Văn\nAn") == "văn an"


def test_a_date_before_the_plan_is_told_once_by_the_window_rule_when_outside_it(project_dir):
    data = base_data()
    data["hoi_nghi"]["ngay"] = "2019-03-05"
    assert codes(project_dir, data) == [("ngay", "error")]


def test_a_conference_on_the_day_the_plan_was_issued_is_accepted(project_dir):
    data = base_data()
    data["hoi_nghi"]["ngay"] = "2024-12-05"
    assert codes(project_dir, data) == []


def test_a_report_on_the_day_of_its_conference_is_accepted(project_dir):
    data = base_data()
    data["bao_cao"]["ngay"] = data["hoi_nghi"]["ngay"]
    assert codes(project_dir, data) == []


def test_every_figure_year_of_the_plans_period_is_accepted(project_dir, repo_project):
    data = base_data()
    period = repo_project.plan.period
    row = data["bao_cao"]["so_lieu_khen_thuong"][0]
    data["bao_cao"]["so_lieu_khen_thuong"] = [
        {**row, "nam": year} for year in range(period.low, period.high + 1)
    ]
    assert codes(project_dir, data) == []


def test_sub_counts_equal_to_the_individuals_are_accepted(project_dir):
    data = base_data()
    row = data["bao_cao"]["so_lieu_khen_thuong"][0]
    row.update(truc_tiep_san_xuat=row["ca_nhan"], nu=row["ca_nhan"])
    assert codes(project_dir, data) == []


def messages(project_dir, data, code):
    path = write_submission(project_dir / "submissions", data)
    result = validate(open_project(project_dir), [path])
    return [f.message for f in result.findings if f.code == code]


def test_a_missing_presidium_role_is_named_as_the_vocabulary_writes_it(project_dir):
    data = base_data()
    for member in data["hoi_nghi"]["doan_chu_tich"]:
        if member["thanh_phan"] == "dang":
            member["thanh_phan"] = "doan-the"
    (message,) = messages(project_dir, data, "doan-chu-tich-thanh-phan")
    assert "Lãnh đạo Đảng" in message and "đảng" not in message


def test_a_conference_duration_is_named_as_the_vocabulary_writes_it(project_dir):
    data = base_data()
    data["hoi_nghi"]["thoi_luong"] = "ca-ngay"
    (message,) = messages(project_dir, data, "thoi-luong")
    assert "Cả ngày" in message and "Nửa ngày" in message
