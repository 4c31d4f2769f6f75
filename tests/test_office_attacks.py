"""Attacks on ``nhap`` and ``xuat-excel``: a workbook or a report from an untrusted unit
official, brought in by the upper level's reviewer, whose result is made public."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from vinhdanh.check.load import load_text
from vinhdanh.office import cells, sheets
from vinhdanh.office.excel_in import MAX_GUESSED, read_workbook
from vinhdanh.office.layout import PEOPLE, REQUIRED_MARK, workbook_layout
from vinhdanh.project import open_project

from .conftest import REPO, copy_repo
from .helpers import run_cli
from .workbooks import people_sheet, person, workbook

UNIT = "cdcs-may-hung-yen"
PROJECT = open_project(REPO)
LAYOUT = workbook_layout(PROJECT.schemas)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str) -> bytes:
    """A .docx whose document.xml body is ``body`` (raw WordprocessingML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>"
        )
    return out.getvalue()


@pytest.fixture
def calls(monkeypatch):
    """Spy on a function wherever vinhdanh imported it: the arguments and results of every
    call. Work is bounded by counting it, not by timing it on a busy machine."""

    def spy(module, name):
        original = getattr(module, name)
        record = SimpleNamespace(args=[], results=[])

        def wrapper(*args, **kwargs):
            record.args.append(args)
            record.results.append(original(*args, **kwargs))
            return record.results[-1]

        for loaded in [m for n, m in sys.modules.items() if n.startswith("vinhdanh")]:
            for attribute, value in list(vars(loaded).items()):
                if value is original:
                    monkeypatch.setattr(loaded, attribute, wrapper)
        return record

    return spy


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_repo(tmp_path / "repo")
    (root / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))}))
    return root


@pytest.mark.parametrize("code", ["../ke-hoach", "ABSOLUTE", "chua-dang-ky"])
def test_nhap_writes_only_a_registered_units_submission(repo, code):
    outside = repo.parent / "ngoai.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    code = str(outside.with_suffix("")) if code == "ABSOLUTE" else code
    before = {p: p.read_bytes() for p in (repo / "ke-hoach.yaml", outside)}
    result = run_cli("nhap", "ds.xlsx", "--ma", code, "--ghi", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "chưa có trong don-vi.yaml" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_nhap_never_reads_a_submission_through_a_symbolic_link(repo):
    secret = repo.parent / "hosts.yml"
    secret.write_text("github.com:\n  oauth_token: gho_BIMAT\n", encoding="utf-8")
    target = repo / "submissions" / f"{UNIT}.yaml"
    target.unlink()
    target.symlink_to(secret)
    for extra in ([], ["--ghi"]):
        result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, *extra, cwd=repo)
        assert result.returncode == 2, result.stderr
        assert "gho_BIMAT" not in result.stdout + result.stderr
        assert "liên kết" in result.stderr
    assert target.is_symlink() and "gho_BIMAT" in secret.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["Lê Thị\u200b Hoa", "Lê Thị \u202eHoa", "\u00d0ỗ Thị Hoa"])
def test_nhap_refuses_hidden_characters_at_their_cell(repo, name):
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(person(1, name))}))
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "ds.xlsx:Cá nhân!B5: error [ky-tu-an]" in result.stderr
    assert "Chưa ghi" in result.stderr and target.read_bytes() == before


@pytest.mark.parametrize("wrapper", ["w:hyperlink", "w:sdt"])
def test_nhap_refuses_a_deeply_nested_docx_with_a_finding(repo, wrapper):
    inner = "<w:r><w:t>x</w:t></w:r>" if wrapper == "w:hyperlink" else ""
    body = f"<{wrapper}>" * 100_000 + inner + f"</{wrapper}>" * 100_000
    if wrapper == "w:hyperlink":
        body = f"<w:p>{body}</w:p>"
    (repo / "bc.docx").write_bytes(docx(body))
    result = run_cli("nhap", "bc.docx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 1
    assert "bc.docx:1:1: error [nhap]" in result.stderr and "lồng" in result.stderr
    assert "lỗi nội bộ" not in result.stderr and "Error" not in result.stderr


def test_nhap_refuses_a_docx_that_unpacks_to_millions_of_paragraphs(repo):
    (repo / "bc.docx").write_bytes(docx("<w:p/>" * 1_500_000))  # 9 MiB, 40 KB packed
    assert (repo / "bc.docx").stat().st_size < 100_000
    result = run_cli("nhap", "bc.docx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 1
    assert "bc.docx:1:1: error [nhap]" in result.stderr and "lớn bất thường" in result.stderr


def test_nhap_guesses_at_most_a_few_unknown_sheets_by_their_header(repo, calls):
    # 40 header-like sheets took over three minutes when each was tried against every list
    rows = [[f"Họ và tên người lao động tiêu biểu {r} {c}" for c in range(100)] for r in range(16)]
    raw = workbook({f"Trang {n}": rows for n in range(40)})
    tried = calls(sheets, "header")
    got = read_workbook(raw, "ds.xlsx", LAYOUT, PROJECT.vocabulary)
    assert len(tried.args) <= MAX_GUESSED * len(LAYOUT)
    assert "Trang 'Trang 39' không khớp" in " ".join(f.message for f in got.findings)


@pytest.mark.parametrize("output", ["submissions", "submissions/moi.xlsx", "submissions/./x/.."])
def test_xuat_excel_never_writes_into_submissions(repo, output):
    before = sorted(p.name for p in (repo / "submissions").iterdir())
    result = run_cli("xuat-excel", UNIT, "-o", output, "--ghi-de", cwd=repo)
    assert result.returncode == 2 and "submissions" in result.stderr
    assert sorted(p.name for p in (repo / "submissions").iterdir()) == before


def test_xuat_excel_replaces_no_file_but_an_xlsx(repo):
    before = (repo / "ke-hoach.yaml").read_bytes()
    result = run_cli("xuat-excel", UNIT, "-o", "ke-hoach.yaml", "--ghi-de", cwd=repo)
    assert result.returncode == 2 and ".xlsx" in result.stderr
    assert (repo / "ke-hoach.yaml").read_bytes() == before


def test_nhap_refuses_to_write_a_file_over_the_submission_size_limit(repo):
    rows = []
    for n in range(80):
        row = person(n + 1, f"Lê Thị Hoa {chr(65 + n % 26)}{chr(65 + n // 26)}")
        row[-1] = ("Thành tích rất dài " * 1600)[:30000]
        rows.append(row)
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(*rows)}))
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = target.read_bytes()
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 1
    assert "ds.xlsx:tệp: error [nhap]" in result.stderr and "1 MiB" in result.stderr
    assert target.read_bytes() == before


def test_nhap_shows_a_sheet_name_with_hidden_characters_made_visible(repo):
    title = "Cá nhân\nĐã ghi x \u202eabc"
    sheet = people_sheet(person(1, "Lê Thị Hoa", sex="Không rõ"))
    (repo / "ds.xlsx").write_bytes(workbook({title: sheet}))
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 1
    assert "ds.xlsx:Cá nhân<U+000A>Đã ghi x <U+202E>abc!C5: error [nhap]" in result.stderr
    assert "\u202e" not in result.stderr and "\nĐã ghi x" not in result.stderr


def test_nhap_quotes_a_docx_heading_shortened_with_hidden_characters_visible(repo):
    heading = (
        "I. Công tác tổ chức và chỉ đạo triển khai các phong trào thi đua \u202e" + "x " * 5000
    )
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in (heading, "Đoạn văn ngay dưới tiêu đề mục I.")
    )
    (repo / "bc.docx").write_bytes(docx(body))
    result = run_cli("nhap", "bc.docx", "--ma", UNIT, cwd=repo)
    line = next(x for x in result.stderr.splitlines() if "văn bản ngay dưới tiêu đề" in x)
    assert "\u202e" not in line and "<U+202E>" in line and len(line) < 600


def _with_merge(raw: bytes, merge: bytes, part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """``raw`` with a <mergeCell> written as given after the first sheet's data."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                cells = b'<mergeCells count="1">' + merge + b"</mergeCells>"
                data = data.replace(b"</sheetData>", b"</sheetData>" + cells)
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "merge",
    [
        b"<mergeCell ref='A1:XFD100000'/>",
        b'<mergeCell ref="A1&#58;XFD100000"/>',
        b'<mergeCell ref = "A1:XFD100000"/>',
        b'<mergeCell ref="$A$1:$XFD$100000"/>',
        b'<mergeCell ref="a1:xfd100000"/>',
        b'<mergeCell ref="A:XFD"/>',
    ],
)
def test_nhap_refuses_a_huge_merged_range_however_its_xml_is_written(repo, merge):
    raw = workbook({"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))})
    (repo / "ds.xlsx").write_bytes(_with_merge(raw, merge))
    result = subprocess.run(
        [sys.executable, "-m", "vinhdanh", "nhap", "ds.xlsx", "--ma", UNIT],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 1
    assert "ds.xlsx:tệp: error [nhap]" in result.stderr and "ô gộp" in result.stderr


def test_nhap_builds_no_grid_for_the_empty_rows_above_a_far_away_cell(repo, calls):
    # openpyxl made 2 million cells of each such sheet: 14 s and 1.3 GB for three
    book_sheets = {"Cá nhân": people_sheet(person(1, "Lê Thị Hoa"))} | {
        f"T{n}": [] for n in range(3)
    }
    raw = io.BytesIO()
    book = openpyxl.load_workbook(io.BytesIO(workbook(book_sheets)))
    for n in range(3):
        book[f"T{n}"].cell(1_048_576, 100, "x")  # 4 KB on disk
    book.save(raw)
    built = calls(sheets, "grid")
    got = read_workbook(raw.getvalue(), "ds.xlsx", LAYOUT, PROJECT.vocabulary)
    assert max(sum(len(row) for row in grid) for grid in built.results) < 100
    assert [p["ho_ten"] for p in got.lists[PEOPLE]] == ["Lê Thị Hoa"]


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x05\x06" + b"\0" * 18])
def test_nhap_says_why_a_broken_workbook_is_refused_without_english(repo, content):
    (repo / "ds.xlsx").write_bytes(content)
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, cwd=repo)
    line = next(x for x in result.stderr.splitlines() if x.startswith("ds.xlsx:"))
    assert "Không đọc được tệp như một sổ Excel" in line
    assert not re.search(r"BadZipFile|KeyError|Error\b", line)


@pytest.mark.parametrize("name", ["khong-co.xlsx", "khong-doc-duoc.xlsx"])
def test_nhap_says_why_a_file_cannot_be_read_in_vietnamese(repo, name):
    if name == "khong-doc-duoc.xlsx":
        (repo / name).write_bytes(b"x")
        (repo / name).chmod(0)
        if os.access(repo / name, os.R_OK):
            pytest.skip("root reads every file")
    result = run_cli("nhap", name, "--ma", UNIT, cwd=repo)
    assert result.returncode == 2
    assert "No such file" not in result.stderr and "Permission" not in result.stderr
    assert "không có tệp này" in result.stderr or "không có quyền đọc" in result.stderr


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("nam: [2022, 2023, 2024]}]", "nam: 2022}]"),
        ("loai: [nhieu-nam-lien, cong-nhan-truc-tiep]", "loai: nhieu-nam-lien"),
    ],
)
def test_xuat_excel_writes_a_single_value_where_a_list_belongs(repo, written, shown):
    target = repo / "submissions" / f"{UNIT}.yaml"
    text = target.read_text(encoding="utf-8")
    assert written in text
    target.write_text(text.replace(written, shown, 1), encoding="utf-8")
    result = run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", "--ghi-de", cwd=repo)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(repo / "ds.xlsx")
    title = shown.startswith("nam")
    sheet = book["Danh hiệu" if title else "Cá nhân"]
    heads = ("Các năm đạt danh hiệu", "Diện điển hình")
    column = next(c.column for c in sheet[1] if str(c.value).removesuffix(REQUIRED_MARK) in heads)
    wanted = "2022" if title else "Nhiều năm liền đạt Chiến sĩ thi đua cơ sở, Lao động sáng tạo"
    assert str(sheet.cell(2, column).value) == wanted


@pytest.mark.parametrize("value", ["[nu]", "{a: 1}", "[[1]]"])
def test_xuat_excel_names_the_cell_of_a_value_of_the_wrong_shape(repo, value):
    target = repo / "submissions" / f"{UNIT}.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("gioi_tinh: nu\n", f"gioi_tinh: {value}\n", 1), "utf-8")
    result = run_cli("xuat-excel", UNIT, "-o", "ds.xlsx", cwd=repo)
    assert result.returncode == 1
    assert "Trang 'Cá nhân', ô C2" in result.stderr and "lỗi nội bộ" not in result.stderr


def test_nhap_never_splits_a_megabyte_cell_into_words_to_match_a_header(repo, calls):
    # the same 200 KB string in 320 cells, split for every column title: over a minute
    text = "Họ và tên " * 20_000  # one shared string: the file stays small
    raw = workbook({"Trang 1": [[text] * 20 for _ in range(16)]})
    split = calls(cells, "words")
    got = read_workbook(raw, "ds.xlsx", LAYOUT, PROJECT.vocabulary)
    assert max(len(str(args[0])) for args in split.args) <= cells.HEADER_LENGTH
    assert not any(got.lists.values())


def test_nhap_stops_reading_text_past_what_a_submission_can_hold(repo):
    rows = []
    for n in range(400):
        row = person(n + 1, f"Lê Thị Hoa {n}")
        row[-1] = "Thành tích " * 10_000  # 110,000 characters, stored once
        rows.append(row)
    (repo / "ds.xlsx").write_bytes(workbook({"Cá nhân": people_sheet(*rows)}))
    assert (repo / "ds.xlsx").stat().st_size < 100_000
    result = run_cli("nhap", "ds.xlsx", "--ma", UNIT, cwd=repo)
    assert result.returncode == 1 and "Sổ có quá nhiều chữ" in result.stderr
    assert len(result.stdout) < 4 * 1024 * 1024  # was the whole 44 MB


def test_nhap_of_a_partial_report_keeps_the_sections_it_does_not_hold(repo):
    target = repo / "submissions" / f"{UNIT}.yaml"
    before = load_text(target.read_text(encoding="utf-8"), "t")[0].data["bao_cao"]["noi_dung"]
    heading = "I. Công tác tổ chức và chỉ đạo triển khai các phong trào thi đua"
    body = "".join(
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        for text in (heading, "1. Thuận lợi", "Văn bản mới.")
    )
    (repo / "bc.docx").write_bytes(docx(body))
    result = run_cli("nhap", "bc.docx", "--ma", UNIT, "--ghi", cwd=repo)
    assert result.returncode == 0, result.stderr
    after = load_text(target.read_text(encoding="utf-8"), "t")[0].data["bao_cao"]["noi_dung"]
    before["to_chuc_chi_dao"]["thuan_loi"] = "Văn bản mới."
    assert after == before
