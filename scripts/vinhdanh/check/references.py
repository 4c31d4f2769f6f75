"""References: an upper level names a lower unit's honoree instead of retyping it.

In ``dien_hinh.ca_nhan`` or ``dien_hinh.tap_the`` of an upper-level union, an
item may be ``{tu: <unit>/<ma>}`` (SPEC §9.4): the record stays the lower
unit's, so the person is counted once and shown with every level that
honoured them. The unit must be below this one in the registry and must have
submitted, and the honoree must be in the same list of its file; otherwise
``tham-chieu``. A reference is never a ``trung-lap`` (it is not a second
record), but the same reference twice in one file is.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.check.load import Document, JsonPath, load_file
from vinhdanh.check.registry import children_index, descendants
from vinhdanh.check.schema import SchemaChecker
from vinhdanh.project import SUBMISSIONS_DIR, display_path
from vinhdanh.values import show_value

REFERENCE = "tu"
KINDS = ("ca_nhan", "tap_the")
_KIND_WORDS = {"ca_nhan": "cá nhân", "tap_the": "tập thể"}


class _Out(Protocol):
    def add(self, path: JsonPath, code: str, severity: str, message: str) -> None: ...


def is_reference(item: Any) -> bool:
    return isinstance(item, dict) and REFERENCE in item


def records(data: dict[str, Any], kind: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) of a list's own records, references left out."""
    for index, item in enumerate(data["dien_hinh"][kind]):
        if not is_reference(item):
            yield index, item


def references(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str, str, str]]:
    """(path, kind, unit, honoree id) of every reference of a file."""
    for kind in KINDS:
        for index, item in enumerate(data["dien_hinh"][kind]):
            if is_reference(item):
                unit, _, ma = item[REFERENCE].partition("/")
                yield ("dien_hinh", kind, index, REFERENCE), kind, unit, ma


def reference_units(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """Each reference names a unit below this one, and names it once."""
    found = list(references(data))
    if not found:
        return  # most files: no registry walk at all
    own = data["don_vi"]["ma"]
    registry = ctx.registry or {}
    below = set(descendants(children_index(registry), own))
    seen: dict[str, JsonPath] = {}
    for path, kind, unit, ma in found:
        target = f"{unit}/{ma}"
        if target in seen:
            out.add(
                path,
                "trung-lap",
                ERROR,
                f"'{target}' đã được tham chiếu ở dien_hinh.{kind}[{seen[target][2]}]. Hãy "
                "xoá mục lặp lại.",
            )
            continue
        seen[target] = path
        if unit not in below:
            where = "chính đơn vị này" if unit == own else "không phải đơn vị trực thuộc"
            out.add(
                path,
                "tham-chieu",
                ERROR,
                f"'{show_value(unit)}' {where} (cấp dưới của {own} trong don-vi.yaml). Chỉ "
                "tham chiếu được điển hình của đơn vị cấp dưới; người của đơn vị mình thì ghi "
                "đầy đủ.",
            )


class Link(NamedTuple):
    """Where a file refers to a lower unit's honoree, for the cross-file check."""

    file: str
    line: int
    column: int
    kind: str
    unit: str
    ma: str


def links(doc: Document) -> tuple[Link, ...]:
    return tuple(
        Link(doc.file, *doc.where(path), kind, unit, ma)
        for path, kind, unit, ma in references(doc.data)
    )


def resolve(found: list[Link], submitted: dict[str, dict[str, Any]], project: Any) -> list[Finding]:
    """``tham-chieu`` for each reference to a unit that has not submitted, or to an
    honoree that is not in the same list of the unit's file.

    ``submitted``: unit → data of the files accepted in this run. Any other unit's
    file (not in this run, or with errors of its own) is read from
    ``submissions/`` and checked against the schema only: a unit's own errors are
    reported on its own file and never make its parent's file fail (SPEC §9.2);
    a file too broken to read is not checked against here.
    """
    findings: list[Finding] = []
    checker = None
    read: dict[str, dict[str, Any] | None] = {}  # a unit referred to often is read once
    for link in found:
        data = submitted.get(link.unit)
        path = project.submissions_dir / f"{link.unit}.yaml"
        if data is None and path.is_file():
            checker = checker or SchemaChecker(project.schemas, "submission")
            if link.unit not in read:
                read[link.unit] = _read(path, checker)
            data = read[link.unit]
            if data is None:
                continue
        problem = None
        if data is None:
            problem = (
                f"Đơn vị '{link.unit}' chưa gửi hồ sơ ({SUBMISSIONS_DIR}/{link.unit}.yaml). "
                "Chỉ tham chiếu được điển hình của đơn vị đã gửi hồ sơ; chờ đơn vị gửi, hoặc "
                "ghi đầy đủ người đó."
            )
        elif link.ma not in {item.get("ma") for _, item in records(data, link.kind)}:
            ids = sorted(item["ma"] for _, item in records(data, link.kind))
            problem = (
                f"Hồ sơ {SUBMISSIONS_DIR}/{link.unit}.yaml không có {_KIND_WORDS[link.kind]} "
                f"mã '{show_value(link.ma)}' trong dien_hinh.{link.kind}. Các mã có: "
                f"{', '.join(ids[:20]) or 'không có'}."
            )
            chained = [
                f"{u}/{m}" for _, k, u, m in references(data) if (k, m) == (link.kind, link.ma)
            ]
            if chained:  # the unit refers to it in turn: the record lives further down
                problem += (
                    f" Mục đó trong hồ sơ {link.unit} cũng chỉ là tham chiếu; hãy tham chiếu thẳng "
                    f"tới hồ sơ gốc: {REFERENCE}: {chained[0]}"
                )
        if problem:
            findings.append(
                Finding(link.file, link.line, link.column, "tham-chieu", ERROR, problem)
            )
    return findings


def _read(path: Path, checker: SchemaChecker) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    doc, findings = load_file(path, display_path(path))
    if doc is None or findings or checker.check(doc):
        return None
    return doc.data


def unreceived(
    parents: dict[str, tuple[str, tuple[tuple[int, int], ...]]],
    submitted: dict[str, dict[str, Any]],
    registry: dict[str, dict[str, Any]],
    project: Any,
) -> list[Finding]:
    """``chua-tiep-nhan``: someone a unit sent up whom its parent, which has submitted,
    neither refers to nor lists (same name and workplace) — a delegate lost between levels.
    A lower unit's honoree a unit refers to and sends on is received by a reference
    to that record (``tu: <lower unit>/<id>``), as a reference cannot name a reference.

    ``parents``: unit → (file, (line, column) of each honorees list of ``KINDS``), for each unit of
    this run accepted without error; the children are read as in :func:`resolve`.
    """
    from vinhdanh.check.rules import honorees  # the one notion of "the same person"

    findings: list[Finding] = []
    read: dict[str, dict[str, Any] | None] = {}
    checker = None

    def data_of(unit: str) -> dict[str, Any] | None:
        nonlocal checker
        if unit in submitted:
            return submitted[unit]
        if unit not in read:
            checker = checker or SchemaChecker(project.schemas, "submission")
            read[unit] = _read(project.submissions_dir / f"{unit}.yaml", checker)
        return read[unit]

    children = children_index(registry)  # once: a parent per unit, not a scan per parent
    for parent, (file, places) in sorted(parents.items()):
        if parent not in children:
            continue
        data = submitted[parent]
        received = {f"{unit}/{ma}" for _, _, unit, ma in references(data)}
        listed = {identity for _, _, identity in honorees(data)}
        for child in sorted(children[parent]):
            below = data_of(child)
            if below is None:
                continue
            for kind, target, item, identity in _sent_up(child, below, data_of):
                if target in received or identity in listed:
                    continue
                name = item.get("ho_ten") or item.get("ten")
                findings.append(
                    Finding(
                        file,
                        *places[KINDS.index(kind)],
                        "chua-tiep-nhan",
                        WARNING,
                        f"{registry[child]['ten']} đã cử {show_value(name)} ({target}) "
                        f"đi dự hội nghị của {registry[parent]['ten']}, nhưng hồ sơ này chưa "
                        f"ghi {_KIND_WORDS[kind]} đó. Nếu đã tôn vinh, hãy thêm vào "
                        f"dien_hinh.{kind} một mục: - {REFERENCE}: {target}",
                    )
                )
    return findings


def _sent_up(
    unit: str, data: dict[str, Any], data_of: Any
) -> Iterator[tuple[str, str, dict[str, Any], tuple[str, ...]]]:
    """(kind, "<unit>/<id>" of the record, record, identity) of everyone a unit sent up:
    its own honorees, and the lower units' honorees it refers to and sends on."""
    from vinhdanh.check.rules import honorees

    sent = set(data["hoi_nghi"].get("dai_bieu_di_du_cap_tren", []))
    for path, ma, identity in honorees(data):
        if ma in sent:
            yield path[1], f"{unit}/{ma}", data["dien_hinh"][path[1]][path[2]], identity
    for _, kind, below, ma in references(data):
        if f"{below}/{ma}" not in sent:
            continue
        home = data_of(below)
        for path, id_, identity in honorees(home) if home is not None else ():
            if id_ == ma and path[1] == kind:
                yield kind, f"{below}/{ma}", home["dien_hinh"][kind][path[2]], identity
