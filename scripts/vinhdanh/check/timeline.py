"""Dates and years against the plan: what happened must fit the campaign it reports on.

The schema and the ``ngay`` rule only ask that a date exists and lies in the
plan's broad window; these rules ask that it makes sense for this campaign
(SPEC §9.4): a conference or a report dated before the plan that called for it
is a mistake (``ngay-truoc-ke-hoach``), a II.3 row counts awards of the period
the report covers (``nam-ngoai-giai-doan``), and a report is written after the
conference it reports (warning ``bao-cao-truoc-hoi-nghi``). Every date and year
comes from ``ke-hoach.yaml``.
"""

from __future__ import annotations

from typing import Any, Protocol

from vinhdanh.check.findings import ERROR, WARNING
from vinhdanh.check.load import JsonPath
from vinhdanh.values import format_date, parse_date


class _Out(Protocol):
    def add(self, path: JsonPath, code: str, severity: str, message: str) -> None: ...


_DATED = (
    (("hoi_nghi", "ngay"), "Hội nghị"),
    (("bao_cao", "ngay"), "Báo cáo"),
)


def dated_after_plan(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """The conference and the report come after the plan was issued."""
    plan = ctx.plan
    for (section, key), what in _DATED:
        day = parse_date(str(data[section][key]))
        if day and plan.valid_from <= day < plan.issued:  # earlier: the "ngay" rule says so
            out.add(
                (section, key),
                "ngay-truoc-ke-hoach",
                ERROR,
                f"{what} đề ngày {format_date(day)}, trước ngày ban hành Kế hoạch "
                f"{plan.reference} ({format_date(plan.issued)}). Hãy kiểm tra lại ngày, nhất "
                "là năm.",
            )


def report_after_conference(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """A report dated before the conference it reports is probably a wrong date."""
    held = parse_date(str(data["hoi_nghi"]["ngay"]))
    reported = parse_date(str(data["bao_cao"]["ngay"]))
    if held and reported and reported < held:
        out.add(
            ("bao_cao", "ngay"),
            "bao-cao-truoc-hoi-nghi",
            WARNING,
            f"Báo cáo đề ngày {format_date(reported)}, trước ngày hội nghị "
            f"{format_date(held)}. Báo cáo tổng kết thường ký sau hội nghị; hãy kiểm tra lại "
            "hai ngày này.",
        )


def figure_years(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """II.3 rows count the awards of the period the report covers."""
    period = ctx.plan.period
    for index, row in enumerate(data["bao_cao"]["so_lieu_khen_thuong"]):
        year = row["nam"]
        if year.__class__ is int and not period.low <= year <= period.high:
            out.add(
                ("bao_cao", "so_lieu_khen_thuong", index, "nam"),
                "nam-ngoai-giai-doan",
                ERROR,
                f"Năm {year} nằm ngoài giai đoạn tổng kết {period.low}–{period.high} của Kế "
                "hoạch. Mục II.3 chỉ ghi số liệu khen thưởng trong giai đoạn này.",
            )
