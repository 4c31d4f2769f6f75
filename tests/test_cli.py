"""The command line as a user meets it: real processes, exit codes, output formats."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import DATA, REPO
from .helpers import run_cli


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd)


def test_validate_samples_exits_zero_with_a_vietnamese_summary():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("Đã kiểm tra ")
    assert "0 lỗi" in result.stdout


def test_validate_with_an_error_exits_one(project_dir):
    result = run("validate", str(DATA / "invalid" / "tien-le.yaml"), cwd=project_dir)
    assert result.returncode == 1
    assert "error [tien-le]" in result.stdout


def test_warnings_alone_exit_zero(project_dir):
    result = run("validate", str(DATA / "invalid" / "thoi-luong.yaml"), cwd=project_dir)
    assert result.returncode == 0
    assert "warning [thoi-luong]" in result.stdout


def test_text_format_is_file_line_column_severity_code_message(project_dir):
    target = DATA / "invalid" / "thoi-luong.yaml"
    first = run("validate", str(target), cwd=project_dir).stdout.splitlines()[0]
    assert first.startswith(f"{os.path.relpath(target, project_dir)}:32:15: warning [thoi-luong] ")


def test_json_format_is_an_array_of_findings(project_dir):
    result = run(
        "validate", "--format", "json", str(DATA / "invalid" / "ngay.yaml"), cwd=project_dir
    )
    findings = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [
        ("ngay", "error", 13),
        ("ngay", "error", 31),
    ]
    assert set(findings[0]) == {"file", "line", "column", "code", "severity", "message"}


def test_github_format_writes_one_annotation_per_finding(project_dir):
    result = run(
        "validate", "--format", "github", str(DATA / "invalid" / "ngay.yaml"), cwd=project_dir
    )
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=")
    assert ",line=13,col=9,title=[ngay]::" in lines[0]


def test_unknown_option_is_a_usage_error_with_exit_two():
    result = run("validate", "--format", "xml")
    assert result.returncode == 2
    assert "lỗi cách gọi lệnh" in result.stderr


def test_missing_path_exits_two_without_traceback():
    result = run("validate", "khong-co.yaml")
    assert result.returncode == 2
    assert "Không tìm thấy" in result.stderr
    assert "Traceback" not in result.stderr


def test_outside_a_project_exits_two_with_a_hint(tmp_path):
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2
    assert "ke-hoach.yaml" in result.stderr


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "invalid").glob("yaml-*.yaml")))
def test_hostile_yaml_never_shows_a_traceback(project_dir, name):
    result = run("validate", str(DATA / "invalid" / name), cwd=project_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "[yaml]" in result.stdout


def test_new_writes_a_scaffold_and_refuses_to_overwrite(project_dir):
    first = run("new", "cdcs-hop-le", cwd=project_dir)
    assert first.returncode == 0, first.stderr
    target = project_dir / "submissions" / "cdcs-hop-le.yaml"
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "# sửa tay\n", encoding="utf-8")
    second = run("new", "cdcs-hop-le", cwd=project_dir)
    assert second.returncode == 2
    assert "không ghi đè" in second.stderr
    assert target.read_text(encoding="utf-8").endswith("# sửa tay\n")


def test_new_for_an_unregistered_unit_suggests_the_closest_id(project_dir):
    result = run("new", "cdcs-hop", cwd=project_dir)
    assert result.returncode == 2
    assert "cdcs-hop-le" in result.stderr
    assert not list((project_dir / "submissions").iterdir())


def test_project_option_points_at_a_project_from_elsewhere(project_dir, tmp_path):
    result = run("--project", str(project_dir), "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Đã kiểm tra 1 tệp" in result.stdout


ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program")


@pytest.mark.parametrize("args", [("--help",), ("validate", "--help"), ("bao-cao", "--help")])
def test_help_is_vietnamese(args):
    result = run(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("Cách dùng: vinhdanh")
    assert [w for w in ARGPARSE_ENGLISH if w in result.stdout] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("bao-cao",), "thiếu tham số bắt buộc: MÃ_ĐƠN_VỊ"),
        (("validate", "--format", "xml"), "lựa chọn 'xml' không có; hãy chọn một trong:"),
        (("validate", "--khong-co"), "có tham số lạ: --khong-co"),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(args, said):
    result = run(*args)
    assert result.returncode == 2
    assert said in result.stderr
    assert [
        w for w in (*ARGPARSE_ENGLISH, "required", "invalid choice") if w in result.stderr
    ] == []
