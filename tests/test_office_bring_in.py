"""``vinhdanh nhap``: a workbook or a Word report merged into the unit's submission."""

from __future__ import annotations

import pytest
import yaml

from vinhdanh.check.load import load_text
from vinhdanh.office.bring_in import import_workbook
from vinhdanh.office.splice import splice
from vinhdanh.project import open_project

from .conftest import copy_repo
from .helpers import run_cli
from .workbooks import people_sheet, person, workbook

UNIT = "cdcs-may-hung-yen"


@pytest.fixture
def repo(tmp_path):
    """A copy of the repository (samples included) that a test may write into; the
    unit sends no one up and gives no minority count, so a new list of people stays
    consistent with the rest of its file."""
    root = copy_repo(tmp_path / "repo")
    target = root / "submissions" / f"{UNIT}.yaml"
    loose = {
        ("hoi_nghi", "dai_bieu_di_du_cap_tren"): [],
        ("dien_hinh", "so_dan_toc_thieu_so"): None,
    }
    target.write_text(splice(target.read_text(encoding="utf-8"), loose), encoding="utf-8")
    return root


def data_of(text: str) -> dict:
    doc, findings = load_text(text, "t.yaml")
    assert doc is not None, findings
    return doc.data


def test_only_the_lists_read_change(repo):
    before = (repo / "submissions" / f"{UNIT}.yaml").read_text(encoding="utf-8")
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    old, new = data_of(before), data_of(brought.text)
    assert new["dien_hinh"]["ca_nhan"][0]["ho_ten"] == "Lê Thị Hoa"
    old["dien_hinh"].pop("ca_nhan"), new["dien_hinh"].pop("ca_nhan")
    assert new == old


def test_every_line_outside_the_list_is_kept_with_its_comments(repo):
    before = (repo / "submissions" / f"{UNIT}.yaml").read_text(encoding="utf-8")
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    after = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx").text
    head = before[: before.index("  ca_nhan:\n") + len("  ca_nhan:\n")]
    tail = before[before.index("  tap_the:") :]
    assert after.startswith(head) and after.endswith(tail)
    assert after.splitlines()[0].startswith("# yaml-language-server: $schema=")


def test_a_persons_initiatives_are_kept_when_the_workbook_has_no_such_sheet(repo):
    before = data_of((repo / "submissions" / f"{UNIT}.yaml").read_text(encoding="utf-8"))
    first = before["dien_hinh"]["ca_nhan"][0]
    row = [1, first["ho_ten"], "Nữ", first["chuc_vu"], first["noi_cong_tac"], "Có", "Không", "X"]
    brought = import_workbook(
        open_project(repo), UNIT, workbook({"Cá nhân": people_sheet(row)}), "ds.xlsx"
    )
    assert data_of(brought.text)["dien_hinh"]["ca_nhan"][0]["sang_kien"] == first["sang_kien"]


def test_a_nested_sheet_replaces_the_nested_lists(repo):
    awards = [["Họ và tên", "Hình thức khen thưởng", "Năm"], ["Lê Thị Hoa", "Giấy khen", 2024]]
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Khen thưởng": awards})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    person_ = data_of(brought.text)["dien_hinh"]["ca_nhan"][0]
    assert person_["khen_thuong"] == [{"hinh_thuc": "giay-khen", "nam": 2024}]


def test_a_check_finding_on_an_imported_value_names_the_workbook_cell(repo):
    # read fine, then the plan's rules find more women than people in the row
    figures = [
        ["Hình thức khen thưởng", "Năm", "Số tập thể được khen", "Số cá nhân được khen", "Nữ"],
        ["Giấy khen", 2023, 1, 5, 9],
    ]
    raw = workbook({"Số liệu khen thưởng": figures})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    errors = [(f.file, f.place, f.code) for f in brought.findings if f.is_error]
    assert errors == [("ds.xlsx", "Số liệu khen thưởng!E2", "so-lieu-khong-khop")]


def test_a_unit_without_a_file_starts_from_its_scaffold(repo):
    (repo / "submissions" / f"{UNIT}.yaml").unlink()
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    assert not brought.existed
    assert data_of(brought.text)["don_vi"]["ma"] == UNIT
    assert data_of(brought.text)["dien_hinh"]["ca_nhan"][0]["ma"] == "le-thi-hoa"


def test_cli_without_ghi_prints_the_file_and_writes_nothing(repo):
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}))
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "ho_ten: Lê Thị Hoa" in result.stdout and "--ghi" in result.stderr
    assert target.read_bytes() == before


def test_cli_with_ghi_writes_the_file(repo):
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}))
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 0, result.stderr
    text = (repo / "submissions" / f"{UNIT}.yaml").read_text(encoding="utf-8")
    assert data_of(text)["dien_hinh"]["ca_nhan"][0]["ho_ten"] == "Lê Thị Hoa"
    assert run_cli("validate", f"submissions/{UNIT}.yaml", cwd=repo).returncode == 0


def test_cli_refuses_to_write_while_the_workbook_has_errors(repo):
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    sheet = people_sheet(person(1, "Lê Thị Hoa", sex="Không rõ"))
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": sheet}))
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 1
    assert "ds.xlsx:Cá nhân!C5: error [nhap]" in result.stderr
    assert "Chưa ghi" in result.stderr and target.read_bytes() == before


def test_cli_refuses_an_old_xls_by_name(repo):
    (repo / "ds.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_cli("nhap", "ds.xls", "--ma", UNIT, cwd=repo)
    assert result.returncode == 2 and ".xlsx" in result.stderr and "Traceback" not in result.stderr


def test_workbook_written_by_xuat_excel_changes_nothing_when_brought_back(repo):
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    assert run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo).returncode == 0
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Không đổi" in result.stderr and target.read_bytes() == before


def test_one_changed_cell_replaces_only_its_list(repo):
    import openpyxl

    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_text(encoding="utf-8")
    assert run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo).returncode == 0
    book = openpyxl.load_workbook(repo / "ds.xlsx")
    book["Đoàn chủ tịch"]["B2"] = "Phó Bí thư Đảng ủy Công ty"
    book.save(repo / "ds.xlsx")
    assert run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo).returncode == 0
    after = target.read_text(encoding="utf-8")
    assert data_of(after)["hoi_nghi"]["doan_chu_tich"][0]["chuc_vu"] == "Phó Bí thư Đảng ủy Công ty"
    assert after[: before.index("  doan_chu_tich:")] == before[: before.index("  doan_chu_tich:")]
    assert after.endswith(before[before.index("  chuong_trinh:") :])


def test_xuat_excel_never_replaces_a_different_file(repo):
    (repo / "ds.xlsx").write_bytes(b"the workbook the official filled")
    result = run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo)
    assert result.returncode == 2 and "--ghi-de" in result.stderr
    assert (repo / "ds.xlsx").read_bytes() == b"the workbook the official filled"


def test_report_written_by_bao_cao_changes_nothing_when_brought_back(repo):
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    assert run_cli("bao-cao", UNIT, "-o", "out", cwd=repo).returncode == 0
    result = run_cli("nhap", f"out/{UNIT}-bao-cao.docx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Không đổi" in result.stderr and target.read_bytes() == before


def test_a_new_units_unfilled_parts_are_one_warning_not_errors(repo):
    (repo / "submissions" / f"{UNIT}.yaml").unlink()
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    assert [(f.code, f.severity) for f in brought.findings] == [("nhap", "warning")]
    assert "vinhdanh validate" in brought.findings[0].message


def test_the_preview_says_what_changes_and_who_is_dropped(repo):
    before = data_of((repo / "submissions" / f"{UNIT}.yaml").read_text(encoding="utf-8"))
    count = len(before["dien_hinh"]["ca_nhan"])
    first = before["dien_hinh"]["ca_nhan"][0]["ho_ten"]
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    assert brought.changes[0].startswith(f"Cá nhân: {count} → 1 mục; bỏ {first}")


def test_unchanged_sample_yaml_parses_with_pyyaml_too(repo):
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    brought = import_workbook(open_project(repo), UNIT, raw, "ds.xlsx")
    assert yaml.safe_load(brought.text)["dien_hinh"]["ca_nhan"][0]["ho_ten"] == "Lê Thị Hoa"


def test_a_missing_file_is_said_in_vietnamese(repo):
    result = run_cli("nhap", "khong-co.xlsx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 2
    assert "khong-co.xlsx: không có tệp này" in result.stderr and "No such" not in result.stderr


NEW_UNIT = "cdcs-soi-nam-dinh"  # registered, no file yet


def test_a_new_unit_goes_from_a_workbook_and_a_word_report_to_a_valid_file(repo):
    assert not (repo / "submissions" / f"{NEW_UNIT}.yaml").exists()
    assert run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo).returncode == 0
    assert run_cli("bao-cao", UNIT, "-o", "out", cwd=repo).returncode == 0
    lists = run_cli("nhap", "ds.xlsx", "--ma", NEW_UNIT, "--ghi", cwd=repo)
    assert lists.returncode == 0, lists.stderr
    report = run_cli("nhap", f"out/{UNIT}-bao-cao.docx", "--ma", NEW_UNIT, "--ghi", cwd=repo)
    assert report.returncode == 0, report.stderr
    checked = run_cli("validate", f"submissions/{NEW_UNIT}.yaml", cwd=repo)
    assert checked.returncode == 0, checked.stdout
    assert "0 lỗi" in checked.stdout


def test_the_general_sheet_fills_the_single_values(repo):
    (repo / "submissions" / f"{UNIT}.yaml").unlink()
    rows = [
        ["Mục", "Nội dung"],
        ["Số đoàn viên *", "1.850"],
        ["Ngày tổ chức hội nghị", "05/03/2025"],
    ]
    brought = import_workbook(open_project(repo), UNIT, workbook({"Thông tin chung": rows}), "x")
    data = data_of(brought.text)
    assert data["don_vi"]["so_doan_vien"] == 1850 and data["hoi_nghi"]["ngay"] == "05/03/2025"


def test_an_unknown_row_of_the_general_sheet_is_a_warning_at_it(repo):
    rows = [["Mục", "Nội dung"], ["Số xe ô tô", "3"], ["Địa danh", "Hưng Yên"]]
    brought = import_workbook(open_project(repo), UNIT, workbook({"Thông tin chung": rows}), "x")
    assert [(f.place, f.severity) for f in brought.findings] == [("Thông tin chung!A2", "warning")]


def test_xuat_excel_says_why_a_submission_cannot_be_read(repo, tmp_path):
    target = repo / "submissions" / f"{UNIT}.yaml"
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    result = run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo)
    assert result.returncode == 2 and "lỗi YAML" not in result.stderr
    assert "liên kết" in result.stderr
