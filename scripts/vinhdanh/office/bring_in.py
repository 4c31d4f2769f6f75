"""Stage — model: what a workbook or a Word report gave, merged into the unit's submission.

The YAML file stays the source: only the lists the workbook has a sheet for
(or, for a report, ``bao_cao.noi_dung``) are replaced, and the new text is the
old one with just those values spliced in (``splice``). A person's
initiatives, awards or titles that the workbook has no sheet for are carried
over from the file, matched by the person's code. The merged data is checked
as ``validate`` would check the file, and each finding about an imported value
is placed at the workbook cell it came from ("Cá nhân!C7"). A unit without a
file starts from its scaffold (``vinhdanh new``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vinhdanh.check.files import NOT_REGULAR_MESSAGE, NotRegular, TooBig, read_regular
from vinhdanh.check.findings import ERROR, WARNING, Finding, sort_findings
from vinhdanh.check.hidden import HIDDEN, HIDDEN_IN_BLOCK, LOOKALIKE, MIXED, hidden_message
from vinhdanh.check.load import MAX_BYTES, Document, load_text, read_text
from vinhdanh.check.registry import load_registry
from vinhdanh.check.validate import check_document, prepare
from vinhdanh.errors import UsageError
from vinhdanh.office.excel_in import Imported, read_workbook
from vinhdanh.office.general import GENERAL_SHEET, general_for
from vinhdanh.office.layout import (
    MONEY,
    REFERENCE,
    JsonPath,
    SheetLayout,
    at,
    owner_id,
    owner_name,
    workbook_layout,
)
from vinhdanh.office.splice import splice
from vinhdanh.project import Project, display_path
from vinhdanh.scaffold import registered, scaffold_for
from vinhdanh.values import format_money, parse_money, text_blocks, value_at

REPORT_TEXT: JsonPath = ("bao_cao", "noi_dung")
# Findings about imported values are checked with made-up line numbers from here
# on, then placed at their cells: no file of 1 MiB has this many lines.
FIRST_IMPORTED_LINE = 10_000_000


@dataclass(frozen=True)
class Brought:
    """The submission's new text, where it goes, and every finding."""

    target: Path  # submissions/<ma>.yaml
    text: str
    findings: list[Finding]
    existed: bool
    changes: tuple[str, ...] = ()  # what would change, one line a list or a section

    @property
    def blocked(self) -> bool:
        """An error in what was read (the rest of the file may be unfinished)."""
        return any(f.is_error and f.place for f in self.findings)


@dataclass(frozen=True)
class _Current:
    """The unit's file as it is before the import: read once, parsed once."""

    target: Path
    text: str
    existed: bool
    doc: Document
    problems: list[Finding]

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data if isinstance(self.doc.data, dict) else {}


def _current(project: Project, unit: str) -> _Current:
    """The unit's file, parsed (its scaffold when it has none). Only a registered unit's
    ``submissions/<ma>.yaml``, never through a link: "--ma ../ke-hoach" or a link to a
    file outside would put that file's text into the submission. A file that is not
    YAML is refused before anything is read into it."""
    target, text, existed = _text(project, unit)
    doc, problems = load_text(text, display_path(target))
    if doc is None:
        raise UsageError(
            f"{display_path(target)} đang có lỗi YAML nên chưa nhập được. Hãy chạy 'vinhdanh "
            f"validate {display_path(target)}', sửa lỗi, rồi nhập lại."
        )
    return _Current(target, text, existed, doc, problems)


def _text(project: Project, unit: str) -> tuple[Path, str, bool]:
    registered(project, unit)
    target = project.submissions_dir / f"{unit}.yaml"
    try:
        raw = read_regular(target, MAX_BYTES)
    except FileNotFoundError:
        return target, scaffold_for(project, unit), False
    except (NotRegular, TooBig, OSError) as exc:
        why = (
            NOT_REGULAR_MESSAGE
            if isinstance(exc, NotRegular)
            else "Tệp quá lớn hoặc không đọc được."
        )
        raise UsageError(f"Chưa nhập được vào {display_path(target)}: {why}") from None
    text, problems = read_text(raw, display_path(target))
    if text is None:
        raise UsageError(f"{problems[0].file}: {problems[0].message}")
    return target, text, True


def _carried(old: list[Any], new: list[Any], nested: set[str]) -> None:
    """Nested lists the workbook did not hold, kept from the file's item of the same code."""
    by_code = {str(i.get("ma") or i.get(REFERENCE)): i for i in old if isinstance(i, dict)}
    for item in (i for i in new if isinstance(i, dict)):
        before = by_code.get(str(item.get("ma") or item.get(REFERENCE)))
        for key in nested:
            if before and before.get(key) and key not in item:
                item[key] = copy.deepcopy(before[key])


def _nested_keys(layout: tuple[SheetLayout, ...], path: JsonPath, imported: Imported) -> set[str]:
    keys = {s.nested for s in layout if s.owned and path in s.lists}
    return {k for k in keys if k and (path, k) not in imported.nested_read}


def _meaning(value: Any, money: set[str], key: str | None = None) -> Any:
    """A value as the model reads it: money "350.000.000" is 350000000."""
    if isinstance(value, dict):
        return {k: _meaning(v, money, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_meaning(v, money) for v in value]
    if key in money and not isinstance(value, bool):
        return parse_money(value) if isinstance(value, int | str) else value
    return value


def _set(data: dict[str, Any], path: JsonPath, value: Any) -> None:
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _check(
    project: Project,
    doc: Document,
    values: dict[JsonPath, Any],
    read: tuple[str, dict[tuple, str], list[Finding]],
    unit: str,
) -> list[Finding]:
    """Findings of the merged submission; those about imported values placed at their
    cells in ``read`` (the workbook's name, each value's cell, what reading it found)."""
    source, places, found = read
    data = copy.deepcopy(doc.data) if isinstance(doc.data, dict) else {}
    for path, value in values.items():
        _set(data, path, value)
    marks = {p: m for p, m in doc.marks.items() if not any(p[: len(v)] == v for v in values)}
    keys = {p: m for p, m in doc.key_marks.items() if not any(p[: len(v)] == v for v in values)}
    lines: dict[int, str] = {}
    for number, (path, place) in enumerate(places.items(), start=FIRST_IMPORTED_LINE):
        marks[path] = keys[path] = (number, 1)
        lines[number] = place
    merged = Document(doc.file, data, marks, keys, doc.source)
    _, registry = load_registry(project)
    checker, ctx = prepare(project, registry)
    findings, _ = check_document(merged, checker, ctx, unit)
    said = {_row(f.place) for f in found if f.is_error}
    return _hidden(values, places, source) + [
        Finding(source, f.line, f.column, f.code, f.severity, f.message, lines[f.line])
        if f.line in lines
        else f
        for f in findings
        if f.line not in lines or _row(lines[f.line]) not in said  # said once, by the reader
    ]


def _hidden(values: dict[JsonPath, Any], places: dict[tuple, str], file: str) -> list[Finding]:
    """Hidden characters and look-alike letters in what was read, each at its cell: the
    loader finds them only when the written file is read again (SPEC §9.2)."""
    findings: list[Finding] = []

    def walk(path: tuple, value: Any) -> None:
        if isinstance(value, dict | list):
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in pairs:
                walk((*path, key), item)
        elif isinstance(value, str):
            hidden = HIDDEN_IN_BLOCK if "\n" in value else HIDDEN
            chars = [*hidden.findall(value), *LOOKALIKE.findall(value), *MIXED.findall(value)]
            within = (places.get(path[:n]) for n in range(len(path), 0, -1))
            place = next((p for p in within if p), ".".join(map(str, path)))
            findings.extend(
                Finding(file, 1, 1, "ky-tu-an", ERROR, hidden_message(char), place)
                for char in dict.fromkeys(chars)
            )

    for path, value in values.items():
        walk(path, value)
    return findings


def _row(place: str) -> tuple[str, str]:
    """("Cá nhân", "7") of "Cá nhân!C7": a row's findings are told once."""
    sheet, _, cell = place.rpartition("!")
    return sheet, cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _merge(
    project: Project,
    unit: str,
    current: _Current,
    values: dict[JsonPath, Any],
    read: tuple[str, dict[tuple, str], list[Finding]],
) -> Brought:
    """The file with ``values`` spliced in, and every finding; ``read`` as for ``_check``."""
    file, _, found = read
    checked = _check(project, current.doc, values, read, unit)
    if not current.existed:  # the scaffold's blanks are the user's next step, not its faults
        checked = [f for f in checked if f.place] + [_unfinished(current.target)]
    new_text = splice(current.text, values) if values else current.text
    findings = [*current.problems, *found, *checked]
    size = len(new_text.encode("utf-8"))
    if size > MAX_BYTES:
        message = (
            f"Hồ sơ sau khi nhập nặng {format_money(size)} byte, quá giới hạn 1 MiB của một tệp "
            "hồ sơ (validate sẽ từ chối). Hãy rút gọn các ô quá dài (thành tích, nội dung…)."
        )
        findings.append(Finding(file, 1, 1, "nhap", ERROR, message, "tệp"))
    return Brought(current.target, new_text, sort_findings(findings), current.existed)


def _unfinished(target: Path) -> Finding:
    return Finding(
        display_path(target),
        1,
        1,
        "nhap",
        WARNING,
        "Đơn vị chưa có tệp hồ sơ: tệp được tạo từ tệp mẫu (như 'vinhdanh new') với những gì "
        "vừa nhập. Phần còn trống (nội dung báo cáo: nhập từ tệp Word bằng 'vinhdanh nhap "
        "<tệp>.docx'), hãy điền vào sổ hoặc tệp đó, rồi chạy "
        f"'vinhdanh validate {display_path(target)}'.",
    )


def _summary(layout: tuple[SheetLayout, ...], path: JsonPath, old: list, new: list) -> str:
    """ "Cá nhân: 9 → 12 mục; bỏ Phạm Thị Mai" — what replacing a list does."""
    name = next((s.name for s in layout if not s.owned and s.lists == (path,)), ".".join(path))
    line = f"{name}: {len(old)} → {len(new)} mục"
    kept = {owner_id(i) for i in new if isinstance(i, dict)}
    gone = [  # a scaffold's empty example is no one
        owner_name(i) or owner_id(i)
        for i in old
        if isinstance(i, dict) and owner_id(i) not in kept and (owner_name(i) or owner_id(i))
    ]
    if gone:
        shown = ", ".join(gone[:8]) + (f" và {len(gone) - 8} mục khác" if len(gone) > 8 else "")
        line += f"; bỏ {shown}"
    return line


def import_workbook(project: Project, unit: str, raw: bytes, file: str) -> Brought:
    """A workbook's lists merged into the unit's submission (``nhap FILE.xlsx``)."""
    layout = workbook_layout(project.schemas)
    imported = read_workbook(
        raw, file, layout, project.vocabulary, general_for(project.schemas, layout)
    )
    current = _current(project, unit)
    old = current.data
    if (
        not imported.lists
        and not imported.values
        and not any(f.is_error for f in imported.findings)
    ):
        imported.findings.append(
            Finding(
                file,
                1,
                1,
                "nhap",
                ERROR,
                "Sổ không có trang nào của hồ sơ. Hãy dùng sổ tải từ trang của đơn vị "
                "(danh-sach.xlsx) hoặc đặt tên trang như: Cá nhân, Tập thể, Khen thưởng….",
                "tệp",
            )
        )
    money = {f.key for s in layout for f in s.fields if f.kind == MONEY}
    changes = []
    for path, items in list(imported.lists.items()):
        _carried(at(old, path), items, _nested_keys(layout, path, imported))
        if _meaning(items, money) == _meaning(at(old, path), money):
            del imported.lists[path]  # unchanged: its text, flow style and comments stay
        else:
            changes.append(_summary(layout, path, at(old, path), items))
    single = {
        p: v
        for p, v in imported.values.items()
        if _meaning(v, money, p[-1]) != _meaning(value_at(old, p), money, p[-1])
    }
    if single:
        changes.append(f"{GENERAL_SHEET}: {len(single)} mục đổi")
    if not imported.lists and not single and not any(f.is_error for f in imported.findings):
        return Brought(current.target, current.text, imported.findings, current.existed)
    values = {**single, **imported.lists}
    read = (file, imported.places, imported.findings)
    brought = _merge(project, unit, current, values, read)
    return replace(brought, changes=tuple(changes))


def import_report(project: Project, unit: str, raw: bytes, file: str) -> Brought:
    """A report written in Word, read into ``bao_cao.noi_dung`` (``nhap FILE.docx``)."""
    from vinhdanh.office.word_in import read_report, report_layout

    sections, found = read_report(raw, file, project.schemas["submission"])
    current = _current(project, unit)
    written = value_at(current.data, REPORT_TEXT) or {}
    values: dict[JsonPath, Any] = {}
    for group, parts in sections.items():
        for part, new in parts.items():
            before = (written.get(group) or {}).get(part) if isinstance(written, dict) else None
            if not isinstance(before, str) or text_blocks(before) != text_blocks(new):
                values[(*REPORT_TEXT, group, part)] = new  # a part that says the same stays
    brought = _merge(project, unit, current, values, (file, {}, found))
    titles = {
        (*REPORT_TEXT, group, part): title
        for group, _, parts in report_layout(project.schemas["submission"])
        for part, title in parts
    }
    return replace(brought, changes=tuple(f"{titles.get(p, '.'.join(p))}: đổi" for p in values))


def bring_in(project: Project, unit: str, path: Path) -> Brought:
    """``nhap FILE --ma MA``: a workbook's lists, or a Word report's text, by the file's kind."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".docx"):
        raise UsageError(
            f"{display_path(path)}: vinhdanh nhập được sổ Excel (.xlsx) và văn bản Word (.docx). "
            "Tệp .xls hoặc .doc cũ: hãy mở rồi lưu lại dạng .xlsx hoặc .docx."
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        why = {FileNotFoundError: "không có tệp này", PermissionError: "không có quyền đọc"}
        reason = why.get(type(exc), "hãy kiểm tra đường dẫn và quyền đọc")
        raise UsageError(f"Không đọc được {display_path(path)}: {reason}.") from None
    if suffix == ".docx":
        return import_report(project, unit, raw, display_path(path))
    return import_workbook(project, unit, raw, display_path(path))
