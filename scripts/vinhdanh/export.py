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
from xml.sax.saxutils import escape as xml_escape

from vinhdanh.honours import honoured_above
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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FIXED_TIME = datetime(2025, 1, 1)  # zip entry times: no build date leaks into the file


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
        "so_sang_kien": len(p.initiatives),
        "gia_tri_lam_loi": p.initiative_value,
        "khen_thuong": "; ".join(f"{a.description or a.form_label} ({a.year})" for a in p.awards),
    }


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
    """UTF-8 with a BOM, so Excel opens Vietnamese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading in COLUMNS])
    for row in rows:
        writer.writerow([_safe_text(_cell(row[key])) for key, _ in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def to_json(rows: list[dict[str, Any]]) -> bytes:
    """A JSON array with one honoree per line: compact, yet easy to grep and diff."""
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows)
    return f"[\n{lines}\n]\n".encode() if rows else b"[]\n"


_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XLSX_PARTS = {
    "[Content_Types].xml": (
        f'{_HEAD}<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="Bảng vàng" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_HEAD}<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (  # style 0: normal; 1: bold header; 2: number with thousands separator
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _shared_strings(strings: dict[str, int], uses: int) -> str:
    items = "".join(
        f'<si><t xml:space="preserve">{_XML_BAD.sub("", xml_escape(text))}</t></si>'
        for text in strings
    )
    return f'{_HEAD}<sst xmlns="{_MAIN}" count="{uses}" uniqueCount="{len(strings)}">{items}</sst>'


def _sheet_rows(rows: list[dict[str, Any]], strings: dict[str, int]) -> tuple[list[str], int]:
    """The sheet's <row> elements (header first) and how many text cells they hold.

    Text goes to the shared strings (each distinct text stored once; a shared
    string is only ever text, never a formula); numbers stay numbers; empty
    cells are not written. This loop runs for every cell of the honour roll,
    so it is written flat.
    """
    columns = [_column(i) for i in range(len(COLUMNS))]
    keys = [key for key, _ in COLUMNS]
    number_of = strings.setdefault
    header = "".join(
        f'<c r="{c}1" t="s" s="1"><v>{number_of(heading, len(strings))}</v></c>'
        for c, (_, heading) in zip(columns, COLUMNS, strict=True)
    )
    lines, uses = [f'<row r="1">{header}</row>'], len(COLUMNS)
    for line, row in enumerate(rows, start=2):
        cells = []
        for column, key in zip(columns, keys, strict=True):
            value = row[key]
            if value is None or value == "":
                continue
            if value is True or value is False:
                value = _cell(value)
            if type(value) is int:
                cells.append(f'<c r="{column}{line}" s="2"><v>{value}</v></c>')
            else:
                uses += 1
                cells.append(
                    f'<c r="{column}{line}" t="s"><v>{number_of(value, len(strings))}</v></c>'
                )
        lines.append(f'<row r="{line}">{"".join(cells)}</row>')
    return lines, uses


def to_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """A one-sheet workbook, bold frozen header, written directly as SpreadsheetML.

    Written by hand rather than through openpyxl: 50,000 rows take about a
    second instead of half a minute, and the bytes depend only on the rows.
    """
    strings: dict[str, int] = {}
    lines, uses = _sheet_rows(rows, strings)
    sheet = (
        f'{_HEAD}<worksheet xmlns="{_MAIN}">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        "<sheetData>" + "".join(lines) + "</sheetData></worksheet>"
    )
    parts = {
        **_XLSX_PARTS,
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": _shared_strings(strings, uses),
    }
    out = io.BytesIO()
    stamp = FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=stamp),
                text.encode("utf-8"),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


WRITERS = {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}
