"""Schema violations come back in Vietnamese, at the right line, saying how to fix them."""

from __future__ import annotations

import pytest

from vinhdanh.check.load import load_text
from vinhdanh.check.schema import MAX_FINDINGS, SchemaChecker
from vinhdanh.check.schema_messages import show_path, suggest
from vinhdanh.check.validate import validate
from vinhdanh.project import open_project
from vinhdanh.values import show_value


@pytest.fixture(scope="module")
def checker(repo_project):
    return SchemaChecker(repo_project.schemas, "submission")


@pytest.fixture(scope="module")
def registry_checker(repo_project):
    return SchemaChecker(repo_project.schemas, "registry")


def check(checker, text):
    doc, findings = load_text(text, "t.yaml")
    assert findings == [], findings
    return checker.check(doc)


def test_valid_sample_has_no_schema_finding(checker, repo_project):
    doc, _ = load_text((repo_project.root / "submissions" / "cdctvn.yaml").read_text(), "x")
    assert checker.check(doc) == []


def test_unknown_key_suggests_the_closest_valid_key(registry_checker):
    text = "- ma: cdcs-a\n  ten: A\n  capp: cdcs\n  nguoi_phu_trach: []\n  nguoi_duyet: []\n"
    findings = check(registry_checker, text)
    unknown = [f for f in findings if "capp" in f.message]
    assert len(unknown) == 1
    assert unknown[0].line == 3
    assert "Có phải ý bạn là 'cap'?" in unknown[0].message


def test_missing_field_is_reported_at_its_parent_with_the_field_title(registry_checker):
    findings = check(
        registry_checker, "- ma: cdcs-a\n  cap: cdcs\n  nguoi_phu_trach: []\n  nguoi_duyet: []\n"
    )
    assert [(f.line, f.code) for f in findings] == [(1, "schema")]
    assert "'ten' (Tên đơn vị)" in findings[0].message


def test_enum_error_lists_codes_with_labels_and_suggests_without_diacritics(registry_checker):
    findings = check(
        registry_checker,
        "- {ma: cdcs-a, ten: A, cap: cđcs, nguoi_phu_trach: [], nguoi_duyet: []}\n",
    )
    assert len(findings) == 1
    assert "Có phải ý bạn là 'cdcs'?" in findings[0].message
    assert "cap-tren (Công đoàn cấp trên trực tiếp cơ sở)" in findings[0].message


def test_money_float_is_left_to_the_money_rule(checker, repo_project):
    text = (repo_project.root / "submissions" / "cdcs-co-khi-ha-noi.yaml").read_text()
    doc, _ = load_text(text.replace("gia_tri_lam_loi: 350000000", "gia_tri_lam_loi: 350.000"), "x")
    assert checker.check(doc) == []


def test_money_string_with_commas_gets_the_format_hint(checker, repo_project):
    text = (repo_project.root / "submissions" / "cdcs-co-khi-ha-noi.yaml").read_text()
    text = text.replace("gia_tri_lam_loi: 350000000", 'gia_tri_lam_loi: "350,000,000"')
    doc, _ = load_text(text, "x")
    findings = checker.check(doc)
    assert len(findings) == 1
    assert '"350.000.000"' in findings[0].message


def test_list_where_a_mapping_belongs_names_both_shapes(registry_checker):
    findings = check(registry_checker, "ma: cdcs-a\n")
    assert len(findings) == 1
    assert "danh sách" in findings[0].message and "nhóm trường" in findings[0].message


def test_empty_document_is_explained_as_an_empty_file(checker):
    doc, _ = load_text("", "t.yaml")
    [finding] = checker.check(doc)
    assert "Tệp rỗng" in finding.message


def test_paths_are_shown_with_one_based_indices():
    assert show_path(("dien_hinh", "ca_nhan", 0, "ho_ten")) == "dien_hinh.ca_nhan[1].ho_ten"
    assert show_path(()) == "tệp"


def test_hidden_characters_are_made_visible_in_messages():
    assert show_value("A\u202eB") == "A<U+202E>B"


def test_suggestion_ignores_diacritics_and_case():
    assert suggest("Hội-nghị-toàn-thể", ["hoi-nghi-toan-the", "gap-mat-giao-luu"]).endswith(
        "'hoi-nghi-toan-the'?"
    )
    assert suggest("zzz", ["hoi-nghi-toan-the"]) == ""


def test_other_award_form_requires_a_description_and_says_why(checker, repo_project):
    text = (repo_project.root / "submissions" / "cdcs-phan-bon-bac-son.yaml").read_text()
    text = text.replace("mo_ta: Giấy khen của Tập đoàn Hoá chất Phương Nam, ", "")
    doc, _ = load_text(text, "x")
    [finding] = checker.check(doc)
    assert "Thiếu trường bắt buộc 'mo_ta'" in finding.message
    assert "khac" in finding.message


def test_a_flood_of_schema_errors_is_cut_at_a_hundred_and_says_so(project_dir):
    path = project_dir / "submissions" / "cdcs-hop-le.yaml"
    path.write_text("phien_ban: 1\ndien_hinh:\n  ca_nhan:\n" + "    - {}\n" * 100_000, "utf-8")
    findings = validate(open_project(project_dir), [path]).findings
    schema = [f for f in findings if f.code == "schema"]
    assert len(schema) == MAX_FINDINGS + 1
    assert "chỉ 100 lỗi đầu được liệt kê" in schema[-1].message
