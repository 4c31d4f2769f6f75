"""The hand-written .xlsx writer: what openpyxl and LibreOffice read back from its bytes."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from vinhdanh.office.xlsx import PROMPT, PROMPT_TITLE, Column, Sheet, SheetError, workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
VOCABULARY = Sheet(
    "Danh mục",
    (Column("Mã", 10), Column("Giới tính", 14)),
    [["nam", "Nam"], ["nu", "Nữ"]],
    hidden=True,
    validation_rows=0,
)
PEOPLE_COLUMNS = (
    Column("Họ và tên", 28, prompt="Ghi họ, chữ đệm và tên."),
    Column("Giới tính", 10, choices="'Danh mục'!$B$2:$B$3", prompt="Chọn Nam hoặc Nữ."),
    Column("Năm sinh", 10, kind="year", whole=(1940, 2010)),
    Column("Giá trị làm lợi (đồng)", 18, kind="number"),
    Column("Thành tích", 60, kind="long"),
    Column("Trực tiếp sản xuất", 12),
)
PEOPLE = Sheet(
    "Cá nhân",
    PEOPLE_COLUMNS,
    [
        ["Nguyễn Thị Mai", "Nữ", 1985, 1_500_000, "Sáng kiến A\nSáng kiến B", True],
        ["Trần Văn An", "Nam", None, 0, "", False],
    ],
)
GUIDE = Sheet(
    "Hướng dẫn",
    (),
    [["Điền mỗi người một dòng."], ["Chọn giới tính trong danh sách."]],
    header=False,
    note="Cách điền sổ tính",
)


def opened(sheets: list[Sheet]):
    return load_workbook(io.BytesIO(workbook(sheets)))


def part(data: bytes, name: str) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ElementTree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def book():
    return opened([VOCABULARY, GUIDE, PEOPLE])


def test_cells_read_back_with_their_values_and_types(book):
    rows = list(book["Cá nhân"].iter_rows(values_only=True))
    assert rows == [
        tuple(c.title for c in PEOPLE_COLUMNS),
        ("Nguyễn Thị Mai", "Nữ", 1985, 1_500_000, "Sáng kiến A\nSáng kiến B", "Có"),
        ("Trần Văn An", "Nam", None, 0, None, "Không"),
    ]
    assert book["Cá nhân"]["D3"].data_type == "n"


def test_an_integer_excel_would_round_is_written_as_text():
    sheet = opened([Sheet("S", (Column("Số", 20, kind="number"),), [[10**15], [10**15 - 1]])])
    assert sheet["S"]["A2"].value == "1000000000000000"
    assert sheet["S"]["A3"].value == 10**15 - 1


def test_numbers_have_thousands_and_years_have_no_separator(book):
    sheet = book["Cá nhân"]
    assert sheet["D2"].number_format == "#,##0"
    assert sheet["C2"].number_format == "0"


def test_header_is_bold_on_a_fill_with_borders_and_wrapped(book):
    cell = book["Cá nhân"]["A1"]
    assert cell.font.b
    assert cell.fill.fill_type == "solid"
    assert cell.border.bottom.style == "thin"
    assert cell.alignment.wrap_text


def test_header_is_frozen_and_rows_have_an_autofilter(book):
    sheet = book["Cá nhân"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"


def test_every_autofilter_has_its_hidden_filter_database_name():
    data = workbook([VOCABULARY, GUIDE, PEOPLE])
    names = part(data, "xl/workbook.xml").find(f"{MAIN}definedNames")
    filters = [n for n in names if n.get("name") == "_xlnm._FilterDatabase"]
    assert {(n.get("localSheetId"), n.get("hidden"), n.text) for n in filters} == {
        ("0", "1", "'Danh mục'!$A$1:$B$3"),
        ("2", "1", "'Cá nhân'!$A$1:$F$3"),
    }


def test_columns_have_their_widths(book):
    widths = book["Cá nhân"].column_dimensions
    assert [widths[c].width for c in "ABCDEF"] == [c.width for c in PEOPLE_COLUMNS]


def test_long_text_and_text_with_line_breaks_wrap_at_the_top(book):
    sheet = book["Cá nhân"]
    assert sheet["E2"].alignment.wrap_text and sheet["E2"].alignment.vertical == "top"
    lines = opened([Sheet("S", (Column("Ghi chú", 20),), [["một\nhai"], ["một"]])])["S"]
    assert lines["A2"].alignment.wrap_text
    assert not lines["A3"].alignment.wrap_text


def test_a_row_of_wrapped_text_is_as_tall_as_its_lines_and_left_for_excel_to_measure():
    text = "Dòng một\nDòng hai\nDòng ba"
    data = workbook([Sheet("S", (Column("Ghi chú", 30), Column("Tên", 20)), [[text], ["Mai"]])])
    rows = part(data, "xl/worksheets/sheet1.xml").find(f"{MAIN}sheetData")
    assert [(r.get("r"), r.get("ht"), r.get("customHeight")) for r in rows] == [
        ("1", None, None),
        ("2", "45", None),
        ("3", None, None),
    ]


def test_a_long_text_is_estimated_by_words_on_the_columns_width():
    words = "thành tích " * 30  # 330 characters in a column of 60 → at least 5 lines
    sheet = opened([Sheet("S", (Column("Thành tích", 60, kind="long"),), [[words.strip()]])])
    assert 5 * 15 <= sheet["S"].row_dimensions[2].height <= 7 * 15


def test_a_header_title_wider_than_its_column_makes_the_header_row_taller():
    sheet = opened([Sheet("S", (Column("Giá trị làm lợi (đồng)", 10),), [])])
    assert sheet["S"].row_dimensions[1].height == 45


def test_a_choice_column_has_a_drop_down_list_from_its_formula(book):
    (rule,) = [v for v in book["Cá nhân"].data_validations.dataValidation if v.type == "list"]
    assert rule.formula1 == "'Danh mục'!$B$2:$B$3"
    assert str(rule.sqref) == "B2:B500"
    assert (rule.promptTitle, rule.prompt) == ("Giới tính", "Chọn Nam hoặc Nữ.")
    assert rule.showInputMessage and rule.showErrorMessage and not rule.showDropDown


def test_a_column_with_help_only_shows_its_prompt_and_accepts_anything(book):
    rule = next(v for v in book["Cá nhân"].data_validations.dataValidation if "A2" in v.sqref)
    assert rule.type is None
    assert (rule.promptTitle, rule.prompt) == ("Họ và tên", "Ghi họ, chữ đệm và tên.")


def test_a_whole_number_column_has_its_bounds_and_a_vietnamese_error(book):
    (rule,) = [v for v in book["Cá nhân"].data_validations.dataValidation if v.type == "whole"]
    assert (rule.operator, rule.formula1, rule.formula2) == ("between", "1940", "2010")
    assert rule.error == "Hãy nhập một số nguyên từ 1940 đến 2010."


def test_validations_cover_every_row_when_there_are_more_than_asked():
    rows = [["Tên"] for _ in range(20)]
    sheet = opened([Sheet("S", (Column("Tên", 20, prompt="Tên"),), rows, validation_rows=10)])
    (rule,) = sheet["S"].data_validations.dataValidation
    assert str(rule.sqref) == "A2:A21"


def test_a_long_prompt_is_cut_at_a_word_within_excels_limits():
    long = "Ghi rõ thành tích nổi bật của người được đề nghị " * 10
    title = "Tiêu đề cột rất dài vượt quá giới hạn của Excel"
    sheet = opened([Sheet("S", (Column(title, 20, prompt=long),), [])])
    (rule,) = sheet["S"].data_validations.dataValidation
    assert len(rule.prompt) <= PROMPT and len(rule.promptTitle) <= PROMPT_TITLE
    assert rule.prompt.endswith("…")
    assert long.startswith(rule.prompt[:-1]) and long[len(rule.prompt) - 1] == " "


def test_the_vocabulary_sheet_is_hidden_and_the_first_visible_sheet_is_active(book):
    assert book["Danh mục"].sheet_state == "hidden"
    assert book.active.title == "Hướng dẫn"


def test_a_sheet_of_paragraphs_has_a_bold_title_and_a_wide_wrapped_column(book):
    sheet = book["Hướng dẫn"]
    assert [r[0] for r in sheet.iter_rows(values_only=True)] == [
        "Cách điền sổ tính",
        "Điền mỗi người một dòng.",
        "Chọn giới tính trong danh sách.",
    ]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet["A2"].alignment.wrap_text
    assert sheet.column_dimensions["A"].width >= 60
    assert sheet.freeze_panes is None


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_like_text_stays_text(text):
    cell = opened([Sheet("S", (Column("Tên", 20),), [[text]])])["S"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == text


def test_characters_xml_cannot_hold_are_dropped():
    sheet = opened([Sheet("S", (Column("Tên\x01", 20),), [["Mai\x00\x0b\ufffe Anh"]])])["S"]
    assert (sheet["A1"].value, sheet["A2"].value) == ("Tên", "Mai Anh")


def test_text_that_looks_like_an_excel_escape_stays_as_written():
    cell = opened([Sheet("S", (Column("Tên", 20),), [["_x0041_ và _X00e9_"]])])["S"]["A2"]
    assert cell.value == "_x0041_ và _X00e9_"


def test_the_same_sheets_give_the_same_bytes_with_a_fixed_date():
    first, second = workbook([VOCABULARY, PEOPLE]), workbook([VOCABULARY, PEOPLE])
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}


def test_worksheet_elements_are_in_the_order_the_schema_requires():
    order = [
        "sheetPr",
        "dimension",
        "sheetViews",
        "sheetFormatPr",
        "cols",
        "sheetData",
        "autoFilter",
        "mergeCells",
        "dataValidations",
        "pageMargins",
        "pageSetup",
    ]
    data = workbook([VOCABULARY, GUIDE, PEOPLE])
    for number in (1, 2, 3):
        tags = [e.tag.removeprefix(MAIN) for e in part(data, f"xl/worksheets/sheet{number}.xml")]
        assert tags == sorted(tags, key=order.index)
    assert [e.tag.removeprefix(MAIN) for e in part(data, "xl/worksheets/sheet3.xml")] == [
        t for t in order if t != "mergeCells"
    ]


@pytest.mark.parametrize(
    "name", ["", "Một tên rất dài hơn ba mươi mốt ký tự", "Cá/nhân", "A[1]", "?", "'Tên", "Tên'"]
)
def test_a_sheet_name_excel_refuses_is_an_error(name):
    with pytest.raises(SheetError):
        workbook([Sheet(name, (Column("Tên", 20),), [])])


def test_two_sheets_named_alike_are_an_error():
    with pytest.raises(SheetError, match="cùng tên"):
        workbook([Sheet("Cá nhân", PEOPLE_COLUMNS, []), Sheet("CÁ NHÂN", PEOPLE_COLUMNS, [])])


def test_a_workbook_of_hidden_sheets_only_is_an_error():
    with pytest.raises(SheetError, match="không ẩn"):
        workbook([VOCABULARY])


def test_a_row_wider_than_its_columns_is_an_error():
    with pytest.raises(SheetError, match="2 ô nhưng chỉ có 1 cột"):
        workbook([Sheet("S", (Column("Tên", 20),), [["a", "b"]])])


def test_a_value_that_is_not_text_number_or_yes_no_is_an_error():
    with pytest.raises(SheetError, match="B2"):
        workbook([Sheet("S", (Column("Tên", 20), Column("Ngày", 12)), [["a", object()]])])


def calc_installed() -> bool:
    """LibreOffice with its spreadsheet (Calc), which Debian packages apart from Writer."""
    program = shutil.which("soffice")
    if program is None:
        return False
    return any(Path(os.path.realpath(program)).parent.glob("libsclo*"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
@pytest.mark.skipif(
    not calc_installed(), reason="LibreOffice Calc: apt-get install libreoffice-calc-nogui"
)
def test_libreoffice_converts_the_workbook_to_csv_with_every_value(tmp_path):
    source = tmp_path / "so-tinh.xlsx"
    source.write_bytes(workbook([VOCABULARY, GUIDE, PEOPLE]))
    # UTF-8 (76), every sheet (-1) to its own file: so-tinh-<sheet>.csv
    csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    result = subprocess.run(
        [
            shutil.which("soffice"),
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            csv,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0 and not re.search(r"^Error", result.stderr, re.M), result.stderr
    people = (tmp_path / "so-tinh-Cá nhân.csv").read_text(encoding="utf-8").splitlines()
    assert people[0] == ",".join(c.title for c in PEOPLE_COLUMNS)
    assert people[1] == 'Nguyễn Thị Mai,Nữ,1985,1500000,"Sáng kiến A'
    assert people[3] == "Trần Văn An,Nam,,0,,Không"
    guide = (tmp_path / "so-tinh-Hướng dẫn.csv").read_text(encoding="utf-8")
    assert guide.splitlines()[0] == "Cách điền sổ tính"


def test_formula_like_text_is_marked_to_stay_text_when_edited_in_excel():
    sheet = Sheet(
        "Thử",
        (Column("A", 20), Column("B", 40, "long")),
        [["=1+1", "@SUM(A1)"], ["An", "- một"]],
    )
    book = load_workbook(io.BytesIO(workbook([sheet])))
    cells = book["Thử"]
    assert [cells["A2"].quotePrefix, cells["B2"].quotePrefix] == [True, True]
    assert [cells["A2"].value, cells["A2"].data_type] == ["=1+1", "s"]
    assert cells["A3"].quotePrefix is False and cells["B3"].alignment.wrapText
