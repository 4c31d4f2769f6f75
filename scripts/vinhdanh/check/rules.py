"""Stage 2b — the plan's rules (SPEC §5), one function per rule code.

Every figure (caps, deadlines, ranges, the agenda) is read from the typed
:class:`~vinhdanh.project.Plan`; every label from the vocabularies. Field rules
(``ma-don-vi``, ``tien-le``, ``ngay``) look only at what they need and so run on
any parsed file; the others assume the file passed its schema.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from vinhdanh.check.consistency import (
    figures_within_rows,
    honorees_within_members,
    names_have_letters,
    whole_numbers,
)
from vinhdanh.check.delegates import sent_up_named, within_quota
from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.check.hidden import CONFUSABLES, FOREIGN, SILENT
from vinhdanh.check.load import Document, JsonPath
from vinhdanh.check.privacy import contacts_in_text, is_private, minority_count, retired_fields
from vinhdanh.check.references import records, reference_units
from vinhdanh.check.registry import unit_id_findings
from vinhdanh.check.sectors import sectors_covered
from vinhdanh.check.timeline import dated_after_plan, figure_years, report_after_conference
from vinhdanh.project import Plan, Vocabulary
from vinhdanh.values import date_shaped, format_date, parse_date, percent, show_value


@dataclass(frozen=True)
class Context:
    plan: Plan
    vocabulary: Vocabulary
    registry: dict[str, dict[str, Any]] | None  # None when don-vi.yaml itself is broken
    money_fields: frozenset[str]
    date_fields: frozenset[str]
    fraction_fields: frozenset[str] = frozenset()


def normalise_name(text: str) -> str:
    """For comparing people: case, spacing and hidden characters do not matter, diacritics do.

    Hidden characters are errors of their own (``ky-tu-an``); dropping them here
    keeps "Nguyễn Văn<U+200B> An" from passing as a second person, as folding
    look-alike letters (NFKC: fullwidth and mathematical letters; Cyrillic and
    Greek ones) keeps "Nguyễn Văn Аn" from it.
    """
    if not text.isascii():  # each step only where it changes something: names are many
        text = SILENT.sub("", text)
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        if FOREIGN.search(text):
            text = text.translate(CONFUSABLES)
    return " ".join(text.casefold().split())


class _Out:
    """Collects findings for one document."""

    def __init__(self, doc: Document):
        self.doc, self.items = doc, []

    def add(self, path: JsonPath, code: str, severity: str, message: str, *, key=False) -> None:
        line, column = self.doc.where(path, key=key)
        self.items.append(Finding(self.doc.file, line, column, code, severity, message))


# --- field rules: safe on any parsed document -------------------------------------------


def check_fields(doc: Document, ctx: Context, stem: str) -> list[Finding]:
    out = _Out(doc)
    out.items += unit_id_findings(doc, ctx.registry, ctx.vocabulary, stem)
    out.items += retired_fields(doc) + contacts_in_text(doc)
    for path in doc.marks:
        if path and path[-1].__class__ is str:  # values under private keys are not echoed
            if path[-1] in ctx.money_fields and not is_private(path):
                _money(path, doc.value(path), doc, out)
            elif path[-1] in ctx.date_fields and not is_private(path):
                _date(path, doc.value(path), ctx.plan, out)
    whole_numbers(doc, ctx.money_fields | ctx.fraction_fields, out)
    return out.items


def _money(path: JsonPath, value: Any, doc: Document, out: _Out) -> None:
    if value.__class__ is float:
        written = doc.source.get(path, repr(value))
        digits = written.replace(".", "").lstrip("+-")
        out.add(
            path,
            "tien-le",
            ERROR,
            f"Số tiền '{written}' bị YAML đọc thành số thập phân {value!r}. Hãy viết số "
            f"nguyên liền {int(digits) if digits.isdigit() else 'như 350000000'}, hoặc "
            f'trong ngoặc kép "{written}" nếu muốn giữ dấu chấm.',
        )
    elif value.__class__ is int and value < 0:
        out.add(path, "tien-le", ERROR, f"Số tiền {value} là số âm; hãy ghi số tiền từ 0 trở lên.")


def _date(path: JsonPath, value: Any, plan: Plan, out: _Out) -> None:
    if not isinstance(value, str):
        return
    parsed = parse_date(value)
    if parsed is None:
        if date_shaped(value):  # another shape is the schema's (slips.reshaped_date)
            out.add(
                path,
                "ngay",
                ERROR,
                f"Ngày '{show_value(value)}' không có trên lịch. Hãy kiểm tra ngày và tháng "
                "(viết 2025-03-05 hoặc 05/03/2025).",
            )
        return
    if not plan.valid_from <= parsed <= plan.valid_to:
        out.add(
            path,
            "ngay",
            ERROR,
            f"Ngày {format_date(parsed)} nằm ngoài khoảng hợp lệ {format_date(plan.valid_from)}"
            f"–{format_date(plan.valid_to)}. Hãy kiểm tra năm (có thể gõ nhầm).",
        )


# --- plan rules: on documents that passed the schema ------------------------------------


def check_plan(doc: Document, ctx: Context) -> list[Finding]:
    out = _Out(doc)
    for rule in PLAN_RULES:
        rule(doc.data, ctx, out)
    return out.items


def _level(data: dict[str, Any], ctx: Context):
    return ctx.plan.levels.get(data["don_vi"]["cap"])


def _delegates(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    seats, path = data["hoi_nghi"]["dai_bieu"], ("hoi_nghi", "dai_bieu")
    total, exemplars, guests = seats["tong"], seats["dien_hinh"], seats["khach_moi"]
    level = _level(data, ctx)
    if level and total > level.max_delegates:
        label = ctx.vocabulary["cap"][data["don_vi"]["cap"]]
        out.add(
            (*path, "tong"),
            "dai-bieu-vuot-tran",
            ERROR,
            f"Tổng số đại biểu {total} vượt mức tối đa {level.max_delegates} của {label} "
            "theo Kế hoạch. Hãy kiểm tra lại số liệu.",
        )
    if exemplars + guests != total:
        out.add(
            (*path, "tong"),
            "dai-bieu-khong-khop",
            ERROR,
            f"Đại biểu điển hình ({exemplars}) + khách mời ({guests}) = {exemplars + guests}, "
            f"khác tổng số {total}. Hãy sửa để tổng bằng điển hình cộng khách mời.",
        )
    for key, word in (("nu", "nữ"), ("dan_toc_thieu_so", "dân tộc thiểu số")):
        if seats.get(key, 0) > total:
            out.add(
                (*path, key),
                "dai-bieu-khong-khop",
                ERROR,
                f"Số đại biểu {word} ({seats[key]}) lớn hơn tổng số đại biểu ({total}).",
            )
    plan = ctx.plan
    if total > 0:
        share = exemplars * 100 / total
        if not plan.exemplar_share_low <= share <= plan.exemplar_share_high:
            out.add(
                (*path, "dien_hinh"),
                "ty-le-dien-hinh",
                WARNING,
                f"Đại biểu điển hình chiếm {percent(share)} tổng số; Kế hoạch yêu cầu khoảng "
                f"{percent(plan.exemplar_share_target)} (chấp nhận "
                f"{percent(plan.exemplar_share_low)}–{percent(plan.exemplar_share_high)}).",
            )


def _presidium(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    members, path = data["hoi_nghi"]["doan_chu_tich"], ("hoi_nghi", "doan_chu_tich")
    level = _level(data, ctx)
    if level is None:
        return
    size = level.presidium_size
    if not size.low <= len(members) <= size.high:
        out.add(
            path,
            "doan-chu-tich-so-luong",
            ERROR,
            f"Đoàn Chủ tịch có {len(members)} người; Kế hoạch quy định {size.low}–{size.high} "
            "người cho cấp này.",
        )
    roles = [m["thanh_phan"] for m in members]
    labels = ctx.vocabulary["thanh_phan"]
    wanted = level.presidium_exemplars
    exemplars = sum(1 for role in roles if role in ctx.plan.exemplar_roles)
    if not wanted.low <= exemplars <= wanted.high:
        kinds = ", ".join(labels[r] for r in ctx.plan.exemplar_roles)
        out.add(
            path,
            "doan-chu-tich-thanh-phan",
            WARNING,
            f"Đoàn Chủ tịch có {exemplars} đại biểu là {kinds}; Kế hoạch yêu cầu "
            f"{wanted.low}–{wanted.high}.",
        )
    for role in ctx.plan.required_roles:
        if role not in roles:
            out.add(
                path,
                "doan-chu-tich-thanh-phan",
                WARNING,
                f"Đoàn Chủ tịch chưa có thành viên thuộc thành phần {labels[role]} "
                f"(thanh_phan: {role}) như Kế hoạch yêu cầu.",
            )


def _deadlines(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    level = _level(data, ctx)
    held = parse_date(data["hoi_nghi"]["ngay"])
    if level and held and held > level.conference_deadline:
        out.add(
            ("hoi_nghi", "ngay"),
            "hoi-nghi-tre-han",
            WARNING,
            f"Hội nghị tổ chức ngày {format_date(held)}, trễ "
            f"{(held - level.conference_deadline).days} ngày so với hạn "
            f"{format_date(level.conference_deadline)} (Kế hoạch: {level.deadline_wording}).",
        )
    reported = parse_date(data["bao_cao"]["ngay"])
    deadline = ctx.plan.report_deadline
    applies = data["don_vi"]["cap"] in ctx.plan.report_levels
    if applies and reported and reported > deadline:
        out.add(
            ("bao_cao", "ngay"),
            "bao-cao-tre-han",
            WARNING,
            f"Báo cáo đề ngày {format_date(reported)}, trễ {(reported - deadline).days} ngày "
            f"so với hạn gửi {format_date(deadline)}.",
        )


def _duration(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    duration = data["hoi_nghi"]["thoi_luong"]
    if duration != ctx.plan.duration:
        labels = ctx.vocabulary["thoi_luong"]
        out.add(
            ("hoi_nghi", "thoi_luong"),
            "thoi-luong",
            WARNING,
            f"Thời lượng hội nghị: {labels[duration]}; Kế hoạch quy định: "
            f"{labels[ctx.plan.duration]}.",
        )


def _agenda(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    held = set(data["hoi_nghi"]["chuong_trinh"])
    labels = ctx.vocabulary["chuong_trinh"]
    for number, item in enumerate(ctx.plan.agenda, start=1):
        if item not in held:
            out.add(
                ("hoi_nghi", "chuong_trinh"),
                "chuong-trinh-thieu-muc",
                WARNING,
                f"Chương trình thiếu mục {number} của Kế hoạch: {labels[item]} ({item}).",
            )


def _conference_form(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    unit, form = data["don_vi"], data["hoi_nghi"]["hinh_thuc"]
    plan = ctx.plan
    if unit["cap"] != plan.dedicated_level or unit["so_doan_vien"] <= plan.dedicated_threshold:
        return
    if form not in plan.dedicated_forms:
        labels = ctx.vocabulary["hinh_thuc_hoi_nghi"]
        options = "; ".join(f"{labels[f]} ({f})" for f in plan.dedicated_forms)
        out.add(
            ("hoi_nghi", "hinh_thuc"),
            "hinh-thuc-hoi-nghi",
            WARNING,
            f"Đơn vị có {unit['so_doan_vien']} đoàn viên (trên {plan.dedicated_threshold}): "
            f"Kế hoạch khuyến khích tổ chức hội nghị riêng: {options}.",
        )


def honorees(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str, tuple[str, ...]]]:
    """(path, id, identity) for each honoree; identity is what makes two entries one person."""
    for index, person in records(data, "ca_nhan"):
        identity = (normalise_name(person["ho_ten"]), normalise_name(person["noi_cong_tac"]))
        yield ("dien_hinh", "ca_nhan", index), person["ma"], identity
    for index, group in records(data, "tap_the"):
        yield ("dien_hinh", "tap_the", index), group["ma"], (normalise_name(group["ten"]),)


def _duplicates(data: dict[str, Any], ctx: Context, out: _Out) -> None:
    ids: dict[str, JsonPath] = {}
    people: dict[tuple[str, ...], JsonPath] = {}
    for path, ma, identity in honorees(data):
        if ma in ids:
            out.add(
                (*path, "ma"),
                "trung-lap",
                ERROR,
                f"Mã '{ma}' đã dùng cho một điển hình khác ({_show(ids[ma])}). Mỗi điển hình "
                "cần một mã riêng, ví dụ thêm số: " + f"{ma}-2.",
            )
        ids.setdefault(ma, path)
        if identity in people:
            out.add(
                path,
                "trung-lap",
                ERROR,
                f"Điển hình này trùng với {_show(people[identity])} (cùng tên và nơi công "
                "tác). Hãy xoá bản trùng hoặc gộp thành tích vào một mục.",
            )
        people.setdefault(identity, path)


def _show(path: JsonPath) -> str:
    kind = "cá nhân" if path[1] == "ca_nhan" else "tập thể"
    return f"{kind} thứ {path[2] + 1}"


PLAN_RULES: tuple[Callable[[dict[str, Any], Context, _Out], None], ...] = (
    _delegates,
    _presidium,
    _deadlines,
    _duration,
    _agenda,
    _conference_form,
    sent_up_named,
    reference_units,
    within_quota,
    _duplicates,
    minority_count,
    honorees_within_members,
    figures_within_rows,
    names_have_letters,
    dated_after_plan,
    report_after_conference,
    figure_years,
    sectors_covered,
)
