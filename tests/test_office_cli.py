"""``vinhdanh bao-cao`` and ``vinhdanh danh-sach`` as a user runs them: real processes,
files written (or not), exit codes and Vietnamese messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import REPO, make_project_dir
from .helpers import run_cli
from .office import UNIT, golden_path, text_dump

REPORT = f"{UNIT}-bao-cao.docx"
LISTS = [f"{UNIT}-danh-sach-dai-bieu.docx", f"{UNIT}-danh-sach-dien-hinh.docx"]


def project_with_samples(target: Path) -> Path:
    root = make_project_dir(target, REPO / "don-vi.yaml")
    for path in (REPO / "submissions").glob("*.yaml"):
        shutil.copy(path, root / "submissions" / path.name)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return project_with_samples(tmp_path_factory.mktemp("cli") / "p")


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_bao_cao_writes_the_report_and_exits_zero(project, tmp_path):
    result = run_cli("bao-cao", UNIT, "-o", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert files(tmp_path / "out") == [REPORT]
    written = (tmp_path / "out" / REPORT).read_bytes()
    assert text_dump(written) == golden_path("bao-cao").read_text(encoding="utf-8")
    assert result.stdout.startswith("Đã ghi ") and REPORT in result.stdout


def test_danh_sach_writes_the_two_lists_and_exits_zero(project, tmp_path):
    result = run_cli("danh-sach", UNIT, "-o", str(tmp_path), cwd=project)
    assert result.returncode == 0, result.stderr
    assert files(tmp_path) == LISTS
    for name, kind in zip(LISTS, ("danh-sach-dai-bieu", "danh-sach-dien-hinh"), strict=True):
        assert text_dump((tmp_path / name).read_bytes()) == golden_path(kind).read_text("utf-8")


def test_a_submission_with_an_error_writes_nothing_and_exits_one(tmp_path):
    root = project_with_samples(tmp_path / "p")
    source = root / "submissions" / f"{UNIT}.yaml"
    text = source.read_text(encoding="utf-8")
    assert "\n  dia_danh: Hà Nội\n" in text
    source.write_text(text.replace("\n  dia_danh: Hà Nội\n", "\n"), "utf-8")
    result = run_cli("bao-cao", UNIT, "-o", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 1
    assert "error [schema] Thiếu trường bắt buộc 'dia_danh'" in result.stdout
    assert "còn lỗi nên chưa tạo văn bản" in result.stderr
    assert files(tmp_path / "out") == []


def test_an_unknown_unit_exits_two_with_a_vietnamese_message(project, tmp_path):
    result = run_cli("bao-cao", "khong-co-don-vi-nay", "-o", str(tmp_path), cwd=project)
    assert result.returncode == 2
    assert "Chưa có hồ sơ" in result.stderr and "khong-co-don-vi-nay" in result.stderr
    assert "Traceback" not in result.stderr
    assert files(tmp_path) == []


def test_an_edited_document_is_not_overwritten(project, tmp_path):
    assert run_cli("bao-cao", UNIT, "-o", str(tmp_path), cwd=project).returncode == 0
    edited = tmp_path / REPORT
    edited.write_bytes(edited.read_bytes() + b"edited in Word")
    before = edited.read_bytes()
    result = run_cli("bao-cao", UNIT, "-o", str(tmp_path), cwd=project)
    assert result.returncode == 2
    assert "vinhdanh không ghi đè" in result.stderr and "--ghi-de" in result.stderr
    assert edited.read_bytes() == before


def test_ghi_de_replaces_an_edited_document(project, tmp_path):
    assert run_cli("bao-cao", UNIT, "-o", str(tmp_path), cwd=project).returncode == 0
    edited = tmp_path / REPORT
    fresh = edited.read_bytes()
    edited.write_bytes(b"edited")
    result = run_cli("bao-cao", UNIT, "-o", str(tmp_path), "--ghi-de", cwd=project)
    assert result.returncode == 0, result.stderr
    assert edited.read_bytes() == fresh


def test_running_twice_with_the_same_data_writes_the_same_bytes(project, tmp_path):
    assert run_cli("danh-sach", UNIT, "-o", str(tmp_path), cwd=project).returncode == 0
    first = {name: (tmp_path / name).read_bytes() for name in LISTS}
    again = run_cli("danh-sach", UNIT, "-o", str(tmp_path), cwd=project)
    assert again.returncode == 0, again.stderr
    assert {name: (tmp_path / name).read_bytes() for name in LISTS} == first


def test_pdf_without_libreoffice_writes_the_docx_and_says_how_to_install(project, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run_cli(
        "bao-cao", UNIT, "-o", str(tmp_path / "out"), "--pdf", cwd=project, path=str(empty)
    )
    assert result.returncode == 1
    assert files(tmp_path / "out") == [REPORT]
    assert "Chưa tạo được bản PDF" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr


def test_an_output_path_that_is_a_file_is_refused_with_a_message(project, tmp_path):
    """Regression: ``-o`` naming a file ended in "lỗi nội bộ (FileExistsError …)"."""
    target = tmp_path / "ghi-chu.txt"
    target.write_text("của người dùng", encoding="utf-8")
    result = run_cli("bao-cao", UNIT, "-o", str(target), cwd=project)
    assert result.returncode == 2
    assert "lỗi nội bộ" not in result.stderr
    assert "không phải là thư mục" in result.stderr and "ghi-chu.txt" in result.stderr
    assert target.read_text(encoding="utf-8") == "của người dùng"


def test_an_output_folder_that_cannot_be_made_is_refused_with_a_message(project, tmp_path):
    """Regression: a folder that cannot be created ended in "lỗi nội bộ (NotADirectoryError …)"."""
    (tmp_path / "tep").write_text("", encoding="utf-8")
    result = run_cli("danh-sach", UNIT, "-o", str(tmp_path / "tep" / "con"), cwd=project)
    assert result.returncode == 2
    assert "lỗi nội bộ" not in result.stderr
    assert "Không ghi được" in result.stderr and "-o" in result.stderr


def test_a_new_folder_with_spaces_and_vietnamese_letters_is_made(project, tmp_path):
    folder = tmp_path / "thư mục mới" / "báo cáo"
    result = run_cli("bao-cao", UNIT, "-o", str(folder), cwd=project)
    assert result.returncode == 0, result.stderr
    assert files(folder) == [REPORT]


@pytest.mark.parametrize("given", [f"../submissions/{UNIT}", f"submissions/{UNIT}.yaml"])
def test_a_path_given_for_the_unit_id_is_refused_naming_the_id(project, tmp_path, given):
    """Regression: "../submissions/<ma>" was read, and its report written outside -o
    (the unit id became part of the file's path)."""
    result = run_cli("bao-cao", given, "-o", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 2
    assert "không phải mã đơn vị" in result.stderr and UNIT in result.stderr
    assert list(tmp_path.rglob("*.docx")) == []


def test_a_second_run_says_which_documents_it_left_unchanged(project, tmp_path):
    """Regression: a run that changed nothing said "Đã ghi" for every document."""
    assert run_cli("bao-cao", UNIT, "-o", str(tmp_path), cwd=project).returncode == 0
    again = run_cli("bao-cao", UNIT, "-o", str(tmp_path), cwd=project)
    assert again.returncode == 0, again.stderr
    assert "Đã ghi" not in again.stdout
    assert "Giữ nguyên" in again.stdout and REPORT in again.stdout
