"""Reading workbooks people really make (office/excel_in.py): every problem at its cell."""

from __future__ import annotations

import re
import shutil

import pytest

from vinhdanh.office.excel_in import read_workbook
from vinhdanh.office.layout import DELEGATES, PEOPLE, workbook_layout

from .conftest import REPO
from .office import convert
from .workbooks import TITLE, people_sheet, person, workbook

XLSX = "xlsx:Calc MS Excel 2007 XML"
FIGURES = ("bao_cao", "so_lieu_khen_thuong")


@pytest.fixture(scope="module")
def read(repo_project):
    layout = workbook_layout(repo_project.schemas)

    def read(raw: bytes):
        return read_workbook(raw, "ds.xlsx", layout, repo_project.vocabulary)

    return read


def places(imported):
    return [(f.place, f.severity) for f in imported.findings]


def test_header_below_title_rows_is_found(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Mỹ Duyên"))}))
    assert got.lists[PEOPLE][0]["ho_ten"] == "Lê Thị Mỹ Duyên"
    assert got.findings == []


def test_labels_become_codes_and_yes_no_booleans(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Mỹ Duyên"))}))
    row = got.lists[PEOPLE][0]
    assert (row["gioi_tinh"], row["truc_tiep_san_xuat"], row["lanh_dao_quan_ly"]) == (
        "nu",
        True,
        False,
    )


def test_codes_are_made_from_names_and_never_twice(read):
    sheet = people_sheet(person(1, "Lê Thị Mỹ Duyên"), person(2, "Lê Thị Mỹ Duyên"))
    got = read(workbook({"Cá nhân": sheet}))
    assert [p["ma"] for p in got.lists[PEOPLE]] == ["le-thi-my-duyen", "le-thi-my-duyen-2"]


def test_code_comes_first_as_the_schema_lists_it(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Mỹ Duyên"))}))
    assert next(iter(got.lists[PEOPLE][0])) == "ma"


def test_names_in_nfd_with_stray_spaces_are_cleaned(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "  Le\u0302 Thi\u0323   Hoa "))}))
    assert got.lists[PEOPLE][0]["ho_ten"] == "Lê Thị Hoa"


def test_blank_rows_and_the_total_row_are_skipped(read):
    sheet = people_sheet(person(1, "Lê Thị Hoa"), [], [None, None], ["Tổng cộng", None, "2 người"])
    assert len(read(workbook({"Cá nhân": sheet})).lists[PEOPLE]) == 1


def test_stt_column_is_ignored_without_a_warning(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}))
    assert "STT" not in str(got.lists) and got.findings == []


def test_extra_column_is_ignored_with_a_warning_at_its_header(read):
    sheet = people_sheet([*person(1, "Lê Thị Hoa"), "ghi chú riêng"])
    sheet[3] = [*sheet[3], "Ghi chú"]
    got = read(workbook({"Cá nhân": sheet}))
    assert places(got) == [("Cá nhân!I4", "warning")]
    assert "Ghi chú" in got.findings[0].message


def test_each_bad_cell_is_reported_at_its_cell_in_one_run(read):
    sheet = people_sheet(
        person(1, "Lê Thị Hoa", sex="Không rõ"),
        person(2, "Trần Văn Hùng", sex="Nam", direct="có lẽ"),
    )
    got = read(workbook({"Cá nhân": sheet}))
    assert places(got) == [("Cá nhân!C5", "error"), ("Cá nhân!F6", "error")]
    assert all(f.code == "nhap" and f.file == "ds.xlsx" for f in got.findings)


def test_every_value_read_has_its_cell(read):
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}))
    assert got.places[(*PEOPLE, 0, "gioi_tinh")] == "Cá nhân!C5"


def test_sheet_named_otherwise_is_found_by_its_header(read):
    got = read(workbook({"Sheet1": people_sheet(person(1, "Lê Thị Hoa"))}))
    assert got.lists[PEOPLE][0]["ho_ten"] == "Lê Thị Hoa"


def test_sheet_name_containing_ours_is_ours(read):
    got = read(workbook({"DS Cá nhân 2025": people_sheet(person(1, "Lê Thị Hoa"))}))
    assert PEOPLE in got.lists


def test_unknown_sheet_with_content_is_a_warning(read):
    got = read(workbook({"Ghi nhớ": [["Việc cần làm"], ["gọi anh Hùng"]]}))
    assert places(got) == [("Ghi nhớ!A1", "warning")]


def test_two_row_header_under_merged_cells(read):
    header = ["STT", "Hình thức khen thưởng", "Năm", "Tập thể", "Cá nhân", "Trong đó", None]
    below = [None, None, None, None, None, "Nữ", "Công nhân trực tiếp sản xuất"]
    rows = [TITLE, header, below, [1, "Giấy khen", "2023", 2, "15", 6, 9]]
    got = read(workbook({"Số liệu khen thưởng": rows}, {"Số liệu khen thưởng": ["F2:G2"]}))
    assert got.lists[FIGURES] == [
        {
            "hinh_thuc": "giay-khen",
            "nam": 2023,
            "tap_the": 2,
            "ca_nhan": 15,
            "truc_tiep_san_xuat": 9,
            "nu": 6,
        }
    ]


def test_money_as_text_with_dots(read):
    rows = [
        ["Họ và tên", "Tên sáng kiến", "Năm", "Giá trị làm lợi"],
        ["Lê Thị Hoa", "Cữ gá may cổ áo", 2023, "120.000.000"],
    ]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Sáng kiến": rows}))
    assert got.lists[PEOPLE][0]["sang_kien"] == [
        {"ten": "Cữ gá may cổ áo", "nam": 2023, "gia_tri_lam_loi": "120.000.000"}
    ]


def test_nested_row_names_its_owner_by_code(read):
    rows = [
        ["Mã cá nhân / tập thể", "Hình thức khen thưởng", "Năm"],
        ["le-thi-hoa", "Giấy khen", 2024],
    ]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Khen thưởng": rows}))
    assert got.lists[PEOPLE][0]["khen_thuong"] == [{"hinh_thuc": "giay-khen", "nam": 2024}]


def test_nested_row_with_an_unknown_owner_is_an_error_at_the_name(read):
    rows = [["STT", "Họ và tên", "Hình thức khen thưởng", "Năm"], [1, "Ai Đó", "Giấy khen", 2024]]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Khen thưởng": rows}))
    assert places(got) == [("Khen thưởng!B2", "error")]
    assert "Ai Đó" in got.findings[0].message


def test_delegate_named_instead_of_coded_gets_the_code(read):
    rows = [["Mã điển hình hoặc tham chiếu", "Họ và tên"], [None, "Lê Thị Hoa"]]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Đại biểu đi dự": rows}))
    assert got.lists[DELEGATES] == ["le-thi-hoa"]


def test_reference_row_keeps_only_what_a_reference_may_say(read):
    header = ["Họ và tên", "Chức vụ", "Thành tích", "Tham chiếu (tu)"]
    rows = [header, ["Nguyễn Văn An", "Tổ trưởng", "Được cấp trên chọn.", "cdcs-x/nguyen-van-an"]]
    got = read(workbook({"Cá nhân": rows}))
    assert got.lists[PEOPLE] == [
        {"tu": "cdcs-x/nguyen-van-an", "thanh_tich": "Được cấp trên chọn."}
    ]
    assert places(got) == [("Cá nhân!A2", "warning"), ("Cá nhân!B2", "warning")]


def test_old_xls_file_is_a_finding_saying_to_save_as_xlsx(read):
    got = read(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    assert ".xlsx" in got.findings[0].message and got.lists == {}


def test_not_a_workbook_is_a_finding_not_a_traceback(read):
    got = read(b"this is text, not a workbook")
    assert [f.code for f in got.findings] == ["nhap"] and got.lists == {}


@pytest.mark.slow
def test_workbook_saved_by_libreoffice_reads_the_same(read, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"), person(2, "Trần Văn Hùng"))})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ds.xlsx").write_bytes(raw)
    convert([tmp_path / "in" / "ds.xlsx"], tmp_path / "out", tmp_path / "profile", XLSX)
    resaved = (tmp_path / "out" / "ds.xlsx").read_bytes()
    assert resaved != raw
    assert read(resaved).lists == read(raw).lists


def test_required_cell_left_empty_is_an_error_at_that_cell(read):
    row = person(1, "Lê Thị Hoa")
    row[3] = None  # Chức vụ
    got = read(workbook({"Cá nhân": people_sheet(row)}))
    assert places(got) == [("Cá nhân!D5", "error")]
    assert "Chức vụ" in got.findings[0].message


def test_missing_required_column_is_said_once_at_the_header(read):
    sheet = [row[:3] + row[4:] for row in people_sheet(person(1, "A Lê"), person(2, "B Trần"))]
    got = read(workbook({"Cá nhân": sheet}))
    assert places(got) == [("Cá nhân!A4", "error")]
    assert "Chức vụ" in got.findings[0].message


def _rezipped(raw: bytes, change) -> bytes:
    """The workbook with one part's XML changed by ``change``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as old, zipfile.ZipFile(out, "w") as new:
        for entry in old.infolist():
            data = old.read(entry.filename)
            new.writestr(entry.filename, change(entry.filename, data))
    return out.getvalue()


def test_entity_expansion_in_a_workbook_is_refused(read):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )

    def change(name, data):
        if not name.startswith("xl/worksheets/"):
            return data
        return bomb + data.replace(b"<t>", b"<t>&b;", 1)

    raw = _rezipped(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}), change)
    got = read(raw)
    assert [f.code for f in got.findings] == ["nhap"] and got.lists == {}


def test_a_workbook_unpacking_to_too_much_is_refused(read):
    def change(name, data):
        return data + b" " * (21 * 1024 * 1024) if name == "docProps/app.xml" else data

    got = read(_rezipped(workbook({"Cá nhân": people_sheet(person(1, "A Lê"))}), change))
    assert "MiB" in got.findings[0].message and got.lists == {}


def test_a_sheet_formatted_to_its_last_row_reads_only_its_data(read):
    def change(name, data):
        if not name.startswith("xl/worksheets/"):
            return data
        return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)

    raw = _rezipped(workbook({"Cá nhân": people_sheet(person(1, "A Lê"))}), change)
    assert len(read(raw).lists[PEOPLE]) == 1


def test_a_merge_over_a_whole_sheet_is_refused_before_it_fills_memory(read):
    def change(name, data):
        if not name.startswith("xl/worksheets/"):
            return data
        merge = b'<mergeCells count="1"><mergeCell ref="J1:XFD1048576"/></mergeCells>'
        return data.replace(b"</sheetData>", b"</sheetData>" + merge)

    got = read(_rezipped(workbook({"Cá nhân": people_sheet(person(1, "A Lê"))}), change))
    assert "ô gộp" in got.findings[0].message and got.lists == {}


def test_a_column_of_ticks_reads_an_empty_cell_as_no(read):
    sheet = people_sheet(person(1, "Lê Thị Hoa", direct="x"), person(2, "Trần Văn Hùng", direct=""))
    got = read(workbook({"Cá nhân": sheet}))
    assert [p["truc_tiep_san_xuat"] for p in got.lists[PEOPLE]] == [True, False]
    assert got.findings == []


def test_a_delegate_not_on_the_people_sheet_is_an_error_at_its_cell(read):
    rows = [["Mã điển hình hoặc tham chiếu"], ["khong-co-ai"]]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Đại biểu đi dự": rows}))
    assert places(got) == [("Đại biểu đi dự!A2", "error")]


def test_a_name_beside_someone_elses_code_is_a_warning_at_the_name(read):
    awards = [
        ["Mã cá nhân / tập thể", "Họ và tên", "Hình thức khen thưởng", "Năm"],
        ["le-thi-hoa", "Trần Văn Hùng", "Giấy khen", 2024],
    ]
    sheet = people_sheet(person(1, "Lê Thị Hoa"), person(2, "Trần Văn Hùng"))
    got = read(workbook({"Cá nhân": sheet, "Khen thưởng": awards}))
    assert places(got) == [("Khen thưởng!B2", "warning")]


def test_an_unknown_name_without_a_code_is_pointed_at_the_name(read):
    awards = [
        ["Mã cá nhân / tập thể", "Họ và tên", "Hình thức khen thưởng", "Năm"],
        [None, "Bùi Toàn", "Giấy khen", 2024],
    ]
    got = read(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa")), "Khen thưởng": awards}))
    assert places(got) == [("Khen thưởng!B2", "error")]


def test_the_guides_example_is_what_nhap_says(read):
    sheet = people_sheet(person(1, "A Lê"), person(2, "B Lê"), person(3, "C Lê", sex="Nam giới"))
    got = read(workbook({"Cá nhân": sheet}))
    said = f"ds.xlsx:{got.findings[0].place}: error [nhap] {got.findings[0].message}"
    guide = (REPO / "docs" / "huong-dan" / "index.md").read_text(encoding="utf-8")
    example = guide.split("`danh-sach.xlsx:")[1].split(" …`")[0]
    assert said.startswith("ds.xlsx:" + example)
