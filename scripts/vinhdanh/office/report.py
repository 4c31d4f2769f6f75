"""The unit's report as the document it signs: what goes where in the Word template.

The template (``mau/bao-cao.docx``) holds the letterhead, the title, the
opening sentence, the signature block and every style; this module gives the
values of its marks and the blocks of its body:

- ``noi_dung``: sections I–IV in the schema's order and under the schema's
  titles (the same titles the site shows), laid out as the report template of
  the plan does: "I. …" a level-1 heading, "I.1. Thuận lợi" a level-2 heading
  "1. Thuận lợi"; parts sharing a number (II.5's three) one level-2 heading
  that names them all, then each as a level-3 heading; parts without a number
  (III's three) level-3 headings. The II.3 figures follow II.3's text as a
  table with totals, then for an upper level its units' figures summed by
  form and year, one table per level (``unit_sums``; never its own figures
  added in, never levels added together); the reward spending (``chi_thuong``), when given, follows
  II.2's text as the sentence "Tổng chi thưởng: … đồng." (II.2 is where the
  template asks how the rules on rewards, and so the reward fund, were kept).
- ``noi_nhan``: the "Nơi nhận:" list as written, or the parent union (for
  the Ngành, the plan's ``co_quan_cap_tren``) and the archive.
- ``phu_luc``: appendices listing the individual and collective honorees.
"""

from __future__ import annotations

from typing import Any

from vinhdanh.model import AwardFigures, Collective, Person, Report, Section, Submission
from vinhdanh.office.blocks import (
    BOLD,
    ITALIC,
    Block,
    Cell,
    Para,
    Table,
    document_date,
    head_row,
    paragraphs,
    text_cell,
)
from vinhdanh.office.headings import part_headings
from vinhdanh.project import Plan
from vinhdanh.values import format_date, format_money

INLINE = frozenset(
    {
        "ten_cap_tren",
        "ten_don_vi",
        "so",
        "dia_danh",
        "ngay",
        "giai_doan",
        "phuong_huong",
        "can_cu",
        "chuc_danh",
        "nguoi_ky",
    }
)
BLOCKS = frozenset({"noi_dung", "noi_nhan", "phu_luc"})

# The II.3 figures (bao_cao.so_lieu_khen_thuong) belong under this part.
FIGURES_PART = ("ket_qua", "khen_thuong")
# The reward spending (bao_cao.chi_thuong) is stated under this part.
SPENDING_PART = ("ket_qua", "chap_hanh_quy_dinh")
ARCHIVE = "Lưu: VT."
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def header_values(sub: Submission, parent_name: str | None, plan: Plan) -> dict[str, str]:
    """The letterhead and signature marks every document of the unit shares."""
    report = sub.report
    return {
        "ten_cap_tren": parent_name or plan.issuer_parent or "",
        "ten_don_vi": sub.unit.name,
        "so": report.number,
        "dia_danh": report.place,
        "ngay": document_date(report.date),
        "chuc_danh": signature_title(report.signer_title),
        "nguoi_ky": report.signer_name,
    }


def signature_title(title: str) -> str:
    """The signer's title under "TM. Ban Thường vụ": a deputy signs for the Chủ tịch, so
    NĐ 30 puts "KT. Chủ tịch" above the deputy's own title (a line break between)."""
    if title.strip().casefold().startswith("phó "):
        return f"KT. Chủ tịch\n{title}"
    return title


UnitSums = list[dict[str, Any]]  # unit_sums.sums_by_level: one table per level


def report_parts(
    sub: Submission, parent_name: str | None, plan: Plan, units: UnitSums | None = None
) -> tuple[dict[str, str], dict[str, list[Block]]]:
    """The report's mark values and its blocks (body, recipients, appendices).

    ``units``: for a unit that has units, their II.3 sums by level (empty if
    none has sent its report); None for a unit without units.
    """
    values = header_values(sub, parent_name, plan)
    values.update(
        giai_doan=f"{plan.period.low} - {plan.period.high}",
        phuong_huong=f"{plan.outlook.low} - {plan.outlook.high}",
        can_cu=sub.report.basis or _plan_basis(plan),
    )
    blocks = {
        "noi_dung": _body(sub, units),
        "noi_nhan": _recipients(sub, parent_name, plan),
        "phu_luc": appendices(sub),
    }
    return values, blocks


def _plan_basis(plan: Plan) -> str:
    issuer = f" của {plan.issuer}" if plan.issuer else ""
    return f"Kế hoạch số {plan.reference} ngày {format_date(plan.issued)}{issuer}"


def _recipients(sub: Submission, parent_name: str | None, plan: Plan) -> list[Block]:
    lines = list(sub.report.recipients)
    if not lines:
        upper = parent_name or plan.issuer_parent
        lines = [f"{upper} (để báo cáo);", ARCHIVE] if upper else [ARCHIVE]
    return [Para.of("NoiNhan", line if line.startswith("-") else f"- {line}") for line in lines]


def _body(sub: Submission, units: UnitSums | None) -> list[Block]:
    out: list[Block] = []
    for section in sub.report.sections:
        out.append(Para.of("TieuDe1", section.heading))
        out += _section(section, sub.report, units)
    return _closed(out)


def _closed(blocks: list[Block]) -> list[Block]:
    """The body's last words end with "./." (NĐ 30: the end of a document's text)."""
    last = blocks[-1] if blocks else None
    if isinstance(last, Para) and last.runs and not last.runs[-1][0].endswith("./."):
        text, emphasis = last.runs[-1]
        ending = text.rstrip().rstrip(".") + "./."
        blocks[-1] = Para(last.style, (*last.runs[:-1], (ending, emphasis)))
    return blocks


def spending_sentence(amount: int) -> str:
    return f"Tổng chi thưởng: {format_money(amount)} đồng."


def _section(section: Section, report: Report, units: UnitSums | None) -> list[Block]:
    out: list[Block] = []
    figures = report.figures
    headings = part_headings([p.heading for p in section.parts])
    for part, heading in zip(section.parts, headings, strict=True):
        if heading.level2 is not None:
            out.append(Para.of("TieuDe2", heading.level2))
        if heading.own is not None:
            out.append(Para.of("TieuDe3", heading.own))
        out += paragraphs(part.text)
        if (section.key, part.key) == FIGURES_PART and figures:
            out.append(figures_table(figures))
        if (section.key, part.key) == FIGURES_PART and units is not None:
            out += units_figures(units)
        if (section.key, part.key) == SPENDING_PART and report.reward_spending is not None:
            out.append(Para.of("Normal", spending_sentence(report.reward_spending)))
    return out


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _total(values: list[int | None]) -> str:
    """A column's total, only when every row gives the figure: a sum over some rows
    would read as the whole (an optional "of whom" count left out of some rows)."""
    return str(sum(values)) if values and None not in values else ""  # type: ignore[arg-type]


FIGURE_WIDTHS = (720, 3135, 900, 1100, 1100, 1200, 1200)
FIGURE_HEAD = (
    "STT",
    "Hình thức khen thưởng",
    "Năm",
    "Tập thể",
    "Cá nhân",
    "Cá nhân trực tiếp sản xuất",
    "Cá nhân nữ",
)


def figures_table(figures: tuple[AwardFigures, ...]) -> Table:
    """II.3: one row per form and year as written, then the column totals."""
    rows = []
    for n, row in enumerate(figures, 1):
        form = f"{row.form_label}: {row.description}" if row.description else row.form_label
        numbers = (row.collectives, row.individuals, row.direct_workers, row.women)
        rows.append(
            (
                text_cell(str(n), "BangGiua"),
                text_cell(form),
                text_cell(str(row.year), "BangGiua"),
                *(text_cell(_count(v), "BangSo") for v in numbers),
            )
        )
    columns = ("collectives", "individuals", "direct_workers", "women")
    total = tuple(text_cell(_total([getattr(r, c) for r in figures]), "BangTong") for c in columns)
    rows.append((Cell((Para.of("BangTongNhan", "Tổng cộng"),), span=3), *total))
    return Table(FIGURE_WIDTHS, (head_row(FIGURE_HEAD),), tuple(rows))


UNITS_WIDTHS = (720, 4935, 1000, 1350, 1350)
UNITS_HEAD = ("STT", "Hình thức khen thưởng", "Năm", "Tập thể", "Cá nhân")
UNITS_TITLE = "Số liệu khen thưởng của các đơn vị trực thuộc"


def units_figures(units: UnitSums) -> list[Block]:
    """An upper level's units' II.3 figures: per level, a sentence saying whose reports
    are added up, then the sums by form and year with their totals."""
    if not units:
        return [Para.of("Normal", f"{UNITS_TITLE}: chưa có đơn vị trực thuộc nào gửi báo cáo.")]
    out: list[Block] = []
    for level in units:
        # the level's label as the vocabulary writes it: "Công đoàn Công Thương Việt Nam"
        # is a name, so no label is lower-cased to fit a sentence
        whose = f"{level['units']} đơn vị cấp {level['label']}"
        out.append(Para.of("Normal", f"{UNITS_TITLE} (cộng từ báo cáo của {whose} đã gửi):"))
        out.append(units_table(level))
    return out


def units_table(level: dict[str, Any]) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            text_cell(str(n), "BangGiua"),
            text_cell(label),
            text_cell(str(year), "BangGiua"),
            text_cell(str(collectives), "BangSo"),
            text_cell(str(individuals), "BangSo"),
        )
        for n, (label, year, collectives, individuals) in enumerate(level["rows"], 1)
    ]
    rows.append(
        (
            Cell((Para.of("BangTongNhan", "Tổng cộng"),), span=3),
            text_cell(str(level["collectives"]), "BangTong"),
            text_cell(str(level["individuals"]), "BangTong"),
        )
    )
    return Table(UNITS_WIDTHS, (head_row(UNITS_HEAD),), tuple(rows))


PERSON_WIDTHS = (720, 2300, 2500, 3835)
COLLECTIVE_WIDTHS = (720, 2500, 2300, 3835)


def appendices(sub: Submission) -> list[Block]:
    """Phụ lục: the individual honorees, then the collective ones (each only if any)."""
    report = sub.report
    attached = (
        f"(Kèm theo Báo cáo số {report.number} ngày {format_date(report.date)} của {sub.unit.name})"
    )
    lists = [
        ("Danh sách cá nhân điển hình tiên tiến", people_table(sub.people)),
        ("Danh sách tập thể điển hình tiên tiến", collectives_table(sub.collectives)),
    ]
    out: list[Block] = []
    present = [(title, table) for title, table in lists if table.rows]
    for n, (title, table) in enumerate(present):
        numbering = f" {ROMAN[n]}" if len(present) > 1 else ""
        out += [
            Para.of("PhuLuc", f"Phụ lục{numbering}"),
            Para.of("PhuLucTen", title),
            Para.of("PhuLucKemTheo", attached),
            table,
        ]
    return out


def people_table(people: tuple[Person, ...]) -> Table:
    head = head_row(("STT", "Họ và tên", "Chức vụ, nơi công tác", "Thành tích tiêu biểu"))
    rows = tuple(
        (
            text_cell(str(n), "BangGiua"),
            Cell((Para.of("Bang", p.name, BOLD), Para.of("Bang", p.gender_label))),
            Cell((Para.of("Bang", p.position), Para.of("Bang", p.workplace))),
            Cell(tuple(_person_merits(p))),
        )
        for n, p in enumerate(people, 1)
    )
    return Table(PERSON_WIDTHS, (head,), rows)


def _labelled(label: str, text: str) -> Para:
    return Para("Bang", ((f"{label}: ", ITALIC), (text, "")))


def _person_merits(p: Person) -> list[Para]:
    out = paragraphs(p.achievements, "Bang")
    out = [Para("Bang", para.runs) for para in out]  # lists in a cell stay plain lines
    if p.categories:
        out.append(_labelled("Diện điển hình", "; ".join(label for _code, label in p.categories)))
    if p.sector_label:
        out.append(_labelled("Lĩnh vực", p.sector_label))
    for t in p.titles:
        out.append(_labelled("Danh hiệu", f"{t.label} ({', '.join(map(str, t.years))})"))
    for i in p.initiatives:
        where = f", áp dụng tại {i.applied_at}" if i.applied_at else ""
        value = f", làm lợi {format_money(i.value)} đồng" if i.value else ""
        out.append(_labelled("Sáng kiến", f"{i.name} ({i.year}{where}{value})"))
        if i.content:
            first, *rest = paragraphs(i.content, "Bang")
            out.append(Para("Bang", (("Nội dung: ", ITALIC), *first.runs)))
            out += [Para("Bang", para.runs) for para in rest]
    out += _awards(p.awards)
    return out


def _awards(awards) -> list[Para]:
    out = []
    for a in awards:
        decision = f", Quyết định số {a.decision}" if a.decision else ""
        what = f"{a.form_label}: {a.description}" if a.description else a.form_label
        out.append(_labelled("Khen thưởng", f"{what} ({a.year}{decision})"))
    return out


def collectives_table(collectives: tuple[Collective, ...]) -> Table:
    head = head_row(("STT", "Tên tập thể", "Phong trào thi đua", "Thành tích tiêu biểu"))
    rows = tuple(
        (
            text_cell(str(n), "BangGiua"),
            Cell((Para.of("Bang", c.name, BOLD),)),
            text_cell(c.movement),
            Cell(tuple(_collective_merits(c))),
        )
        for n, c in enumerate(collectives, 1)
    )
    return Table(COLLECTIVE_WIDTHS, (head,), rows)


def _collective_merits(c: Collective) -> list[Para]:
    facts = [("Số người tham gia", str(c.participants))]
    if c.ahead_of_schedule:
        facts.append(("Vượt tiến độ", c.ahead_of_schedule))
    if c.product_quality:
        facts.append(("Chất lượng sản phẩm", c.product_quality))
    if c.initiative_count is not None:
        facts.append(("Số sáng kiến", str(c.initiative_count)))
    if c.value:
        facts.append(("Giá trị làm lợi", f"{format_money(c.value)} đồng"))
    facts += [("Giải thưởng", prize) for prize in c.prizes]
    return [_labelled(label, text) for label, text in facts] + _awards(c.awards)
