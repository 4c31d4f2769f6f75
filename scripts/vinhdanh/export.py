"""Stage — export: the honour roll as data (CSV, JSON, XLSX), public fields only.

Rows come from the model, which holds no private field, and are ordered the
Vietnamese way (given name, then middle, then family name). Text is
untrusted: a cell that a spreadsheet would read as a formula (``=``, ``+``,
``-``, ``@``) is written as text. Output bytes depend only on the input, so two
exports of the same data are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from vinhdanh.model import Collective, Person, Submission
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
    ("dan_toc", "Dân tộc"),
    ("chuc_vu", "Chức vụ / Phong trào"),
    ("noi_cong_tac", "Nơi công tác"),
    ("truc_tiep_san_xuat", "Trực tiếp sản xuất"),
    ("lanh_dao_quan_ly", "Lãnh đạo, quản lý"),
    ("thanh_tich", "Thành tích"),
    ("danh_hieu", "Danh hiệu thi đua"),
    ("so_sang_kien", "Số sáng kiến"),
    ("gia_tri_lam_loi", "Giá trị làm lợi (đồng)"),
    ("khen_thuong", "Khen thưởng"),
    ("neo", "Neo trên bảng vàng"),
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FIXED_TIME = datetime(2025, 1, 1)  # xlsx metadata and zip entries: no build date leaks in
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _person(sub: Submission, p: Person) -> dict[str, Any]:
    return {
        "loai": "Cá nhân",
        "ma": p.id,
        "ten": p.name,
        "gioi_tinh": p.gender_label,
        "dan_toc": p.ethnicity,
        "chuc_vu": p.position,
        "noi_cong_tac": p.workplace,
        "truc_tiep_san_xuat": p.direct_worker,
        "lanh_dao_quan_ly": p.leader,
        "thanh_tich": p.achievements,
        "danh_hieu": "; ".join(f"{t.label} ({', '.join(map(str, t.years))})" for t in p.titles),
        "so_sang_kien": len(p.initiatives),
        "gia_tri_lam_loi": p.initiative_value,
        "khen_thuong": "; ".join(f"{a.description or a.form_label} ({a.year})" for a in p.awards),
    }


def _collective(sub: Submission, c: Collective) -> dict[str, Any]:
    return {
        "loai": "Tập thể",
        "ma": c.id,
        "ten": c.name,
        "gioi_tinh": None,
        "dan_toc": None,
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


def honoree_key(name: str, collective: bool) -> tuple:
    """People by given name first; a collective's name as written."""
    return vietnamese_text_key(name) if collective else vietnamese_name_key(name)


def honour_roll(submissions: Iterable[Submission]) -> list[dict[str, Any]]:
    """Every honoree of every submission, one row each, in Vietnamese name order."""
    rows = []
    for sub in submissions:
        unit = {"don_vi": sub.unit.id, "ten_don_vi": sub.unit.name, "cap": sub.unit.level_label}
        for row in [
            *(_person(sub, p) for p in sub.people),
            *(_collective(sub, c) for c in sub.collectives),
        ]:
            row = {**unit, **row, "neo": f"{sub.unit.id}--{row['ma']}"}
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
    """UTF-8 with a BOM, so Excel opens Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading in COLUMNS])
    for row in rows:
        writer.writerow([_safe_text(_cell(row[key])) for key, _ in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def to_json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Bảng vàng"
    sheet.append([heading for _, heading in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row[key]) for key, _ in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(cell.value, int):
                cell.number_format = "#,##0"
    sheet.freeze_panes = "A2"
    book.properties.created = book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a zip with constant entry times so identical input gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                content = _MODIFIED.sub(
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    content,
                )
            target.writestr(fixed, content)
    return out.getvalue()


WRITERS = {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}
