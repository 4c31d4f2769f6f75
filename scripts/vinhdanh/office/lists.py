"""The two lists a conference reads out and files, in the letterhead of the unit.

- the delegates it sends to the upper level's conference
  (``hoi_nghi.dai_bieu_di_du_cap_tren``, in the order written), adopted at the
  conference ("Thông qua danh sách đại biểu đi dự … của cấp trên");
- the individuals and collectives it commends at the conference, with
  position, workplace and achievements (the tables of the report's appendix).

Both are dated the day of the conference and use ``mau/danh-sach.docx``; both
name the conference, with its session ("lần thứ N") when given.
"""

from __future__ import annotations

from vinhdanh.model import Collective, Person, Submission
from vinhdanh.office.blocks import (
    BOLD,
    Block,
    Cell,
    Para,
    Table,
    document_date,
    head_row,
    text_cell,
)
from vinhdanh.office.report import collectives_table, header_values, people_table
from vinhdanh.project import Plan
from vinhdanh.values import format_date

INLINE = frozenset({"ten_cap_tren", "ten_don_vi", "dia_danh", "ngay", "chuc_danh", "nguoi_ky"})
BLOCKS = frozenset({"noi_dung"})

DELEGATE_WIDTHS = (720, 2700, 900, 3435, 1600)


def _values(sub: Submission, parent_name: str | None, plan: Plan) -> dict[str, str]:
    values = header_values(sub, parent_name, plan)
    values["ngay"] = document_date(sub.conference.date)
    del values["so"]
    return values


def _heading(sub: Submission, subject: str, at: str) -> list[Block]:
    meeting = sub.conference
    name = meeting.name or meeting.form_label
    if meeting.session:
        name = f"{name} lần thứ {meeting.session}"
    return [
        Para.of("TenLoai", "Danh sách"),
        Para.of("TrichYeu", subject),
        Para.of("PhuLucKemTheo", f"({at} {name} ngày {format_date(meeting.date)})"),
    ]


def delegates_list(
    sub: Submission, parent_name: str | None, plan: Plan
) -> tuple[dict[str, str], dict[str, list[Block]]]:
    """Who goes up (individuals, and collectives by their representative), as adopted."""
    honorees: dict[str, Person | Collective] = {c.id: c for c in sub.collectives}
    honorees.update({p.id: p for p in sub.people})
    sent = [honorees[i] for i in sub.conference.sent_up if i in honorees]
    body = _heading(
        sub,
        "Đại biểu đi dự Hội nghị điển hình tiên tiến, Đại hội thi đua yêu nước của cấp trên",
        "Thông qua tại",
    )
    if sent:
        body += [_delegates_table(sent), Para.of("GhiChu", _tally(sent))]
    else:
        body.append(Para.of("Normal", "Đơn vị không cử đại biểu đi dự hội nghị của cấp trên."))
    return _values(sub, parent_name, plan), {"noi_dung": body}


def _delegate_row(n: int, h: Person | Collective) -> tuple[Cell, ...]:
    if isinstance(h, Collective):
        return (
            text_cell(str(n), "BangGiua"),
            Cell((Para.of("Bang", h.name, BOLD),)),
            text_cell("", "BangGiua"),
            Cell((Para.of("Bang", h.movement),)),
            text_cell("Tập thể (cử người đại diện)"),
        )
    return (
        text_cell(str(n), "BangGiua"),
        Cell((Para.of("Bang", h.name, BOLD),)),
        text_cell(h.gender_label, "BangGiua"),
        Cell((Para.of("Bang", h.position), Para.of("Bang", h.workplace))),
        text_cell("Trực tiếp sản xuất" if h.direct_worker else ""),
    )


def _delegates_table(sent: list[Person | Collective]) -> Table:
    head = head_row(("STT", "Họ và tên", "Giới tính", "Chức vụ, nơi công tác", "Ghi chú"))
    rows = tuple(_delegate_row(n, h) for n, h in enumerate(sent, 1))
    return Table(DELEGATE_WIDTHS, (head,), rows)


def _tally(sent: list[Person | Collective]) -> str:
    people = [h for h in sent if isinstance(h, Person)]
    groups = len(sent) - len(people)
    women = sum(p.gender == "nu" for p in people)
    workers = sum(p.direct_worker for p in people)
    split = f" ({groups} tập thể, {len(people)} cá nhân)" if groups else ""
    return (
        f"Tổng số: {len(sent)} đại biểu{split}, trong đó {women} nữ, "
        f"{workers} trực tiếp lao động sản xuất."
    )


def honorees_list(
    sub: Submission, parent_name: str | None, plan: Plan
) -> tuple[dict[str, str], dict[str, list[Block]]]:
    """Who is commended at the conference: individuals, then collectives."""
    body = _heading(sub, "Tập thể, cá nhân điển hình tiên tiến được biểu dương, khen thưởng", "Tại")
    parts = [
        ("Cá nhân", people_table(sub.people)),
        ("Tập thể", collectives_table(sub.collectives)),
    ]
    for n, (title, table) in enumerate(parts, 1):
        body.append(Para.of("MucBang", f"{'I' * n}. {title}"))
        body.append(table if table.rows else Para.of("Normal", "Không có."))
    body.append(
        Para.of(
            "GhiChu",
            f"Tổng số: {len(sub.people)} cá nhân, {len(sub.collectives)} tập thể.",
        )
    )
    return _values(sub, parent_name, plan), {"noi_dung": body}
