"""The scaffold of `vinhdanh new`: loadable, prefilled, complete, honest about what is missing."""

from __future__ import annotations

import re

import pytest

from vinhdanh.check.load import load_text
from vinhdanh.check.validate import validate
from vinhdanh.errors import UsageError
from vinhdanh.scaffold import scaffold_for, yaml_scalar
from vinhdanh.website.publish import write_new_file


@pytest.fixture(scope="module")
def text(repo_project):
    return scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam")


def test_scaffold_is_yaml_our_loader_accepts(text):
    doc, findings = load_text(text, "s.yaml")
    assert findings == []
    assert doc is not None


def test_scaffold_is_prefilled_from_the_registry(text):
    doc, _ = load_text(text, "s.yaml")
    assert doc.data["don_vi"] == {
        "ma": "cdcs-pin-ac-quy-mien-nam",
        "ten": "Công đoàn cơ sở Công ty Pin Ắc quy Miền Nam",
        "cap": "cdcs",
        "cap_tren": "cd-tap-doan-hoa-chat",
        "so_doan_vien": None,
    }


def test_scaffold_agenda_and_duration_come_from_the_plan(text, repo_project):
    doc, _ = load_text(text, "s.yaml")
    assert doc.data["hoi_nghi"]["chuong_trinh"] == list(repo_project.plan.agenda)
    assert doc.data["hoi_nghi"]["thoi_luong"] == repo_project.plan.duration


def test_scaffold_lists_every_code_a_user_must_choose_with_its_label(text, repo_project):
    for vocabulary in ("hinh_thuc_hoi_nghi", "thanh_phan", "gioi_tinh", "hinh_thuc_khen_thuong"):
        for code, label in repo_project.vocabulary[vocabulary].items():
            assert f"#   {code}: {label}" in text


def test_scaffold_has_a_schema_modeline_and_no_trailing_spaces(text):
    assert text.startswith("# yaml-language-server: $schema=../schemas/submission.schema.json\n")
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_fresh_scaffold_lacks_only_content(repo_project, tmp_path):
    path = tmp_path / "cdcs-pin-ac-quy-mien-nam.yaml"
    path.write_text(scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam"), encoding="utf-8")
    result = validate(repo_project, [path])
    codes = {f.code for f in result.findings}
    assert codes == {"schema"}
    assert not any("không có trong mẫu" in f.message for f in result.findings)
    assert not any(f.message.startswith("Thiếu trường") for f in result.findings)


def test_unregistered_unit_is_refused(repo_project):
    with pytest.raises(UsageError, match=r"chưa có trong don-vi\.yaml"):
        scaffold_for(repo_project, "khong-ton-tai")


def test_write_new_file_never_replaces_an_existing_file(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("của người dùng\n", encoding="utf-8")
    with pytest.raises(UsageError):
        write_new_file(target, "mới\n")
    assert target.read_text(encoding="utf-8") == "của người dùng\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


@pytest.mark.parametrize("value", ["Công đoàn Công ty A", "yes", "0123", "a: b", "#x", 42, True])
def test_scalars_are_written_so_they_read_back_the_same(value):
    doc, _ = load_text(f"v: {yaml_scalar(value)}\n", "t.yaml")
    assert doc.data["v"] == value


def test_commented_examples_of_optional_fields_are_valid_yaml(text):
    examples = re.findall(r"^\s*# ([a-z_]+: [\[{].*)$|^\s*#   (- \{.*\})$", text, re.MULTILINE)
    assert len(examples) >= 8
    for mapping, item in examples:
        doc, findings = load_text(mapping or f"x:\n  {item}\n", "t.yaml")
        assert doc is not None
        assert findings == [], mapping or item


def test_an_upper_unit_is_shown_how_to_refer_to_a_unit_below(repo_project):
    from vinhdanh.scaffold import scaffold_for

    text = scaffold_for(repo_project, "cd-tap-doan-hoa-chat")
    assert "    # - tu: cdcs-phan-bon-bac-son/<mã điển hình trong hồ sơ đó>" in text.splitlines()


def test_a_unit_with_nobody_below_is_not_shown_references(repo_project):
    from vinhdanh.scaffold import scaffold_for

    assert "# - tu:" not in scaffold_for(repo_project, "cdcs-soi-nam-dinh")
