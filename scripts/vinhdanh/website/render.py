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

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from vinhdanh.check.findings import Finding
from vinhdanh.check.registry import Registry
from vinhdanh.check.validate import Result
from vinhdanh.export import WRITERS, honour_roll
from vinhdanh.faults import isolate, left_out, unit_file
from vinhdanh.honours import honoured_above, records_index
from vinhdanh.model import Submission
from vinhdanh.office.documents import KINDS, Documents
from vinhdanh.project import Project
from vinhdanh.values import (
    escape_markdown,
    fold,
    format_date,
    format_money,
    percent,
    text_blocks,
    vietnamese_text_key,
)
from vinhdanh.website.figures import headline, share, statistics
from vinhdanh.website.roll import roll_data
from vinhdanh.website.rollup import Tree, unit_row
from vinhdanh.website.workbooks import WORKBOOK, workbooks

if TYPE_CHECKING:
    from vinhdanh.website.starters import Repository

ROLL_DATA = "bang-vang/du-lieu.json"
ROLL_ACHIEVEMENTS = "bang-vang/thanh-tich.json"  # fetched after ROLL_DATA (website/roll.py)
# Each unit's documents beside its page (/don-vi/<ma>/<kind>.docx), as the page links them.
DOCUMENT_LINKS = tuple((f"{kind}.docx", label) for kind, (_, _, label) in KINDS.items())
DOWNLOADS = "bang-vang/bang-vang"  # .csv, .json, .xlsx


def md(value: Any) -> Markup:
    return Markup(escape_markdown("" if value is None else str(value)))


def yaml_text(value: str) -> Markup:
    """A one-line YAML single-quoted string, for page front matter."""
    return Markup("'" + " ".join(str(value).split()).replace("'", "''") + "'")


def md_block(text: str) -> Markup:
    """Free report text as Markdown: paragraphs and "-"/"+" list items kept, the rest literal."""
    return Markup(
        "\n\n".join(
            "\n".join(f"{marker or '-'} {escape_markdown(item)}" for marker, item in block)
            if block[0][0]
            else escape_markdown(block[0][1])
            for block in text_blocks(text)
        )
    )


_ITEM = {"-": "", "+": ' class="cong"'}  # "+" items keep their mark (CSS)


def html_block(text: str) -> Markup:
    """Free text as HTML: paragraphs and "-"/"+" list items kept, the rest literal."""
    blocks = []
    for block in text_blocks(text):
        if block[0][0]:
            items = "".join(f"<li{_ITEM[marker]}>{escape(item)}</li>" for marker, item in block)
            blocks.append(f"<ul>{items}</ul>")
        elif block[0][1]:
            blocks.append(f"<p>{escape(block[0][1])}</p>")
    return Markup("\n".join(blocks))


def fold_d(text: str) -> str:
    """The folded copy of a name with "đ", for site search ("duc" finds "Đức").

    Pagefind already ignores the other diacritics, but "đ" is a letter of its
    own, so only names holding it get a hidden folded copy; others get "".
    """
    return fold(text) if "đ" in text.casefold() else ""


def name_key(text: str) -> str:
    """A name as one folded word ("Trần Văn Đức" → "tranvanduc"), hidden beside each honoree.

    Site search looks this word up too (tim-kiem.js), so the pages naming someone
    whose full name is what was typed come first, however many other pages hold
    each of its words apart: Pagefind ranks words, not names.
    """
    return "".join(c for c in fold(text) if c.isalnum())


def search_copy(text: str) -> str:
    """What the hidden copy beside an honoree's heading holds for search (see above)."""
    return " ".join(part for part in (fold_d(text), name_key(text)) if part)


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
                PackageLoader("vinhdanh.website", "templates"),
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
        search_copy=search_copy,
        date=format_date,
        money=format_money,
        percent=percent,
    )
    return env


@dataclass
class Site:
    """What the build adds to docs/: page texts, by path, and the units it publishes.

    A page in ``bodies`` is HTML; its entry in ``pages`` holds only its front matter.
    """

    pages: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    published: list[Submission] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # other files, e.g. scaffolds


def unit_page(
    template: Any,
    common: dict[str, Any],
    sub: Submission,
    parent: dict,
    linked: bool,
    units: dict[str, Any] | None = None,
):
    """One unit's page body (HTML); ``linked``: whether the parent's page is published;
    ``units``: its units and their figures (``Tree.section``), for an upper level."""
    return template.render(
        **common, s=sub, parent=parent, parent_page=linked, share=share, units=units
    )


def _unit_pages(
    site: Site, env: Environment, common: dict[str, Any], project: Project, result: Result
) -> None:
    """Every unit's page; a unit whose page fails is left out (with a finding).

    Children and parent of a unit left out are rendered again, so no page links
    to a missing one.
    """
    template, registry = env.get_template("unit.html.j2"), result.registry or {}
    errored = {Path(f.file).stem for f in result.findings if f.is_error}
    tree = Tree(project, registry, {s.unit.id: s for s in site.published}, errored)
    pending = site.published
    while pending:
        ids = {s.unit.id for s in site.published}
        failed = set()
        for sub in pending:
            parent = registry.get(sub.unit.parent or "", {})
            path = f"don-vi/{sub.unit.id}/index.md"
            try:
                units = tree.section(sub.unit.id, ids)
                body = unit_page(template, common, sub, parent, parent.get("ma") in ids, units)
            except Exception as exc:  # noqa: BLE001 - this unit only; the rest is published
                result.findings.append(left_out(unit_file(sub.unit.id), "tạo trang đơn vị", exc))
                failed.add(sub.unit.id)
                site.pages.pop(path, None), site.bodies.pop(path, None)  # of an earlier round
                continue
            site.pages[path] = f"---\ntitle: {yaml_text(sub.unit.name)}\n---\n"
            site.bodies[path] = body
        site.published = [s for s in site.published if s.unit.id not in failed]
        parents = {registry.get(ma, {}).get("cap_tren") for ma in failed}
        pending = [s for s in site.published if s.unit.parent in failed or s.unit.id in parents]
        tree.errored |= failed


def _summary_pages(
    env: Environment,
    project: Project,
    result: Result,
    submissions: list[Submission],
    left: set[str],
    received: dict[str, date],
    starters: set[str],
) -> dict[str, str]:
    """The pages over all units: home, units, honour roll, statistics, progress.

    ``left``: units being left out that no finding names yet; ``received``: the
    day each unit's submission was received (``git.received``), where known;
    ``starters``: the units that have not submitted, each with its scaffold's page.
    """
    registry: Registry = result.registry or {}
    by_id = {s.unit.id: s for s in submissions}
    errored = {Path(f.file).stem for f in result.findings if f.is_error} | left
    common = {"plan": project.plan, "vocab": project.vocabulary}
    return {
        "index.md": env.get_template("index.md.j2").render(
            **common, figures=headline(submissions, registry), levels=_deadlines(project)
        ),
        "don-vi/index.md": env.get_template("don-vi.md.j2").render(
            **common, groups=_groups(project, registry, by_id), starters=starters
        ),
        "bang-vang/index.md": env.get_template("bang-vang.md.j2").render(
            **common, count=sum(len(s.people) + len(s.collectives) for s in submissions)
        ),
        "thong-ke/index.md": env.get_template("thong-ke.md.j2").render(
            **common, stats=statistics(project, submissions)
        ),
        "tien-do/index.md": env.get_template("tien-do.md.j2").render(
            **common,
            progress=Tree(project, registry, by_id, errored, received).progress(),
            starters=starters,
        ),
    }


def render_site(
    project: Project,
    result: Result,
    submissions: list[Submission],
    received: dict[str, date] | None = None,
    repository: Repository | None = None,
) -> Site:
    """Every generated page of the site; ``received``: unit id → day its submission
    was received, which ``/tien-do/`` judges reports by (else by their own date);
    ``repository``: where units submit (mkdocs.yml's ``repo_url``), for the "new
    file" button on the page of each unit that has not submitted (``starters``).

    A unit that makes its page, or a page over all units, fail is left out
    (``faults``): a finding names it, ``/tien-do/`` shows it as not published.
    """
    env = environment(project.root)
    site = Site(published=list(submissions))
    registry = result.registry or {}
    common = {
        "plan": project.plan,
        "vocab": project.vocabulary,
        "documents": DOCUMENT_LINKS,
        "workbook": WORKBOOK,
        "records": records_index(submissions),  # references resolved, both ways
        "above": honoured_above(submissions),
        "unit_names": {ma: e["ten"] for ma, e in registry.items()},
    }
    from vinhdanh.website.starters import starter_pages, unsubmitted  # they build on this

    waiting = unsubmitted(project, registry)  # read once: their pages, and links to them
    starters = {e["ma"] for e in waiting}
    common["waiting"] = starters  # an upper level's page links its units' scaffold pages

    _unit_pages(site, env, common, project, result)
    every = site.published
    published = {s.unit.id for s in every}
    starter_pages(site, env, project, registry, repository, published, waiting)

    def summary(units: list[Submission]) -> dict[str, str]:
        kept = {s.unit.id for s in units}
        left = {s.unit.id for s in every if s.unit.id not in kept}
        return _summary_pages(env, project, result, units, left, received or {}, starters)

    pages, failed = isolate(every, summary)
    for sub, exc in failed:
        result.findings.append(left_out(unit_file(sub.unit.id), "tạo các trang chung", exc))
        path = f"don-vi/{sub.unit.id}/index.md"
        del site.pages[path], site.bodies[path]
    site.published = [s for s in every if all(s is not f for f, _ in failed)]
    site.pages.update(pages)
    return site


def render_data(
    project: Project,
    submissions: list[Submission],
    documents: Documents | None = None,
    lists: dict[str, dict[str, Any]] | None = None,
) -> tuple[dict[str, bytes], list[Finding]]:
    """The honour roll's downloads and page data, each unit's documents (.docx) and
    workbook (.xlsx, from ``lists``: unit id → its submission's data), and the blank
    workbook the guide offers, by path in the site; the units left out of them.

    Separate from the pages because no page needs them: the build makes them
    while the search index is being built, on the other core. A unit that makes
    them fail is left out of them, with a finding for the build log.
    """

    def make(units: list[Submission]) -> dict[str, bytes]:
        rows = honour_roll(units)
        index, achievements = roll_data(project, units, rows)
        data = {ROLL_DATA: index, ROLL_ACHIEVEMENTS: achievements}
        for suffix, writer in WRITERS.items():
            data[f"{DOWNLOADS}.{suffix}"] = writer(rows)
        return data

    data, failed = isolate(submissions, make)
    stage, outcome = "tạo các tệp tải về", "Bảng vàng và các tệp tải về thiếu hồ sơ này"
    faults = [left_out(unit_file(s.unit.id), stage, exc, outcome) for s, exc in failed]
    for sub in submissions if documents else ():
        try:
            files = documents.for_unit(sub)  # type: ignore[union-attr]
        except Exception as exc:  # noqa: BLE001 - this unit's documents only
            outcome = "Trang của đơn vị này không tải được văn bản .docx"
            faults.append(left_out(unit_file(sub.unit.id), "tạo văn bản .docx", exc, outcome))
            continue
        data.update({f"don-vi/{sub.unit.id}/{kind}.docx": b for kind, b in files.items()})
    if lists is not None:
        data.update(workbooks(project, submissions, lists, faults))
    return data, faults


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


def _groups(project: Project, registry: Registry, by_id: dict[str, Submission]) -> list[dict]:
    """Units by level, highest level first; in a level by parent, then name, in
    Vietnamese alphabetical order (unit names are text, not personal names)."""
    groups = []
    for code, label in reversed(project.vocabulary["cap"].items()):
        units = [
            unit_row(e, by_id.get(e["ma"]), registry) for e in registry.values() if e["cap"] == code
        ]
        units.sort(
            key=lambda u: (vietnamese_text_key(u["parent"] or ""), vietnamese_text_key(u["name"]))
        )
        if units:
            groups.append({"label": label, "units": units})
    return groups
