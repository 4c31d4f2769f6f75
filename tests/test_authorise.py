"""check-pr in real Git repositories: one test per authorisation rule."""

from __future__ import annotations

import pytest

from vinhdanh.errors import UsageError
from vinhdanh.git.authorise import check_pr
from vinhdanh.project import open_project

from .gitrepo import Repo
from .test_cli import run


@pytest.fixture
def repo(tmp_path) -> Repo:
    """main holds cdcs-a's submission; the test works on branch 'pr'."""
    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a")
    repo.commit("khởi tạo")
    repo.branch("pr")
    return repo


def verdicts(repo: Repo, author: str) -> list[tuple[str, bool]]:
    decisions = check_pr(open_project(repo.root), "main", "pr", author)
    return [(d.path, d.allowed) for d in decisions]


def edit_a(repo: Repo) -> None:
    repo.submission("cdcs-a", lambda t: t.replace("Có 12 sáng kiến.", "Có 15 sáng kiến."))
    repo.commit()


def test_maintainer_may_edit_their_own_submission(repo):
    edit_a(repo)
    assert verdicts(repo, "a-phu-trach") == [("submissions/cdcs-a.yaml", True)]


def test_handles_are_compared_without_case(repo):
    edit_a(repo)
    assert verdicts(repo, "A-Phu-Trach") == [("submissions/cdcs-a.yaml", True)]


def test_maintainer_may_add_their_units_first_submission(repo):
    repo.submission("cdcs-b")
    repo.commit()
    assert verdicts(repo, "b-phu-trach") == [("submissions/cdcs-b.yaml", True)]


def test_maintainer_may_not_edit_a_sibling_unit(repo):
    edit_a(repo)
    assert verdicts(repo, "b-phu-trach") == [("submissions/cdcs-a.yaml", False)]


def test_a_refused_account_is_told_whom_to_ask_and_where_to_read(repo):
    edit_a(repo)
    [decision] = check_pr(open_project(repo.root), "main", "pr", "tai-khoan-moi")
    assert "(người phụ trách: @a-phu-trach)" in decision.reason
    assert "nhờ người duyệt của công đoàn cấp trên ghi tài khoản này" in decision.reason
    assert "mục Đăng ký đơn vị" in decision.reason


def test_reviewer_of_the_parent_union_may_edit_a_child(repo):
    edit_a(repo)
    assert verdicts(repo, "ct-duyet") == [("submissions/cdcs-a.yaml", True)]


def test_reviewer_of_a_higher_union_may_edit_a_grandchild(repo):
    edit_a(repo)
    assert verdicts(repo, "nganh-duyet") == [("submissions/cdcs-a.yaml", True)]


def test_maintainer_of_the_parent_is_not_a_reviewer(repo):
    edit_a(repo)
    assert verdicts(repo, "ct-phu-trach") == [("submissions/cdcs-a.yaml", False)]


def test_rename_of_a_submission_needs_an_administrator(repo):
    repo.git("mv", "submissions/cdcs-a.yaml", "submissions/cdcs-b.yaml")
    repo.commit()
    assert verdicts(repo, "a-phu-trach") == [("submissions/cdcs-b.yaml", False)]
    assert verdicts(repo, "quan-tri-1") == [("submissions/cdcs-b.yaml", True)]


def test_deleting_a_submission_needs_an_administrator(repo):
    repo.git("rm", "-q", "submissions/cdcs-a.yaml")
    repo.commit()
    assert verdicts(repo, "a-phu-trach") == [("submissions/cdcs-a.yaml", False)]
    assert verdicts(repo, "quan-tri-1") == [("submissions/cdcs-a.yaml", True)]


@pytest.mark.parametrize(
    "path",
    [
        "don-vi.yaml",
        "ke-hoach.yaml",
        "schemas/x.json",
        "scripts/x.py",
        ".github/workflows/x.yml",
        "README.md",
        "submissions/ghi-chu.txt",
    ],
)
def test_any_other_path_needs_an_administrator(repo, path):
    existing = repo.root / path
    before = existing.read_text(encoding="utf-8") if existing.exists() else ""
    repo.write(path, before + "# sửa\n")
    repo.commit()
    assert verdicts(repo, "a-phu-trach") == [(path, False)]
    assert verdicts(repo, "quan-tri-1") == [(path, True)]


def test_rights_come_from_the_base_branch_not_from_the_pull_request(repo):
    registry = (repo.root / "don-vi.yaml").read_text(encoding="utf-8")
    repo.write("don-vi.yaml", registry.replace("[b-phu-trach]", "[b-phu-trach, ke-la]"))
    repo.submission("cdcs-b")
    repo.commit()
    assert verdicts(repo, "ke-la") == [("don-vi.yaml", False), ("submissions/cdcs-b.yaml", False)]


def test_unregistered_unit_is_refused(repo):
    repo.submission("cdcs-moi")
    repo.commit()
    assert verdicts(repo, "a-phu-trach") == [("submissions/cdcs-moi.yaml", False)]


def test_only_changes_since_the_fork_point_count(repo):
    edit_a(repo)
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "thay đổi trên main\n")
    repo.commit()
    assert verdicts(repo, "a-phu-trach") == [("submissions/cdcs-a.yaml", True)]


def test_unknown_ref_is_a_usage_error(repo):
    with pytest.raises(UsageError):
        check_pr(open_project(repo.root), "main", "khong-co", "a-phu-trach")


def test_ref_that_looks_like_an_option_is_refused(repo):
    with pytest.raises(UsageError):
        check_pr(open_project(repo.root), "--output=/tmp/x", "pr", "a-phu-trach")


def test_cli_exit_codes_and_vietnamese_reasons(repo):
    edit_a(repo)
    allowed = run(
        "check-pr", "--base", "main", "--head", "pr", "--author", "a-phu-trach", cwd=repo.root
    )
    refused = run(
        "check-pr", "--base", "main", "--head", "pr", "--author", "b-phu-trach", cwd=repo.root
    )
    assert allowed.returncode == 0, allowed.stderr
    assert "ĐƯỢC PHÉP: submissions/cdcs-a.yaml" in allowed.stdout
    assert refused.returncode == 1
    assert "TỪ CHỐI: submissions/cdcs-a.yaml" in refused.stdout
    assert "@a-phu-trach" in refused.stdout


def test_pull_request_without_changes_is_allowed(repo):
    result = run("check-pr", "--base", "main", "--head", "pr", "--author", "ai-do", cwd=repo.root)
    assert result.returncode == 0
    assert "không thay đổi tệp nào" in result.stdout
