"""The numbers the site shows: headline figures and the statistics page.

Computed here, from the model only, so templates just present them. Shares are
formatted the Vietnamese way ("47,2 %"); a share of nothing is "—".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from vinhdanh.check.registry import Registry
from vinhdanh.model import Delegates, Person, Submission
from vinhdanh.project import Project
from vinhdanh.values import percent
from vinhdanh.website.charts import bar_chart
from vinhdanh.website.rollup import awards_by_level


def share(part: int | None, whole: int) -> str:
    return percent(part * 100 / whole) if whole and part is not None else "—"


def initiatives(submissions: list[Submission]) -> tuple[int, int]:
    """The individual honorees' initiatives: how many, and their value in VND.

    The one count the home page and the statistics page both show. A
    collective's own figures (``so_sang_kien``, ``gia_tri_lam_loi``) are left
    out: they are its members' initiatives, often the same ones its honoured
    members list, so adding them would count an initiative twice.
    """
    people = [p for s in submissions for p in s.people]
    return sum(len(p.initiatives) for p in people), sum(p.initiative_value for p in people)


def headline(submissions: list[Submission], registry: Registry) -> dict[str, Any]:
    people = [p for s in submissions for p in s.people]
    count, value = initiatives(submissions)
    return {
        "registered": len(registry),
        "published": len(submissions),
        "people": len(people),
        "collectives": sum(len(s.collectives) for s in submissions),
        "initiatives": count,
        "value": value,
        "women": share(sum(p.gender == "nu" for p in people), len(people)),
    }


def statistics(project: Project, submissions: list[Submission]) -> dict[str, Any]:
    vocab = project.vocabulary
    people = [p for s in submissions for p in s.people]
    seats = [s.conference.delegates for s in submissions]
    sent = sent_up(submissions)
    by_level = Counter(s.unit.level for s in submissions for _ in (*s.people, *s.collectives))
    return {
        "by_level": bar_chart(
            "Điển hình theo cấp", [(vocab["cap"][c], by_level[c]) for c in vocab["cap"]]
        ),
        "people": len(people),
        "sent": len(sent),
        "shares": _shares(submissions, seats, sent),
        "initiatives": initiatives(submissions)[0],
        "value": initiatives(submissions)[1],
        "award_levels": awards_by_level(project, submissions),
    }


def sent_up(submissions: list[Submission]) -> list[Person]:
    """The individuals sent to an upper conference, each once: named by their own unit,
    or by an upper level that refers to them and sends them on (``<unit>/<id>``)."""
    records = {(s.unit.id, p.id): p for s in submissions for p in s.people}
    sent: dict[tuple[str, str], Person] = {}
    for s in submissions:
        for name in s.conference.sent_up:
            unit, _, ma = name.rpartition("/")
            key = (unit or s.unit.id, ma)
            if key in records:
                sent.setdefault(key, records[key])
    return list(sent.values())


# (label, trait of an honoree, the delegates' field counting the same trait, if any)
_TRAITS: tuple[tuple[str, Callable[[Person], bool], str | None], ...] = (
    ("Nữ", lambda p: p.gender == "nu", "women"),
    ("Trực tiếp sản xuất", lambda p: p.direct_worker, None),
    ("Không giữ chức vụ lãnh đạo, quản lý", lambda p: not p.leader, None),
)
MINORITIES = "Người dân tộc thiểu số"


def _among_delegates(seats: list[Delegates], field_name: str) -> str:
    """A trait's share of delegates, over the units that gave that figure."""
    given = [d for d in seats if getattr(d, field_name) is not None]
    return share(sum(getattr(d, field_name) for d in given), sum(d.total for d in given))


def minority_share(submissions: list[Submission]) -> str:
    """Ethnic-minority honorees over the individual honorees of the units that gave the count.

    No person's origin is recorded (SPEC §9.1): each unit gives one count, over
    its whole list of individuals as written (its records and the lower units'
    honorees it refers to), so that list is the denominator. A person referred to
    is then in two units' lists: without a per-person origin this cannot be
    undone, and the share stays an estimate.
    """
    given = [s for s in submissions if s.minority_people is not None]
    listed = sum(len(s.people) + sum(r.kind == "ca_nhan" for r in s.references) for s in given)
    return share(sum(s.minority_people or 0 for s in given), listed)


def _shares(
    submissions: list[Submission], seats: list[Delegates], sent: list[Person]
) -> list[tuple]:
    """Each trait's share among honorees, conference delegates and those sent up.

    Delegates are counted only by women and ethnic minorities (what the
    submission gives), and only over the units that gave that figure; nobody's
    ethnic origin is known, so its share among those sent up is "—".
    """
    people = [p for s in submissions for p in s.people]
    rows = [
        (
            label,
            share(sum(map(trait, people)), len(people)),
            _among_delegates(seats, field_name) if field_name else "—",
            share(sum(map(trait, sent)), len(sent)),
        )
        for label, trait, field_name in _TRAITS
    ]
    rows.append(
        (MINORITIES, minority_share(submissions), _among_delegates(seats, "ethnic_minorities"), "—")
    )
    return rows
