"""check-pr on don-vi.yaml and CODEOWNERS: a union's reviewers register the units below it.

Real repositories: main holds the registry below (two upper-level unions under one
Ngành), its generated CODEOWNERS and cdcs-a's submission; each test changes the
registry on branch 'pr' and asks check-pr about one author.
"""

from __future__ import annotations

import re

import pytest
import yaml

from vinhdanh.git.authorise import check_pr, format_decisions
from vinhdanh.git.codeowners import CODEOWNERS_FILE, codeowners_for
from vinhdanh.project import open_project

from .conftest import REPO
from .gitrepo import Repo
from .test_cli import run


def unit(ma: str, cap: str, parent: str | None, maintainers: str = "[]", reviewers="[]") -> str:
    above = f"  cap_tren: {parent}\n" if parent else ""
    return (
        f"- ma: {ma}\n  ten: Công đoàn {ma}\n  cap: {cap}\n{above}"
        f"  nguoi_phu_trach: {maintainers}\n  nguoi_duyet: {reviewers}\n"
    )


REGISTRY = "".join(
    [
        "# Sổ đăng ký thử nghiệm\n",
        unit("nganh-a", "nganh", None, "[nganh-phu-trach]", "[nganh-duyet]"),
        unit("cap-tren-a", "cap-tren", "nganh-a", "[ct-phu-trach]", "[ct-duyet]"),
        unit("cdcs-a", "cdcs", "cap-tren-a", "[a-phu-trach]"),
        unit("cdcs-b", "cdcs", "cap-tren-a", "[b-phu-trach]"),
        unit("cap-tren-b", "cap-tren", "nganh-a", "[ctb-phu-trach]", "[ctb-duyet]"),
        unit("cdcs-c", "cdcs", "cap-tren-b", "[c-phu-trach]"),
    ]
)


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write("don-vi.yaml", REGISTRY)
    repo.submission("cdcs-a", lambda t: t.replace("Công ty Thử nghiệm", "cdcs-a"))
    repo.write(CODEOWNERS_FILE, codeowners_for(open_project(repo.root)))
    repo.commit("khởi tạo")
    repo.branch("pr")
    return repo


def registry(repo: Repo) -> str:
    return (repo.root / "don-vi.yaml").read_text(encoding="utf-8")


def change(repo: Repo, old: str, new: str) -> None:
    text = registry(repo)
    assert old in text
    repo.write("don-vi.yaml", text.replace(old, new, 1))
    repo.commit()


def add(repo: Repo, entry: str) -> None:
    repo.write("don-vi.yaml", registry(repo) + entry)
    repo.commit()


def judged(repo: Repo, author: str):
    return check_pr(open_project(repo.root), "main", "pr", author)


def only(repo: Repo, author: str):
    [decision] = judged(repo, author)
    assert decision.path == "don-vi.yaml"
    return decision


NEW = unit("cdcs-moi", "cdcs", "cap-tren-a", "[moi-phu-trach]")


def test_a_parent_unions_reviewer_may_register_a_unit_below_it(repo):
    add(repo, NEW)
    decision = only(repo, "ct-duyet")
    assert decision.allowed, decision.reason
    assert "cdcs-moi" in decision.reason and "cap-tren-a" in decision.reason
    assert decision.line == registry(repo).splitlines().index("- ma: cdcs-moi") + 1


def test_a_reviewer_higher_up_may_register_a_unit_two_levels_below(repo):
    add(repo, NEW)
    assert only(repo, "nganh-duyet").allowed


def test_a_new_unit_may_hang_below_another_new_unit_of_the_same_pull_request(repo):
    add(repo, unit("cap-tren-moi", "cap-tren", "nganh-a", "[x-phu-trach]", "[x-duyet]"))
    add(repo, unit("cdcs-duoi-moi", "cdcs", "cap-tren-moi", "[y-phu-trach]"))
    assert all(d.allowed for d in judged(repo, "nganh-duyet"))


def test_a_reviewer_may_set_the_maintainers_of_a_unit_below(repo):
    change(repo, "[b-phu-trach]", "[b-phu-trach, b-moi]")
    decision = only(repo, "ct-duyet")
    assert decision.allowed and "nguoi_phu_trach" in decision.reason


def test_the_ngành_may_name_the_reviewers_of_an_upper_level_union(repo):
    change(repo, "[ct-duyet]", "[ct-duyet, ct-duyet-2]")
    assert only(repo, "nganh-duyet").allowed


def test_a_reviewer_may_not_edit_the_entry_of_the_union_they_review(repo):
    change(repo, "[ct-duyet]", "[ct-duyet, ban-than]")
    decision = only(repo, "ct-duyet")
    assert not decision.allowed
    assert "'cap-tren-a'" in decision.reason and "chính đơn vị mình" in decision.reason
    assert (
        decision.line
        == registry(repo).splitlines().index("  nguoi_duyet: [ct-duyet, ban-than]") + 1
    )


def test_a_reviewer_may_not_edit_an_entry_above_them(repo):
    change(repo, "ten: Công đoàn nganh-a", "ten: Công đoàn Ngành A mới")
    decision = only(repo, "ct-duyet")
    assert not decision.allowed and "cấp trên của 'cap-tren-a'" in decision.reason
    assert decision.line == 3


def test_a_reviewer_may_not_edit_a_sibling_unions_unit(repo):
    change(repo, "[c-phu-trach]", "[c-phu-trach, ke-la]")
    decision = only(repo, "ct-duyet")
    assert not decision.allowed
    assert "'cdcs-c' không trực thuộc công đoàn nào @ct-duyet duyệt" in decision.reason


def test_a_reviewer_may_not_move_a_unit_out_of_their_union(repo):
    change(
        repo,
        "cap_tren: cap-tren-a\n  nguoi_phu_trach: [b-phu",
        "cap_tren: cap-tren-b\n  nguoi_phu_trach: [b-phu",
    )
    decision = only(repo, "ct-duyet")
    assert not decision.allowed and "chuyển đơn vị 'cdcs-b'" in decision.reason
    assert registry(repo).splitlines()[decision.line - 1] == "  cap_tren: cap-tren-b"
    assert only(repo, "nganh-duyet").allowed  # both unions are below the Ngành


def test_a_reviewer_may_not_register_a_unit_under_another_union(repo):
    add(repo, unit("cdcs-moi", "cdcs", "cap-tren-b", "[moi-phu-trach]"))
    decision = only(repo, "ct-duyet")
    assert not decision.allowed and "'cap-tren-b'" in decision.reason


def test_only_an_administrator_adds_a_unit_without_a_parent(repo):
    add(repo, unit("nganh-moi", "nganh", None, "[x]", "[nganh-duyet]"))
    assert not only(repo, "nganh-duyet").allowed
    assert [d.allowed for d in judged(repo, "quan-tri-1")] == [True]


def test_a_maintainer_who_reviews_nothing_may_not_edit_the_registry(repo):
    change(repo, "[a-phu-trach]", "[a-phu-trach, a-moi]")
    decision = only(repo, "a-phu-trach")
    assert not decision.allowed and "không là người duyệt" in decision.reason


def test_rights_come_from_the_base_registry_not_the_pull_requests(repo):
    change(repo, "[ctb-duyet]", "[ctb-duyet, ke-la]")
    add(repo, unit("cdcs-moi", "cdcs", "cap-tren-b", "[ke-la]"))
    assert [d.allowed for d in judged(repo, "ke-la")] == [False, False]


def test_a_reviewer_may_remove_a_unit_below_that_has_not_submitted(repo):
    change(repo, unit("cdcs-b", "cdcs", "cap-tren-a", "[b-phu-trach]"), "")
    decision = only(repo, "ct-duyet")
    assert decision.allowed and "bỏ đơn vị 'cdcs-b'" in decision.reason


def test_removing_or_renaming_a_unit_that_has_submitted_needs_an_administrator(repo):
    change(repo, "- ma: cdcs-a", "- ma: cdcs-a-moi")
    verdicts = {d.allowed: d.reason for d in judged(repo, "ct-duyet")}
    assert "đã có hồ sơ submissions/cdcs-a.yaml" in verdicts[False]
    assert "thêm đơn vị 'cdcs-a-moi'" in verdicts[True]


def test_existing_units_keep_their_order(repo):
    change(repo, unit("cdcs-b", "cdcs", "cap-tren-a", "[b-phu-trach]"), "")
    add(repo, unit("cdcs-b", "cdcs", "cap-tren-a", "[b-phu-trach]"))
    decision = only(repo, "ct-duyet")
    assert not decision.allowed and "'cdcs-b' đổi chỗ" in decision.reason
    assert decision.line == registry(repo).splitlines().index("- ma: cdcs-b") + 1


def test_a_change_of_comments_alone_is_the_administrators(repo):
    change(repo, "# Sổ đăng ký thử nghiệm", "# Sổ đăng ký đã sửa")
    decision = only(repo, "ct-duyet")
    assert not decision.allowed and "chỉ đổi ghi chú" in decision.reason


def test_a_comment_beside_a_registration_is_not_judged(repo):
    add(repo, "# Đăng ký theo đề nghị #12\n" + NEW)
    assert only(repo, "ct-duyet").allowed


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        (NEW + NEW, "đăng ký hai lần"),  # a duplicate id hiding behind the first
        (NEW + "  ten: Tên khác\n", "hai lần"),  # a duplicate key: which name counts?
        (NEW.replace("- ma:", "- &u ma:") + "- *u\n", "&"),  # anchors and aliases
        (NEW + "  <<: {nguoi_duyet: [ct-duyet]}\n", "<<"),  # a merge key is no field
        (NEW + "  cap_tren: [\n", "dòng"),  # not YAML at all
        (unit("cdcs-moi", "cdcs", "khong-co", "[x]"), "khong-co"),  # unknown parent
    ],
)
def test_a_merged_registry_that_does_not_load_cleanly_is_refused_at_its_line(repo, entry, said):
    add(repo, entry)
    decisions = judged(repo, "ct-duyet")
    assert decisions and not any(d.allowed for d in decisions)
    assert any(said in d.reason for d in decisions), [d.reason for d in decisions]
    assert all(d.line for d in decisions)


def test_a_registration_with_its_regenerated_codeowners_is_allowed(repo):
    add(repo, NEW)
    assert run("codeowners", "--check", cwd=repo.root).returncode == 1
    assert run("codeowners", cwd=repo.root).returncode == 0
    repo.commit()
    decisions = judged(repo, "ct-duyet")
    assert [(d.path, d.allowed) for d in decisions] == [
        (CODEOWNERS_FILE, True),
        ("don-vi.yaml", True),
    ]
    assert "Được phép: cả 2 tệp." in format_decisions(decisions)


def test_codeowners_edited_by_hand_is_refused_with_the_line_and_the_fix(repo):
    target = repo.root / CODEOWNERS_FILE
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("/submissions/cdcs-a.yaml @ct-duyet", "/submissions/cdcs-a.yaml @ke-la")
    )
    repo.commit()
    [decision] = judged(repo, "ct-duyet")
    assert (decision.path, decision.allowed) == (CODEOWNERS_FILE, False)
    line = text.splitlines().index("/submissions/cdcs-a.yaml @ct-duyet") + 1
    assert decision.line == line
    assert "vinhdanh codeowners" in decision.reason
    assert f"dòng {line}: thay «/submissions/cdcs-a.yaml @ke-la» bằng" in decision.reason


def test_codeowners_stale_after_a_registration_says_the_command_that_fixes_it(repo):
    add(repo, NEW)
    checked = run("codeowners", "--check", "--format", "github", cwd=repo.root)
    assert checked.returncode == 1
    assert "vinhdanh codeowners\n" in checked.stderr
    assert f"git add {CODEOWNERS_FILE}" in checked.stderr
    assert "thêm «/submissions/cdcs-moi.yaml @ct-duyet»" in checked.stderr
    [annotation] = checked.stdout.splitlines()
    assert annotation.startswith(f"::error file={CODEOWNERS_FILE},line=")
    assert "vinhdanh codeowners%0A" in annotation


GUIDE = REPO / "docs" / "huong-dan" / "index.md"


def _registration_section() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("{#dang-ky}")
    return text[start : text.index("\n## ", start)]


def test_the_guides_example_refusal_is_what_check_pr_says_on_the_real_registry(tmp_path):
    repo = Repo(tmp_path / "repo")
    for name in ("don-vi.yaml", "quan-tri.yaml"):
        repo.write(name, (REPO / name).read_text(encoding="utf-8"))
    repo.commit("khởi tạo")
    repo.branch("pr")
    own = "  cap_tren: cdctvn\n  chi_tieu_dai_bieu: 2\n  nguoi_phu_trach: [mtda-congdoan]"
    change(repo, own, own.replace(": 2", ": 5"))
    [example] = re.findall(r"^TỪ CHỐI: don-vi\.yaml.*$", _registration_section(), re.M)
    said = format_decisions(judged(repo, "mtda-chutich")).splitlines()[0]
    assert said == example


def test_the_guide_names_the_issue_form_that_asks_for_a_registration():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/dang-ky-don-vi.yml").read_text("utf-8"))
    section = _registration_section()
    assert f"New issue → {form['name']}" in section
    assert "nguoi_phu_trach" in section and "tài khoản GitHub" in section


def test_a_forged_line_in_the_merged_registry_stays_inside_its_refusal(repo):
    add(repo, NEW.replace("cap: cdcs", 'cap: "cdcs\\n::error::giả mạo\\nĐƯỢC PHÉP: mọi tệp"'))
    lines = format_decisions(judged(repo, "ct-duyet")).splitlines()
    assert lines[-1].startswith("Từ chối:")
    assert all(line.startswith("TỪ CHỐI: don-vi.yaml:") for line in lines[:-1]), lines
