"""Roll-up: the registry's tree (Ngành → cấp trên → CĐCS) seen from the top.

The progress page groups units under their parent, an upper-level union's page
lists its units and sums their II.3 figures, and the statistics page shows II.3
by level. Python decides here (grouping, order, statuses, counts, sums); the
templates present. The tree is read once per build (``Tree``: parent →
children), so each page only walks its own subtree and a build stays linear.

Figures are never added across levels: an upper level's II.3 may already count
its units' awards, so a unit's own figures and its units' are shown apart. The
sums themselves are ``vinhdanh.unit_sums``'s, which the unit's report shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vinhdanh.check.registry import Registry, children_index, descendants
from vinhdanh.model import Submission
from vinhdanh.project import Project
from vinhdanh.unit_sums import award_sums, sums_by_level
from vinhdanh.values import format_date, vietnamese_text_key

STATES = ("ok", "late", "missing", "error")  # a unit's state against its conference deadline
ERROR = {"css": "vd-late", "text": "Có lỗi, chưa đăng", "title": None}


def status(
    day: date | None, deadline: date, label: str = "", note: str = "", title: str | None = None
) -> dict[str, Any]:
    """On time or late against ``deadline``: the day shown after ``label``, then ``note``."""
    if day is None:
        return {"css": "vd-missing", "text": "Chưa nộp", "state": "missing", "title": None}
    late, shown = (day - deadline).days, f"{label}{format_date(day)}{note}"
    if late > 0:
        text = f"Trễ {late} ngày ({shown})"
        return {"css": "vd-late", "text": text, "state": "late", "title": title}
    return {"css": "vd-ok", "text": f"Đúng hạn ({shown})", "state": "ok", "title": title}


def report_status(
    signed: date | None, received: date | None, deadline: date, dated: bool
) -> dict[str, Any]:
    """The report against its deadline: by the day it was received when known.

    ``signed``: the report's own date (``bao_cao.ngay``), None if not submitted;
    ``dated``: whether the build knows any unit's day of receipt (a unit judged
    by its signed date then says so in a title). A report signed after it was
    received (edited later, or misdated) is still judged by the day received,
    and both days are shown.
    """
    if signed is None or received is None:
        title = "Chưa có ngày nhận: xét theo ngày đề trên báo cáo." if dated and signed else None
        return status(signed, deadline, title=title)
    if signed > received:
        note = f"; đề ngày {format_date(signed)}"
        title = (
            f"Báo cáo đề ngày {format_date(signed)}, sau ngày nhận: báo cáo sửa sau khi nộp, "
            "hoặc ghi nhầm ngày. Hạn xét theo ngày nhận."
        )
        return status(received, deadline, "nhận ", note, title)
    return status(received, deadline, "nhận ", title=f"Báo cáo đề ngày {format_date(signed)}.")


def unit_row(entry: dict[str, Any], sub: Submission | None, registry: Registry) -> dict:
    parent = registry.get(entry.get("cap_tren") or "", {})
    return {
        "id": entry["ma"],
        "name": entry["ten"],
        "published": sub is not None,
        "parent": parent.get("ten"),
        "parent_id": parent.get("ma"),
        "date": sub.conference.date if sub else None,
        # not published: nothing reported, so no count (not 0)
        "honorees": len(sub.people) + len(sub.collectives) if sub else "—",
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

    ``errored``: units whose file has errors or that the build leaves out;
    ``received``: the day each unit's submission was received, where known.
    """

    project: Project
    registry: Registry
    by_id: dict[str, Submission]
    errored: set[str]
    received: dict[str, date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        labels = self.project.vocabulary["cap"]
        rank = {code: r for r, code in enumerate(reversed(list(labels)))}
        self.children = children_index(self.registry)
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
            row["report"] = report_status(
                sub.report.date if sub else None,
                self.received.get(ma),
                plan.report_deadline,
                bool(self.received),
            )
        else:
            row["report"] = {"css": "vd-na", "text": "Không áp dụng", "title": None}
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
            "received": bool(self.received),  # reports judged by the day received, where known
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
        return descendants(self.children, ma)

    def section(self, ma: str, published: set[str]) -> dict[str, Any] | None:
        """What a parent's page shows of its units; None for a unit without any.

        The whole subtree, grouped by parent (for a cấp trên that is its direct
        units; the Ngành sees every level), with counts; then the II.3 figures
        of its published units summed by form and year, one table per level.
        """
        if not self.children.get(ma):
            return None
        groups = self._groups([ma], published)
        below = [u for u in self.descendants(ma) if u in published and u in self.by_id]
        figures = sums_by_level(self.project, self.registry, (self.by_id[u] for u in below))
        return {
            "groups": groups,
            "counts": counts(r for g in groups for r in g["units"]),
            "figures": figures,
            "own": award_sums(
                self.project, self.by_id[ma].report.figures if ma in self.by_id else ()
            ),
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
                    "rows": [(label, _by_year(n, years), n.total()) for label, n in ordered],
                }
            )
    return tables


def _by_year(counts: Counter, years: list[int]) -> list[int | str]:
    """A form's awards in each year; "—" for a year no unit of the level reported
    for that form (0 only where a report says 0)."""
    return [counts.get(year, "—") for year in years]
