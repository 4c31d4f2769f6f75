"""Validation of whole projects: every file checked, nothing hidden, nothing crashes."""

from __future__ import annotations

import shutil

import pytest

from vinhdanh import validate as validate_module
from vinhdanh.errors import UsageError
from vinhdanh.findings import format_text
from vinhdanh.project import open_project
from vinhdanh.validate import validate

from .conftest import DATA
from .helpers import base_data, write_submission


def test_shipped_samples_have_no_errors(repo_project):
    result = validate(repo_project)
    assert not result.has_errors, [f for f in result.findings if f.is_error]
    assert result.files_checked >= 7


def test_shipped_samples_cover_all_three_levels_and_are_all_accepted(repo_project):
    result = validate(repo_project)
    levels = {doc.data["don_vi"]["cap"] for doc in result.accepted}
    assert levels == set(repo_project.vocabulary["cap"])
    assert len(result.accepted) == len(list(repo_project.submissions_dir.glob("*.yaml")))


def test_shipped_samples_have_the_size_the_issue_asks_for(repo_project):
    for doc in validate(repo_project).accepted:
        honorees = doc.data["dien_hinh"]
        assert 5 <= len(honorees["ca_nhan"]) <= 20, doc.file
        assert 2 <= len(honorees["tap_the"]) <= 5, doc.file


def test_one_bad_file_does_not_hide_another_files_findings(test_project):
    files = [
        DATA / "invalid" / "yaml-cu-phap.yaml",
        DATA / "invalid" / "tien-le.yaml",
        DATA / "invalid" / "thoi-luong.yaml",
    ]
    result = validate(test_project, files)
    by_file = {(f.file.rsplit("/", 1)[-1], f.code) for f in result.findings}
    assert {
        ("yaml-cu-phap.yaml", "yaml"),
        ("tien-le.yaml", "tien-le"),
        ("thoi-luong.yaml", "thoi-luong"),
    } <= by_file
    assert result.files_checked == 3


def test_file_with_errors_is_not_accepted_but_one_with_warnings_is(test_project):
    files = [DATA / "invalid" / "tien-le.yaml", DATA / "invalid" / "thoi-luong.yaml"]
    result = validate(test_project, files)
    assert [doc.data["don_vi"]["ma"] for doc in result.accepted] == ["thoi-luong"]


def test_internal_error_becomes_a_finding_for_that_file_only(test_project, monkeypatch):
    def explode(doc, ctx):
        if doc.data["don_vi"]["ma"] == "thoi-luong":
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(validate_module, "check_plan", explode)
    files = [DATA / "invalid" / "thoi-luong.yaml", DATA / "valid" / "cdcs-hop-le.yaml"]
    result = validate(test_project, files)
    assert [(f.code, f.severity) for f in result.findings] == [("loi-noi-bo", "error")]
    assert [doc.data["don_vi"]["ma"] for doc in result.accepted] == ["cdcs-hop-le"]


def test_missing_path_is_a_usage_error(test_project, tmp_path):
    with pytest.raises(UsageError):
        validate(test_project, [tmp_path / "khong-co.yaml"])


def test_default_run_checks_the_registry_and_every_submission(project_dir):
    write_submission(project_dir / "submissions", base_data())
    shutil.copy(DATA / "invalid" / "thoi-luong.yaml", project_dir / "submissions")
    result = validate(open_project(project_dir))
    assert result.files_checked == 3
    # the two files share their honorees, hence the cross-file warnings
    assert sorted(f.code for f in result.findings) == ["thoi-luong", "trung-lap", "trung-lap"]


def test_broken_registry_is_reported_even_when_only_a_submission_is_named(project_dir):
    (project_dir / "don-vi.yaml").write_text("- ma: a\n  ma: b\n", encoding="utf-8")
    path = write_submission(project_dir / "submissions", base_data())
    result = validate(open_project(project_dir), [path])
    assert [(f.file.endswith("don-vi.yaml"), f.code) for f in result.findings] == [(True, "yaml")]


def test_registry_warnings_about_the_unit_are_skipped_when_registry_is_broken(project_dir):
    (project_dir / "don-vi.yaml").write_text("[]\n", encoding="utf-8")
    path = write_submission(project_dir / "submissions", base_data())
    result = validate(open_project(project_dir), [path])
    assert [f.code for f in result.findings] == ["ma-don-vi"]


def test_same_person_in_two_units_is_only_a_warning(project_dir):
    first = base_data()
    second = base_data()
    second["don_vi"]["ma"] = "cap-tren-hop-le"
    second["don_vi"].update(cap="cap-tren", cap_tren="nganh-thu-nghiem")
    second["dien_hinh"]["ca_nhan"] = second["dien_hinh"]["ca_nhan"][:1]
    folder = project_dir / "submissions"
    write_submission(folder, first)
    write_submission(folder, second)
    result = validate(open_project(project_dir))
    assert [(f.code, f.severity) for f in result.findings] == [("trung-lap", "warning")]
    assert len(result.accepted) == 2


def test_findings_are_sorted_by_file_and_position(test_project):
    result = validate(test_project, [DATA / "invalid"])
    keys = [(f.file, f.line, f.column) for f in result.findings]
    assert keys == sorted(keys)


def test_project_without_a_submissions_folder_checks_the_registry_only(project_dir):
    (project_dir / "submissions").rmdir()
    result = validate(open_project(project_dir))
    assert (result.files_checked, result.findings) == (1, [])


FORGED = "\nsubmissions/khac.yaml:1:1: error [yaml] giả mạo"


def _lines_of(project_dir):
    findings = validate(open_project(project_dir)).findings
    lines = format_text(findings).splitlines()
    assert findings and len(lines) == len(findings)
    assert all(not line.startswith("submissions/khac.yaml") for line in lines)
    return lines


def test_a_key_cannot_forge_an_extra_finding_line(project_dir):
    data = base_data()
    data["don_vi"]["x" + FORGED] = 1
    write_submission(project_dir / "submissions", data)
    assert all("<U+000A>submissions/khac.yaml" in line for line in _lines_of(project_dir))


def test_a_name_cannot_forge_an_extra_finding_line(project_dir):
    first, second = base_data(), base_data()
    for data in (first, second):
        data["dien_hinh"]["ca_nhan"][0]["ho_ten"] = "An" + FORGED
    second["don_vi"].update(ma="cap-tren-hop-le", cap="cap-tren", cap_tren="nganh-thu-nghiem")
    write_submission(project_dir / "submissions", first)
    write_submission(project_dir / "submissions", second)
    lines = _lines_of(project_dir)
    assert any("An<U+000A>submissions/khac.yaml" in line for line in lines)


def test_a_file_named_twice_is_checked_once(test_project):
    path = DATA / "invalid" / "thoi-luong.yaml"
    result = validate(test_project, [path, path, path.parent / ".." / "invalid" / path.name])
    assert result.files_checked == 1
    assert [f.code for f in result.findings] == ["thoi-luong"]
