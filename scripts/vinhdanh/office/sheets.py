"""Finding a list in a sheet: its values bounded, merged cells filled, its header row.

A sheet is read into a grid of plain values no larger than a list can be
(``MAX_ROWS`` × ``MAX_COLUMNS``); a workbook that would unpack or merge beyond
what openpyxl can build in memory is refused before it is opened. The header
is the row (or, under merged cells, the pair of rows) whose cells name most of
the sheet's columns, compared without case, diacritics or small words.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from vinhdanh.office.cells import MATCHED, TICKS, match_score
from vinhdanh.office.layout import BOOL, DELEGATES, ID, OWNER_ID, OWNER_NAME, SheetLayout
from vinhdanh.values import fold

MAX_ROWS, MAX_COLUMNS = 20_000, 100  # far beyond any unit's list
MAX_UNPACKED = 20 * 1024 * 1024  # bytes a workbook may unpack to: no "zip bomb"
MAX_MERGED = 100_000  # cells in merged ranges: openpyxl makes an object for each
HEADER_SEARCH = 15  # rows above the header: titles, the unit's name, a blank line
SKIPPED = frozenset({"stt", "tt", "so tt", "so thu tu"})


def grid(sheet: Any) -> list[list[Any]]:
    """A sheet's values, each merged range's value copied into every cell of the range.

    Bounded: a sheet formatted down to its last row (1,048,576) or merged across
    every column is read only as far as a list can go (``MAX_ROWS`` × ``MAX_COLUMNS``).
    Built from the cells the file holds, each row as long as its last value: openpyxl's
    ``iter_rows`` makes a cell for every place it passes, two million for a sheet whose
    one cell is at CV1048576.
    """
    held = sheet._cells  # openpyxl's own store of the cells the file holds
    values = {
        place: cell.value
        for place, cell in held.items()
        if place[0] <= MAX_ROWS and place[1] <= MAX_COLUMNS and cell.value is not None
    }
    rows: list[list[Any]] = [[] for _ in range(max((r for r, _ in values), default=0))]
    for (r, c), value in sorted(values.items()):
        row = rows[r - 1]
        row.extend([None] * (c - 1 - len(row)))
        row.append(value)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > len(rows) or merged.min_col > MAX_COLUMNS:
            continue
        first = rows[merged.min_row - 1]
        top = first[merged.min_col - 1] if merged.min_col <= len(first) else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, min(merged.max_col, MAX_COLUMNS)):
                while len(rows[r]) <= c:
                    rows[r].append(None)
                rows[r][c] = top
    return rows


def titles(sheet: SheetLayout) -> list[tuple[str, str]]:
    """(key, title) of every column a sheet may have; owner columns keyed by their role."""
    owner = [(OWNER_ID, OWNER_ID), (OWNER_NAME, OWNER_NAME)] if sheet.owned else []
    named = [(OWNER_NAME, OWNER_NAME)] if sheet.lists == (DELEGATES,) else []
    return [*owner, *((f.key, f.title) for f in sheet.fields), *named]


def header(rows: list[list[Any]], sheet: SheetLayout) -> tuple[int, dict[int, str], int]:
    """(header row index, column → key, first data row index) of the best header found."""
    named = titles(sheet)
    best: tuple[int, dict[int, str], int] = (-1, {}, 0)
    for r in range(min(HEADER_SEARCH, len(rows))):
        below = rows[r + 1] if r + 1 < len(rows) else []
        columns: dict[int, str] = {}
        used_below = False
        for c in range(max(len(rows[r]), len(below))):
            texts = [
                rows[r][c] if c < len(rows[r]) else None,
                below[c] if c < len(below) else None,
            ]
            for i, text in enumerate(texts):
                score, key = max(
                    ((match_score(text, t), k) for k, t in named if k not in columns.values()),
                    default=(0.0, ""),
                )
                if score >= MATCHED:
                    columns[c] = key
                    used_below = used_below or i == 1
                    break
        own = sum(1 for c in columns if c < len(rows[r]) and rows[r][c] not in (None, ""))
        if own and len(columns) > len(best[1]):
            best = (r, columns, r + (2 if used_below else 1))
    return best


def _merged(xml: bytes) -> int:
    """Cells in the merged ranges of a part, read as openpyxl reads them (any quotes,
    spacing, character references, "$A$1", lower case, a DOCTYPE); a range or a part
    it cannot read counts as too many."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import range_boundaries

    cells = 0
    try:
        for _, element in iterparse(io.BytesIO(xml)):  # entities refused, as openpyxl
            if element.tag.rpartition("}")[2] == "mergeCell":
                try:
                    left, top, right, bottom = range_boundaries(element.get("ref", ""))
                except (TypeError, ValueError):
                    return MAX_MERGED + 1
                rows = (bottom or 1_048_576) - (top or 1) + 1
                cells += abs(rows) * (abs((right or 16_384) - (left or 1)) + 1)
            element.clear()
    except Exception:  # noqa: BLE001 - unreadable here: never left for openpyxl to build
        return MAX_MERGED + 1
    return cells


def too_big(raw: bytes) -> str | None:
    """Why a workbook is too big to open safely, before openpyxl builds it in memory."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED:
            return (
                f"Sổ bung ra tới {unpacked // (1024 * 1024)} MiB, quá lớn cho một danh sách. Hãy "
                "xoá các trang, ảnh không cần rồi lưu lại."
            )
        merged = 0
        for entry in entries:  # any part: a sheet is wherever the workbook's links say
            data = archive.read(entry)
            if b"mergeCell" in data:  # an element's name is never escaped
                merged += _merged(data)
        if merged > MAX_MERGED:
            return (
                "Sổ có vùng ô gộp quá lớn (gộp cả nghìn dòng hay cả trang). Hãy bỏ gộp các ô "
                "đó (Merge & Center) rồi lưu lại."
            )
    return None


def ticked(sheet: SheetLayout, rows: list[tuple[int, dict]]) -> set[str]:
    """Có/Không columns filled the paper way, a tick ("x") for yes and nothing for no."""
    yes_no = {f.key for f in sheet.fields if f.kind == BOOL}
    return {
        key
        for _, values in rows
        for key, (_, raw) in values.items()
        if key in yes_no and isinstance(raw, str) and fold(raw.strip()) in TICKS
    }


def id_pattern(sheet: SheetLayout) -> re.Pattern[str]:
    """The schema's pattern for a code: a code that fits it is kept exactly as written."""
    field = next(f for f in sheet.fields if f.kind == ID)
    return re.compile(field.pattern or "[a-z0-9-]+")
