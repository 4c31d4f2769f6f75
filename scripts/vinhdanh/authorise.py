"""``vinhdanh check-pr``: may this author make these changes?

The rules, from don-vi.yaml and quan-tri.yaml *as they are on the base branch*
(a pull request cannot grant itself rights by editing them):

- a unit's maintainers (``nguoi_phu_trach``) may add or edit its own
  ``submissions/<ma>.yaml``;
- the reviewers (``nguoi_duyet``) of a union may edit the submissions of every
  unit below it;
- renaming or deleting a submission, and changing any other path, needs an
  administrator (``quan-tri.yaml``).

Git handles are compared without regard to case, as Git hosts do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vinhdanh.errors import UsageError
from vinhdanh.git import Change, changed_files, read_at
from vinhdanh.project import ADMINS_FILE, REGISTRY_FILE, SUBMISSIONS_DIR, Project, load_config
from vinhdanh.registry import registry_index

SUBMISSION = re.compile(rf"{SUBMISSIONS_DIR}/([a-z0-9-]{{3,64}})\.yaml\Z")


@dataclass(frozen=True)
class Decision:
    path: str
    allowed: bool
    reason: str


@dataclass(frozen=True)
class Rights:
    """Who may do what, as read from the base branch."""

    registry: dict[str, dict[str, Any]]
    admins: frozenset[str]

    def ancestors(self, ma: str) -> list[str]:
        chain, seen = [], {ma}
        parent = self.registry.get(ma, {}).get("cap_tren")
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.registry.get(parent, {}).get("cap_tren")
        return chain

    def handles(self, ma: str, field: str) -> set[str]:
        return {h.casefold() for h in self.registry.get(ma, {}).get(field, [])}


def rights_at(project: Project, ref: str, cwd: Path) -> Rights:
    """Rights as the base branch grants them (a pull request cannot widen its own)."""
    schemas = project.schemas
    registry = load_config(
        schemas, read_at(ref, REGISTRY_FILE, cwd), f"{ref}:{REGISTRY_FILE}", "registry"
    )
    admins = load_config(schemas, read_at(ref, ADMINS_FILE, cwd), f"{ref}:{ADMINS_FILE}", "admins")
    return Rights(registry_index(registry), frozenset(h.casefold() for h in admins["quan_tri"]))


def decide(change: Change, author: str, rights: Rights) -> Decision:
    """The verdict on one changed path, with the reason in Vietnamese."""
    who = author.casefold()
    if who in rights.admins:
        return Decision(change.path, True, "quản trị viên được sửa mọi tệp.")
    match = SUBMISSION.match(change.path)
    if match is None or (change.old_path and change.old_path != change.path):
        what = (
            "đổi tên hồ sơ"
            if match or SUBMISSION.match(change.old_path or "")
            else "sửa tệp ngoài thư mục hồ sơ"
        )
        return Decision(change.path, False, f"chỉ quản trị viên được {what}.")
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
    if who in rights.handles(ma, "nguoi_phu_trach"):
        return Decision(change.path, True, f"@{author} là người phụ trách của '{ma}'.")
    for parent in rights.ancestors(ma):
        if who in rights.handles(parent, "nguoi_duyet"):
            return Decision(
                change.path, True, f"@{author} là người duyệt của '{parent}', cấp trên của '{ma}'."
            )
    allowed = sorted(rights.handles(ma, "nguoi_phu_trach"))
    names = ", ".join(f"@{h}" for h in allowed) or "chưa ai"
    return Decision(
        change.path,
        False,
        f"@{author} không phụ trách '{ma}' (người phụ trách: "
        f"{names}) và không là người duyệt của cấp trên.",
    )


def check_pr(project: Project, base: str, head: str, author: str) -> list[Decision]:
    """One decision per path the pull request changes (empty when it changes nothing)."""
    if not author.strip():
        raise UsageError("Cần --author: tài khoản Git của người mở yêu cầu hợp nhất.")
    cwd = project.root
    rights = rights_at(project, base, cwd)
    return [decide(change, author.lstrip("@"), rights) for change in changed_files(base, head, cwd)]


def format_decisions(decisions: list[Decision]) -> str:
    if not decisions:
        return "Yêu cầu hợp nhất không thay đổi tệp nào.\n"
    lines = [f"{'ĐƯỢC PHÉP' if d.allowed else 'TỪ CHỐI'}: {d.path} — {d.reason}" for d in decisions]
    refused = sum(1 for d in decisions if not d.allowed)
    verdict = (
        f"Từ chối: {refused}/{len(decisions)} tệp không được phép thay đổi."
        if refused
        else f"Được phép: cả {len(decisions)} tệp."
    )
    return "\n".join([*lines, verdict]) + "\n"
