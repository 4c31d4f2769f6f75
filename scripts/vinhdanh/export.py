"""Stage — export: the honour roll as data (XLSX, CSV, JSON), public fields only.

Rows come from the model, which holds no private field, and are ordered the
Vietnamese way (given name, then middle, then family name). Text is
untrusted: a cell that a spreadsheet would read as a formula (``=``, ``+``,
``-``, ``@``) is written as text. Output bytes depend only on the input, so two
exports of the same data are byte-identical.

What people open (XLSX, CSV) has no internal codes: the unit's and the honoree's
ids and the anchor are for programs, and only the JSON keeps them (with them a
program links a row to ``/don-vi/<don_vi>/#<neo>``). A figure nobody reported
is an empty cell (null in JSON), never 0: 0 would say "reported none".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from vinhdanh.honours import honoured_above
from vinhdanh.model import Collective, Person, Submission
from vinhdanh.office.xlsx import Column, Sheet, workbook
from vinhdanh.values import vietnamese_name_key, vietnamese_text_key

# (key, Vietnamese column heading)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("don_vi", "Mã đơn vị"),
    ("ten_don_vi", "Đơn vị"),
    ("cap", "Cấp"),
    ("loai", "Loại"),
    ("ma", "Mã điển hình"),
    ("ten", "Họ và tên / Tên tập thể"),
    ("gioi_tinh", "Giới tính"),
    ("chuc_vu", "Chức vụ / Phong trào"),
    ("noi_cong_tac", "Nơi công tác"),
    ("truc_tiep_san_xuat", "Trực tiếp sản xuất"),
    ("lanh_dao_quan_ly", "Lãnh đạo, quản lý"),
    ("thanh_tich", "Thành tích"),
    ("danh_hieu", "Danh hiệu thi đua"),
    ("so_sang_kien", "Số sáng kiến"),
    ("gia_tri_lam_loi", "Giá trị làm lợi (đồng)"),
    ("khen_thuong", "Khen thưởng"),
    ("cac_cap", "Các cấp tôn vinh"),
    ("neo", "Neo trên bảng vàng"),
)
# Ids for programs (JSON): not in the files people open.
INTERNAL = frozenset({"don_vi", "ma", "neo"})
OPEN_COLUMNS = tuple((key, heading) for key, heading in COLUMNS if key not in INTERNAL)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _person(p: Person) -> dict[str, Any]:
    return {
        "loai": "Cá nhân",
        "ma": p.id,
        "ten": p.name,
        "gioi_tinh": p.gender_label,
        "chuc_vu": p.position,
        "noi_cong_tac": p.workplace,
        "truc_tiep_san_xuat": p.direct_worker,
        "lanh_dao_quan_ly": p.leader,
        "thanh_tich": p.achievements,
        "danh_hieu": "; ".join(f"{t.label} ({', '.join(map(str, t.years))})" for t in p.titles),
        "so_sang_kien": len(p.initiatives) or None,  # none listed: not reported
        "gia_tri_lam_loi": _reported_sum(i.value for i in p.initiatives),
        "khen_thuong": "; ".join(f"{a.description or a.form_label} ({a.year})" for a in p.awards),
    }


def _reported_sum(values: Iterable[int | None]) -> int | None:
    """The sum of the values given; None when none is (an empty cell, not 0)."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _collective(c: Collective) -> dict[str, Any]:
    return {
        "loai": "Tập thể",
        "ma": c.id,
        "ten": c.name,
        "gioi_tinh": None,
        "chuc_vu": c.movement,
        "noi_cong_tac": None,
        "truc_tiep_san_xuat": None,
        "lanh_dao_quan_ly": None,
        "thanh_tich": "; ".join(
            x for x in (c.ahead_of_schedule, c.product_quality, *c.prizes) if x
        ),
        "danh_hieu": "",
        "so_sang_kien": c.initiative_count,
        "gia_tri_lam_loi": c.value,
        "khen_thuong": "; ".join(f"{a.description or a.form_label} ({a.year})" for a in c.awards),
    }


def _given(awards) -> str:
    """The awards a level gave, as "Bằng khen … 2024; …" (an "other" form by its description)."""
    return "; ".join(f"{a.description or a.form_label} {a.year}" for a in awards)


def honoree_key(name: str, collective: bool) -> tuple:
    """People by given name first; a collective's name as written."""
    return vietnamese_text_key(name) if collective else vietnamese_name_key(name)


def honour_roll(submissions: Iterable[Submission]) -> list[dict[str, Any]]:
    """Every honoree of every submission, one row each, in Vietnamese name order.

    One row per record: an honoree an upper level refers to (``tu:``) is not a
    second row; its row names every level that honoured it ("Các cấp tôn vinh":
    its own unit, then each unit that referred to it), with their awards.
    """
    submissions = list(submissions)
    above = honoured_above(submissions)
    rows = []
    for sub in submissions:
        unit = {"don_vi": sub.unit.id, "ten_don_vi": sub.unit.name, "cap": sub.unit.level_label}
        for row in [
            *(_person(p) for p in sub.people),
            *(_collective(c) for c in sub.collectives),
        ]:
            levels = [sub.unit.name] + [
                up.unit.name + (f" ({_given(ref.awards)})" if ref.awards else "")
                for up, ref in above.get((sub.unit.id, row["ma"]), [])
            ]
            row = {
                **unit,
                **row,
                "cac_cap": "; ".join(levels),
                "neo": f"{sub.unit.id}--{row['ma']}",
            }
            rows.append({key: row[key] for key, _ in COLUMNS})
    return sorted(
        rows, key=lambda r: (honoree_key(r["ten"], r["loai"] == "Tập thể"), r["don_vi"], r["ma"])
    )


def _cell(value: Any) -> Any:
    """A value as a spreadsheet should show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return value


def _safe_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a BOM, so Excel opens Vietnamese text correctly.

    Comma-separated (RFC 4180), for data tools. Excel set to Vietnamese regional
    settings expects ";" and shows this file in one column: the site says so next
    to the link and offers the XLSX first, which opens the same everywhere.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading in OPEN_COLUMNS])
    for row in rows:
        writer.writerow([_safe_text(_cell(row[key])) for key, _ in OPEN_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def to_json(rows: list[dict[str, Any]]) -> bytes:
    """A JSON array with one honoree per line: compact, yet easy to grep and diff."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    return f"[\n{lines}\n]\n".encode() if rows else b"[]\n"


# The XLSX's columns: widths in characters; long text wrapped; counts and money as numbers.
_XLSX_KINDS = {"so_sang_kien": "number", "gia_tri_lam_loi": "number", "thanh_tich": "long"}
_XLSX_WIDTHS = {
    "don_vi": 14, "ten_don_vi": 30, "cap": 14, "loai": 10, "ma": 16, "ten": 28,
    "gioi_tinh": 9, "chuc_vu": 28, "noi_cong_tac": 30, "truc_tiep_san_xuat": 11,
    "lanh_dao_quan_ly": 11, "thanh_tich": 60, "danh_hieu": 36, "so_sang_kien": 10,
    "gia_tri_lam_loi": 16, "khen_thuong": 40, "cac_cap": 40, "neo": 24,
}  # fmt: skip
XLSX_COLUMNS = tuple(
    Column(heading, _XLSX_WIDTHS[key], _XLSX_KINDS.get(key, "text"))
    for key, heading in OPEN_COLUMNS
)


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """One sheet: bold frozen header with an autofilter, sized columns, numbers as numbers.

    Written by ``office.xlsx`` rather than openpyxl: 50,000 rows take about a
    second instead of half a minute, and the bytes depend only on the rows.
    """
    keys = [key for key, _ in OPEN_COLUMNS]
    table = [[row[key] for key in keys] for row in rows]
    return workbook([Sheet("Bảng vàng", XLSX_COLUMNS, table, validation_rows=0)])


# The spreadsheet first: it opens as columns in Excel whatever the regional settings.
WRITERS = {"xlsx": to_xlsx, "csv": to_csv, "json": to_json}
