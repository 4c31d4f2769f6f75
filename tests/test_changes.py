"""The reviewer's summary: honour-roll changes between real commits, escaped, private-free."""

from __future__ import annotations

import os

import pytest

from vinhdanh.check.findings import Finding
from vinhdanh.git.changes import (
    FileReport,
    HonoreeChange,
    field_titles,
    honour_roll_changes,
    pr_reports,
    summary_markdown,
)
from vinhdanh.project import open_project

from .conftest import REPO
from .gitrepo import Repo
from .test_cli import run

PERSON = """\
    - ma: {ma}
      ho_ten: {name}
      gioi_tinh: nam
      chuc_vu: Thợ hàn
      noi_cong_tac: Phân xưởng Hàn
      truc_tiep_san_xuat: true
      lanh_dao_quan_ly: false
      thanh_tich: Hai năm liền Lao động tiên tiến.
"""


def add_person(ma: str, name: str):
    return lambda text: text.replace(
        "  tap_the:\n", PERSON.format(ma=ma, name=name) + "  tap_the:\n"
    )


KEEP = add_person("le-van-cu", "Lê Văn Cũ")  # the honoree main already has


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a", KEEP)
    repo.commit("khởi tạo")
    repo.branch("pr")
    return repo


def changes(repo: Repo):
    [report] = pr_reports(open_project(repo.root), "main", "pr")
    return {(c.change, c.kind, c.id, c.fields) for c in report.changes}, report


def test_added_removed_and_changed_honorees_are_listed(repo):
    def edit(text):  # le-van-cu is not re-added: removed
        text = add_person("pham-van-moi", "Phạm Văn Mới")(text)
        return text.replace("Năm năm liền Lao động tiên tiến.", "Sáu năm liền Lao động tiên tiến.")

    repo.submission("cdcs-a", edit)
    repo.commit()
    found, _ = changes(repo)
    assert found == {
        ("added", "ca_nhan", "pham-van-moi", ()),
        ("removed", "ca_nhan", "le-van-cu", ()),
        ("changed", "ca_nhan", "tran-thi-binh", ("thanh_tich",)),
    }


def test_a_change_to_private_fields_only_is_not_a_change(repo):
    repo.submission(
        "cdcs-a",
        lambda t: KEEP(t).replace(
            "      thanh_tich: Hai năm liền Lao động tiên tiến.\n",
            "      thanh_tich: Hai năm liền Lao động tiên tiến.\n"
            "      rieng_tu: {dien_thoai: '0900000001'}\n",
        ),
    )
    repo.commit()
    found, report = changes(repo)
    assert found == set()
    assert "0900000001" not in summary_markdown([report])


def test_findings_of_the_head_version_are_reported(repo):
    repo.submission(
        "cdcs-a", lambda t: KEEP(t).replace("thoi_luong: nua-ngay", "thoi_luong: ca-ngay")
    )
    repo.commit()
    _, report = changes(repo)
    assert [(f.code, f.severity) for f in report.findings] == [("thoi-luong", "warning")]


def test_deleted_submission_lists_every_honoree_as_removed(repo):
    repo.git("rm", "-q", "submissions/cdcs-a.yaml")
    repo.commit()
    found, report = changes(repo)
    assert report.deleted
    assert {c[0] for c in found} == {"removed"} and len(found) == 4


def test_names_are_escaped_in_the_markdown(repo):
    hostile = '"[bấm](javascript:alert(1)) | <b>x</b>"'
    repo.submission("cdcs-a", lambda t: add_person("x-y-z", hostile)(KEEP(t)))
    repo.commit()
    _, report = changes(repo)
    markdown = summary_markdown([report])
    assert "&#91;bấm&#93;&#40;javascript:alert&#40;1&#41;&#41; &#124; &#60;b&#62;x" in markdown
    assert "[bấm](" not in markdown and "<b>" not in markdown


def test_summary_command_prints_markdown_for_the_reviewer(repo):
    repo.submission("cdcs-a", add_person("pham-van-moi", "Phạm Văn Mới"))
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "| Công đoàn cơ sở Công ty Thử nghiệm |" in result.stdout  # the registry's name
    assert "Thêm cá nhân: Phạm Văn Mới" in result.stdout


def test_the_summary_names_a_unit_as_the_registry_does_not_as_its_file_claims(repo):
    claim = "Công đoàn Công Thương Việt Nam — ĐÃ DUYỆT"
    repo.submission(
        "cdcs-a", lambda t: t.replace("ten: Công đoàn cơ sở Công ty Thử nghiệm", f"ten: {claim}")
    )
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    registry_name = "Công đoàn cơ sở Công ty Thử nghiệm"
    assert f"### {registry_name}" in result.stdout and f"| {registry_name} |" in result.stdout
    assert "### Công đoàn Công Thương" not in result.stdout
    assert "| Công đoàn Công Thương" not in result.stdout


def test_hidden_characters_in_an_honoree_name_are_shown_in_the_summary(repo):
    repo.submission("cdcs-a", add_person("an", "An \u202egnỹugreN"))
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert "\u202e" not in result.stdout
    assert "An &#60;U+202E&#62;gnỹugreN" in result.stdout


def test_no_submission_changed_says_so(repo):
    repo.write("README.md", "x\n")
    repo.commit()
    assert "không thay đổi hồ sơ đơn vị nào" in summary_markdown(
        pr_reports(open_project(repo.root), "main", "pr")
    )


def test_changes_of_broken_files_do_not_crash():
    assert honour_roll_changes(None, {"dien_hinh": []}) == []
    assert honour_roll_changes([1], {"dien_hinh": {"ca_nhan": [1, {"ma": 2}]}}) == []


GOLDEN = REPO / "tests" / "golden" / "summary.md"


def test_summary_matches_the_reviewed_golden_file(repo_project):
    reports = [
        FileReport(
            "submissions/cdcs-a.yaml",
            "Công đoàn cơ sở Công ty A",
            (
                Finding(
                    "submissions/cdcs-a.yaml",
                    12,
                    5,
                    "thoi-luong",
                    "warning",
                    "Hội nghị kéo dài cả ngày; Kế hoạch quy định nửa ngày.",
                ),
            ),
            (
                HonoreeChange("ca_nhan", "b", "Trần Thị B", "changed", ("chuc_vu", "thanh_tich")),
                HonoreeChange("tap_the", "to-1", "Tổ 1", "added"),
                HonoreeChange("ca_nhan", "a", "Nguyễn Văn A", "removed"),
            ),
            False,
        ),
        FileReport("submissions/cdcs-b.yaml", "Công đoàn cơ sở Công ty B", (), (), False),
    ]
    text = summary_markdown(reports, field_titles(repo_project))
    assert text == GOLDEN.read_text(encoding="utf-8")


FORGED = "x\n```\n<img src=x onerror=alert(1)>\n# Đã duyệt.yaml"


def test_a_rename_target_cannot_break_the_summary_markdown(repo):
    repo.git("mv", "submissions/cdcs-a.yaml", f"submissions/{FORGED}")
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "x<U+000A>" in result.stdout.replace("&#60;", "<").replace("&#62;", ">")
    assert "<img" not in result.stdout and "```" not in result.stdout
    assert not any(line.startswith("# Đã") for line in result.stdout.splitlines())


def test_a_name_that_is_not_utf8_is_shown_not_an_internal_error(repo):
    target = os.fsencode(repo.root / "submissions") + b"/cdcs-a\xff.yaml"
    os.rename(repo.root / "submissions" / "cdcs-a.yaml", target)
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "cdcs-a&#60;U+DCFF&#62;.yaml" in result.stdout
    assert "không phải UTF-8" in result.stdout


@pytest.mark.parametrize("target", ["../don-vi.yaml", "/etc/hostname"])
def test_a_link_is_reported_and_never_followed(repo, target):
    os.remove(repo.root / "submissions" / "cdcs-a.yaml")
    os.symlink(target, repo.root / "submissions" / "cdcs-a.yaml")
    repo.commit()
    [report] = pr_reports(open_project(repo.root), "main", "pr")
    markdown = summary_markdown([report])
    assert "liên kết tượng trưng" in markdown
    assert "| 1 | 0 |" in markdown  # the refusal counts as an error
    assert not report.findings and "Ngành A" not in markdown


def test_a_submodule_in_place_of_a_submission_is_reported(repo):
    commit = repo.git("rev-parse", "HEAD").strip()
    repo.git("rm", "-q", "--cached", "submissions/cdcs-a.yaml")
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},submissions/cdcs-a.yaml")
    repo.git("commit", "-q", "-m", "gitlink")
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    assert "mô-đun con" in result.stdout


def _report(unit: str, people: int, findings: int = 0) -> FileReport:
    return FileReport(
        f"submissions/{unit}.yaml",
        unit,
        tuple(Finding("f", n, 1, "schema", "error", "((((" * 50) for n in range(findings)),
        tuple(HonoreeChange("ca_nhan", f"p{n}", "((((" * 50, "added") for n in range(people)),
        False,
    )


def test_a_unit_lists_at_most_a_hundred_changes_and_says_how_many_more():
    markdown = summary_markdown([_report("cdcs-a", 985, findings=300)])
    assert markdown.count("Thêm cá nhân:") == 100
    assert "- … và 885 thay đổi khác." in markdown
    assert "- … và 200 lỗi, cảnh báo khác" in markdown


def test_the_summary_stays_under_githubs_one_mebibyte_limit():
    markdown = summary_markdown([_report(f"cdcs-{n}", 985) for n in range(60)])
    assert len(markdown.encode("utf-8")) < 1024 * 1024
    assert markdown.rstrip().endswith("để xem đủ.")
    assert "Tóm tắt quá dài nên được cắt bớt." in markdown


def test_a_reference_added_or_given_an_award_is_an_honour_roll_change():
    before = {"dien_hinh": {"ca_nhan": [{"tu": "cdcs-a/nguyen-van-a"}]}}
    after = {
        "dien_hinh": {
            "ca_nhan": [
                {"tu": "cdcs-a/nguyen-van-a", "khen_thuong": [{"hinh_thuc": "giay-khen"}]},
                {"tu": "cdcs-b/tran-thi-b"},
            ]
        }
    }
    changes = honour_roll_changes(before, after)
    assert [(c.id, c.name, c.change, c.fields) for c in changes] == [
        ("cdcs-a/nguyen-van-a", "cdcs-a/nguyen-van-a (tham chiếu)", "changed", ("khen_thuong",)),
        ("cdcs-b/tran-thi-b", "cdcs-b/tran-thi-b (tham chiếu)", "added", ()),
    ]


def test_a_reference_added_to_nobody_is_an_error_in_the_summary(repo):
    from .conftest import DATA

    text = (DATA / "valid" / "cap-tren-hop-le.yaml").read_text(encoding="utf-8")
    text = text.replace("ma: cap-tren-hop-le", "ma: cap-tren-a")
    text = text.replace("ten: Công đoàn cơ sở Công ty Thử nghiệm", "ten: Cấp trên A", 1)
    text = text.replace("cap_tren: nganh-thu-nghiem", "cap_tren: nganh-a")
    referring = "    - tu: cdcs-a/khong-co-ai\n  so_dan_toc_thieu_so:"
    repo.write("submissions/cap-tren-a.yaml", text.replace("  so_dan_toc_thieu_so:", referring))
    repo.commit()
    [report] = pr_reports(open_project(repo.root), "main", "pr")
    assert [f.code for f in report.findings if f.is_error] == ["tham-chieu"]
    assert "không có lỗi hay cảnh báo" not in summary_markdown([report])
