"""Privacy (SPEC §9.1): the repository is public, so a submission holds only what may be.

Per-person ``rieng_tu`` and ``dan_toc`` are retired with one ``du-lieu-nhay-cam``
finding each, whose value is never quoted anywhere; the unit's ``lien_he`` is
accepted but never published; the ethnic-minority share comes from one count.
"""

from __future__ import annotations

import json

import pytest

from vinhdanh.check.findings import CODES
from vinhdanh.check.validate import validate
from vinhdanh.model import build_published
from vinhdanh.project import open_project
from vinhdanh.scaffold import scaffold_for

from .conftest import DATA, REPO
from .test_cli import run

VALID = DATA / "valid" / "cdcs-hop-le.yaml"
ACHIEVEMENT = "      thanh_tich: Ba năm liền Chiến sĩ thi đua cơ sở.\n"
ID_NUMBER = "0123\u202e456"
SECRETS = ("0123", "456", "\u202e", "19999", "Tày")
HOSTILE = (
    ACHIEVEMENT
    + "      dan_toc: Tày\n"
    + f'      rieng_tu: {{so_cccd: "{ID_NUMBER}", nam_sinh: 19999}}\n'
)


def write(project_dir, edit, name="cdcs-hop-le"):
    text = VALID.read_text(encoding="utf-8")
    edited = edit(text)
    assert edited != text
    path = project_dir / "submissions" / f"{name}.yaml"
    path.write_text(edited, encoding="utf-8")
    return path


def hostile(project_dir):
    return write(project_dir, lambda t: t.replace(ACHIEVEMENT, HOSTILE))


def line_of(path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith(start))


def test_sensitive_data_code_is_in_the_catalogue():
    assert "du-lieu-nhay-cam" in CODES and "Nghị định 13/2023" in CODES["du-lieu-nhay-cam"]
    assert "so-lieu-khong-khop" in CODES


def test_schema_marks_exactly_the_retired_keys_and_rejects_them_on_its_own(repo_project):
    from vinhdanh.check.privacy import RETIRED
    from vinhdanh.check.schema import SchemaChecker
    from vinhdanh.check.schema_messages import RETIRED_MARK

    checker = SchemaChecker(repo_project.schemas, "submission")
    person = checker.schema["definitions"]["ca_nhan"]["properties"]
    marked = {key for key, sub in person.items() if RETIRED_MARK in checker.resolve(sub)}
    assert marked == set(RETIRED)
    assert all(checker.resolve(person[key]).get("not") == {} for key in marked)  # editors see it


def test_each_retired_key_gives_one_finding_at_the_key(project_dir):
    path = hostile(project_dir)
    result = validate(open_project(project_dir), [path])
    found = [(f.line, f.column, f.code, f.severity) for f in result.findings]
    assert found == [
        (line_of(path, "dan_toc:"), 7, "du-lieu-nhay-cam", "error"),
        (line_of(path, "rieng_tu:"), 7, "du-lieu-nhay-cam", "error"),
    ]
    assert result.accepted == []


def test_retired_field_messages_say_why_and_what_to_do(project_dir):
    path = hostile(project_dir)
    ethnicity, private = validate(open_project(project_dir), [path]).findings
    assert "Nghị định 13/2023/NĐ-CP" in ethnicity.message
    assert "so_dan_toc_thieu_so" in ethnicity.message and "xoá" in ethnicity.message
    assert "công khai" in private.message and "xoá" in private.message
    assert "lien_he" in private.message


@pytest.mark.parametrize("form", ["text", "github", "json"])
def test_retired_values_are_never_quoted_in_any_format(project_dir, form):
    path = hostile(project_dir)
    result = run("validate", str(path), "--format", form, cwd=project_dir)
    assert result.returncode == 1
    assert "du-lieu-nhay-cam" in result.stdout
    output = result.stdout + result.stderr
    assert [s for s in SECRETS if s in output] == []
    if form == "json":
        assert {f["code"] for f in json.loads(result.stdout)} == {"du-lieu-nhay-cam"}


def test_retired_block_of_any_shape_gives_one_finding_and_no_value(project_dir):
    shapes = (
        "      rieng_tu: 19999\n",
        "      rieng_tu: [0123456789, Tày]\n",
        "      rieng_tu: {ngay: 31/02/2025, gia_tri_lam_loi: 350.000, la: 19999}\n",
        "      dan_toc: [Tày, 19999]\n",
    )
    for shape in shapes:
        path = write(project_dir, lambda t, s=shape: t.replace(ACHIEVEMENT, ACHIEVEMENT + s))
        findings = validate(open_project(project_dir), [path]).findings
        assert [f.code for f in findings] == ["du-lieu-nhay-cam"], shape
        assert "19999" not in findings[0].message and "350" not in findings[0].message


def test_retired_key_anywhere_else_is_the_same_finding_not_a_schema_error(project_dir):
    member = "    - {ho_ten: Lê Văn Cường, chuc_vu: Bí thư Đảng ủy, thanh_phan: dang}\n"
    path = write(
        project_dir,
        lambda t: (
            t.replace(member, member[:-2] + ", dan_toc: Tày}\n")
            + "rieng_tu: {so_cccd: 19999, dan_toc: Tày}\n"
        ),
    )
    findings = validate(open_project(project_dir), [path]).findings
    assert [(f.code, f.line) for f in findings] == [
        ("du-lieu-nhay-cam", line_of(path, "- {ho_ten: Lê Văn Cường")),
        ("du-lieu-nhay-cam", line_of(path, "rieng_tu:")),
    ]
    assert not [f for f in findings if "19999" in f.message or "Tày" in f.message]


def test_schema_messages_never_quote_a_contact_value(project_dir):
    contact = (
        "lien_he:\n"
        "  ho_ten: Hoàng Thị Lan\n"
        "  dien_thoai: 912345678\n"
        '  email: "lan\u202e@example.vn"\n'
        "  chuc_vu: ''\n"
    )
    path = write(project_dir, lambda t: t + contact)
    findings = validate(open_project(project_dir), [path]).findings
    assert {(f.code, f.line) for f in findings} == {
        ("schema", line_of(path, "dien_thoai:")),
        ("ky-tu-an", line_of(path, "email:")),
        ("schema", line_of(path, "chuc_vu: ''")),
    }
    text = " ".join(f.message for f in findings)
    assert "912345678" not in text and "lan" not in text and "\u202e" not in text
    assert "lien_he.dien_thoai" in text and "ngoặc kép" in text


def test_public_values_may_be_quoted_contact_values_never(project_dir):
    path = write(project_dir, lambda t: t.replace("so_doan_vien: 250", "so_doan_vien: -19999"))
    findings = validate(open_project(project_dir), [path]).findings
    assert [f.code for f in findings] == ["schema"]
    assert "19999" in findings[0].message  # public fields may be quoted …
    path = write(project_dir, lambda t: t + "lien_he: {ho_ten: Lan, email: [19999], la: 1}\n")
    findings = validate(open_project(project_dir), [path]).findings
    assert findings and all("19999" not in f.message for f in findings)  # … contacts not


def test_empty_contact_field_says_so(project_dir):
    path = write(project_dir, lambda t: t + "lien_he:\n  ho_ten: Lan\n  email:\n")
    [finding] = validate(open_project(project_dir), [path]).findings
    assert finding.message == "'lien_he.email' đang để trống: hãy điền nội dung hoặc xoá dòng này."


def test_contact_and_minority_count_are_accepted(project_dir):
    path = write(
        project_dir,
        lambda t: (
            t.replace("  tap_the:\n", "  so_dan_toc_thieu_so: 2\n  tap_the:\n")
            + "lien_he: {ho_ten: Hoàng Thị Lan, chuc_vu: Cán bộ văn phòng, "
            "dien_thoai: '0243 8581 234', email: vanphong@example.vn}\n"
        ),
    )
    assert validate(open_project(project_dir), [path]).findings == []


def test_minority_count_above_the_individual_honorees_is_an_error(project_dir):
    path = write(
        project_dir, lambda t: t.replace("  tap_the:\n", "  so_dan_toc_thieu_so: 3\n  tap_the:\n")
    )
    [finding] = validate(open_project(project_dir), [path]).findings
    assert (finding.code, finding.severity) == ("so-lieu-khong-khop", "error")
    assert finding.line == line_of(path, "so_dan_toc_thieu_so:")
    assert "3" in finding.message and "2 cá nhân" in finding.message


def test_samples_hold_no_retired_field_and_give_contacts(repo_project):
    for path in (REPO / "submissions").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "rieng_tu" not in text and "      dan_toc:" not in text, path.name
        assert "\nlien_he:" in text, path.name


def test_exports_have_no_ethnicity_column():
    from vinhdanh.export import COLUMNS

    assert "dan_toc" not in {key for key, _ in COLUMNS}


def test_minority_share_of_honorees_comes_from_the_unit_counts(repo_project):
    from vinhdanh.website.figures import share, statistics

    result, submissions = build_published(repo_project)
    units = [doc.data["dien_hinh"] for doc in result.accepted]
    given = [unit for unit in units if "so_dan_toc_thieu_so" in unit]
    assert 0 < len(given) < len(result.accepted)  # the samples mix both cases
    expected = share(
        sum(g["so_dan_toc_thieu_so"] for g in given), sum(len(g["ca_nhan"]) for g in given)
    )
    rows = {label: row for label, *row in statistics(repo_project, submissions)["shares"]}
    assert rows["Người dân tộc thiểu số"][0] == expected
    assert rows["Người dân tộc thiểu số"][2] == "—"  # nobody's origin is recorded


def test_scaffold_offers_contact_and_count_commented_and_says_it_is_public(repo_project):
    text = scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam")
    assert "# lien_he: {ho_ten:" in text
    assert "# so_dan_toc_thieu_so: 0" in text
    assert "công khai" in text
    assert "rieng_tu" not in text and "dan_toc:" not in text


def test_job_summary_quotes_no_retired_value(tmp_path):
    from .gitrepo import Repo

    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a")
    repo.commit("khởi tạo")
    repo.branch("pr")
    repo.submission(
        "cdcs-a",
        lambda t: (
            t.replace(ACHIEVEMENT, HOSTILE)
            + "lien_he: {ho_ten: Hoàng Thị Lan, dien_thoai: 912345678}\n"
        ),
    )
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "du-lieu-nhay-cam" in result.stdout
    output = result.stdout + result.stderr
    assert [s for s in (*SECRETS, "912345678", "Hoàng Thị Lan") if s in output] == []


def test_pull_request_template_keeps_consent_and_asks_for_no_sensitive_data():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "- [ ] Các cá nhân đã đồng ý công bố tên và thành tích" in text
    assert "- [ ] Tệp không có dữ liệu nhạy cảm" in text and "rieng_tu" not in text


def test_guide_says_the_repository_is_public_and_what_not_to_write():
    guide = (REPO / "docs" / "huong-dan" / "index.md").read_text(encoding="utf-8")
    section = guide.split("### Tệp hồ sơ là công khai", 1)[1].split("\n### ", 1)[0]
    for words in ("công khai", "lien_he", "so_dan_toc_thieu_so", "Nghị định", "căn cước"):
        assert words in section


@pytest.mark.parametrize(
    "text",
    ["Liên hệ 0912 345 678.", "CCCD 001082012345", "thư lan.ht@example.vn", "+84912345678"],
)
def test_phone_id_or_email_in_an_honorees_text_is_a_warning_without_the_value(project_dir, text):
    achievement = ACHIEVEMENT.replace("cơ sở.", f"cơ sở. {text}")
    path = write(project_dir, lambda t: t.replace(ACHIEVEMENT, achievement))
    result = validate(open_project(project_dir), [path])
    [finding] = result.findings
    assert (finding.code, finding.severity) == ("du-lieu-nhay-cam", "warning")
    assert finding.line == line_of(path, "thanh_tich: Ba năm")
    shown = [word for word in text.split() if word.rstrip(".") in finding.message]
    assert not [word for word in shown if any(c.isdigit() or c == "@" for c in word)]
    assert len(result.accepted) == 1  # a hint for the reviewer, not a block


def test_figures_dates_and_decision_numbers_are_not_taken_for_phones(repo_project, project_dir):
    achievement = ACHIEVEMENT.replace(
        "cơ sở.",
        "cơ sở; làm lợi 1.200.000.000 đồng (12.000.000.000 cả tổ), QĐ 1234/QĐ-TLĐ "
        "ngày 05/03/2025, 2021, 2022, 2023.",
    )
    contact = 'lien_he: {ho_ten: Lan, dien_thoai: "0912345678", email: lan@example.vn}\n'
    path = write(project_dir, lambda t: t.replace(ACHIEVEMENT, achievement) + contact)
    assert validate(open_project(project_dir), [path]).findings == []
    samples = validate(repo_project).findings
    assert not [f for f in samples if f.code == "du-lieu-nhay-cam"]
