"""Reading a Git repository: what a pull request changes, and files as they were.

Only read-only plumbing commands are run, with arguments passed as a list
(never through a shell), so refs and paths from a pull request cannot inject
commands. Paths are read as bytes (``-z``) and decoded with ``surrogateescape``:
a name that is not UTF-8 still round-trips to git and is refused by check-pr,
never an internal error. Paths are only ever shown through :func:`visible`.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from vinhdanh.errors import UsageError, VinhdanhError
from vinhdanh.values import show_value

# Git's file modes (``git diff --raw``, ``git ls-tree``).
ABSENT = "000000"
REGULAR = "100644"
EXECUTABLE = "100755"
LINK = "120000"
GITLINK = "160000"
# Longest path or handle echoed whole; a longer one is cut (with "…"), still one line.
SHOWN_LENGTH = 256


@dataclass(frozen=True)
class Change:
    """One changed path: status A(dded), M(odified), D(eleted), R(enamed), C(opied), T(ype).

    The modes say what the path is before and after (regular file, executable,
    symbolic link, submodule), which the status alone does not.
    """

    status: str
    path: str
    old_path: str | None = None
    old_mode: str = REGULAR
    new_mode: str = REGULAR


def visible(text: str) -> str:
    """A path or handle as it may be echoed into a log or summary: one visible line.

    Newlines, controls and undecodable bytes come out as ``<U+XXXX>`` (the
    helper messages use), so a name cannot forge a workflow command or a line.
    """
    return show_value(text, limit=SHOWN_LENGTH)


def is_utf8(path: str) -> bool:
    """False when the name held bytes that are not UTF-8 (kept as surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *args], cwd=cwd, capture_output=True, check=False
        )
    except OSError as exc:
        raise UsageError(f"Không chạy được git ({exc.strerror}). Hãy cài git.") from exc
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"Lệnh git {' '.join(args[:2])} không thành công: "
            f"{visible(problem[-1]) if problem else done.returncode}"
        )
    return done.stdout


def resolve_ref(ref: str, cwd: Path) -> str:
    """The commit a ref names; refuses options disguised as refs."""
    if ref.startswith("-"):
        raise UsageError(f"'{visible(ref)}' không phải tên nhánh hay mã commit.")
    return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).decode().strip()


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


class MergeConflict(VinhdanhError):
    """The head cannot be merged into the base without conflicts: nothing to judge yet."""


def merged_tree(base_commit: str, head_commit: str, cwd: Path) -> str:
    """The tree that merging the head into the base gives (what the merge button makes).

    Judging this, not ``merge-base..head``, is what makes the verdict hold: with
    several merge bases (a criss-cross history), the diff from one of them can
    hide a revert of an administrator's change that the merge would still make.
    """
    done = subprocess.run(
        ["git", "merge-tree", "--write-tree", "--name-only", base_commit, head_commit],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    if done.returncode == 1:
        raise MergeConflict(
            "Yêu cầu hợp nhất xung đột với nhánh gốc nên chưa thể xét quyền. Hãy cập nhật "
            "nhánh của mình theo nhánh gốc (Update branch), sửa xung đột rồi đẩy lên lại."
        )
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"Lệnh git merge-tree không thành công: {visible(problem[-1]) if problem else ''}"
        )
    return done.stdout.split(b"\n", 1)[0].decode().strip()


def merge_result(base: str, head: str, cwd: Path) -> tuple[str, str]:
    """The base commit and the tree that merging the head into it gives (both object ids)."""
    base_commit, head_commit = resolve_ref(base, cwd), resolve_ref(head, cwd)
    return base_commit, merged_tree(base_commit, head_commit, cwd)


def changed_files(base: str, head: str, cwd: Path) -> list[Change]:
    """Paths that merging the head into the base changes there (see ``merged_tree``)."""
    return changes_between(*merge_result(base, head, cwd), cwd)


def changes_between(base_commit: str, merged: str, cwd: Path) -> list[Change]:
    """Paths that differ from the base commit to the merged tree, with their modes."""
    raw = git(["diff-tree", "-r", "-z", "-M", "--raw", base_commit, merged], cwd)
    fields = [_decode(field) for field in raw.split(b"\0")]
    changes: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        # ":<old mode> <new mode> <old sha> <new sha> <status>[score]", then the path(s)
        old_mode, new_mode, _, _, status = fields[index].lstrip(":").split(" ")
        if status[0] in "RC":
            path, old_path = fields[index + 2], fields[index + 1]
            changes.append(Change(status[0], path, old_path, old_mode, new_mode))
            index += 3
        else:
            changes.append(Change(status[0], fields[index + 1], None, old_mode, new_mode))
            index += 2
    return changes


def read_at(ref: str, path: str, cwd: Path) -> bytes | None:
    """A regular file's bytes at a commit; None if there is no regular file there.

    A symbolic link, a submodule or a folder is never read, so a link cannot
    make this read another file (or one outside the repository).
    """
    return read_in(resolve_ref(ref, cwd), path, cwd)


def read_in(tree: str, path: str, cwd: Path) -> bytes | None:
    """``read_at`` for an object id git gave us (a commit or the merged tree)."""
    listed = git(["ls-tree", "-z", tree, "--", path], cwd)
    if not listed:
        return None
    mode, kind, sha = listed.split(b"\t", 1)[0].decode().split(" ")
    if kind != "blob" or mode not in (REGULAR, EXECUTABLE):
        return None
    return git(["cat-file", "blob", sha], cwd)
