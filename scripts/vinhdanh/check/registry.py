"""The unit registry (don-vi.yaml): who may submit, at which level, under which parent."""

from __future__ import annotations

import difflib
import re
from typing import Any

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.load import Document, load_file
from vinhdanh.check.schema import SchemaChecker
from vinhdanh.project import Project, Vocabulary, display_path
from vinhdanh.values import show_value, slug

Registry = dict[str, dict[str, Any]]
Children = dict[str | None, list[str]]

_WHOLE = 1 << 12  # quote the registry's name whole: the user copies it from the message
# An id this close to a registered one is a typo of it ('cdcs-cokhi-hanoi'); a looser
# match only shares the level's prefix ('cdcs-') and would name an unrelated unit.
CLOSE_ID = 0.8
_ID_LETTERS = re.compile(r"[a-z0-9-]+")  # the letters of an id (its length is the schema's)


def load_registry(project: Project) -> tuple[list[Finding], Registry | None]:
    """Findings about don-vi.yaml, and its index (None when it cannot be trusted)."""
    doc, findings = load_file(project.registry_path, display_path(project.registry_path))
    if doc is None:
        return findings, None
    schema_findings = SchemaChecker(project.schemas, "registry").check(doc)
    if schema_findings:
        return findings + schema_findings, None
    return findings + check_registry(doc, project.vocabulary), registry_index(doc.data)


def registry_index(entries: list[dict[str, Any]]) -> Registry:
    """id → entry in registry order, first entry winning (duplicates are reported by
    :func:`check_registry`)."""
    index: dict[str, dict[str, Any]] = {}
    for entry in entries:
        index.setdefault(entry["ma"], entry)
    return index


def check_registry(doc: Document, vocabulary: Vocabulary) -> list[Finding]:
    """Unique ids, known parents, and parents at a higher level than their children.

    Levels are ordered as the ``cap`` vocabulary lists them (lowest first), so a
    parent must come later in that list; this also rules out cycles.
    """
    order = {code: rank for rank, code in enumerate(vocabulary["cap"])}
    labels = vocabulary["cap"]
    index = registry_index(doc.data)
    findings: list[Finding] = []

    def add(path: tuple, message: str) -> None:
        line, column = doc.where(path)
        findings.append(Finding(doc.file, line, column, "ma-don-vi", ERROR, message))

    seen: set[str] = set()
    for number, entry in enumerate(doc.data):
        ma = entry["ma"]
        if ma in seen:
            add((number, "ma"), f"Mã đơn vị '{ma}' được đăng ký hai lần. Mỗi đơn vị một mã riêng.")
        seen.add(ma)
        parent_id = entry.get("cap_tren")
        if parent_id is None:
            if order[entry["cap"]] != len(order) - 1:
                add(
                    (number, "ma"),
                    f"Đơn vị '{ma}' ({labels[entry['cap']]}) cần có cap_tren: "
                    "mã của công đoàn cấp trên trực tiếp.",
                )
            continue
        parent = index.get(parent_id)
        if parent is None:
            add(
                (number, "cap_tren"),
                f"Công đoàn cấp trên '{parent_id}' của '{ma}' chưa được đăng ký trong don-vi.yaml.",
            )
        elif order[parent["cap"]] <= order[entry["cap"]]:
            add(
                (number, "cap_tren"),
                f"'{parent_id}' ({labels[parent['cap']]}) không thể là cấp "
                f"trên của '{ma}' ({labels[entry['cap']]}).",
            )
    return findings


def children_index(registry: Registry) -> Children:
    """Each unit's direct units, in the registry's order (None: units without a parent)."""
    children: Children = {}
    for entry in registry.values():
        parent = entry.get("cap_tren")
        children.setdefault(parent if parent in registry else None, []).append(entry["ma"])
    return children


def descendants(children: Children, ma: str) -> list[str]:
    """Every unit below ``ma``, depth first in the children's order, each once.

    A registry with a cycle is reported as an error but may still be used; each
    unit is walked once, so a cycle can never make a build loop forever.
    """
    out, stack, seen = [], list(reversed(children.get(ma, []))), {ma}
    while stack:
        kid = stack.pop()
        if kid in seen:
            continue
        seen.add(kid)
        out.append(kid)
        stack.extend(reversed(children.get(kid, [])))
    return out


def meant_id(ma: str) -> str:
    """The id a person meant: 'cdcs-nhựa-bình-minh' → 'cdcs-nhua-binh-minh' (as written
    when it has only the letters of an id)."""
    return ma if _ID_LETTERS.fullmatch(ma) else slug(ma) or ma


def unit_id_findings(
    doc: Document, registry: Registry | None, vocabulary: Vocabulary, stem: str
) -> list[Finding]:
    """``don_vi.ma`` against the file's name and the registry (SPEC §9.2).

    An id written with diacritics is read as the id meant (its folded form): the
    schema's finding already says how to write it, so the file name and the
    registry are compared with that, and the file name suggested is a valid one.
    """
    unit = doc.data.get("don_vi") if isinstance(doc.data, dict) else None
    if not isinstance(unit, dict) or not isinstance(unit.get("ma"), str):
        return []  # the schema reports the missing id
    findings: list[Finding] = []

    def add(key: str, message: str) -> None:
        line, column = doc.where(("don_vi", key))
        findings.append(Finding(doc.file, line, column, "ma-don-vi", ERROR, message))

    ma = unit["ma"]
    meant, shown = meant_id(ma), show_value(ma)
    if meant != stem and ma == stem:
        add(
            "ma",
            f"Tên tệp '{show_value(stem)}.yaml' viết như mã đơn vị, có chữ có dấu hoặc ký tự "
            f"không dùng trong mã. Hãy viết ma: {meant} và đổi tên tệp thành "
            f"submissions/{meant}.yaml.",
        )
    elif meant != stem:
        add(
            "ma",
            f"Mã đơn vị '{shown}' khác tên tệp '{show_value(stem)}.yaml'. Tệp của đơn vị "
            f"'{meant}' phải tên là submissions/{meant}.yaml (hoặc sửa mã cho khớp tên tệp).",
        )
    if registry is None:
        return findings
    entry = registry.get(meant)
    if entry is None:
        close = difflib.get_close_matches(meant, list(registry), n=1, cutoff=CLOSE_ID)
        hint = f" Có phải ý bạn là '{close[0]}'?" if close else ""
        add(
            "ma",
            f"Mã đơn vị '{meant}' chưa có trong sổ đăng ký don-vi.yaml.{hint} Đơn vị mới cần "
            "được cấp trên đăng ký trước khi nộp hồ sơ.",
        )
        return findings
    levels = vocabulary["cap"]
    name = unit.get("ten")
    if isinstance(name, str) and name != entry["ten"]:
        registered = show_value(entry["ten"], _WHOLE)
        add(
            "ten",
            f"Tên đơn vị khác với sổ đăng ký don-vi.yaml, nơi ghi đơn vị '{meant}' là "
            f"'{registered}'. Hãy viết ten: {registered} (muốn đổi tên thì đề nghị cấp trên "
            "sửa sổ đăng ký).",
        )
    if unit.get("cap") != entry["cap"]:
        add(
            "cap",
            f"Sổ đăng ký ghi đơn vị '{meant}' thuộc cấp '{entry['cap']}' "
            f"({levels.get(entry['cap'], '')}). Hãy viết cap: {entry['cap']}.",
        )
    parent = unit.get("cap_tren")
    if parent is not None and parent != entry.get("cap_tren"):
        expected = entry.get("cap_tren")
        fix = f"Hãy viết cap_tren: {expected}." if expected else "Hãy xoá dòng cap_tren."
        add(
            "cap_tren",
            f"Công đoàn cấp trên '{show_value(parent)}' khác với sổ đăng ký don-vi.yaml. {fix}",
        )
    return findings
