"""The unit's workbook (office/workbook.py): the schema's lists as sheets to fill in."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from vinhdanh.check.load import load_file
from vinhdanh.office.layout import GUIDE_SHEET, LISTS_SHEET, PEOPLE, REQUIRED_MARK, workbook_layout
from vinhdanh.office.workbook import unit_workbook

from .conftest import REPO
from .office import convert

UNIT = "cdcs-may-hung-yen"
ARTIFACTS = REPO / "test-artifacts" / "workbooks"


@pytest.fixture(scope="module")
def layout(repo_project):
    return workbook_layout(repo_project.schemas)


@pytest.fixture(scope="module")
def data():
    doc, _ = load_file(REPO / "submissions" / f"{UNIT}.yaml")
    return doc.data


@pytest.fixture(scope="module")
def raw(repo_project, layout, data) -> bytes:
    return unit_workbook(layout, repo_project.vocabulary, data, UNIT, "Công đoàn Thử")


@pytest.fixture(scope="module")
def book(raw):
    return openpyxl.load_workbook(io.BytesIO(raw))


def test_sheets_are_the_guide_then_each_list_then_the_vocabularies(book, layout):
    assert book.sheetnames == [GUIDE_SHEET, *(s.name for s in layout), LISTS_SHEET]
    assert book.active.title == GUIDE_SHEET


def test_every_vocabulary_is_listed_under_a_columns_title(book, repo_project):
    listed = {c.value: c.column_letter for c in book[LISTS_SHEET][1]}
    column = book[LISTS_SHEET][listed["Diện điển hình"]]
    labels = [c.value for c in column[1:] if c.value]
    assert labels == list(repo_project.vocabulary["loai_dien_hinh"].values())


def headers(sheet) -> list[str]:
    """A sheet's column titles without the mark of a required column."""
    return [str(c.value).removesuffix(REQUIRED_MARK) for c in sheet[1]]


def test_required_columns_are_marked(book):
    header = [c.value for c in book["Cá nhân"][1]]
    assert "Họ và tên *" in header and "Lĩnh vực trong Ngành" in header


def test_headers_are_the_schemas_titles(book, repo_project):
    people = repo_project.schemas["submission"]["definitions"]["ca_nhan"]["properties"]
    header = headers(book["Cá nhân"])
    assert people["ho_ten"]["title"] in header and people["thanh_tich"]["title"] in header


def test_people_rows_hold_labels_not_codes(book, data):
    rows = list(book["Cá nhân"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(data["dien_hinh"]["ca_nhan"])
    header = headers(book["Cá nhân"])
    sexes = {row[header.index("Giới tính")] for row in rows}
    direct = {row[header.index("Trực tiếp sản xuất")] for row in rows}
    assert sexes <= {"Nam", "Nữ"} and direct <= {"Có", "Không"}


def test_a_persons_awards_name_their_owner(book, data):
    awards = [r for r in book["Khen thưởng"].iter_rows(min_row=2, values_only=True)]
    first = next(p for p in data["dien_hinh"]["ca_nhan"] if p.get("khen_thuong"))
    assert (first["ma"], first["ho_ten"]) in {(r[0], r[1]) for r in awards}


def test_gender_column_offers_the_vocabularys_labels_in_a_drop_down(book, repo_project):
    sheet = book["Cá nhân"]
    header = headers(sheet)
    letter = openpyxl.utils.get_column_letter(header.index("Giới tính") + 1)
    rule = next(v for v in sheet.data_validations.dataValidation if letter in str(v.sqref))
    assert rule.type == "list"
    column = rule.formula1.split("!")[1].split(":")[0].replace("$", "")
    listed = book[LISTS_SHEET][column.rstrip("0123456789")]
    labels = [c.value for c in listed[1:] if c.value]
    assert labels == list(repo_project.vocabulary["gioi_tinh"].values())


def test_input_help_comes_from_the_schemas_description(book, repo_project):
    description = repo_project.schemas["submission"]["definitions"]["ca_nhan"]["properties"][
        "noi_cong_tac"
    ]["description"]
    prompts = {v.promptTitle: v.prompt for v in book["Cá nhân"].data_validations.dataValidation}
    assert prompts["Nơi công tác *"].startswith(description)


def test_header_is_frozen(book, layout):
    assert {book[s.name].freeze_panes for s in layout} == {"A2"}


def test_guide_sheet_says_how_to_bring_the_workbook_back(book):
    text = " ".join(str(c.value) for row in book[GUIDE_SHEET].iter_rows() for c in row if c.value)
    assert f"vinhdanh nhap <tệp này>.xlsx --ma {UNIT}" in text and "--ghi" in text


def test_blank_workbook_has_headers_and_no_rows(repo_project, layout):
    blank = openpyxl.load_workbook(io.BytesIO(unit_workbook(layout, repo_project.vocabulary, None)))
    assert all(blank[s.name].max_row == 1 for s in layout)


def test_same_data_gives_the_same_bytes(repo_project, layout, data, raw):
    assert unit_workbook(layout, repo_project.vocabulary, data, UNIT, "Công đoàn Thử") == raw


def test_no_private_field_reaches_the_workbook(book, data):
    text = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    contact = data.get("lien_he", {})
    assert contact and all(str(v) not in text for v in contact.values())


@pytest.mark.slow
def test_libreoffice_prints_every_sheet_and_a_person_looks_at_them(raw, data, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        pytest.skip("LibreOffice Calc or poppler-utils is not installed")
    source = tmp_path / f"{UNIT}-danh-sach.xlsx"
    source.write_bytes(raw)
    convert([source], tmp_path, tmp_path / "profile", "pdf")
    pdf = source.with_suffix(".pdf")
    if not pdf.is_file():
        pytest.skip("LibreOffice could not convert a workbook (is libreoffice-calc installed?)")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert all(p["ho_ten"] in text for p in data[PEOPLE[0]][PEOPLE[1]])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "4",
            str(pdf),
            str(ARTIFACTS / f"{UNIT}-danh-sach"),
        ],
        check=True,
    )
    assert len(list(ARTIFACTS.glob(f"{UNIT}-danh-sach-*.png"))) >= 2
    assert Path(ARTIFACTS).is_dir()
