"""Days of receipt from real Git histories: committer day in Vietnam, first addition kept.

The day a submission is received is read with ``git log`` (``git.received``);
without a usable history there are no days and a reason, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from vinhdanh.git.received import received_dates

from .conftest import copy_repo
from .gitrepo import ENV, Repo

LATE_ON_15_APRIL_IN_HANOI = "2025-04-15T23:30:00+07:00"


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.commit("sổ đăng ký", when="2025-03-01T09:00:00+07:00")
    return repo


def test_a_file_merged_late_on_15_april_in_hanoi_is_received_on_15_april(repo):
    repo.submission("cdcs-a")
    repo.commit(when=LATE_ON_15_APRIL_IN_HANOI)
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 15)}


def test_a_commit_late_on_15_april_utc_is_received_on_16_april_in_hanoi(repo):
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-15T20:00:00+00:00")  # 03:00 on 16/4 in Hà Nội
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 16)}


def test_the_day_it_was_committed_counts_not_the_day_it_was_written(repo):
    repo.submission("cdcs-a")
    repo.git("add", "-A")
    env = {**ENV, "GIT_AUTHOR_DATE": "2025-04-01T10:00:00+07:00"}
    env["GIT_COMMITTER_DATE"] = "2025-04-20T10:00:00+07:00"
    subprocess.run(["git", "commit", "-q", "-m", "hồ sơ"], cwd=repo.root, env=env, check=True)
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 20)}


def test_a_file_changed_later_keeps_the_day_it_was_first_added(repo):
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    repo.submission("cdcs-a", lambda text: text + "# sửa lại sau khi nộp\n")
    repo.commit(when="2025-04-25T10:00:00+07:00")
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 10)}


def test_a_file_deleted_and_added_again_keeps_the_day_it_was_first_added(repo):
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    (repo.root / "submissions" / "cdcs-a.yaml").unlink()
    repo.commit(when="2025-04-11T10:00:00+07:00")
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-20T10:00:00+07:00")
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 10)}


def test_a_file_renamed_to_a_unit_is_received_when_it_got_that_name(repo):
    repo.submission("cdcs-a")
    (repo.root / "submissions" / "cdcs-a.yaml").rename(repo.root / "submissions" / "nham.yaml")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    repo.git("mv", "submissions/nham.yaml", "submissions/cdcs-a.yaml")
    repo.commit(when="2025-04-18T10:00:00+07:00")  # the same text: Git would see a rename
    assert received_dates(repo.root).dates["cdcs-a"] == date(2025, 4, 18)


def test_a_file_merged_from_a_branch_is_received_on_the_day_of_the_merge(repo):
    repo.branch("ho-so")
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "nhánh chính đi tiếp\n")
    repo.commit(when="2025-04-12T10:00:00+07:00")
    repo.git("merge", "-q", "--no-ff", "-m", "hợp nhất", "ho-so", when="2025-04-17T10:00:00+07:00")
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 17)}


def test_only_submission_files_have_days(repo):
    repo.submission("cdcs-a")
    repo.write("submissions/cu/cdcs-b.yaml", "ma: cdcs-b\n")
    repo.write("submissions/cdcs-b.yml", "ma: cdcs-b\n")
    repo.write("mau/cdcs-b.yaml", "ma: cdcs-b\n")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    assert received_dates(repo.root).dates == {"cdcs-a": date(2025, 4, 10)}


def test_a_project_in_a_subfolder_of_its_repository_gets_its_days(tmp_path):
    kho = tmp_path / "kho"
    for path in ("du-an/submissions/cdcs-a.yaml", "submissions/cdcs-b.yaml"):  # b: not this project
        (kho / path).parent.mkdir(parents=True, exist_ok=True)
        (kho / path).write_text("ma: x\n", encoding="utf-8")
    env = {**ENV, "GIT_COMMITTER_DATE": "2025-04-10T10:00:00+07:00"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", *command], cwd=kho, env=env, check=True)
    assert received_dates(kho / "du-an").dates == {"cdcs-a": date(2025, 4, 10)}


def test_a_project_outside_any_repository_has_no_days_and_says_why(project_dir):
    received = received_dates(project_dir)
    assert received.dates == {}
    assert received.reason.startswith("Không có ngày nhận hồ sơ: Lệnh git rev-parse")
    assert received.reason.endswith("theo ngày đề trên báo cáo.")


def test_a_shallow_clone_has_no_days_and_says_why(repo, tmp_path):
    repo.submission("cdcs-a")
    repo.commit(when="2025-04-10T10:00:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        env=ENV,
        check=True,
    )
    received = received_dates(clone)
    assert received.dates == {}
    assert "shallow clone" in received.reason and "fetch-depth: 0" in received.reason


def test_without_git_there_are_no_days_and_it_says_why(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co-git"))
    received = received_dates(repo.root)
    assert received.dates == {}
    assert "Không chạy được git" in received.reason


def test_a_repository_without_commits_has_no_days(tmp_path):
    repo = Repo(tmp_path / "moi")
    received = received_dates(repo.root)
    assert received.dates == {} and received.reason


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, **{k: v for k, v in ENV.items() if k.startswith("GIT_")}},
        capture_output=True,
        text=True,
    )


def judging_by_received(root: Path) -> Path:
    """The project's plan with theo_ngay_nhan: true (the shipped samples' plan says false)."""
    plan = root / "ke-hoach.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "  theo_ngay_nhan: false" in text
    plan.write_text(text.replace("  theo_ngay_nhan: false", "  theo_ngay_nhan: true"), "utf-8")
    return root


def test_the_built_progress_page_judges_reports_by_the_day_received(tmp_path):
    root = judging_by_received(copy_repo(tmp_path / "p"))
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=ENV, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, env=ENV, check=True)
    env = {**ENV, "GIT_COMMITTER_DATE": LATE_ON_15_APRIL_IN_HANOI}
    subprocess.run(["git", "commit", "-q", "-m", "mẫu"], cwd=root, env=env, check=True)
    done = build(root)
    assert done.returncode == 0, done.stderr
    page = (root / "site" / "tien-do" / "index.html").read_text(encoding="utf-8")
    assert "theo ngày nhận" in page
    assert "Đúng hạn (nhận 15/04/2025)" in page  # every sample is in that one commit
    assert "Không có ngày nhận" not in done.stderr


def test_a_build_without_history_says_so_and_judges_by_the_signed_date(tmp_path):
    root = judging_by_received(copy_repo(tmp_path / "p"))  # no .git
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert "Không có ngày nhận hồ sơ" in done.stderr and "Traceback" not in done.stderr
    page = (root / "site" / "tien-do" / "index.html").read_text(encoding="utf-8")
    assert "theo ngày đề trên báo cáo" in page and "(nhận " not in page


def test_a_plan_that_does_not_judge_by_the_day_received_reads_no_history(tmp_path):
    root = copy_repo(tmp_path / "p")  # theo_ngay_nhan: false, and no .git either
    done = build(root)
    assert done.returncode == 0, done.stderr
    assert "Không có ngày nhận hồ sơ" not in done.stderr  # git was not even asked
    page = (root / "site" / "tien-do" / "index.html").read_text(encoding="utf-8")
    assert "theo ngày đề trên báo cáo" in page and "(nhận " not in page
