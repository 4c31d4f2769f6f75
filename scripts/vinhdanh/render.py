"""Stage 4 — render: model and registry to the site's pages.

Python decides (grouping, shares, statuses, order); Jinja templates present.
Autoescape and StrictUndefined are on. The few summary pages are Markdown: every
piece of submission text goes through the one Markdown escaping helper (the
``md`` filter) and long text through ``md_block``. Unit pages, which are
thousands, are HTML (``html_block`` for long text), so MkDocs skips its Markdown
pass for them: the hook puts ``Site.bodies`` into the theme as they are, with
the outline read from their headings. Templates can be overridden by files in
the project's ``overrides/vinhdanh``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from vinhdanh.charts import bar_chart
from vinhdanh.export import WRITERS, honour_roll
from vinhdanh.model import Delegates, Person, Submission
from vinhdanh.project import Project
from vinhdanh.registry import Registry
from vinhdanh.validate import Result
from vinhdanh.values import (
    escape_markdown,
    fold,
    format_date,
    format_money,
    percent,
    vietnamese_text_key,
)

ROLL_DATA = "bang-vang/du-lieu.json"
DOWNLOADS = "bang-vang/bang-vang"  # .csv, .json, .xlsx


def md(value: Any) -> Markup:
    return Markup(escape_markdown("" if value is None else str(value)))


def yaml_text(value: str) -> Markup:
    """A one-line YAML single-quoted string, for page front matter."""
    return Markup("'" + " ".join(str(value).split()).replace("'", "''") + "'")


def md_block(text: str) -> Markup:
    """Free report text: paragraphs and "- " list items kept, everything else literal."""
    blocks = []
    for paragraph in str(text).strip().split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        items = [line[2:] if line.startswith("- ") else line for line in lines]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append("\n".join(f"- {escape_markdown(i)}" for i in items))
        else:
            blocks.append(escape_markdown(" ".join(lines)))
    return Markup("\n\n".join(blocks))


def html_block(text: str) -> Markup:
    """Free text as HTML: paragraphs and "- " list items kept, everything else literal."""
    blocks = []
    for paragraph in str(text).strip().split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append(f"<p>{escape(' '.join(lines))}</p>")
    return Markup("\n".join(blocks))


def fold_d(text: str) -> str:
    """The folded copy of a name with "đ", for site search ("duc" finds "Đức").

    Pagefind already ignores the other diacritics, but "đ" is a letter of its
    own, so only names holding it get a hidden folded copy; others get "".
    """
    return fold(text) if "đ" in text.casefold() else ""


_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)<a class="headerlink"')


def outline(body: str) -> list[dict[str, Any]]:
    """The table of contents of an HTML body, from the headings our templates write.

    Returned in the token shape of MkDocs' ``get_toc`` (h2 with their h3 children).
    """
    tokens: list[dict[str, Any]] = []
    for level, anchor, name in _HEADING.findall(body):
        token = {"level": int(level), "id": anchor, "name": name, "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        else:
            tokens.append(token)
    return tokens


def environment(project_root: Path) -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(project_root / "overrides" / "vinhdanh")),
                PackageLoader("vinhdanh", "templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        yaml_text=yaml_text,
        md=md,
        md_block=md_block,
        html_block=html_block,
        fold_d=fold_d,
        date=format_date,
        money=format_money,
        percent=percent,
    )
    return env


@dataclass
class Site:
    """What the build adds to docs/: page texts, by path.

    A page in ``bodies`` is HTML; its entry in ``pages`` holds only its front matter.
    """

    pages: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)


def _share(part: int | None, whole: int) -> str:
    return percent(part * 100 / whole) if whole and part is not None else "—"


def _status(day: date | None, deadline: date) -> dict[str, Any]:
    if day is None:
        return {"css": "vd-missing", "text": "Chưa nộp"}
    late = (day - deadline).days
    if late > 0:
        return {"css": "vd-late", "text": f"Trễ {late} ngày ({format_date(day)})"}
    return {"css": "vd-ok", "text": f"Đúng hạn ({format_date(day)})"}


def _unit_row(entry: dict[str, Any], sub: Submission | None, registry: Registry) -> dict:
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


def render_site(project: Project, result: Result, submissions: list[Submission]) -> Site:
    """Every generated page of the site."""
    env = environment(project.root)
    registry: Registry = result.registry or {}
    by_id = {s.unit.id: s for s in submissions}
    site = Site()
    common = {"plan": project.plan, "vocab": project.vocabulary}
    site.pages["index.md"] = env.get_template("index.md.j2").render(
        **common, figures=_figures(submissions, registry), levels=_deadlines(project)
    )
    site.pages["don-vi/index.md"] = env.get_template("don-vi.md.j2").render(
        **common, groups=_groups(project, registry, by_id)
    )
    unit_page = env.get_template("unit.html.j2")
    for sub in submissions:
        parent = registry.get(sub.unit.parent or "", {})
        path = f"don-vi/{sub.unit.id}/index.md"
        site.pages[path] = f"---\ntitle: {yaml_text(sub.unit.name)}\n---\n"
        site.bodies[path] = unit_page.render(
            **common, s=sub, parent=parent, parent_page=parent.get("ma") in by_id, share=_share
        )
    site.pages["bang-vang/index.md"] = env.get_template("bang-vang.md.j2").render(
        **common, count=sum(len(s.people) + len(s.collectives) for s in submissions)
    )
    site.pages["thong-ke/index.md"] = env.get_template("thong-ke.md.j2").render(
        **common, stats=_statistics(project, submissions)
    )
    site.pages["tien-do/index.md"] = env.get_template("tien-do.md.j2").render(
        **common, units=_progress(project, registry, by_id, result)
    )
    return site


def render_data(project: Project, submissions: list[Submission]) -> dict[str, bytes]:
    """The honour roll's downloads and page data, by path in the site.

    Separate from the pages because no page needs them: the build makes them
    while the search index is being built, on the other core.
    """
    rows = honour_roll(submissions)
    data = {ROLL_DATA: _roll_data(project, submissions, rows)}
    for suffix, writer in WRITERS.items():
        data[f"{DOWNLOADS}.{suffix}"] = writer(rows)
    return data


def _deadlines(project: Project) -> list[dict[str, Any]]:
    labels = project.vocabulary["cap"]
    return [
        {
            "label": labels[code],
            "deadline": rules.conference_deadline,
            "wording": rules.deadline_wording,
            "max": rules.max_delegates,
        }
        for code, rules in project.plan.levels.items()
    ]


def _figures(submissions: list[Submission], registry: Registry) -> dict[str, Any]:
    people = [p for s in submissions for p in s.people]
    return {
        "registered": len(registry),
        "published": len(submissions),
        "people": len(people),
        "collectives": sum(len(s.collectives) for s in submissions),
        "initiatives": sum(len(p.initiatives) for p in people),
        "value": sum(p.initiative_value for p in people)
        + sum(c.value or 0 for s in submissions for c in s.collectives),
        "women": _share(sum(p.gender == "nu" for p in people), len(people)),
    }


def _groups(project: Project, registry: Registry, by_id: dict[str, Submission]) -> list[dict]:
    """Units by level, highest level first; in a level by parent, then name, in
    Vietnamese alphabetical order (unit names are text, not personal names)."""
    groups = []
    for code, label in reversed(project.vocabulary["cap"].items()):
        units = [
            _unit_row(e, by_id.get(e["ma"]), registry)
            for e in registry.values()
            if e["cap"] == code
        ]
        units.sort(
            key=lambda u: (vietnamese_text_key(u["parent"] or ""), vietnamese_text_key(u["name"]))
        )
        if units:
            groups.append({"label": label, "units": units})
    return groups


def _progress(
    project: Project, registry: Registry, by_id: dict[str, Submission], result: Result
) -> list[dict]:
    plan, labels = project.plan, project.vocabulary["cap"]
    errored = {Path(f.file).stem for f in result.findings if f.is_error}
    units = []
    for entry in registry.values():
        sub, level = by_id.get(entry["ma"]), plan.levels[entry["cap"]]
        row = _unit_row(entry, sub, registry)
        row["level"] = labels[entry["cap"]]
        row["conference"] = _status(sub.conference.date if sub else None, level.conference_deadline)
        if entry["cap"] in plan.report_levels:
            row["report"] = _status(sub.report.date if sub else None, plan.report_deadline)
        else:
            row["report"] = {"css": "vd-na", "text": "Không áp dụng"}
        if sub is None and entry["ma"] in errored:
            row["conference"] = row["report"] = {"css": "vd-late", "text": "Có lỗi, chưa đăng"}
        units.append(row)
    order = {label: rank for rank, label in enumerate(reversed(labels.values()))}
    return sorted(units, key=lambda u: (order[u["level"]], vietnamese_text_key(u["name"])))


def _statistics(project: Project, submissions: list[Submission]) -> dict[str, Any]:
    vocab = project.vocabulary
    people = [p for s in submissions for p in s.people]
    seats = [s.conference.delegates for s in submissions]
    sent = [p for s in submissions for p in s.people if p.id in s.conference.sent_up]
    by_level = Counter(s.unit.level for s in submissions for _ in (*s.people, *s.collectives))
    awards = Counter()
    years: dict[str, Counter] = {}
    for s in submissions:
        for row in s.report.figures:
            awards[row.form] += row.collectives + row.individuals
            years.setdefault(row.form, Counter())[row.year] += row.collectives + row.individuals
    all_years = sorted({y for c in years.values() for y in c})
    return {
        "by_level": bar_chart(
            "Điển hình theo cấp", [(vocab["cap"][c], by_level[c]) for c in vocab["cap"]]
        ),
        "people": len(people),
        "sent": len(sent),
        "shares": _shares(people, seats, sent),
        "initiatives": sum(len(p.initiatives) for p in people),
        "value": sum(p.initiative_value for p in people),
        "awards": bar_chart(
            "Khen thưởng theo hình thức (mục II.3)",
            [(vocab["hinh_thuc_khen_thuong"][f], n) for f, n in awards.most_common()],
        ),
        "years": all_years,
        "award_rows": [
            (vocab["hinh_thuc_khen_thuong"][f], [years[f].get(y, 0) for y in all_years])
            for f, _ in awards.most_common()
        ],
    }


def _minority(person: Person) -> bool:
    return bool(person.ethnicity) and person.ethnicity != "Kinh"


# (label, trait of an honoree, the delegates' field counting the same trait, if any)
_TRAITS: tuple[tuple[str, Callable[[Person], bool], str | None], ...] = (
    ("Nữ", lambda p: p.gender == "nu", "women"),
    ("Trực tiếp sản xuất", lambda p: p.direct_worker, None),
    ("Không giữ chức vụ lãnh đạo, quản lý", lambda p: not p.leader, None),
    ("Người dân tộc thiểu số", _minority, "ethnic_minorities"),
)


def _shares(people: list[Person], seats: list[Delegates], sent: list[Person]) -> list[tuple]:
    """Each trait's share among honorees, conference delegates and those sent up.

    Delegates are counted only by women and ethnic minorities (what the
    submission gives), and only over the units that gave that figure.
    """
    rows = []
    for label, trait, field_name in _TRAITS:
        among_delegates = "—"
        if field_name:
            given = [d for d in seats if getattr(d, field_name) is not None]
            among_delegates = _share(
                sum(getattr(d, field_name) for d in given), sum(d.total for d in given)
            )
        rows.append(
            (
                label,
                _share(sum(map(trait, people)), len(people)),
                among_delegates,
                _share(sum(map(trait, sent)), len(sent)),
            )
        )
    return rows


def _roll_data(
    project: Project, submissions: list[Submission], ordered: list[dict[str, Any]]
) -> bytes:
    """The compact data the honour-roll page searches: one short array per honoree.

    Units, levels and award forms are listed once and referred to by index, and
    each name carries a folded copy (no diacritics, đ→d, lower case) so search
    ignores diacritics. Public fields only: they come from the model. Rows
    follow ``ordered`` (the export's rows, already in Vietnamese order), so the
    sort keys are computed once per build.
    """
    position = {row["neo"]: number for number, row in enumerate(ordered)}
    levels = list(project.vocabulary["cap"].items())
    forms = list(project.vocabulary["hinh_thuc_khen_thuong"].items())
    form_index = {code: i for i, (code, _) in enumerate(forms)}
    units, rows = [], []
    for index, s in enumerate(sorted(submissions, key=lambda s: s.unit.id)):
        units.append([s.unit.id, s.unit.name, [c for c, _ in levels].index(s.unit.level)])
        for p in s.people:
            rows.append(
                [
                    p.name,
                    fold(p.name),
                    index,
                    0,
                    int(p.direct_worker),
                    sorted({form_index[a.form] for a in p.awards}),
                    p.position,
                    p.id,
                ]
            )
        for c in s.collectives:
            rows.append(
                [
                    c.name,
                    fold(c.name),
                    index,
                    1,
                    0,
                    sorted({form_index[a.form] for a in c.awards}),
                    c.movement,
                    c.id,
                ]
            )
    rows.sort(key=lambda r: position[f"{units[r[2]][0]}--{r[7]}"])
    data = {
        "levels": [label for _, label in levels],
        "forms": [label for _, label in forms],
        "units": units,
        "rows": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
