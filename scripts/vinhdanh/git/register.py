"""check-pr for the registry: a union registers the units below it.

One flow, which check-pr, CODEOWNERS, the guide and the "Đăng ký đơn vị" issue
form all describe:

- A reviewer (``nguoi_duyet``) of a union, as the *base* branch's don-vi.yaml
  names them, may add, edit and remove the entries of units strictly below that
  union, every field of them (name, level, parent, quota, maintainers,
  reviewers): whatever right such an entry grants reaches only units below that
  union, whose submissions the reviewer may already edit.
- Never the entry of a union they review (unless they also review a union above
  it: that is the upper union's right), nor any entry at or above it, nor a unit
  elsewhere; a unit moves only within their subtree, and a new unit hangs below a
  union they review. The entry of a unit that has a submission is never removed
  (nor its ``ma`` changed): that would unpublish it, like deleting the file.
- The file is judged per entry, by ``ma``, between the parsed base and merged
  versions: comments and layout are not judged, the order of existing entries is
  (it is the pages' order). A merged file that does not load, breaks the schema
  or the registry's checks (duplicate ids, unknown parent, level order) is
  refused outright, with its line: nothing is judged from a file the site would
  not accept.
- .github/CODEOWNERS may change only to exactly what ``vinhdanh codeowners``
  generates from the merged registry: review routing follows the registry, so no
  one writes it by hand, and a registration carries its routing with it.
- Administrators (quan-tri.yaml) change both files freely; CODEOWNERS keeps both
  files theirs, so an administrator approves what a union's reviewer proposes, as
  that reviewer approves what a unit's maintainer proposes.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from vinhdanh.check.findings import Finding
from vinhdanh.check.load import Document, load_bytes
from vinhdanh.check.registry import check_registry
from vinhdanh.check.schema import SchemaChecker
from vinhdanh.git.codeowners import CODEOWNERS_FILE, edits, render_codeowners
from vinhdanh.git.repo import Change, read_in, visible
from vinhdanh.git.rights import Decision, Rights, ancestors
from vinhdanh.project import REGISTRY_FILE, SUBMISSIONS_DIR, Project
from vinhdanh.values import show_value

# At most this many problems of a broken merged registry are listed.
LISTED = 20
FIX_CODEOWNERS = f"hãy chạy 'vinhdanh codeowners' rồi commit {CODEOWNERS_FILE}"
# Edits of CODEOWNERS named in a refusal (the rest: run the command).
NAMED_EDITS = 5


@dataclass(frozen=True)
class Trees:
    """What a verdict reads: the base's rights and commit, and the merged tree."""

    project: Project
    rights: Rights
    base: str
    merged: str
    cwd: Path


def judge_registry_files(change: Change, who: str, trees: Trees) -> list[Decision] | None:
    """Decisions on don-vi.yaml's entries or on CODEOWNERS, for a non-administrator
    who edits them in place; None: the path is judged like any other (by ``decide``)."""
    from vinhdanh.git.authorise import file_problem  # authorise imports this module

    if who.casefold() in trees.rights.admins or change.old_path is not None:
        return None
    if change.status not in "AM" or file_problem(change, admin=False):
        return None
    if change.path == REGISTRY_FILE and change.status == "M":
        return judge_registry(who, trees)
    if change.path == CODEOWNERS_FILE:
        return [judge_codeowners(trees)]
    return None


def _load(project: Project, raw: bytes | None, file: str) -> tuple[Document | None, list[Finding]]:
    """A registry version and its errors: loading, schema, then the registry's own checks."""
    if raw is None:
        return None, []
    doc, findings = load_bytes(raw, file)
    if doc is not None:
        findings += SchemaChecker(project.schemas, "registry").check(doc)
        if not any(f.is_error for f in findings):
            findings += check_registry(doc, project.vocabulary)
    return doc, [f for f in findings if f.is_error]


def _positions(doc: Document) -> dict[str, int]:
    """ma → index of its entry (the first, if written twice)."""
    found: dict[str, int] = {}
    for number, entry in enumerate(doc.data):
        found.setdefault(entry["ma"], number)
    return found


def _broken(errors: list[Finding], doc: Document | None) -> list[Decision]:
    if doc is None and not errors:
        why = "tệp sau khi hợp nhất không đọc được"
        return [Decision(REGISTRY_FILE, False, f"{why}; chỉ quản trị viên được sửa như vậy.")]
    decisions = [
        Decision(
            REGISTRY_FILE,
            False,
            f"sau khi hợp nhất, tệp có lỗi: {show_value(f.message, limit=400)} "
            "Tệp phải hợp lệ thì mới xét được từng đơn vị.",
            f.line,
        )
        for f in errors[:LISTED]
    ]
    if len(errors) > LISTED:
        more = f"và {len(errors) - LISTED} lỗi khác: chạy 'vinhdanh validate {REGISTRY_FILE}'."
        decisions.append(Decision(REGISTRY_FILE, False, more))
    return decisions


class _Scope:
    """Where the author's reviewer rights reach, in the base tree and in the merged one."""

    def __init__(self, rights: Rights, who: str, merged: dict[str, dict[str, Any]]):
        self.rights, self.merged = rights, merged
        self.reviewed = rights.reviewed_by(who)
        self.shown = visible(who)

    def above_in_base(self, ma: str) -> str | None:
        """The nearest union above ``ma`` (base tree) that the author reviews."""
        return next((a for a in self.rights.ancestors(ma) if a in self.reviewed), None)

    def above_in_merged(self, ma: str) -> str | None:
        """The same, walking the merged tree's parents (a new or moved unit)."""
        return next((a for a in ancestors(self.merged, ma) if a in self.reviewed), None)

    def unions(self) -> str:
        return ", ".join(f"'{visible(ma)}'" for ma in self.reviewed)

    def outside(self, ma: str) -> str:
        """Why ``ma``'s base entry is beyond the author's reach."""
        who, shown = f"@{self.shown}", visible(ma)
        if not self.reviewed:
            return (
                f"{who} không là người duyệt (nguoi_duyet) của công đoàn nào trên nhánh gốc, "
                "nên không được sửa sổ đăng ký; hãy nhờ công đoàn cấp trên hoặc quản trị viên."
            )
        if ma in self.reviewed:
            return (
                f"'{shown}' là công đoàn {who} duyệt; mục của chính đơn vị mình chỉ công đoàn "
                "cấp trên hoặc quản trị viên được sửa."
            )
        below = [r for r in self.reviewed if ma in self.rights.ancestors(r)]
        if below:
            return (
                f"'{shown}' là cấp trên của '{visible(below[0])}', công đoàn {who} duyệt; "
                "chỉ quản trị viên được sửa mục của cấp trên."
            )
        return f"'{shown}' không trực thuộc công đoàn nào {who} duyệt ({self.unions()})."


def _line(doc: Document, number: int, field: str | None = None) -> int:
    return doc.where((number, field) if field else (number, "ma"))[0]


def _entry_decisions(
    scope: _Scope, base: Document, head: Document, submitted: set[str]
) -> list[Decision]:
    """Added, changed and removed entries, by ``ma``, each with its verdict."""
    old, new = _positions(base), _positions(head)
    who = f"@{scope.shown}"
    decisions = []
    for ma, number in new.items():
        entry, shown = head.data[number], visible(ma)
        if ma not in old:
            top = scope.above_in_merged(ma)
            if top:
                why = f"thêm đơn vị '{shown}' dưới '{visible(top)}', công đoàn {who} duyệt."
            elif not entry.get("cap_tren"):
                why = f"thêm đơn vị '{shown}' không có cấp trên: chỉ quản trị viên được thêm."
            else:
                why = (
                    f"thêm đơn vị '{shown}' dưới '{visible(entry['cap_tren'])}', không trực "
                    f"thuộc công đoàn nào {who} duyệt ({scope.unions() or 'không có'})."
                )
            decisions.append(Decision(REGISTRY_FILE, top is not None, why, _line(head, number)))
            continue
        before = base.data[old[ma]]
        fields = sorted(k for k in entry.keys() | before.keys() if entry.get(k) != before.get(k))
        if not fields:
            continue
        line, what = _line(head, number, fields[0]), ", ".join(fields)
        top, moved_to = scope.above_in_base(ma), scope.above_in_merged(ma)
        if top is None:
            why = f"sửa đơn vị '{shown}' ({what}): {scope.outside(ma)}"
        elif moved_to is None:
            line = _line(head, number, "cap_tren")
            why = (
                f"chuyển đơn vị '{shown}' sang cấp trên '{visible(str(entry.get('cap_tren')))}', "
                f"ra ngoài các công đoàn {who} duyệt; chỉ quản trị viên được chuyển như vậy."
            )
        else:
            why = f"sửa đơn vị '{shown}' ({what}): {who} duyệt '{visible(top)}', cấp trên của nó."
        decisions.append(
            Decision(REGISTRY_FILE, top is not None and moved_to is not None, why, line)
        )
    for ma, number in old.items():
        if ma in new:
            continue
        shown, at = visible(ma), f"(dòng {_line(base, number)} trên nhánh gốc; đổi mã là bỏ mã cũ)"
        top = scope.above_in_base(ma)
        if top is None:
            why = f"bỏ đơn vị '{shown}' {at}: {scope.outside(ma)}"
        elif ma in submitted:
            why = (
                f"bỏ đơn vị '{shown}' {at}: đơn vị đã có hồ sơ "
                f"{SUBMISSIONS_DIR}/{shown}.yaml; chỉ quản trị viên được bỏ đơn vị đã nộp hồ sơ."
            )
        else:
            why = f"bỏ đơn vị '{shown}' {at}: {who} duyệt '{visible(top)}', cấp trên của nó."
        decisions.append(Decision(REGISTRY_FILE, top is not None and ma not in submitted, why))
    return decisions


def _order(base: Document, head: Document) -> Decision | None:
    """A refusal when entries already registered changed places (the pages' order),
    naming the first entry outside the longest run kept in order."""
    old, new = _positions(base), _positions(head)
    before = [ma for ma in old if ma in new]
    after = [ma for ma in new if ma in old]
    kept = set()
    for block in SequenceMatcher(None, before, after, autojunk=False).get_matching_blocks():
        kept.update(after[block.b : block.b + block.size])
    moved = next((ma for ma in after if ma not in kept), None)
    if moved is None:
        return None
    return Decision(
        REGISTRY_FILE,
        False,
        f"đổi thứ tự các đơn vị đã đăng ký ('{visible(moved)}' đổi chỗ): thứ tự là thứ tự trên "
        "trang web, chỉ quản trị viên được đổi. Hãy thêm mục mới mà không di chuyển các mục "
        "có sẵn.",
        _line(head, new[moved]),
    )


def judge_registry(who: str, trees: Trees) -> list[Decision]:
    """don-vi.yaml edited by a non-administrator: one decision per entry it changes."""
    project, cwd = trees.project, trees.cwd
    head, errors = _load(project, read_in(trees.merged, REGISTRY_FILE, cwd), REGISTRY_FILE)
    if errors or head is None:
        return _broken(errors, head)
    base, _ = load_bytes(read_in(trees.base, REGISTRY_FILE, cwd) or b"", REGISTRY_FILE)
    assert base is not None  # rights_at has loaded it
    merged = {entry["ma"]: entry for entry in reversed(head.data)}  # first entry wins
    scope = _Scope(trees.rights, who, merged)
    gone = [ma for ma in _positions(base) if ma not in merged]
    submitted = {
        ma for ma in gone if read_in(trees.merged, f"{SUBMISSIONS_DIR}/{ma}.yaml", cwd) is not None
    }
    decisions = _entry_decisions(scope, base, head, submitted)
    moved = _order(base, head)
    if moved:
        decisions.append(moved)
    if not decisions:
        why = (
            "tệp chỉ đổi ghi chú hoặc cách viết, không đổi đơn vị nào; "
            "chỉ quản trị viên được sửa như vậy."
        )
        decisions.append(Decision(REGISTRY_FILE, False, why))
    return decisions


def judge_codeowners(trees: Trees) -> Decision:
    """CODEOWNERS edited by a non-administrator: allowed only as the generated file."""
    project, cwd = trees.project, trees.cwd
    head, errors = _load(project, read_in(trees.merged, REGISTRY_FILE, cwd), REGISTRY_FILE)
    if errors or head is None:
        why = f"không đối chiếu được với {REGISTRY_FILE} vì tệp đó có lỗi; hãy sửa tệp đó trước."
        return Decision(CODEOWNERS_FILE, False, why)
    expected = render_codeowners(head.data, list(trees.rights.admin_list))
    written = (read_in(trees.merged, CODEOWNERS_FILE, cwd) or b"").decode("utf-8", "replace")
    if written == expected:
        why = f"đúng bản lệnh 'vinhdanh codeowners' tạo từ {REGISTRY_FILE} của yêu cầu này."
        return Decision(CODEOWNERS_FILE, True, why)
    steps = edits(written, expected)
    line = steps[0][0] if steps else 1  # only the line endings differ: the first line
    named = "; ".join(what for _, what in steps[:NAMED_EDITS])
    more = f"; và {len(steps) - NAMED_EDITS} chỗ khác" if len(steps) > NAMED_EDITS else ""
    why = (
        f"khác bản lệnh 'vinhdanh codeowners' tạo từ {REGISTRY_FILE} (từ dòng {line}); "
        f"tệp này không sửa tay: {FIX_CODEOWNERS}"
        + (f", hoặc sửa trên trang Git đúng như sau: {named}{more}." if named else ".")
    )
    return Decision(CODEOWNERS_FILE, False, why, line)
