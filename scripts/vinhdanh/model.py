"""Stage 3 — model: validated plain data to typed, publishable objects.

Dates become ``date``, money becomes ``int`` VND, every code carries its
Vietnamese label, the report's sections carry their template headings (taken
from the schema's titles, in template order), and the agenda is laid against
the plan's. The unit's contact (``lien_he``) is dropped *here*: no later stage
(pages, data files, exports) can publish what the model does not hold. No
person's ethnic origin is held at all (SPEC §9.1: a file that gives one does
not validate); the unit's count of ethnic-minority honorees is.

Input must have passed validation (schema and rules); this module does not
re-check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vinhdanh.check.references import records, references
from vinhdanh.check.validate import Result, validate
from vinhdanh.faults import left_out
from vinhdanh.project import Plan, Project, Vocabulary
from vinhdanh.values import parse_date, parse_money


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str
    level_label: str
    parent: str | None
    members: int


@dataclass(frozen=True)
class Award:
    form: str
    form_label: str
    year: int
    decision: str | None
    description: str | None


@dataclass(frozen=True)
class Title:
    code: str
    label: str
    years: tuple[int, ...]


@dataclass(frozen=True)
class Initiative:
    name: str
    applied_at: str | None
    year: int
    value: int | None
    content: str | None = None  # what the initiative is (noi_dung)


@dataclass(frozen=True)
class Person:
    """An individual honoree: public fields only, by construction."""

    id: str
    name: str
    gender: str
    gender_label: str
    position: str
    workplace: str
    direct_worker: bool
    leader: bool
    achievements: str
    titles: tuple[Title, ...]
    initiatives: tuple[Initiative, ...]
    awards: tuple[Award, ...]
    categories: tuple[tuple[str, str], ...] = ()  # (code, label) of loai_dien_hinh
    sector: str | None = None
    sector_label: str | None = None

    @property
    def initiative_value(self) -> int:
        return sum(i.value or 0 for i in self.initiatives)


@dataclass(frozen=True)
class Collective:
    id: str
    name: str
    movement: str
    participants: int
    ahead_of_schedule: str | None
    product_quality: str | None
    initiative_count: int | None
    value: int | None
    prizes: tuple[str, ...]
    awards: tuple[Award, ...]


@dataclass(frozen=True)
class Delegates:
    total: int
    exemplars: int
    guests: int
    women: int | None
    ethnic_minorities: int | None

    @property
    def exemplar_share(self) -> float | None:
        """Percent of delegates who are exemplars (None for an empty hall)."""
        return self.exemplars * 100 / self.total if self.total else None


@dataclass(frozen=True)
class PresidiumMember:
    name: str
    position: str
    role: str
    role_label: str


@dataclass(frozen=True)
class AgendaItem:
    code: str
    label: str
    held: bool
    standard: bool


@dataclass(frozen=True)
class Talk:
    """A tham luận presented at the conference."""

    speaker: str
    title: str
    with_media: bool | None  # with pictures or video; None when not said


@dataclass(frozen=True)
class Conference:
    form: str
    form_label: str
    name: str | None
    date: date
    duration: str
    duration_label: str
    venue: str
    delegates: Delegates
    presidium: tuple[PresidiumMember, ...]
    agenda: tuple[AgendaItem, ...]
    activities: tuple[tuple[str, str], ...]
    sent_up: tuple[str, ...]
    session: int | None = None  # "lần thứ N"
    talks: tuple[Talk, ...] = ()


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    text: str


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class AwardFigures:
    form: str
    form_label: str
    description: str | None
    year: int
    collectives: int
    individuals: int
    direct_workers: int | None
    women: int | None


@dataclass(frozen=True)
class Report:
    number: str
    place: str
    date: date
    basis: str | None
    sections: tuple[Section, ...]
    figures: tuple[AwardFigures, ...]
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...] = ()  # "Nơi nhận:" as written; () when not given
    reward_spending: int | None = None  # chi_thuong, VND


@dataclass(frozen=True)
class Reference:
    """A lower unit's honoree that this unit honours too (``tu: <unit>/<id>``).

    The record stays the lower unit's (``unit``, ``id``); this level adds at most
    its own words and awards. Counted once: only records are people.
    """

    kind: str  # ca_nhan | tap_the
    unit: str
    id: str
    achievements: str | None
    awards: tuple[Award, ...]

    @property
    def anchor(self) -> str:
        return f"{self.unit}--{self.id}"


@dataclass(frozen=True)
class Submission:
    unit: Unit
    report: Report
    conference: Conference
    people: tuple[Person, ...]  # this unit's own records
    collectives: tuple[Collective, ...]
    minority_people: int | None = None  # individual honorees of an ethnic minority, if given
    references: tuple[Reference, ...] = ()  # lower units' honorees it honours too


def _day(text: str) -> date:
    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(f"not a validated date: {text!r}")
    return parsed


def _money(value: Any) -> int | None:
    return None if value is None else parse_money(value)


def _awards(items: list[dict[str, Any]], vocab: Vocabulary) -> tuple[Award, ...]:
    labels = vocab["hinh_thuc_khen_thuong"]
    return tuple(
        Award(
            a["hinh_thuc"], labels[a["hinh_thuc"]], a["nam"], a.get("so_quyet_dinh"), a.get("mo_ta")
        )
        for a in items
    )


def _person(p: dict[str, Any], vocab: Vocabulary) -> Person:
    return Person(
        id=p["ma"],
        name=p["ho_ten"],
        gender=p["gioi_tinh"],
        gender_label=vocab["gioi_tinh"][p["gioi_tinh"]],
        position=p["chuc_vu"],
        workplace=p["noi_cong_tac"],
        direct_worker=p["truc_tiep_san_xuat"],
        leader=p["lanh_dao_quan_ly"],
        achievements=p["thanh_tich"],
        titles=tuple(
            Title(t["ten"], vocab["danh_hieu"][t["ten"]], tuple(sorted(t["nam"])))
            for t in p.get("danh_hieu", [])
        ),
        initiatives=tuple(
            Initiative(
                i["ten"],
                i.get("ap_dung_tai"),
                i["nam"],
                _money(i.get("gia_tri_lam_loi")),
                i.get("noi_dung"),
            )
            for i in p.get("sang_kien", [])
        ),
        awards=_awards(p.get("khen_thuong", []), vocab),
        categories=tuple((c, vocab["loai_dien_hinh"][c]) for c in p.get("loai", [])),
        sector=p.get("linh_vuc"),
        sector_label=vocab["linh_vuc"][p["linh_vuc"]] if "linh_vuc" in p else None,
    )


def _collective(c: dict[str, Any], vocab: Vocabulary) -> Collective:
    return Collective(
        id=c["ma"],
        name=c["ten"],
        movement=c["phong_trao"],
        participants=c["so_nguoi_tham_gia"],
        ahead_of_schedule=c.get("vuot_tien_do"),
        product_quality=c.get("chat_luong_san_pham"),
        initiative_count=c.get("so_sang_kien"),
        value=_money(c.get("gia_tri_lam_loi")),
        prizes=tuple(c.get("giai_thuong", [])),
        awards=_awards(c.get("khen_thuong", []), vocab),
    )


def _sections(content: dict[str, Any], schema: dict[str, Any]) -> tuple[Section, ...]:
    """Report sections in the template's order, headed by the schema's titles."""
    layout = schema["properties"]["bao_cao"]["properties"]["noi_dung"]["properties"]
    return tuple(
        Section(
            key,
            section["title"],
            tuple(
                Part(part_key, part["title"], content[key][part_key])
                for part_key, part in section["properties"].items()
            ),
        )
        for key, section in layout.items()
    )


def _agenda(held: list[str], plan: Plan, labels: dict[str, str]) -> tuple[AgendaItem, ...]:
    """The plan's items in the plan's order (held or not), then any extra item held."""
    items = [AgendaItem(code, labels[code], code in held, True) for code in plan.agenda]
    items += [
        AgendaItem(code, labels[code], True, False) for code in held if code not in plan.agenda
    ]
    return tuple(items)


def build_submission(
    data: dict[str, Any], vocab: Vocabulary, plan: Plan, schema: dict[str, Any]
) -> Submission:
    """A :class:`Submission` from one validated document's data."""
    unit, report, meeting = data["don_vi"], data["bao_cao"], data["hoi_nghi"]
    seats = meeting["dai_bieu"]
    conference = Conference(
        form=meeting["hinh_thuc"],
        form_label=vocab["hinh_thuc_hoi_nghi"][meeting["hinh_thuc"]],
        name=meeting.get("ten"),
        date=_day(meeting["ngay"]),
        duration=meeting["thoi_luong"],
        duration_label=vocab["thoi_luong"][meeting["thoi_luong"]],
        venue=meeting["dia_diem"],
        delegates=Delegates(
            seats["tong"],
            seats["dien_hinh"],
            seats["khach_moi"],
            seats.get("nu"),
            seats.get("dan_toc_thieu_so"),
        ),
        presidium=tuple(
            PresidiumMember(
                m["ho_ten"], m["chuc_vu"], m["thanh_phan"], vocab["thanh_phan"][m["thanh_phan"]]
            )
            for m in meeting["doan_chu_tich"]
        ),
        agenda=_agenda(meeting["chuong_trinh"], plan, vocab["chuong_trinh"]),
        activities=tuple((a, vocab["hoat_dong"][a]) for a in meeting.get("hoat_dong", [])),
        sent_up=tuple(meeting.get("dai_bieu_di_du_cap_tren", [])),
        session=meeting.get("lan_thu"),
        talks=tuple(
            Talk(t["nguoi_trinh_bay"], t["ten"], t.get("hinh_anh_video"))
            for t in meeting.get("tham_luan", [])
        ),
    )
    figures = tuple(
        AwardFigures(
            row["hinh_thuc"],
            vocab["hinh_thuc_khen_thuong"][row["hinh_thuc"]],
            row.get("mo_ta"),
            row["nam"],
            row["tap_the"],
            row["ca_nhan"],
            row.get("truc_tiep_san_xuat"),
            row.get("nu"),
        )
        for row in report["so_lieu_khen_thuong"]
    )
    return Submission(
        unit=Unit(
            unit["ma"],
            unit["ten"],
            unit["cap"],
            vocab["cap"][unit["cap"]],
            unit.get("cap_tren"),
            unit["so_doan_vien"],
        ),
        report=Report(
            report["so"],
            report["dia_danh"],
            _day(report["ngay"]),
            report.get("can_cu"),
            _sections(report["noi_dung"], schema),
            figures,
            report["nguoi_ky"]["chuc_danh"],
            report["nguoi_ky"]["ho_ten"],
            tuple(report.get("noi_nhan", [])),
            _money(report.get("chi_thuong")),
        ),
        conference=conference,
        people=tuple(_person(p, vocab) for _, p in records(data, "ca_nhan")),
        collectives=tuple(_collective(c, vocab) for _, c in records(data, "tap_the")),
        minority_people=data["dien_hinh"].get("so_dan_toc_thieu_so"),
        references=tuple(
            Reference(
                kind,
                unit,
                ma,
                data["dien_hinh"][kind][path[2]].get("thanh_tich"),
                _awards(data["dien_hinh"][kind][path[2]].get("khen_thuong", []), vocab),
            )
            for path, kind, unit, ma in references(data)
        ),
    )


def build_published(project: Project) -> tuple[Result, list[Submission]]:
    """Validate the project and model every submission fit to publish (no error).

    A submission the model still fails on is left out with a finding (``faults``).
    """
    result = validate(project)
    schema = project.schemas["submission"]
    built = []
    for doc in sorted(result.accepted, key=lambda d: d.data["don_vi"]["ma"]):
        try:
            built.append(build_submission(doc.data, project.vocabulary, project.plan, schema))
        except Exception as exc:  # noqa: BLE001 - this unit only; the rest is published
            result.findings.append(left_out(doc.file, "dựng dữ liệu của hồ sơ", exc))
    return result, built
