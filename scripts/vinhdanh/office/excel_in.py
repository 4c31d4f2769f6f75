"""Stage — load: a workbook people really made, read into a submission's lists (``nhap``).

Forgiving on purpose. Officials keep lists in Excel the way they learned to:
a title or two above the header, an "STT" column, header cells merged over two
rows ("Trong đó" over "Nữ"), blank rows, a "Tổng cộng" row, labels instead of
codes, names typed or pasted with stray spaces or in decomposed Unicode, numbers
and money as text with dots. Each sheet is found by its name or, failing that,
by its header; each column by its title, compared without case or diacritics.
What cannot be read is a finding at its sheet and cell, never a guess: a
finding's ``place`` is "Cá nhân!C7".
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any

from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.office.cells import MATCHED, Problem, match_score, read_cell, slug, words
from vinhdanh.office.layout import (
    DELEGATES,
    GUIDE_SHEET,
    HONOREES,
    ID,
    LISTS_SHEET,
    OWNER_ID,
    OWNER_NAME,
    REFERENCE,
    JsonPath,
    SheetLayout,
    owner_sheets,
)
from vinhdanh.office.xlsx import column_name
from vinhdanh.project import Vocabulary
from vinhdanh.values import fold, show_value

MAX_ROWS, MAX_COLUMNS = 20_000, 100  # far beyond any unit's list
MAX_UNPACKED = 20 * 1024 * 1024  # bytes a workbook may unpack to: no "zip bomb"
MAX_MERGED = 100_000  # cells in merged ranges: openpyxl makes an object for each
# Sheets not named for a list that are tried by their header (each costs thousands of
# comparisons): a real workbook has a few; a made-up one of hundreds would take minutes.
MAX_GUESSED = 10
# Characters of text read from all cells: a submission holds at most 1 MiB of YAML.
MAX_TEXT = 2 * 1024 * 1024
_TOO_MUCH_TEXT = (
    "Sổ có quá nhiều chữ (hơn 2 triệu ký tự, trong khi cả tệp hồ sơ chỉ được 1 MiB); các ô "
    "từ ô này trở đi không được đọc. Hãy rút gọn các ô quá dài."
)
HEADER_SEARCH = 15  # rows above the header: titles, the unit's name, a blank line
SKIPPED = frozenset({"stt", "tt", "so tt", "so thu tu"})
TOTALS = frozenset({"tong", "tong cong", "cong", "tong so"})
CODE = "nhap"


@dataclass
class Imported:
    """What a workbook gave: the lists it holds, where each value was, and its problems."""

    lists: dict[JsonPath, list[Any]] = field(default_factory=dict)
    places: dict[tuple, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    nested_read: set[tuple[JsonPath, str]] = field(default_factory=set)


def _grid(sheet: Any) -> list[list[Any]]:
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


def _titles(sheet: SheetLayout) -> list[tuple[str, str]]:
    """(key, title) of every column a sheet may have; owner columns keyed by their role."""
    owner = [(OWNER_ID, OWNER_ID), (OWNER_NAME, OWNER_NAME)] if sheet.owned else []
    named = [(OWNER_NAME, OWNER_NAME)] if sheet.lists == (DELEGATES,) else []
    return [*owner, *((f.key, f.title) for f in sheet.fields), *named]


def _header(rows: list[list[Any]], sheet: SheetLayout) -> tuple[int, dict[int, str], int]:
    """(header row index, column → key, first data row index) of the best header found."""
    titles = _titles(sheet)
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
                    ((match_score(text, t), k) for k, t in titles if k not in columns.values()),
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


def _id_pattern(sheet: SheetLayout) -> re.Pattern[str]:
    """The schema's pattern for a code: a code that fits it is kept exactly as written."""
    field = next(f for f in sheet.fields if f.kind == ID)
    return re.compile(field.pattern or "[a-z0-9-]+")


def _cell_place(sheet_title: str, row: int, column: int) -> str:
    """ "Cá nhân!C7"; a sheet's name is the workbook's text: hidden characters made visible."""
    return f"{show_value(sheet_title)}!{column_name(column)}{row + 1}"


class _Reader:
    def __init__(self, file: str, layout: tuple[SheetLayout, ...], vocab: Vocabulary):
        self.file, self.layout, self.vocab = file, layout, vocab
        self.out = Imported()
        self.absent: dict[str, tuple[int, list[str]]] = {}  # sheet → header row, columns
        self.text_left = MAX_TEXT

    def finding(self, place: str, row: int, column: int, severity: str, message: str) -> None:
        self.out.findings.append(
            Finding(self.file, row + 1, column + 1, CODE, severity, message, place)
        )

    def read(self, book: Any) -> Imported:
        """Lists of records first, then what names them: codes must exist to be named."""
        found = self._sheets(book)
        for sheet, ws in found:
            if not sheet.owned and sheet.lists != (DELEGATES,):
                self._top(sheet, ws)
        self._unique_ids()
        for sheet, ws in found:
            if sheet.lists == (DELEGATES,):
                self._top(sheet, ws)
            elif sheet.owned:
                self._nested(sheet, ws)
        return self.out

    def _sheets(self, book: Any) -> list[tuple[SheetLayout, Any]]:
        """Each sheet of ours with the worksheet holding it, by name, else by header."""
        by_name = {fold(s.name): s for s in self.layout}
        found: dict[str, tuple[SheetLayout, Any]] = {}
        unnamed = []
        for ws in book.worksheets:
            name = " ".join(words(ws.title))
            if name in (fold(GUIDE_SHEET), fold(LISTS_SHEET)):
                continue
            contained = [n for n in by_name if n == name or f" {n} " in f" {name} "]
            sheet = by_name[max(contained, key=len)] if contained else None
            if sheet and sheet.name not in found:
                found[sheet.name] = (sheet, ws)
            else:
                unnamed.append(ws)
        for number, ws in enumerate(unnamed):
            rows = _grid(ws)
            left = [s for s in self.layout if s.name not in found] if number < MAX_GUESSED else []
            scores = [(len(_header(rows, s)[1]), s) for s in left]
            score, sheet = max(scores, key=lambda x: x[0], default=(0, None))
            if sheet and score >= 2:
                found[sheet.name] = (sheet, ws)
            elif any(any(v not in (None, "") for v in row) for row in rows):
                self.finding(
                    _cell_place(ws.title, 0, 0),
                    0,
                    0,
                    WARNING,
                    f"Trang '{show_value(ws.title)}' không khớp danh sách nào của hồ sơ nên được "
                    "bỏ qua. Hãy đặt tên trang là một trong: "
                    + ", ".join(s.name for s in self.layout)
                    + ".",
                )
        order = [s.name for s in self.layout]
        return sorted(found.values(), key=lambda pair: order.index(pair[0].name))

    def _rows(self, sheet: SheetLayout, ws: Any):
        """(row index, {key: (column, raw value)}) of each data row with something in it."""
        rows = _grid(ws)
        header, columns, start = _header(rows, sheet)
        if header < 0 or not columns:
            self.finding(
                _cell_place(ws.title, 0, 0),
                0,
                0,
                ERROR,
                f"Trang '{show_value(ws.title)}' không có dòng tên cột. Dòng tên cột cần có: "
                + ", ".join(t for _, t in _titles(sheet))
                + ".",
            )
            return
        heads = [rows[header]] + ([rows[header + 1]] if start == header + 2 else [])
        for c, text in ((c, t) for row in heads for c, t in enumerate(row)):
            if c not in columns and text not in (None, "") and " ".join(words(text)) not in SKIPPED:
                self.finding(
                    _cell_place(ws.title, header, c),
                    header,
                    c,
                    WARNING,
                    f"Cột '{show_value(text)}' không có trong mẫu nên được bỏ qua.",
                )
        self.absent[ws.title] = (
            header,
            [
                f.title
                for f in sheet.fields
                if f.required and f.kind != ID and f.key not in columns.values()
            ],
        )
        for r in range(start, len(rows)):
            values = {
                key: (c, rows[r][c] if c < len(rows[r]) else None) for c, key in columns.items()
            }
            filled = [v for _, v in values.values() if v not in (None, "") and str(v).strip()]
            if not filled:
                continue
            first = " ".join(words(next(v for v in rows[r] if v not in (None, ""))))
            if first in TOTALS:
                continue
            yield r, values

    def _blank(self, sheet: SheetLayout, ws: Any, r: int, values: dict) -> None:
        """A required cell left empty, said at the cell (the schema would say it in YAML
        terms); a required column missing, said once, at the first row that needs it (a
        sheet of references only needs none)."""
        header, absent = self.absent.pop(ws.title, (0, []))
        if absent:
            self.finding(
                _cell_place(ws.title, header, 0),
                header,
                0,
                ERROR,
                f"Trang '{show_value(ws.title)}' thiếu cột bắt buộc: " + ", ".join(absent) + ". "
                "Hãy thêm cột với đúng tên đó ở dòng tên cột.",
            )
        for f in sheet.fields:
            if f.required and f.key in values and f.kind != ID:
                c, raw = values[f.key]
                if raw is None or not str(raw).strip():
                    self.finding(
                        _cell_place(ws.title, r, c),
                        r,
                        c,
                        ERROR,
                        f"Cột '{f.title}' bắt buộc mà ô này còn trống. {f.help}".strip(),
                    )

    def _value(self, ws, r, c, f, raw) -> Any:
        if isinstance(raw, str):  # one shared string may fill every cell: text is counted
            self.text_left -= len(raw)
            if self.text_left < 0:
                if self.text_left + len(raw) >= 0:  # said once, at the first cell past it
                    self.finding(_cell_place(ws.title, r, c), r, c, ERROR, _TOO_MUCH_TEXT)
                return None
        try:
            return read_cell(f, raw, self.vocab)
        except Problem as problem:
            self.finding(_cell_place(ws.title, r, c), r, c, ERROR, f"Cột '{f.title}': {problem}")
            return None

    def _top(self, sheet: SheetLayout, ws: Any) -> None:
        path = sheet.lists[0]
        items = self.out.lists.setdefault(path, [])
        fields = {f.key: f for f in sheet.fields}
        for r, values in self._rows(sheet, ws):
            index = len(items)
            if sheet.lists == (DELEGATES,):
                items.append(self._delegate(ws, r, values, fields))
                self.out.places[(*path, index)] = _cell_place(ws.title, r, values.get("", (0,))[0])
                continue
            item: dict[str, Any] = {}
            reference = REFERENCE in values and values[REFERENCE][1] not in (None, "")
            if not reference:
                self._blank(sheet, ws, r, values)
            for key, (c, raw) in values.items():
                f = fields.get(key)
                if f is None or raw in (None, "") or (isinstance(raw, str) and not raw.strip()):
                    continue
                if reference and not f.in_reference:
                    self.finding(
                        _cell_place(ws.title, r, c),
                        r,
                        c,
                        WARNING,
                        f"Dòng này là tham chiếu (tu) tới hồ sơ cấp dưới: cột '{f.title}' lấy "
                        "theo hồ sơ đó nên được bỏ qua.",
                    )
                    continue
                value = self._value(ws, r, c, f, raw)
                if value is not None:
                    item[key] = value
                    self.out.places[(*path, index, key)] = _cell_place(ws.title, r, c)
            self.out.places[(*path, index)] = _cell_place(ws.title, r, 0)
            order = [REFERENCE] if reference else []
            order += [f.key for f in sheet.fields if f.key != REFERENCE]
            items.append({key: item[key] for key in order if key in item})

    def _delegate(self, ws, r, values, fields) -> Any:
        c, raw = values.get("", (0, None))
        code = str(raw).strip() if raw not in (None, "") else ""
        if code:
            return code
        name_column, name = values.get(OWNER_NAME, (c, None))
        owner = self._owner(None, name, HONOREES)
        if owner is None:
            self.finding(
                _cell_place(ws.title, r, name_column),
                r,
                name_column,
                ERROR,
                f"Không tìm thấy '{show_value(name)}' trong trang "
                f"{owner_sheets(self.layout, HONOREES)}. Hãy ghi mã của người, tập thể đó ở "
                "cột đầu.",
            )
            return ""
        return owner[2].get("ma") or owner[2].get(REFERENCE)

    def _owner(self, code: Any, name: Any, lists: tuple[JsonPath, ...]):
        """(list, index, item) named by its code (or reference), else by its name."""
        wanted_code = str(code).strip() if code not in (None, "") else ""
        wanted_name = " ".join(words(name))
        for by_code in (True, False):
            for path in lists:
                for index, item in enumerate(self.out.lists.get(path, [])):
                    if by_code and wanted_code:
                        codes = (item.get("ma"), item.get(REFERENCE))
                        found = wanted_code in codes or slug(wanted_code) == item.get("ma")
                    else:
                        own = " ".join(words(item.get("ho_ten") or item.get("ten")))
                        found = not by_code and bool(wanted_name) and own == wanted_name
                    if found:
                        return path, index, item
        return None

    def _unique_ids(self) -> None:
        """Codes for items written without one, made from their names, never twice.

        A code the official wrote is kept as written (made lower-case and unaccented
        if it is not, with a warning), even when written twice: that is a mistake
        the validation names, not one to hide by renaming.
        """
        lists = [(p, self.out.lists.get(p, [])) for p in HONOREES]
        allowed = {
            s.lists[0]: _id_pattern(s)
            for s in self.layout
            if not s.owned and s.lists[0] in HONOREES
        }
        taken = {slug(i["ma"]) for _, items in lists for i in items if i.get("ma")}
        for path, items in lists:
            for index, item in enumerate(items):
                if REFERENCE in item:
                    continue
                given = item.get("ma")
                if given:
                    code = str(given) if allowed[path].fullmatch(str(given)) else slug(str(given))
                else:
                    code = self._new_code(item, taken)
                place = self.out.places.get((*path, index, "ma"), self.out.places[(*path, index)])
                if given and code != given:
                    self.finding(
                        place,
                        0,
                        0,
                        WARNING,
                        f"Mã '{show_value(given)}' được viết lại thành '{code}' (chữ thường không "
                        "dấu, số và dấu gạch ngang).",
                    )
                self.out.places[(*path, index, "ma")] = place
                items[index] = {"ma": code, **{k: v for k, v in item.items() if k != "ma"}}

    @staticmethod
    def _new_code(item: dict[str, Any], taken: set[str]) -> str:
        base = slug(str(item.get("ho_ten") or item.get("ten") or "")) or "dien-hinh"
        code, n = base, 2
        while code in taken:
            code, n = f"{base}-{n}", n + 1
        taken.add(code)
        return code

    def _nested(self, sheet: SheetLayout, ws: Any) -> None:
        fields = {f.key: f for f in sheet.fields}
        for path in sheet.lists:
            self.out.nested_read.add((path, sheet.nested))
            for owner in self.out.lists.get(path, []):
                owner.pop(sheet.nested, None)
        for r, values in self._rows(sheet, ws):
            owner_column, owner_code = values.get(OWNER_ID, values.get(OWNER_NAME, (0, None)))
            if OWNER_ID not in values:
                owner_code = None
            owner_name = values.get(OWNER_NAME, (0, None))[1]
            owner = self._owner(owner_code, owner_name, sheet.lists)
            if owner is None:
                self.finding(
                    _cell_place(ws.title, r, owner_column),
                    r,
                    owner_column,
                    ERROR,
                    f"Không tìm thấy '{show_value(owner_code or owner_name)}' trong trang "
                    f"{owner_sheets(self.layout, sheet.lists)}. Hãy ghi đúng mã hoặc họ tên như "
                    "ở đó.",
                )
                continue
            self._blank(sheet, ws, r, values)
            path, index, owner_item = owner
            nested = owner_item.setdefault(sheet.nested, [])
            at = (*path, index, sheet.nested, len(nested))
            item = {}
            for key, (c, raw) in values.items():
                f = fields.get(key)
                if f is not None and raw not in (None, ""):
                    value = self._value(ws, r, c, f, raw)
                    if value is not None:
                        item[key] = value
                        self.out.places[(*at, key)] = _cell_place(ws.title, r, c)
            self.out.places[at] = _cell_place(ws.title, r, owner_column)
            nested.append(item)


OLD_EXCEL = b"\xd0\xcf\x11\xe0"


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


def _too_big(raw: bytes) -> str | None:
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


def read_workbook(
    raw: bytes, file: str, layout: tuple[SheetLayout, ...], vocab: Vocabulary
) -> Imported:
    """The lists a workbook holds (only those it has a sheet for), with their places."""
    import openpyxl

    if raw.startswith(OLD_EXCEL):
        message = (
            "Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng "
            "Sổ làm việc Excel (.xlsx)."
        )
        return Imported(findings=[Finding(file, 1, 1, CODE, ERROR, message, "tệp")])
    try:
        message = _too_big(raw)
        if message:
            return Imported(findings=[Finding(file, 1, 1, CODE, ERROR, message, "tệp")])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl on extensions it does not read
            book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file: a finding, not a traceback
        message = (
            "Không đọc được tệp như một sổ Excel .xlsx (tệp hỏng hoặc không phải .xlsx). Hãy mở "
            "tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx."
        )
        return Imported(findings=[Finding(file, 1, 1, CODE, ERROR, message, "tệp")])
    return _Reader(file, layout, vocab).read(book)
