"""``vinhdanh check-pr``: may this author make these changes?

The rules, from don-vi.yaml and quan-tri.yaml *as they are on the base branch*
(a pull request cannot grant itself rights by editing them):

- a unit's maintainers (``nguoi_phu_trach``) may add or edit its own
  ``submissions/<ma>.yaml``;
- the reviewers (``nguoi_duyet``) of a union may edit the submissions of every
  unit below it;
- a union's reviewers may also add, edit and remove the entries of don-vi.yaml
  for units strictly below it, with .github/CODEOWNERS exactly as
  ``vinhdanh codeowners`` generates it (judged per entry in ``register.py``);
- renaming or deleting a submission, and changing any other path, needs an
  administrator (``quan-tri.yaml``);
- whatever Git says a path becomes (its mode) is checked before who may change
  it: under ``submissions/`` only regular files, for anyone; symbolic links,
  submodules and mode changes elsewhere need an administrator (SPEC §9.2–9.3).

This module runs from the *base* commit's checkout in the workflow and reads the
head only through git, so a pull request that rewrites it changes nothing here.
Every path and handle it echoes goes through ``git.visible``.

Git handles are compared without regard to case, as Git hosts do.
"""

from __future__ import annotations

import re

from vinhdanh.errors import UsageError
from vinhdanh.git.register import Trees, judge_registry_files
from vinhdanh.git.repo import (
    EXECUTABLE,
    GITLINK,
    LINK,
    Change,
    changes_between,
    is_utf8,
    merge_result,
    visible,
)
from vinhdanh.git.rights import Decision, Rights, rights_at
from vinhdanh.project import REGISTRY_FILE, SUBMISSIONS_DIR, Project

SUBMISSION = re.compile(rf"{SUBMISSIONS_DIR}/([a-z0-9-]{{3,64}})\.yaml\Z")


KINDS = {LINK: "liên kết tượng trưng (symbolic link)", GITLINK: "mô-đun con (submodule)"}
REGULAR_FILE = "hồ sơ phải là một tệp thường (không là liên kết, không có quyền thực thi)"
NAMING = (
    f"hồ sơ phải có tên đúng {SUBMISSIONS_DIR}/<mã đơn vị>.yaml "
    "(chữ thường, đuôi .yaml, không nằm trong thư mục con)"
)


def _under_submissions(path: str | None) -> bool:
    return path is not None and (path == SUBMISSIONS_DIR or path.startswith(f"{SUBMISSIONS_DIR}/"))


def file_problem(change: Change, admin: bool) -> str | None:
    """Why this path may not become what the head makes it, from Git's modes and name.

    Under submissions/ only regular files are allowed, to anyone (a link could
    point at a sibling's file or outside the repository; a submodule is not a
    file); elsewhere links, submodules and mode changes need an administrator.
    """
    if change.status == "D":
        return None
    if not is_utf8(change.path):
        return "tên tệp không phải UTF-8; hãy đặt lại tên bằng chữ thường không dấu."
    strict = not admin or _under_submissions(change.path)
    if not strict:
        return None
    if change.new_mode in KINDS:
        return f"tệp là {KINDS[change.new_mode]}; {REGULAR_FILE}."
    if change.new_mode == EXECUTABLE:
        return f"tệp có quyền thực thi (chmod +x); {REGULAR_FILE}. Hãy bỏ quyền thực thi."
    if not admin and change.status != "A" and change.old_mode != change.new_mode:
        return (
            f"đổi kiểu hoặc quyền của tệp (từ {change.old_mode} sang {change.new_mode}); "
            "chỉ quản trị viên được làm việc này."
        )
    return None


def decide(change: Change, author: str, rights: Rights) -> Decision:
    """The verdict on one changed path, with the reason in Vietnamese."""
    who = author.casefold()
    admin = who in rights.admins
    problem = file_problem(change, admin)
    if problem:
        return Decision(change.path, False, problem)
    if admin:
        return Decision(change.path, True, "quản trị viên được sửa mọi tệp.")
    match = SUBMISSION.match(change.path)
    if match is None or (change.old_path and change.old_path != change.path):
        if match or SUBMISSION.match(change.old_path or ""):
            what = "chỉ quản trị viên được đổi tên hồ sơ."
        elif _under_submissions(change.path) or _under_submissions(change.old_path):
            what = f"{NAMING}; chỉ quản trị viên được thêm hay sửa tệp khác trong thư mục này."
        else:
            what = "chỉ quản trị viên được sửa tệp ngoài thư mục hồ sơ."
        return Decision(change.path, False, what)
    ma = match.group(1)
    if change.status == "D":
        return Decision(change.path, False, "chỉ quản trị viên được xoá hồ sơ.")
    if ma not in rights.registry:
        return Decision(
            change.path,
            False,
            f"đơn vị '{ma}' chưa có trong {REGISTRY_FILE} "
            "trên nhánh gốc; cần đăng ký đơn vị trước.",
        )
    shown = visible(author)
    if who in rights.handles(ma, "nguoi_phu_trach"):
        return Decision(change.path, True, f"@{shown} là người phụ trách của '{ma}'.")
    for parent in rights.ancestors(ma):
        if who in rights.handles(parent, "nguoi_duyet"):
            return Decision(
                change.path,
                True,
                f"@{shown} là người duyệt của '{visible(parent)}', cấp trên của '{ma}'.",
            )
    allowed = sorted(rights.handles(ma, "nguoi_phu_trach"))
    names = ", ".join(f"@{visible(h)}" for h in allowed) or "chưa ai"
    return Decision(
        change.path,
        False,
        f"@{shown} không phụ trách '{ma}' (người phụ trách: "
        f"{names}) và không là người duyệt của cấp trên. Gửi lại bằng tài khoản người phụ "
        "trách, hoặc nhờ người duyệt của công đoàn cấp trên ghi tài khoản này vào "
        "nguoi_phu_trach trong don-vi.yaml (trang Hướng dẫn, mục Đăng ký đơn vị).",
    )


def check_pr(project: Project, base: str, head: str, author: str) -> list[Decision]:
    """One decision per path the pull request changes (empty when it changes nothing);
    don-vi.yaml and .github/CODEOWNERS changed by a reviewer get one per entry."""
    if not author.strip():
        raise UsageError("Cần --author: tài khoản Git của người mở yêu cầu hợp nhất.")
    cwd = project.root
    rights = rights_at(project, base, cwd)
    who = author.lstrip("@")
    base_commit, merged = merge_result(base, head, cwd)
    trees = Trees(project, rights, base_commit, merged, cwd)
    decisions: list[Decision] = []
    for change in changes_between(base_commit, merged, cwd):
        judged = judge_registry_files(change, who, trees)
        decisions += judged if judged is not None else [decide(change, who, rights)]
    return decisions


def format_decisions(decisions: list[Decision]) -> str:
    if not decisions:
        return "Yêu cầu hợp nhất không thay đổi tệp nào.\n"
    lines = [
        f"{'ĐƯỢC PHÉP' if d.allowed else 'TỪ CHỐI'}: {visible(d.path)}"
        f"{f':{d.line}' if d.line else ''} — {d.reason}"
        for d in decisions
    ]
    paths = {d.path for d in decisions}  # a file is refused when any of its changes is
    refused = len({d.path for d in decisions if not d.allowed})
    verdict = (
        f"Từ chối: {refused}/{len(paths)} tệp không được phép thay đổi."
        if refused
        else f"Được phép: cả {len(paths)} tệp."
    )
    return "\n".join([*lines, verdict]) + "\n"
