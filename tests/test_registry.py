"""The unit registry: unique ids, known parents, parents above their children."""

from __future__ import annotations

from vinhdanh.check.load import load_text
from vinhdanh.check.registry import check_registry, load_registry, registry_index
from vinhdanh.check.validate import validate
from vinhdanh.project import open_project

TOP = "- {ma: nganh-a, ten: Ngành, cap: nganh, nguoi_phu_trach: [], nguoi_duyet: []}\n"


def check(repo_project, text):
    doc, findings = load_text(TOP + text, "don-vi.yaml")
    assert findings == []
    return [(f.code, f.line) for f in check_registry(doc, repo_project.vocabulary)]


def unit(ma, cap, parent=None):
    parent_part = f", cap_tren: {parent}" if parent else ""
    return (
        f"- {{ma: {ma}, ten: X, cap: {cap}{parent_part}, nguoi_phu_trach: [], nguoi_duyet: []}}\n"
    )


def test_shipped_registry_is_consistent(repo_project):
    doc, _ = load_text(repo_project.registry_path.read_text(encoding="utf-8"), "don-vi.yaml")
    assert check_registry(doc, repo_project.vocabulary) == []


def test_grassroots_union_may_sit_directly_under_the_industry(repo_project):
    assert check(repo_project, unit("cdcs-a", "cdcs", "nganh-a")) == []


def test_duplicate_id_is_an_error(repo_project):
    assert check(repo_project, unit("nganh-a", "nganh")) == [("ma-don-vi", 2)]


def test_unknown_parent_is_an_error(repo_project):
    assert check(repo_project, unit("cdcs-a", "cdcs", "khong-co")) == [("ma-don-vi", 2)]


def test_parent_must_be_of_a_higher_level(repo_project):
    text = unit("cdcs-a", "cdcs", "nganh-a") + unit("cdcs-b", "cdcs", "cdcs-a")
    assert check(repo_project, text) == [("ma-don-vi", 3)]


def test_lower_level_without_parent_is_an_error(repo_project):
    assert check(repo_project, unit("cap-tren-a", "cap-tren")) == [("ma-don-vi", 2)]


def test_index_keeps_the_first_of_duplicate_ids():
    doc, _ = load_text(TOP + "- {ma: nganh-a, ten: Khác}\n", "don-vi.yaml")
    assert registry_index(doc.data)["nganh-a"]["ten"] == "Ngành"


def test_hidden_characters_in_the_registry_are_located_errors(project_dir):
    registry = project_dir / "don-vi.yaml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("ten: Công đoàn Ngành thử nghiệm", "ten: Công đoàn\u202e Ngành thử nghiệm")
    text = text.replace("{ma: cdcs-hop-le,", "{ma\u200b: x, ma: cdcs-hop-le,")
    registry.write_text(text, encoding="utf-8")
    findings, _ = load_registry(open_project(project_dir))
    hidden = [(f.line, f.column) for f in findings if f.code == "ky-tu-an"]
    assert hidden == [(2, 40), (4, 6)]


def test_a_registry_that_is_a_link_is_not_followed(project_dir, tmp_path):
    elsewhere = tmp_path / "don-vi-khac.yaml"
    (project_dir / "don-vi.yaml").rename(elsewhere)
    (project_dir / "don-vi.yaml").symlink_to(elsewhere)
    findings, registry = load_registry(open_project(project_dir))
    assert registry is None
    assert [(f.code, f.line) for f in findings] == [("yaml", 1)]
    assert "liên kết" in findings[0].message


# --- a unit id written with diacritics (issue 12, item 3) ---------------------------------


def unit_findings(repo_project, tmp_path, ma, file_stem):
    from .helpers import SAMPLE

    target = tmp_path / f"{file_stem}.yaml"
    target.write_text(SAMPLE.replace("  ma: cdcs-co-khi-ha-noi", f"  ma: {ma}", 1), "utf-8")
    return [(f.code, f.message) for f in validate(repo_project, [target]).findings]


def test_an_id_with_diacritics_is_compared_with_the_file_name_as_the_id_meant(
    repo_project, tmp_path
):
    found = unit_findings(repo_project, tmp_path, "cdcs-cơ-khí-hà-nội", "cdcs-co-khi-ha-noi")
    assert [code for code, _ in found] == ["schema"]
    assert "Hãy viết cdcs-co-khi-ha-noi" in found[0][1]


def test_a_file_name_suggested_for_an_id_with_diacritics_is_a_valid_one(repo_project, tmp_path):
    found = unit_findings(repo_project, tmp_path, "cdcs-nhựa-bình-minh", "cdcs-co-khi-ha-noi")
    messages = " ".join(message for code, message in found if code == "ma-don-vi")
    assert "submissions/cdcs-nhua-binh-minh.yaml" in messages
    assert "submissions/cdcs-nhựa" not in messages
    assert "'cdcs-nhua-binh-minh' chưa có trong sổ đăng ký" in messages


def test_a_file_named_with_diacritics_is_told_its_valid_name(repo_project, tmp_path):
    found = unit_findings(repo_project, tmp_path, "cdcs-nhựa-bình-minh", "cdcs-nhựa-bình-minh")
    (rename,) = [m for code, m in found if code == "ma-don-vi" and "đổi tên tệp" in m]
    assert "submissions/cdcs-nhua-binh-minh.yaml" in rename


def test_an_unregistered_id_is_not_offered_an_unrelated_unit(repo_project, tmp_path):
    found = unit_findings(repo_project, tmp_path, "cdcs-nhua-binh-minh", "cdcs-nhua-binh-minh")
    (message,) = [m for code, m in found if code == "ma-don-vi"]
    assert "Có phải ý bạn là" not in message


def test_an_unregistered_id_close_to_a_registered_one_is_offered_it(repo_project, tmp_path):
    found = unit_findings(repo_project, tmp_path, "cdcs-co-khi-hanoi", "cdcs-co-khi-hanoi")
    (message,) = [m for code, m in found if code == "ma-don-vi"]
    assert "Có phải ý bạn là 'cdcs-co-khi-ha-noi'?" in message
