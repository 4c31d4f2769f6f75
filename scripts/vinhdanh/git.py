"""Reading a Git repository: what a pull request changes, and files as they were.

Only read-only plumbing commands are run, with arguments passed as a list
(never through a shell), so refs and paths from a pull request cannot inject
commands.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from vinhdanh.errors import UsageError


@dataclass(frozen=True)
class Change:
    """One changed path: status A(dded), M(odified), D(eleted), R(enamed), C(opied), T(ype)."""

    status: str
    path: str
    old_path: str | None = None


def git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(f"Không chạy được git ({exc.strerror}). Hãy cài git.") from exc
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"Lệnh git {' '.join(args[:2])} không thành công: "
            f"{problem[-1] if problem else done.returncode}"
        )
    return done.stdout


def resolve_ref(ref: str, cwd: Path) -> str:
    """The commit a ref names; refuses options disguised as refs."""
    if ref.startswith("-"):
        raise UsageError(f"'{ref}' không phải tên nhánh hay mã commit.")
    return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).decode().strip()


def changed_files(base: str, head: str, cwd: Path) -> list[Change]:
    """Paths the head changes since it forked from base (as a pull request shows them)."""
    base_commit, head_commit = resolve_ref(base, cwd), resolve_ref(head, cwd)
    fork = git(["merge-base", base_commit, head_commit], cwd).decode().strip()
    raw = git(["diff", "--name-status", "-z", "-M", fork, head_commit], cwd).decode("utf-8")
    fields = raw.split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            changes.append(Change(status, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            changes.append(Change(status, fields[index + 1]))
            index += 2
    return changes


def read_at(ref: str, path: str, cwd: Path) -> bytes | None:
    """A file's bytes at a commit, or None if it did not exist there."""
    commit = resolve_ref(ref, cwd)
    listed = git(["ls-tree", "-z", "--name-only", commit, "--", path], cwd)
    if not listed:
        return None
    return git(["cat-file", "blob", f"{commit}:{path}"], cwd)
