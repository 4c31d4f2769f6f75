"""``vinhdanh summary``: what a pull request changes, for the reviewer, in Vietnamese.

For every submission the pull request touches: its findings (as validation
reports them on the head version) and its change to the honour roll — the
honorees added, removed and changed (by id) — against the base branch. Private
fields (``rieng_tu``) are never compared or shown; all user text is escaped, and
paths are made visible (``<U+000A>``) before they are escaped. A path that is no
regular file (a link, a submodule) is reported and never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from vinhdanh.check.findings import Finding, sort_findings
from vinhdanh.check.load import load_bytes
from vinhdanh.check.privacy import outside_retired
from vinhdanh.check.references import KINDS as LISTS
from vinhdanh.check.references import REFERENCE, links, resolve, unreceived
from vinhdanh.check.registry import load_registry
from vinhdanh.check.validate import check_document, prepare
from vinhdanh.git.authorise import SUBMISSION, file_problem
from vinhdanh.git.repo import changed_files, read_at, visible
from vinhdanh.project import Project
from vinhdanh.values import escape_markdown

KINDS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể"}
PRIVATE = "rieng_tu"


@dataclass(frozen=True)
class HonoreeChange:
    kind: str  # ca_nhan | tap_the
    id: str
    name: str
    change: str  # added | removed | changed
    fields: tuple[str, ...] = ()


def _honorees(data: Any, kind: str) -> dict[str, dict[str, Any]]:
    """id → public fields, tolerating any shape (the file may be broken)."""
    block = data.get("dien_hinh") if isinstance(data, dict) else None
    items = block.get(kind) if isinstance(block, dict) else None
    found: dict[str, dict[str, Any]] = {}
    for item in items if isinstance(items, list) else []:
        # a record by its id; a reference to a lower unit's record by what it names
        key = item.get("ma") or item.get(REFERENCE) if isinstance(item, dict) else None
        if isinstance(key, str):
            found.setdefault(key, {k: v for k, v in item.items() if k != PRIVATE})
    return found


def _name(entry: dict[str, Any]) -> str:
    if REFERENCE in entry and "ma" not in entry:
        return f"{entry[REFERENCE]} (tham chiếu)"
    return str(entry.get("ho_ten") or entry.get("ten") or entry.get("ma"))


def honour_roll_changes(before: Any, after: Any) -> list[HonoreeChange]:
    """Honorees added, removed or changed between two versions of one submission."""
    changes: list[HonoreeChange] = []
    for kind in KINDS:
        old, new = _honorees(before, kind), _honorees(after, kind)
        for ma, entry in new.items():
            if ma not in old:
                changes.append(HonoreeChange(kind, ma, _name(entry), "added"))
            elif entry != old[ma]:
                fields = sorted(
                    k for k in entry.keys() | old[ma].keys() if entry.get(k) != old[ma].get(k)
                )
                changes.append(HonoreeChange(kind, ma, _name(entry), "changed", tuple(fields)))
        changes += [
            HonoreeChange(kind, ma, _name(e), "removed") for ma, e in old.items() if ma not in new
        ]
    return changes


@dataclass(frozen=True)
class FileReport:
    path: str
    unit: str
    findings: tuple[Finding, ...]
    changes: tuple[HonoreeChange, ...]
    deleted: bool
    problem: str | None = None  # why the head's path is no acceptable file (a link…)


def _data(raw: bytes | None) -> Any:
    if raw is None:
        return None
    doc, _ = load_bytes(raw, "")
    return doc.data if doc is not None else None


def pr_reports(project: Project, base: str, head: str) -> list[FileReport]:
    """A report for each submission the pull request adds, edits, renames or deletes."""
    cwd = project.root
    _, registry = load_registry(project)
    checker, ctx = prepare(project, registry)
    reports = []
    for change in changed_files(base, head, cwd):
        if not SUBMISSION.match(change.path) and not SUBMISSION.match(change.old_path or ""):
            continue
        before = _data(read_at(base, change.old_path or change.path, cwd))
        raw_after = None if change.status == "D" else read_at(head, change.path, cwd)
        findings: list[Finding] = []
        after = None
        if raw_after is not None:
            doc, findings = load_bytes(raw_after, change.path)
            if doc is not None:
                findings = outside_retired(doc, findings)
                stem = PurePosixPath(change.path).stem
                more, conforms = check_document(doc, checker, ctx, stem)
                findings = findings + more
                if conforms:  # what it refers to and receives, as validate checks it
                    findings += resolve(list(links(doc)), {}, project)
                if conforms and registry and not any(f.is_error for f in findings):
                    where = tuple(doc.where(("dien_hinh", k), key=True) for k in LISTS)
                    place = (doc.file, where)
                    findings += unreceived({stem: place}, {stem: doc.data}, registry, project)
                after = doc.data
        # The registry is the authority for a unit's name (SPEC §9.2): a file cannot
        # present itself to the reviewer under another unit's name.
        entry = (registry or {}).get(PurePosixPath(change.path).stem) or {}
        reports.append(
            FileReport(
                change.path,
                visible(str(entry.get("ten") or change.path)),
                tuple(sort_findings(findings)),
                tuple(honour_roll_changes(before, after)),
                change.status == "D",
                file_problem(change, admin=False),
            )
        )
    return reports


_VERBS = {"added": "➕ Thêm", "removed": "➖ Bỏ", "changed": "✏️ Sửa"}
Titles = dict[str, dict[str, str]]


def field_titles(project: Project) -> Titles:
    """kind → field → its Vietnamese title, from the submission schema."""
    definitions = project.schemas["submission"]["definitions"]
    return {
        kind: {key: sub.get("title", key) for key, sub in definitions[kind]["properties"].items()}
        for kind in KINDS
    }


def _change_line(change: HonoreeChange, titles: Titles) -> str:
    name = escape_markdown(visible(change.name))
    line = f"- {_VERBS[change.change]} {KINDS[change.kind].lower()}: {name}"
    if change.fields:
        names = [titles.get(change.kind, {}).get(f, f).lower() for f in change.fields]
        line += f" ({escape_markdown(', '.join(names))})"
    return line


def _path(path: str) -> str:
    """A path as Markdown: between backticks only when it is a well-formed submission name.

    Any other name (a rename target may hold newlines, backticks, HTML) is made
    visible and escaped, so it cannot end the line, open a block or run markup.
    """
    if SUBMISSION.match(path):  # submissions/<ma>.yaml, ma in [a-z0-9-]
        return f"`{path}`"
    return escape_markdown(visible(path))


# GitHub drops a job summary above 1 MiB: the reviewer would get none. So each
# unit lists at most this many findings and changes, and the whole is cut below.
LISTED = 100
SUMMARY_BYTES = 900 * 1024


def _at_most(lines: list[str], more: str) -> list[str]:
    """The first ``LISTED`` lines, and one line saying how many more there are."""
    if len(lines) <= LISTED:
        return lines
    return [*lines[:LISTED], f"- … và {len(lines) - LISTED} {more}."]


def _within_limit(text: str) -> str:
    """The summary, cut at a line so that it stays under GitHub's size limit."""
    if len(text.encode("utf-8")) <= SUMMARY_BYTES:
        return text
    cut = text.encode("utf-8")[:SUMMARY_BYTES].decode("utf-8", "ignore").rsplit("\n", 1)[0]
    return (
        f"{cut}\n\n**Tóm tắt quá dài nên được cắt bớt.** Chạy `vinhdanh summary` trên máy "
        "để xem đủ.\n"
    )


def summary_markdown(reports: list[FileReport], titles: Titles | None = None) -> str:
    """The job summary a reviewer reads: one section per changed submission."""
    titles = titles or {}
    if not reports:
        return "## Hồ sơ đơn vị\n\nYêu cầu hợp nhất này không thay đổi hồ sơ đơn vị nào.\n"
    lines = [
        "## Hồ sơ đơn vị trong yêu cầu hợp nhất",
        "",
        "| Hồ sơ | Lỗi | Cảnh báo | Thêm | Bỏ | Sửa |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        errors = sum(1 for f in r.findings if f.is_error)
        counts = [sum(1 for c in r.changes if c.change == k) for k in _VERBS]
        lines.append(
            f"| {escape_markdown(r.unit)} | {errors + (r.problem is not None)} | "
            f"{len(r.findings) - errors} | " + " | ".join(map(str, counts)) + " |"
        )
    for r in reports:
        lines += [
            "",
            f"### {escape_markdown(r.unit)}",
            "",
            f"Tệp: {_path(r.path)}" + (" (bị xoá)" if r.deleted else ""),
            "",
        ]
        if r.problem:
            lines.append(f"**Tệp không được chấp nhận:** ❌ {escape_markdown(r.problem)}")
        if r.findings:
            lines.append("**Kết quả kiểm tra:**")
            found = [
                f"- {'❌ lỗi' if f.is_error else '⚠️ cảnh báo'} dòng {f.line}: "
                f"{escape_markdown(f'[{f.code}] {f.message}')}"
                for f in r.findings
            ]
            lines += _at_most(found, "lỗi, cảnh báo khác: chạy `vinhdanh validate` để xem đủ")
        elif not r.deleted and not r.problem:
            lines.append("**Kết quả kiểm tra:** ✅ không có lỗi hay cảnh báo.")
        lines += [
            "",
            "**Thay đổi trên bảng vàng:**"
            if r.changes
            else "**Thay đổi trên bảng vàng:** không có.",
        ]
        order = list(_VERBS)
        changed = sorted(r.changes, key=lambda c: (order.index(c.change), c.kind, c.name))
        lines += _at_most([_change_line(c, titles) for c in changed], "thay đổi khác")
    return _within_limit("\n".join(lines) + "\n")
