"""check-pr reads what Git says a path is: links, submodules, modes and names (SPEC §9.2–9.3).

Every case is a real repository: the maintainer of cdcs-a tries to make
``submissions/cdcs-a.yaml`` something other than a regular file, or to
smuggle a name that would break the log or the job summary.
"""

from __future__ import annotations

import os

import pytest

from vinhdanh.git.authorise import check_pr, format_decisions
from vinhdanh.project import open_project

from .gitrepo import Repo
from .test_cli import run

OWN = "submissions/cdcs-a.yaml"
CHECK = ("check-pr", "--base", "main", "--head", "pr", "--author", "a-phu-trach")


@pytest.fixture
def repo(tmp_path) -> Repo:
    """main holds cdcs-a's and cdcs-b's submissions; the test works on branch 'pr'."""
    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a")
    repo.submission("cdcs-b")
    repo.commit("khởi tạo")
    repo.branch("pr")
    return repo


def decisions(repo: Repo, author: str = "a-phu-trach"):
    return check_pr(open_project(repo.root), "main", "pr", author)


def link(repo: Repo, path: str, target: str) -> None:
    file = repo.root / path
    file.unlink(missing_ok=True)
    os.symlink(target, file)
    repo.commit()


@pytest.mark.parametrize(
    "target", ["cdcs-a.yaml", "../don-vi.yaml", "cdcs-b.yaml", "/etc/hostname"]
)
def test_a_maintainer_may_not_turn_their_submission_into_a_link(repo, target):
    link(repo, OWN, target)
    [decision] = decisions(repo)
    assert (decision.path, decision.allowed) == (OWN, False)
    assert "liên kết tượng trưng" in decision.reason


def test_a_new_submission_may_not_be_a_link(repo):
    repo.git("rm", "-q", "submissions/cdcs-b.yaml")
    repo.commit()
    repo.git("checkout", "-q", "-b", "pr2")
    link(repo, "submissions/cdcs-b.yaml", "cdcs-a.yaml")
    [decision] = check_pr(open_project(repo.root), "pr", "pr2", "b-phu-trach")
    assert not decision.allowed and "liên kết tượng trưng" in decision.reason


def test_an_administrator_may_not_put_a_link_under_submissions(repo):
    link(repo, OWN, "../don-vi.yaml")
    [decision] = decisions(repo, "quan-tri-1")
    assert not decision.allowed and "liên kết tượng trưng" in decision.reason


def test_an_administrator_may_remove_a_link(repo):
    link(repo, OWN, "../don-vi.yaml")
    repo.git("checkout", "-q", "-b", "sua")
    repo.git("rm", "-q", OWN)
    repo.commit()
    [decision] = check_pr(open_project(repo.root), "pr", "sua", "quan-tri-1")
    assert decision.allowed


def test_a_submodule_in_place_of_a_submission_is_refused(repo):
    commit = repo.git("rev-parse", "HEAD").strip()
    repo.git("rm", "-q", "--cached", OWN)
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},{OWN}")
    repo.git("commit", "-q", "-m", "gitlink")
    for author in ("a-phu-trach", "quan-tri-1"):
        [decision] = decisions(repo, author)
        assert not decision.allowed and "mô-đun con" in decision.reason


def test_making_a_submission_executable_is_refused(repo):
    repo.git("update-index", "--chmod=+x", OWN)
    repo.git("commit", "-q", "-m", "chmod")
    [decision] = decisions(repo)
    assert not decision.allowed and "quyền thực thi" in decision.reason


def test_a_mode_change_with_an_edit_is_refused(repo):
    repo.submission("cdcs-a", lambda t: t.replace("Có 12 sáng kiến.", "Có 15 sáng kiến."))
    (repo.root / OWN).chmod(0o755)
    repo.commit()
    [decision] = decisions(repo)
    assert not decision.allowed and "quyền thực thi" in decision.reason


@pytest.mark.parametrize(
    "path",
    [
        "submissions/cdcs-a.yml",
        "submissions/cu/cdcs-a.yaml",
        "submissions/cdcs-a.yaml.bak",
        "submissions/CDCS-A.yaml",
    ],
)
def test_a_name_other_than_ma_yaml_under_submissions_is_refused_with_the_rule(repo, path):
    repo.write(path, (repo.root / OWN).read_text(encoding="utf-8"))
    repo.commit()
    [decision] = decisions(repo)
    assert (decision.path, decision.allowed) == (path, False)
    assert "submissions/<mã đơn vị>.yaml" in decision.reason


FORGED = "x\n::error title=Đã duyệt::Được phép\n```\n<img src=x>.yaml"


def test_a_name_with_newlines_cannot_forge_log_lines(repo):
    repo.write(f"submissions/{FORGED}", "x: 1\n")
    repo.commit()
    result = run(*CHECK, cwd=repo.root)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("TỪ CHỐI: submissions/x<U+000A>::error")
    assert not any(line.lstrip().startswith(("::", "```")) for line in lines)


def test_a_handle_with_newlines_is_shown_visibly(repo):
    repo.submission("cdcs-a", lambda t: t.replace("Có 12 sáng kiến.", "Có 15 sáng kiến."))
    repo.commit()
    text = format_decisions(decisions(repo, "ai\n::warning::x"))
    assert "@ai<U+000A>::warning::x" in text and "\n::" not in text


def test_a_name_that_is_not_utf8_is_refused_with_a_located_vietnamese_reason(repo):
    name = os.fsencode(repo.root / "submissions") + b"/cdcs-a\xff.yaml"
    with open(name, "wb") as file:
        file.write(b"x: 1\n")
    repo.commit()
    result = run(*CHECK, cwd=repo.root)
    assert result.returncode == 1, result.stderr
    assert "lỗi nội bộ" not in result.stdout + result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("TỪ CHỐI: submissions/cdcs-a<U+DCFF>.yaml — ")
    assert "UTF-8" in first


def test_the_submissions_folder_may_not_become_a_link_even_for_an_administrator(repo):
    repo.git("rm", "-q", "-r", "submissions")
    os.symlink("docs", repo.root / "submissions")
    repo.commit()
    found = {d.path: d for d in decisions(repo, "quan-tri-1")}
    assert not found["submissions"].allowed
    assert "liên kết tượng trưng" in found["submissions"].reason


def test_a_name_that_only_looks_like_a_submission_is_refused(repo):
    repo.write(f"{OWN}\n", "x: 1\n")
    repo.commit()
    [decision] = decisions(repo)
    assert (decision.path, decision.allowed) == (f"{OWN}\n", False)
    assert "submissions/cdcs-a.yaml<U+000A> —" in format_decisions([decision])


def test_a_revert_hidden_by_a_criss_cross_merge_is_still_judged(tmp_path):
    """Two merge bases: the diff from one hides that merging reverts an admin's change."""
    repo = Repo(tmp_path / "repo")
    repo.write("quan-tri.yaml", "quan_tri: [quan-tri-1, cu-quan-tri]\n")
    repo.submission("cdcs-a")
    repo.commit("khởi tạo")
    repo.git("checkout", "-q", "-b", "side")
    repo.write("quan-tri.yaml", "quan_tri: [quan-tri-1]\n")
    repo.commit("thu hồi quyền của cu-quan-tri")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "dự án\n")
    repo.commit("việc khác")
    before_side = repo.git("rev-parse", "main").strip()
    repo.git("merge", "-q", "--no-ff", "-m", "hợp nhất side", "side")
    # The attacker merges the side branch into their own branch but keeps the old admins.
    repo.git("checkout", "-q", "-b", "pr", before_side)
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side")
    repo.git("checkout", before_side, "--", "quan-tri.yaml")
    repo.git("commit", "-q", "-m", "cập nhật nhánh")
    repo.submission("cdcs-a", lambda text: text.replace("so_doan_vien: 250", "so_doan_vien: 251"))
    repo.commit("sửa hồ sơ")
    assert len(repo.git("merge-base", "--all", "main", "pr").split()) == 2
    verdict = {d.path: d.allowed for d in decisions(repo)}
    assert verdict == {"quan-tri.yaml": False, OWN: True}


def test_a_pull_request_in_conflict_with_main_is_refused_with_what_to_do(repo):
    repo.submission("cdcs-a", lambda text: text.replace("so_doan_vien: 250", "so_doan_vien: 251"))
    repo.commit()
    repo.git("checkout", "-q", "main")
    repo.submission("cdcs-a", lambda text: text.replace("so_doan_vien: 250", "so_doan_vien: 252"))
    repo.commit()
    done = run(*CHECK, cwd=repo.root)
    assert done.returncode == 1
    assert "xung đột với nhánh gốc" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
