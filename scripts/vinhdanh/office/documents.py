"""A unit's documents (.docx) from its submission and the project's Word templates.

The templates are the project's ``mau/bao-cao.docx`` and ``mau/danh-sach.docx``,
read once per command or build; each document then costs about a millisecond
(``package.WordTemplate.fill``), so the site can offer every unit's documents.
What a document needs of other units (the honorees a unit refers to, an upper
level's units' II.3 sums) is indexed once in ``Documents.load`` too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vinhdanh.check.registry import Registry
from vinhdanh.honours import Honoree, records_index, with_references
from vinhdanh.model import Submission
from vinhdanh.office import lists, report
from vinhdanh.office.blocks import STYLE_NAMES, Block, render_blocks
from vinhdanh.office.package import WordTemplate
from vinhdanh.project import Plan, Project
from vinhdanh.unit_sums import units_sums

TEMPLATES_DIR = "mau"

Parts = tuple[dict[str, str], dict[str, list[Block]]]
Maker = Callable[..., Parts]  # (submission, parent's name, plan[, units' sums])

# document name → (template file, what fills it, its name for a reader). Files are
# "<ma>-<name>.docx" from the CLI and "don-vi/<ma>/<name>.docx" on the site.
KINDS: dict[str, tuple[str, Maker, str]] = {
    "bao-cao": ("bao-cao.docx", report.report_parts, "Báo cáo tổng kết"),
    "danh-sach-dai-bieu": (
        "danh-sach.docx",
        lists.delegates_list,
        "Danh sách đại biểu đi dự hội nghị cấp trên",
    ),
    "danh-sach-dien-hinh": (
        "danh-sach.docx",
        lists.honorees_list,
        "Danh sách điển hình được biểu dương",
    ),
}
MARKS = {
    "bao-cao.docx": (report.INLINE, report.BLOCKS),
    "danh-sach.docx": (lists.INLINE, lists.BLOCKS),
}
REPORT = "bao-cao"
LISTS = ("danh-sach-dai-bieu", "danh-sach-dien-hinh")


@dataclass(frozen=True)
class Documents:
    """The project's Word templates, read once, and what the units' documents need."""

    templates: dict[str, WordTemplate]
    styles: dict[str, dict[str, str]]  # template file → our style id → the template's
    plan: Plan
    parent_names: dict[str, str]
    records: dict[tuple[str, str], Honoree]  # for the honorees a unit refers to
    unit_sums: dict[str, list[dict]]  # an upper level → its units' II.3 sums, per level

    @classmethod
    def load(
        cls, project: Project, registry: Registry | None, submissions: list[Submission] = ()
    ) -> Documents:
        folder = project.root / TEMPLATES_DIR
        templates = {
            file: WordTemplate(Path(folder / file), *marks) for file, marks in MARKS.items()
        }
        styles = {file: t.style_ids_for(STYLE_NAMES) for file, t in templates.items()}
        names = {ma: entry["ten"] for ma, entry in (registry or {}).items()}
        subs = list(submissions)
        sums = units_sums(project, registry, subs) if registry else {}
        return cls(templates, styles, project.plan, names, records_index(subs), sums)

    def make(self, kind: str, sub: Submission) -> bytes:
        """One document of a unit, as the bytes of a .docx."""
        file, maker, _ = KINDS[kind]
        template = self.templates[file]
        sub = with_references(sub, self.records)
        parent = self.parent_names.get(sub.unit.parent or "")
        # the report alone shows an upper level's units' figures
        units = (self.unit_sums.get(sub.unit.id),) if kind == REPORT else ()
        values, blocks = maker(sub, parent, self.plan, *units)
        styles, width = self.styles[file], template.text_width
        return template.fill(
            values, {name: render_blocks(b, styles, width) for name, b in blocks.items()}
        )

    def for_unit(self, sub: Submission, kinds: tuple[str, ...] = tuple(KINDS)) -> dict[str, bytes]:
        return {kind: self.make(kind, sub) for kind in kinds}
