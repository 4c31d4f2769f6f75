"""The honour roll's page data: one short array per honoree, in two files.

The page loads /bang-vang/du-lieu.json and searches and filters it in the
browser, so it is kept small: units, levels, titles and award forms are listed
once and rows refer to them by index. Achievements, the bulk of the text, are a
second file (thanh-tich.json, one excerpt per row in the same order) that the
page fetches once the list is drawn: searching never waits for them, and each
is a short excerpt (the unit's page holds the whole text). Public fields only:
they come from the model, never from the submission's raw data (SPEC §9.1).
"""

from __future__ import annotations

import json
from typing import Any

from vinhdanh.honours import honoured_above
from vinhdanh.model import Award, Collective, Person, Submission
from vinhdanh.project import Project
from vinhdanh.values import fold, text_blocks, vietnamese_text_key

# Characters of an achievement the roll carries (about two lines on a phone): a longer
# one is cut at a word and ends with "…" (the page links to the unit's page for the rest).
EXCERPT = 120
MORE = "…"


def excerpt(text: str | None, limit: int = EXCERPT) -> str:
    """The start of free text on one line, cut at a word boundary with "…" when longer."""
    flat = " ".join(item for block in text_blocks(text or "") for _, item in block)
    flat = " ".join(flat.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:.-–") + MORE


def _achievement(record: Person | Collective) -> str:
    if isinstance(record, Person):
        return excerpt(record.achievements)
    parts = (record.ahead_of_schedule, record.product_quality, *record.prizes)
    return excerpt("; ".join(p for p in parts if p))


def _awards(awards: list[Award], forms: dict[str, int]) -> list[list[Any]]:
    """[form index, year] each, by year; a "khác" award with a description gives the
    description as text instead of the index (its label says nothing)."""
    shown = {
        (a.description if a.form == "khac" and a.description else forms[a.form], a.year)
        for a in awards
    }
    return [list(a) for a in sorted(shown, key=lambda a: (a[1], str(a[0])))]


def _trim(row: list[Any]) -> list[Any]:
    """A row without its trailing empty fields (the page reads a missing one as empty)."""
    while row and row[-1] in (0, "", []):
        row.pop()
    return row


def roll_data(
    project: Project, submissions: list[Submission], ordered: list[dict[str, Any]]
) -> tuple[bytes, bytes]:
    """The compact data the honour-roll page searches, filters and shows, and the
    rows' achievement excerpts (a list in the rows' order; "" for none).

    ``data.units``: [id, name, level index], by level (highest first), then name in
    Vietnamese order, as the unit filter lists them. ``data.rows``, in ``ordered``'s
    order (the export's rows, already in Vietnamese order, so sort keys are
    computed once per build), each: 0 name, 1 its folded copy (no diacritics,
    đ→d, lower case: search ignores diacritics), 2 unit index, 3 collective (1/0),
    4 direct worker (1/0), 5 award form indices to filter by (its own and those
    upper levels gave it), 6 position or movement, 7 id, 8 the units that honoured
    it again (an upper level's reference; 0 when none), 9 titles [title index,
    years…], 10 awards [form index or text, year]; the page puts each
    achievement excerpt at 11 once the second file is in. Trailing empty fields
    are left out.
    """
    position = {row["neo"]: number for number, row in enumerate(ordered)}
    above = honoured_above(submissions)
    levels = list(project.vocabulary["cap"].items())
    level_index = {code: i for i, (code, _) in enumerate(levels)}
    titles = list(project.vocabulary["danh_hieu"].items())
    title_index = {code: i for i, (code, _) in enumerate(titles)}
    forms = list(project.vocabulary["hinh_thuc_khen_thuong"].items())
    form_index = {code: i for i, (code, _) in enumerate(forms)}
    ranked = sorted(
        submissions,
        key=lambda s: (-level_index[s.unit.level], vietnamese_text_key(s.unit.name)),
    )
    units = [[s.unit.id, s.unit.name, level_index[s.unit.level]] for s in ranked]
    at = {unit[0]: index for index, unit in enumerate(units)}
    rows = []
    for s in ranked:
        records = [(p, 0, int(p.direct_worker), p.position) for p in s.people]
        records += [(c, 1, 0, c.movement) for c in s.collectives]
        for record, collective, direct, role in records:
            ups = above.get((s.unit.id, record.id), [])
            awards = [*record.awards, *(a for _, ref in ups for a in ref.awards)]
            upper = sorted(at[up.unit.id] for up, _ in ups if up.unit.id in at)
            own_titles = record.titles if isinstance(record, Person) else ()
            row = [
                record.name,
                fold(record.name),
                at[s.unit.id],
                collective,
                direct,
                sorted({form_index[a.form] for a in awards}),
                role,
                record.id,
                upper or 0,
                [[title_index[t.code], *t.years] for t in own_titles],
                _awards(awards, form_index),
            ]
            rows.append((_trim(row), _achievement(record)))
    rows.sort(key=lambda r: position[f"{units[r[0][2]][0]}--{r[0][7]}"])
    data = {
        "levels": [label for _, label in levels],
        "titles": [label for _, label in titles],
        "forms": [label for _, label in forms],
        "units": units,
        "rows": [row for row, _ in rows],
    }
    return _json(data), _json([text for _, text in rows])


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
