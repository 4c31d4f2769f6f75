"""Roll-up: the registry's tree (Ngành → cấp trên → CĐCS) seen from the top.

The progress page groups units under their parent, an upper-level union's page
lists its units and sums their II.3 figures, and the statistics page shows II.3
by level. Python decides here (grouping, order, statuses, counts, sums); the
templates present. The tree is read once per build (``Tree``: parent →
children), so each page only walks its own subtree and a build stays linear.

Figures are never added across levels: an upper level's II.3 may already count
its units' awards, so a unit's own figures and its units' are shown apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from vinhdanh.check.registry import Registry
from vinhdanh.model import AwardFigures, Submission
from vinhdanh.project import Project
from vinhdanh.values import format_date, vietnamese_text_key

STATES = ("ok", "late", "missing", "error")  # a unit's state against its conference deadline
ERROR = {"css": "vd-late", "text": "Có lỗi, chưa đăng"}


def status(day: date | None, deadline: date) -> dict[str, Any]:
    if day is None:
        return {"css": "vd-missing", "text": "Chưa nộp", "state": "missing"}
    late = (day - deadline).days
    if late > 0:
        text = f"Trễ {late} ngày ({format_date(day)})"
        return {"css": "vd-late", "text": text, "state": "late"}
    return {"css": "vd-ok", "text": f"Đúng hạn ({format_date(day)})", "state": "ok"}


def unit_row(entry: dict[str, Any], sub: Submission | None, registry: Registry) -> dict:
    parent = registry.get(entry.get("cap_tren") or "", {})
    return {
        "id": entry["ma"],
        "name": entry["ten"],
        "published": sub is not None,
        "parent": parent.get("ten"),
        "parent_id": parent.get("ma"),
        "date": sub.conference.date if sub else None,
        "honorees": len(sub.people) + len(sub.collectives) if sub else 0,
    }


def counts(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Registered, submitted (published), on time, late, missing, with errors."""
    states = Counter(row["state"] for row in rows)
    return {
        "registered": sum(states.values()),
        "submitted": states["ok"] + states["late"],
        **{state: states[state] for state in STATES},
    }


@dataclass
class Tree:
    """The registry as a tree, and each unit's progress row, computed once per build.

    ``errored``: units whose file has errors or that the build leaves out.
    """

    project: Project
    registry: Registry
    by_id: dict[str, Submission]
    errored: set[str]

    def __post_init__(self) -> None:
        labels = self.project.vocabulary["cap"]
        rank = {code: r for r, code in enumerate(reversed(list(labels)))}
        self.children: dict[str | None, list[str]] = {}
        for entry in self.registry.values():
            parent = entry.get("cap_tren")
            self.children.setdefault(parent if parent in self.registry else None, []).append(
                entry["ma"]
            )
        key = {
            ma: (rank[e["cap"]], vietnamese_text_key(e["ten"])) for ma, e in self.registry.items()
        }
        for kids in self.children.values():
            kids.sort(key=key.__getitem__)

    def row(self, ma: str, published: set[str] | None = None) -> dict[str, Any]:
        """A unit's progress row; ``published``: the units whose pages are out, if not all."""
        entry, plan = self.registry[ma], self.project.plan
        sub = self.by_id.get(ma) if published is None or ma in published else None
        row = unit_row(entry, sub, self.registry)
        row["level"] = self.project.vocabulary["cap"][entry["cap"]]
        row["conference"] = status(
            sub.conference.date if sub else None, plan.levels[entry["cap"]].conference_deadline
        )
        if entry["cap"] in plan.report_levels:
            row["report"] = status(sub.report.date if sub else None, plan.report_deadline)
        else:
            row["report"] = {"css": "vd-na", "text": "Không áp dụng"}
        row["state"] = row["conference"]["state"]
        if sub is None and ma in self.errored:
            row["conference"] = row["report"] = ERROR
            row["state"] = "error"
        quota = entry.get("chi_tieu_dai_bieu")
        row["people"] = len(sub.people) if sub else None
        row["collectives"] = len(sub.collectives) if sub else None
        sent = str(len(sub.conference.sent_up)) if sub else "—"
        row["sent"] = sent if quota is None else f"{sent}/{quota}"
        row["quota"] = quota
        return row

    def _groups(self, top: list[str], published: set[str] | None) -> list[dict[str, Any]]:
        """Units under their parent, the parents in tree order (depth first)."""
        groups, stack, seen = [], list(reversed(top)), set(top)
        while stack:
            parent = stack.pop()
            kids = [ma for ma in self.children.get(parent, []) if ma not in seen]
            seen.update(kids)  # a registry with a cycle (an error of its own) still ends
            if kids:
                rows = [self.row(ma, published) for ma in kids]
                head = self.row(parent, published)
                quotas = any(r["quota"] is not None for r in rows)
                groups.append(
                    {"parent": head, "units": rows, "counts": counts(rows), "quotas": quotas}
                )
                stack.extend(reversed(kids))
        return groups

    def progress(self) -> dict[str, Any]:
        """The progress page: top units, then every parent's units, then the orphans'."""
        roots = [ma for ma in self.children.get(None, []) if not self.registry[ma].get("cap_tren")]
        orphans = [ma for ma in self.children.get(None, []) if ma not in roots]
        reached = {*roots, *orphans}
        reached.update(kid for ma in [*roots, *orphans] for kid in self.descendants(ma))
        for ma in self.registry:  # round a cycle of parents (a registry error): one heads it
            if ma not in reached:
                orphans.append(ma)
                reached.update([ma, *self.descendants(ma)])
        every = [self.row(ma) for ma in self.registry]
        top = [self.row(ma) for ma in roots]
        lost = [self.row(ma) for ma in orphans]
        return {
            "counts": counts(every),
            "top": {"units": top, "counts": counts(top)},
            "groups": self._groups(roots, None),
            "orphans": {
                "units": lost,
                "counts": counts(lost),
                "groups": self._groups(orphans, None),
            }
            if lost
            else None,
        }

    def descendants(self, ma: str) -> list[str]:
        out, stack, seen = [], list(reversed(self.children.get(ma, []))), {ma}
        while stack:
            kid = stack.pop()
            if kid not in seen:  # once each, even round a cycle in the registry
                seen.add(kid)
                out.append(kid)
                stack.extend(reversed(self.children.get(kid, [])))
        return out

    def section(self, ma: str, published: set[str]) -> dict[str, Any] | None:
        """What a parent's page shows of its units; None for a unit without any.

        The whole subtree, grouped by parent (for a cấp trên that is its direct
        units; the Ngành sees every level), with counts; then the II.3 figures
        of its published units summed by form and year, one table per level.
        """
        if not self.children.get(ma):
            return None
        below = self.descendants(ma)
        groups = self._groups([ma], published)
        levels = self.project.vocabulary["cap"]
        figures = []
        for code in reversed(list(levels)):
            subs = [
                self.by_id[u]
                for u in below
                if u in published and u in self.by_id and self.registry[u]["cap"] == code
            ]
            if subs:
                table = award_sums(self.project, (f for s in subs for f in s.report.figures))
                figures.append({"code": code, "label": levels[code], "units": len(subs), **table})
        return {
            "groups": groups,
            "counts": counts(r for g in groups for r in g["units"]),
            "figures": figures,
            "own": award_sums(
                self.project, self.by_id[ma].report.figures if ma in self.by_id else ()
            ),
        }


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


def awards_by_level(project: Project, submissions: list[Submission]) -> list[dict[str, Any]]:
    """The statistics page's II.3 tables, one per level, never added across levels.

    Per level: each form's awards (collectives and individuals) by year and in
    all, the forms most awarded first.
    """
    levels = project.vocabulary["cap"]
    forms = list(project.vocabulary["hinh_thuc_khen_thuong"].items())
    tables = []
    for code in reversed(list(levels)):
        subs = [s for s in submissions if s.unit.level == code]
        rows = [f for s in subs for f in s.report.figures]
        years = sorted({f.year for f in rows})
        by_form = {form: Counter() for form, _ in forms}
        for f in rows:
            by_form[f.form][f.year] += f.collectives + f.individuals
        ordered = sorted(
            ((label, by_form[form]) for form, label in forms if by_form[form]),
            key=lambda item: -item[1].total(),
        )
        if rows:
            tables.append(
                {
                    "code": code,
                    "label": levels[code],
                    "units": len(subs),
                    "years": years,
                    "rows": [(label, [n[y] for y in years], n.total()) for label, n in ordered],
                }
            )
    return tables
