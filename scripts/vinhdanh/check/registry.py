"""The unit registry (don-vi.yaml): who may submit, at which level, under which parent."""

from __future__ import annotations

from typing import Any

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.load import Document, load_file
from vinhdanh.check.schema import SchemaChecker
from vinhdanh.project import Project, Vocabulary, display_path

Registry = dict[str, dict[str, Any]]
Children = dict[str | None, list[str]]


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
