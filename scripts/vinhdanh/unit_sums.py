"""An upper-level union's units' II.3 figures, summed: what its page and its report show.

Shared by the site (``website/rollup.py``) and the Word report (``office/``),
so both show the same sums. Figures are summed by form and year, one table per
level below the unit, and never added across levels nor to the unit's own
figures: an upper level's II.3 may already count its units' awards.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vinhdanh.check.registry import Registry, children_index, descendants
from vinhdanh.model import AwardFigures, Submission
from vinhdanh.project import Project


def award_sums(project: Project, figures: Iterable[AwardFigures]) -> dict[str, Any]:
    """II.3 rows summed by form and year: rows of (label, year, collectives, individuals).

    A "khác" row keeps its own description as its label. Forms in the
    vocabulary's order, then by label and year.
    """
    order = {code: i for i, code in enumerate(project.vocabulary["hinh_thuc_khen_thuong"])}
    sums: dict[tuple[int, str, int], list[int]] = {}
    for f in figures:
        key = (order.get(f.form, len(order)), f.description or f.form_label, f.year)
        total = sums.setdefault(key, [0, 0])
        total[0] += f.collectives
        total[1] += f.individuals
    rows = [(label, year, c, i) for (_, label, year), (c, i) in sorted(sums.items())]
    return {
        "rows": rows,
        "collectives": sum(r[2] for r in rows),
        "individuals": sum(r[3] for r in rows),
    }


def sums_by_level(
    project: Project, registry: Registry, units: Iterable[Submission]
) -> list[dict[str, Any]]:
    """The units' II.3 figures summed by form and year, one table per level (the upper first),
    each with its level's code and label and how many units' reports it adds up."""
    levels = project.vocabulary["cap"]
    by_level: dict[str, list[Submission]] = {}
    for sub in units:
        by_level.setdefault(registry[sub.unit.id]["cap"], []).append(sub)
    tables = []
    for code in reversed(list(levels)):
        subs = by_level.get(code)
        if subs:
            table = award_sums(project, (f for s in subs for f in s.report.figures))
            tables.append({"code": code, "label": levels[code], "units": len(subs), **table})
    return tables


def units_sums(
    project: Project, registry: Registry, submissions: Iterable[Submission]
) -> dict[str, list[dict[str, Any]]]:
    """Every unit that has units in the registry → its descendants' sums by level
    (``sums_by_level`` of those that submitted; empty if none has). Computed once
    per build: each submission is added once for each unit above it."""
    children = children_index(registry)
    by_id = {s.unit.id: s for s in submissions}
    return {
        ma: sums_by_level(
            project, registry, [by_id[u] for u in descendants(children, ma) if u in by_id]
        )
        for ma in registry
        if children.get(ma)
    }
