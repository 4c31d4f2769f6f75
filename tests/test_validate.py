"""Validation of whole projects: every file checked, nothing hidden, nothing crashes."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys

import pytest

from vinhdanh.check import validate as validate_module
from vinhdanh.check.findings import format_text
from vinhdanh.check.validate import validate
from vinhdanh.errors import UsageError
from vinhdanh.model import build_published
from vinhdanh.project import open_project

from .conftest import DATA, copy_repo
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
    lines = _lines_of(project_dir)
    assert any("[ky-tu-an]" in line and "<U+000A>" in line for line in lines)
    assert all("<U+000A>submissions/khac.yaml" in line for line in lines if "ky-tu-an" not in line)


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


# --- the layout of submissions/ (SPEC §9.2, issue 8 findings 3 and 4) ----------------------


def _layout(project_dir, *extra: str):
    """A project with one valid unit; returns (result, findings as (file, code) pairs)."""
    result = validate(open_project(project_dir))
    pairs = sorted((f.file.rsplit("submissions/", 1)[-1], f.code) for f in result.findings)
    return result, pairs


@pytest.fixture
def unit_dir(project_dir):
    write_submission(project_dir / "submissions", base_data())
    return project_dir


def test_a_link_to_itself_is_a_tep_ho_so_error_not_an_internal_error(unit_dir):
    link = unit_dir / "submissions" / "cap-tren-hop-le.yaml"
    link.symlink_to("cap-tren-hop-le.yaml")
    result, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.severity) == (1, 1, "error")
    assert "liên kết" in finding.message


def test_a_link_to_the_registry_neither_hides_nor_duplicates_anything(unit_dir):
    (unit_dir / "submissions" / "cap-tren-hop-le.yaml").symlink_to("../don-vi.yaml")
    result, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]
    assert [doc.data["don_vi"]["ma"] for doc in result.accepted] == ["cdcs-hop-le"]
    assert result.files_checked == 3


def test_a_link_to_a_siblings_file_leaves_the_sibling_published(unit_dir):
    (unit_dir / "submissions" / "cap-tren-hop-le.yaml").symlink_to("cdcs-hop-le.yaml")
    result, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]
    assert [doc.data["don_vi"]["ma"] for doc in result.accepted] == ["cdcs-hop-le"]


def test_a_link_outside_the_project_is_never_read(unit_dir, tmp_path):
    outside = tmp_path / "hostname"
    outside.write_text("ten: [bí mật\n", encoding="utf-8")  # would give a yaml error if read
    (unit_dir / "submissions" / "cap-tren-hop-le.yaml").symlink_to(outside)
    result, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]
    assert "bí mật" not in format_text(result.findings)


def test_a_folder_or_submodule_where_the_file_should_be_is_a_tep_ho_so_error(unit_dir):
    gitlink = unit_dir / "submissions" / "cap-tren-hop-le.yaml"
    gitlink.mkdir()
    (gitlink / ".git").write_text("gitdir: ../../.git/modules/x\n", encoding="utf-8")
    _, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]


def test_one_unit_in_three_files_is_counted_once(unit_dir):
    folder = unit_dir / "submissions"
    shutil.copy(folder / "cdcs-hop-le.yaml", folder / "cdcs-hop-le.yml")
    (folder / "cu").mkdir()
    shutil.copy(folder / "cdcs-hop-le.yaml", folder / "cu" / "cdcs-hop-le.yaml")
    result, pairs = _layout(unit_dir)
    assert pairs == [("cdcs-hop-le.yml", "tep-ho-so"), ("cu/cdcs-hop-le.yaml", "tep-ho-so")]
    assert [doc.file.rsplit("/", 2)[-2:] for doc in result.accepted] == [
        ["submissions", "cdcs-hop-le.yaml"]
    ]
    assert all("đã có tệp submissions/cdcs-hop-le.yaml" in f.message for f in result.findings)


def test_a_lone_yml_file_is_told_to_be_renamed(project_dir):
    write_submission(project_dir / "submissions", base_data())
    path = project_dir / "submissions" / "cdcs-hop-le.yaml"
    path.rename(path.with_suffix(".yml"))
    result, pairs = _layout(project_dir)
    assert pairs == [("cdcs-hop-le.yml", "tep-ho-so")]
    assert "Hãy đổi tên tệp thành cdcs-hop-le.yaml" in result.findings[0].message
    assert result.accepted == []


@pytest.mark.parametrize("name", ["ghi-chu.txt", "cdcs-hop-le.json", ".gitkeep", ".yaml"])
def test_any_other_file_in_submissions_is_a_tep_ho_so_error(unit_dir, name):
    (unit_dir / "submissions" / name).write_text("x\n", encoding="utf-8")
    _, pairs = _layout(unit_dir)
    assert pairs == [(name, "tep-ho-so")]


def test_a_fifo_is_refused_without_being_opened(unit_dir):
    os.mkfifo(unit_dir / "submissions" / "cap-tren-hop-le.yaml")
    _, pairs = _layout(unit_dir)
    assert pairs == [("cap-tren-hop-le.yaml", "tep-ho-so")]


def test_a_submissions_folder_that_is_a_link_is_not_followed(project_dir, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    write_submission(elsewhere, base_data())
    (project_dir / "submissions").rmdir()
    (project_dir / "submissions").symlink_to(elsewhere)
    result, pairs = _layout(project_dir)
    assert [code for _, code in pairs] == ["tep-ho-so"] and result.accepted == []


def test_a_link_named_on_the_command_line_is_not_followed(unit_dir):
    link = unit_dir / "submissions" / "cap-tren-hop-le.yaml"
    link.symlink_to("cdcs-hop-le.yaml")
    result = validate(open_project(unit_dir), [link])
    assert [f.code for f in result.findings] == ["tep-ho-so"] and result.accepted == []


def test_a_file_in_a_subfolder_named_on_the_command_line_is_refused(unit_dir):
    (unit_dir / "submissions" / "cu").mkdir()
    path = write_submission(unit_dir / "submissions" / "cu", base_data())
    result = validate(open_project(unit_dir), [path])
    assert [f.code for f in result.findings] == ["tep-ho-so"] and result.accepted == []


def test_a_file_name_cannot_forge_a_finding_line(unit_dir):
    (unit_dir / "submissions" / "x\n::error ::gia.yaml").write_text("a: 1\n", encoding="utf-8")
    result = validate(open_project(unit_dir))
    lines = format_text(result.findings).splitlines()
    assert len(lines) == len(result.findings) >= 1
    assert all("x<U+000A>::error ::gia.yaml" in f.file for f in result.findings)


def test_registry_name_is_what_accepted_data_carries(project_dir):
    data = base_data()
    del data["don_vi"]["cap_tren"]
    write_submission(project_dir / "submissions", data)
    result = validate(open_project(project_dir))
    (doc,) = result.accepted
    entry = result.registry["cdcs-hop-le"]
    assert doc.data["don_vi"]["ten"] == entry["ten"]
    assert doc.data["don_vi"]["cap_tren"] == entry["cap_tren"]


def test_links_and_folders_give_located_findings_in_the_cli_and_no_traceback_in_mkdocs(tmp_path):
    root = copy_repo(tmp_path / "p")
    folder = root / "submissions"
    (folder / "cdcs-det-nam-dinh.yaml").symlink_to("cdcs-det-nam-dinh.yaml")  # a loop
    (folder / "cdcs-dien-co-thong-nhat.yaml").symlink_to("../don-vi.yaml")
    (folder / "cd-tct-hoa-chat.yaml").symlink_to("/etc/hostname")
    (folder / "cdcs-soi-nam-dinh.yaml").symlink_to("cdcs-co-khi-ha-noi.yaml")
    (folder / "cdcs-giay-viet-tri.yaml").mkdir()  # what a gitlink checks out as
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    run = functools.partial(
        subprocess.run, cwd=root, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    checked = run([sys.executable, "-m", "vinhdanh", "validate", "--format", "json"])
    assert checked.returncode == 1, checked.stderr
    found = json.loads(checked.stdout)
    errors = [f for f in found if f["severity"] == "error"]
    assert sorted((f["file"], f["line"], f["column"], f["code"]) for f in errors) == [
        (f"submissions/{name}.yaml", 1, 1, "tep-ho-so")
        for name in sorted(
            [
                "cd-tct-hoa-chat",
                "cdcs-det-nam-dinh",
                "cdcs-dien-co-thong-nhat",
                "cdcs-giay-viet-tri",
                "cdcs-soi-nam-dinh",
            ]
        )
    ]
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict"])
    assert "Traceback" not in built.stderr + built.stdout
    assert "loi-noi-bo" not in built.stderr
    assert "[tep-ho-so]" in built.stderr


def test_naming_the_project_folder_keeps_the_layout_rules_for_submissions(unit_dir):
    (unit_dir / "submissions" / "cu").mkdir()
    write_submission(unit_dir / "submissions" / "cu", base_data())
    result = validate(open_project(unit_dir), [unit_dir / "submissions" / ".."])
    layout = [
        f.file.rsplit("submissions/", 1)[-1] for f in result.findings if f.code == "tep-ho-so"
    ]
    assert layout == ["cu/cdcs-hop-le.yaml"]
    assert "cdcs-hop-le" in [doc.data["don_vi"]["ma"] for doc in result.accepted]


def test_the_published_model_counts_a_unit_once_and_takes_its_parent_from_the_registry(
    tmp_path,
):
    root = copy_repo(tmp_path / "p")
    folder = root / "submissions"
    sample = folder / "cdcs-co-khi-ha-noi.yaml"
    shutil.copy(sample, folder / "cdcs-co-khi-ha-noi.yml")
    (folder / "cu").mkdir()
    shutil.copy(sample, folder / "cu" / "cdcs-co-khi-ha-noi.yaml")
    text = sample.read_text(encoding="utf-8")
    parent = next(line for line in text.splitlines() if line.startswith("  cap_tren: "))
    sample.write_text(text.replace(parent + "\n", ""), encoding="utf-8")
    result, built = build_published(open_project(root))
    units = [s.unit.id for s in built]
    assert len(units) == len(set(units)) == len(list(folder.glob("*.yaml")))
    (unit,) = [s.unit for s in built if s.unit.id == "cdcs-co-khi-ha-noi"]
    entry = result.registry["cdcs-co-khi-ha-noi"]
    assert (unit.name, unit.level, unit.parent) == (entry["ten"], entry["cap"], entry["cap_tren"])


def test_a_subfolder_thousands_deep_is_one_finding_not_a_recursion_error(unit_dir):
    folder = deep = unit_dir / "submissions"
    try:
        for _ in range(1100):  # deeper than Python's recursion limit (pathlib recurses too)
            deep = deep / "a"
            deep.mkdir()
        (deep / "cdcs-hop-le.yaml").write_text("a: 1\n", encoding="utf-8")
        result, pairs = _layout(unit_dir)
    finally:  # shutil.rmtree (and so pytest's clean-up) recurses: remove it level by level
        while deep != folder:
            for child in deep.iterdir():
                child.unlink()
            deep.rmdir()
            deep = deep.parent
    assert [code for _, code in pairs] == ["tep-ho-so"]
    assert "đã có tệp submissions/cdcs-hop-le.yaml" in result.findings[0].message


def test_a_subfolder_of_many_files_gets_a_bounded_answer(unit_dir):
    (unit_dir / "submissions" / "rac").mkdir()
    for number in range(150):
        (unit_dir / "submissions" / "rac" / f"{number}.yaml").write_text("a: 1\n")
    _, pairs = _layout(unit_dir)
    assert 100 < len(pairs) <= 101 and ("rac", "tep-ho-so") in pairs
