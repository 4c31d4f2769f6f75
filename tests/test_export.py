"""The honour roll as data files: opened back, public only, ordered, safe in spreadsheets."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import stat

import pytest
from openpyxl import load_workbook

from vinhdanh.check.load import load_file
from vinhdanh.export import COLUMNS, OPEN_COLUMNS, honour_roll, to_csv, to_json, to_xlsx
from vinhdanh.model import build_published
from vinhdanh.values import vietnamese_name_key, vietnamese_text_key
from vinhdanh.website.publish import export_honour_roll

from .conftest import REPO


@pytest.fixture(scope="module")
def rows(repo_project):
    _, submissions = build_published(repo_project)
    return honour_roll(submissions)


@pytest.fixture(scope="module")
def private_values(repo_project):
    values = []
    for path in (REPO / "submissions").glob("*.yaml"):
        doc, _ = load_file(path)
        values += [str(v) for v in doc.data["lien_he"].values()]  # public in Git, not here
    assert values
    return values


def column(key: str) -> int:
    """A column's index in the files people open (XLSX, CSV)."""
    return [k for k, _ in OPEN_COLUMNS].index(key)


def test_every_honoree_of_every_sample_is_a_row(rows, repo_project):
    _, submissions = build_published(repo_project)
    assert len(rows) == sum(len(s.people) + len(s.collectives) for s in submissions)


def test_rows_are_in_vietnamese_name_order(rows):
    people = [r["ten"] for r in rows if r["loai"] == "Cá nhân"]
    assert people == sorted(people, key=vietnamese_name_key)
    assert people != sorted(people)  # code point order would differ
    groups = [r["ten"] for r in rows if r["loai"] == "Tập thể"]
    assert groups == sorted(groups, key=vietnamese_text_key)


def test_csv_has_a_bom_and_reads_back_with_vietnamese_headings(rows):
    data = to_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [heading for _, heading in OPEN_COLUMNS]
    assert len(table) == len(rows) + 1
    assert any(line[column("ten")] == "Nguyễn Văn An" for line in table[1:])


def test_xlsx_opens_back_with_the_same_rows(rows):
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [heading for _, heading in OPEN_COLUMNS]
    assert len(values) == len(rows) + 1
    money = [r["gia_tri_lam_loi"] for r in rows]
    assert [v[column("gia_tri_lam_loi")] for v in values[1:]] == money
    assert any(isinstance(v, int) and v > 0 for v in money)


def test_json_keeps_types(rows):
    data = json.loads(to_json(rows))
    assert data == rows
    assert isinstance(data[0]["truc_tiep_san_xuat"], bool | None)


def test_nothing_private_in_any_file(rows, private_values):
    for writer in (to_csv, to_json):
        text = writer(rows).decode("utf-8-sig")
        assert not [v for v in private_values if v in text]
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
    assert not [v for v in private_values if v in cells]


def test_formula_like_text_stays_text(rows):
    hostile = dict(rows[0], ten='=HYPERLINK("http://x","bấm")', thanh_tich="@SUM(1)")
    table = list(csv.reader(io.StringIO(to_csv([hostile]).decode("utf-8-sig"))))
    name, achievements = column("ten"), column("thanh_tich")
    assert table[1][name].startswith("'=") and table[1][achievements].startswith("'@")
    sheet = load_workbook(io.BytesIO(to_xlsx([hostile]))).active
    assert sheet.cell(2, name + 1).data_type == "s"
    assert sheet.cell(2, name + 1).value == hostile["ten"]


def test_exports_are_byte_identical_between_runs(rows):
    assert to_xlsx(rows) == to_xlsx(rows)
    assert to_csv(rows) == to_csv(rows)


def test_export_command_writes_three_readable_files(repo_project, tmp_path):
    result, written = export_honour_roll(repo_project, tmp_path / "out")
    assert not result.has_errors
    assert sorted(p.name for p in written) == ["bang-vang.csv", "bang-vang.json", "bang-vang.xlsx"]
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) & 0o044  # readable by a web server


def test_xlsx_header_is_bold_and_frozen_and_money_formatted(rows):
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(1, 1).font.b
    money = next(c for c in sheet[2] if isinstance(c.value, int))
    assert money.number_format == "#,##0"


def test_xlsx_cells_hold_every_value_and_leave_empty_ones_out(rows):
    def shown(value):
        if isinstance(value, bool):
            return "Có" if value else "Không"
        return None if value in (None, "") else value

    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert values == [tuple(shown(row[key]) for key, _ in OPEN_COLUMNS) for row in rows]
    assert any(v is None for line in values for v in line)  # collectives have empty cells


def test_xlsx_has_column_widths_and_an_autofilter_over_every_row(rows):
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    last = chr(64 + len(OPEN_COLUMNS))
    assert sheet.auto_filter.ref == f"A1:{last}{len(rows) + 1}"
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(len(OPEN_COLUMNS))]
    assert all(width >= 9 for width in widths)
    assert widths[column("thanh_tich")] > widths[column("gioi_tinh")]


INTERNAL_HEADINGS = {"Mã đơn vị", "Mã điển hình", "Neo trên bảng vàng"}


def test_the_files_people_open_have_no_internal_codes(rows):
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    in_xlsx = {c.value for c in sheet[1]}
    in_csv = set(next(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig")))))
    assert in_xlsx == in_csv == {heading for _, heading in OPEN_COLUMNS}
    assert not INTERNAL_HEADINGS & (in_xlsx | in_csv)
    ids = {r["ma"] for r in rows} | {r["neo"] for r in rows} | {r["don_vi"] for r in rows}
    cells = {c for line in sheet.iter_rows(min_row=2, values_only=True) for c in line}
    assert not ids & cells


def test_json_keeps_the_ids_a_program_links_to_the_site_with(rows):
    first = json.loads(to_json(rows))[0]
    assert set(first) == {key for key, _ in COLUMNS}
    assert first["neo"] == f"{first['don_vi']}--{first['ma']}"


def _person_without_initiatives(rows):
    return next(r for r in rows if r["loai"] == "Cá nhân" and not r["so_sang_kien"])


def test_a_figure_nobody_reported_is_an_empty_cell_not_zero(rows):
    person = _person_without_initiatives(rows)
    assert person["so_sang_kien"] is None and person["gia_tri_lam_loi"] is None
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    line = next(v for v in sheet.iter_rows(values_only=True) if v[column("ten")] == person["ten"])
    assert line[column("so_sang_kien")] is None and line[column("gia_tri_lam_loi")] is None
    table = csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig")))
    line = next(v for v in table if v[column("ten")] == person["ten"])
    assert line[column("so_sang_kien")] == "" and line[column("gia_tri_lam_loi")] == ""


def test_initiatives_without_a_value_leave_the_value_empty(rows, repo_project):
    _, submissions = build_published(repo_project)
    sub, person = next((s, p) for s in submissions for p in s.people if p.initiatives)
    bare = [dataclasses.replace(i, value=None) for i in person.initiatives]
    changed = dataclasses.replace(person, initiatives=bare)
    unit = dataclasses.replace(sub, people=[changed], collectives=[])
    (row,) = honour_roll([unit])
    assert row["so_sang_kien"] == len(bare) and row["gia_tri_lam_loi"] is None


def test_the_spreadsheet_is_written_first():
    from vinhdanh.export import WRITERS

    assert next(iter(WRITERS)) == "xlsx"
