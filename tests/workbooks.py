"""Workbooks made the way officials make them, for the import tests.

Each sheet is given as rows of plain values; ``merge`` lists ranges such as
"E4:F4" to merge, as people merge a "Trong đó" cell over two sub-headers.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl

TITLE = ["CÔNG ĐOÀN CƠ SỞ CÔNG TY MAY HƯNG YÊN"]
HEADING = ["DANH SÁCH CÁ NHÂN ĐIỂN HÌNH TIÊN TIẾN GIAI ĐOẠN 2020 - 2025"]


def workbook(
    sheets: dict[str, list[list[Any]]], merge: dict[str, list[str]] | None = None
) -> bytes:
    """An .xlsx with the given sheets (rows of values), some cells merged."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(r, c, value)
        for cells in (merge or {}).get(name, []):
            sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


PEOPLE_HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Chức vụ",
    "Nơi công tác",
    "Trực tiếp sản xuất",
    "Lãnh đạo, quản lý",
    "Thành tích",
]


def person(n: int, name: str, sex: str = "Nữ", direct: str = "x", lead: str = "Không") -> list:
    return [n, name, sex, "Công nhân may", "Tổ May 3", direct, lead, "Năng suất vượt 20 %."]


def people_sheet(*rows: list) -> list[list[Any]]:
    """A people list as officials type it: two title lines, a blank line, then the header."""
    return [TITLE, HEADING, [], PEOPLE_HEADER, *rows]
