"""Time the hand-written .xlsx writer against openpyxl's write-only mode, same workbooks.

Usage: python benchmarks/xlsx_bench.py [N] [--openpyxl N] [--rows 50000] [--repeat 3]

1. Unit workbooks: N workbooks (default 1,000) of 7 sheets × 30 rows, each with
   a styled frozen header, an autofilter, column widths, drop-down lists on a
   hidden sheet and input help, as ms per workbook (best of --repeat). openpyxl
   writes --openpyxl of them (default 200: it is slower) with the same content
   and features, per workbook too.
2. The honour roll: --rows honorees (default 50,000) through ``export.to_xlsx``
   and through openpyxl write-only with the same widths, styles and autofilter.
Data are synthetic and deterministic, so runs are comparable.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from generate import FAMILY, GIVEN_F, GIVEN_M, IDEAS, JOBS, MIDDLE_F, MIDDLE_M, PLACES
from timing import best

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scripts"))

from vinhdanh.export import COLUMNS, XLSX_COLUMNS, to_xlsx  # noqa: E402
from vinhdanh.office.xlsx import Column, Sheet, workbook  # noqa: E402

LIST_SHEETS = ("Cá nhân", "Tập thể", "Sáng kiến", "Khen thưởng", "Đoàn chủ tịch", "Đại biểu")
GENDERS = "'Danh mục'!$A$2:$A$3"
TITLES = "'Danh mục'!$B$2:$B$6"
HELP = "Ghi đầy đủ theo giấy tờ; để trống nếu không có. " * 3


def name(rng: random.Random) -> str:
    female = rng.random() < 0.5
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    return f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN_F if female else GIVEN_M)}"


def unit_sheets(seed: int) -> list[Sheet]:
    """A unit's workbook: a guide, seven lists of 30 rows, the vocabularies (hidden)."""
    rng = random.Random(seed)
    columns = (
        Column("Họ và tên", 28, prompt=HELP),
        Column("Giới tính", 10, choices=GENDERS, prompt="Chọn trong danh sách."),
        Column("Năm sinh", 10, kind="year", whole=(1940, 2010), prompt="Bốn chữ số."),
        Column("Chức vụ", 28, prompt=HELP),
        Column("Nơi công tác", 30, prompt=HELP),
        Column("Danh hiệu", 24, choices=TITLES),
        Column("Trực tiếp sản xuất", 12),
        Column("Giá trị làm lợi (đồng)", 16, kind="number"),
        Column("Thành tích", 60, kind="long", prompt=HELP),
    )

    def row() -> list[object]:
        return [
            name(rng),
            rng.choice(("Nam", "Nữ")),
            rng.randint(1960, 2000),
            rng.choice(JOBS),
            rng.choice(PLACES),
            rng.choice(("Chiến sĩ thi đua", "Lao động tiên tiến", None)),
            rng.random() < 0.6,
            rng.randint(0, 500) * 1_000_000 or None,
            " ".join(rng.sample(IDEAS, 3)) + "\n" + rng.choice(IDEAS),
        ]

    lists = [Sheet(title, columns, [row() for _ in range(30)]) for title in LIST_SHEETS]
    figures = Sheet(
        "Số liệu khen thưởng",
        (Column("Năm", 8, kind="year"), Column("Hình thức", 30), Column("Số lượng", 12, "number")),
        [[2020 + i % 5, f"Hình thức {i}", rng.randint(1, 90)] for i in range(30)],
    )
    guide = Sheet("Hướng dẫn", (), [[HELP] for _ in range(8)], header=False, note="Cách điền")
    vocabulary = Sheet(
        "Danh mục",
        (Column("Giới tính", 12), Column("Danh hiệu", 30)),
        [["Nam", "Chiến sĩ thi đua cơ sở"], ["Nữ", "Lao động tiên tiến"], [None, "Khác"]],
        hidden=True,
        validation_rows=0,
    )
    return [guide, *lists, figures, vocabulary]


HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
THIN = Side(style="thin", color="FFA6A6A6")
HEADER_BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOP = Alignment(vertical="top")
WRAP_TOP = Alignment(vertical="top", wrap_text=True)
FORMATS = {"number": "#,##0", "year": "0"}


def openpyxl_workbook(sheets: list[Sheet]) -> bytes:
    """The same sheets through openpyxl's write-only mode, with the same features."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        ws.sheet_state = "hidden" if sheet.hidden else "visible"
        columns = sheet.columns or (Column("", 100, "long"),)
        for index, column in enumerate(columns):
            ws.column_dimensions[chr(65 + index)].width = column.width
        last = chr(64 + len(columns))
        if sheet.header:
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
            end = max(len(sheet.rows) + 1, sheet.validation_rows)
            for index, column in enumerate(columns):
                letter = chr(65 + index)
                if column.choices:
                    dv = DataValidation(type="list", formula1=column.choices, allow_blank=True)
                elif column.whole:
                    low, high = column.whole
                    dv = DataValidation("whole", operator="between", formula1=low, formula2=high)
                elif column.prompt:
                    dv = DataValidation(allow_blank=True)
                else:
                    continue
                dv.showInputMessage, dv.promptTitle, dv.prompt = True, column.title, column.prompt
                dv.add(f"{letter}2:{letter}{end}")
                ws.data_validations.append(dv)
            header = []
            for column in columns:
                cell = WriteOnlyCell(ws, column.title)
                cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
                header.append(cell)
            ws.append(header)
        elif sheet.note:
            cell = WriteOnlyCell(ws, sheet.note)
            cell.font, cell.alignment = HEADER_FONT, WRAP_TOP
            ws.append([cell])
        for values in sheet.rows:
            cells = []
            for column, value in zip(columns, values, strict=False):
                if isinstance(value, bool):
                    value = "Có" if value else "Không"
                cell = WriteOnlyCell(ws, value)
                if value is not None:
                    long = column.kind == "long" or (isinstance(value, str) and "\n" in value)
                    cell.alignment = WRAP_TOP if long else TOP
                    if isinstance(value, int) and column.kind in FORMATS:
                        cell.number_format = FORMATS[column.kind]
                cells.append(cell)
            ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def honour_rows(count: int) -> list[dict[str, object]]:
    rng = random.Random(count)
    rows = []
    for i in range(count):
        collective = rng.random() < 0.15
        row = {key: rng.choice(PLACES) for key, _ in COLUMNS}
        row.update(
            ten=rng.choice(PLACES) if collective else name(rng),
            loai="Tập thể" if collective else "Cá nhân",
            ma=f"dh-{i}",
            gioi_tinh=None if collective else rng.choice(("Nam", "Nữ")),
            truc_tiep_san_xuat=None if collective else rng.random() < 0.6,
            lanh_dao_quan_ly=None if collective else rng.random() < 0.3,
            thanh_tich=" ".join(rng.sample(IDEAS, 2)),
            so_sang_kien=rng.randint(0, 4),
            gia_tri_lam_loi=rng.randint(0, 900) * 1_000_000,
        )
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--openpyxl", type=int, default=200, dest="theirs")
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    books = [unit_sheets(seed) for seed in range(args.count)]
    size = len(workbook(books[0])) / 1024
    ours = best(args.repeat, lambda: [workbook(b) for b in books])
    theirs = best(args.repeat, lambda: [openpyxl_workbook(b) for b in books[: args.theirs]])
    theirs_size = len(openpyxl_workbook(books[0])) / 1024
    ours_ms, theirs_ms = ours * 1000 / args.count, theirs * 1000 / min(args.theirs, args.count)
    print(
        f"unit workbooks (9 sheets: guide, 7 lists × 30 rows, hidden vocabularies): "
        f"office.xlsx {ours_ms:.2f} ms each ({args.count} in {ours:.2f} s, {size:.1f} KiB); "
        f"openpyxl write-only {theirs_ms:.2f} ms each ({theirs_size:.1f} KiB); "
        f"{theirs_ms / ours_ms:.1f}× faster"
    )

    rows = honour_rows(args.rows)
    table = [[row[key] for key, _ in COLUMNS] for row in rows]
    sheet = [Sheet("Bảng vàng", XLSX_COLUMNS, table, validation_rows=0)]
    ours = best(args.repeat, lambda: to_xlsx(rows))
    theirs = best(1, lambda: openpyxl_workbook(sheet))
    print(
        f"honour roll, {args.rows:,} rows × {len(COLUMNS)} columns: export.to_xlsx "
        f"{ours * 1000:.0f} ms ({len(to_xlsx(rows)) / 1024 / 1024:.1f} MiB); openpyxl "
        f"write-only {theirs * 1000:.0f} ms; {theirs / ours:.1f}× faster"
    )


if __name__ == "__main__":
    main()
