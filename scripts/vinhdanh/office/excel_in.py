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
import warnings
from dataclasses import dataclass, field
from typing import Any

from vinhdanh.check.findings import ERROR, WARNING, Finding
from vinhdanh.office.cells import Problem, differs, read_cell, words
from vinhdanh.office.codes import assign
from vinhdanh.office.general import GENERAL_SHEET, read_general
from vinhdanh.office.layout import (
    DELEGATES,
    GUIDE_SHEET,
    HONOREES,
    ID,
    LISTS_SHEET,
    OWNER_ID,
    OWNER_NAME,
    REFERENCE,
    Field,
    JsonPath,
    SheetLayout,
    owner_name,
    owner_sheets,
)
from vinhdanh.office.sheets import SKIPPED, grid, id_pattern, ticked, titles, too_big
from vinhdanh.office.sheets import header as header_row
from vinhdanh.office.xlsx import column_name
from vinhdanh.project import Vocabulary
from vinhdanh.values import fold, show_value, slug

# Sheets not named for a list that are tried by their header (each costs thousands of
# comparisons): a real workbook has a few; a made-up one of hundreds would take minutes.
MAX_GUESSED = 10
# Characters of text read from all cells: a submission holds at most 1 MiB of YAML.
MAX_TEXT = 2 * 1024 * 1024
_TOO_MUCH_TEXT = (
    "Sổ có quá nhiều chữ (hơn 2 triệu ký tự, trong khi cả tệp hồ sơ chỉ được 1 MiB); các ô "
    "từ ô này trở đi không được đọc. Hãy rút gọn các ô quá dài."
)
TOTALS = frozenset({"tong", "tong cong", "cong", "tong so"})
CODE = "nhap"


@dataclass
class Imported:
    """What a workbook gave: the lists it holds, where each value was, and its problems."""

    lists: dict[JsonPath, list[Any]] = field(default_factory=dict)
    places: dict[tuple, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    nested_read: set[tuple[JsonPath, str]] = field(default_factory=set)
    values: dict[JsonPath, Any] = field(default_factory=dict)  # single values ("Thông tin chung")


def _cell_place(sheet_title: str, row: int, column: int) -> str:
    """ "Cá nhân!C7"; a sheet's name is the workbook's text: hidden characters made visible."""
    return f"{show_value(sheet_title)}!{column_name(column)}{row + 1}"


class _Reader:
    def __init__(self, file: str, layout: tuple[SheetLayout, ...], vocab: Vocabulary, general):
        self.file, self.layout, self.vocab, self.general = file, layout, vocab, general
        self.out = Imported()
        self.absent: dict[str, tuple[int, list[str]]] = {}  # sheet → header row, columns
        self.text_left = MAX_TEXT
        self.grids: dict[str, list[list[Any]]] = {}  # sheet name → its values, read once

    def grid(self, ws: Any) -> list[list[Any]]:
        """A sheet's values (``sheets.grid``), built once though a sheet guessed by its
        header is read for the guess and again for its rows."""
        if ws.title not in self.grids:
            self.grids[ws.title] = grid(ws)
        return self.grids[ws.title]

    def finding(self, place: str, row: int, column: int, severity: str, message: str) -> None:
        self.out.findings.append(
            Finding(self.file, row + 1, column + 1, CODE, severity, message, place)
        )

    def read(self, book: Any) -> Imported:
        """Lists of records first, then what names them: codes must exist to be named."""
        for ws in book.worksheets:
            if self.general and " ".join(words(ws.title)) == fold(GENERAL_SHEET):
                values, places = read_general(
                    self.grid(ws), ws.title, self.general, self.vocab, self.finding
                )
                self.out.values.update(values)
                self.out.places.update(places)
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
            if name in (fold(GUIDE_SHEET), fold(LISTS_SHEET), fold(GENERAL_SHEET)):
                continue
            contained = [n for n in by_name if n == name or f" {n} " in f" {name} "]
            sheet = by_name[max(contained, key=len)] if contained else None
            if sheet and sheet.name not in found:
                found[sheet.name] = (sheet, ws)
            else:
                unnamed.append(ws)
        for number, ws in enumerate(unnamed):
            rows = self.grid(ws)
            left = [s for s in self.layout if s.name not in found] if number < MAX_GUESSED else []
            scores = [(len(header_row(rows, s)[1]), s) for s in left]
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
        rows = self.grid(ws)
        header, columns, start = header_row(rows, sheet)
        if header < 0 or not columns:
            self.finding(
                _cell_place(ws.title, 0, 0),
                0,
                0,
                ERROR,
                f"Trang '{show_value(ws.title)}' không có dòng tên cột. Dòng tên cột cần có: "
                + ", ".join(t for _, t in titles(sheet))
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
        rows = list(self._rows(sheet, ws))
        ticks = ticked(sheet, rows)
        for r, values in rows:
            for key in ticks:  # a column of ticks: an empty cell is a "Không"
                if values[key][1] is None or not str(values[key][1]).strip():
                    values[key] = (values[key][0], False)
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
        read = [p for p in HONOREES if p in self.out.lists]
        if code and "/" not in code and read and self._owner(code, None, tuple(read)) is None:
            hint = "Hãy ghi mã hoặc họ tên như ở đó (người đi dự phải là điển hình của đơn vị)."
            self._not_found(ws, r, c, code, tuple(read), hint)
        if code:
            return code
        name_column, name = values.get(OWNER_NAME, (c, None))
        owner = self._owner(None, name, HONOREES)
        if owner is None:
            self._not_found(
                ws, r, name_column, name, HONOREES, "Hãy ghi mã của người, tập thể đó ở cột đầu."
            )
            return ""
        return owner[2].get("ma") or owner[2].get(REFERENCE)

    def _not_found(
        self, ws: Any, r: int, c: int, named: Any, lists: tuple[JsonPath, ...], hint: str
    ) -> None:
        """A row naming a person or collective that no sheet of theirs holds."""
        self.finding(
            _cell_place(ws.title, r, c),
            r,
            c,
            ERROR,
            f"Không tìm thấy '{show_value(named)}' trong trang {owner_sheets(self.layout, lists)}. "
            + hint,
        )

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
        """Every record gets its code (see ``codes.assign``); a code rewritten is said."""
        patterns = {
            s.lists[0]: id_pattern(s) for s in self.layout if not s.owned and s.lists[0] in HONOREES
        }
        for path, index, given, code in assign(self.out.lists, patterns):
            place = self.out.places.get((*path, index, "ma"), self.out.places[(*path, index)])
            self.out.places[(*path, index, "ma")] = place
            if given and code != given:
                self.finding(
                    place,
                    0,
                    0,
                    WARNING,
                    f"Mã '{show_value(given)}' được viết lại thành '{code}' (chữ thường không "
                    "dấu, số và dấu gạch ngang).",
                )

    def _nested(self, sheet: SheetLayout, ws: Any) -> None:
        fields = {f.key: f for f in sheet.fields}
        for path in sheet.lists:
            self.out.nested_read.add((path, sheet.nested))
            for owner in self.out.lists.get(path, []):
                owner.pop(sheet.nested, None)
        for r, values in self._rows(sheet, ws):
            owner_column, owner_code = values.get(OWNER_ID, (0, None))
            name_column, written_name = values.get(OWNER_NAME, (owner_column, None))
            if owner_code is None or not str(owner_code).strip():
                owner_column = name_column  # named by its name only: point at the name
            owner = self._owner(owner_code, written_name, sheet.lists)
            if owner is not None and owner_code and differs(written_name, owner[2]):
                self.finding(
                    _cell_place(ws.title, r, name_column),
                    r,
                    name_column,
                    WARNING,
                    f"Mã '{show_value(owner_code)}' là của "
                    f"'{show_value(owner_name(owner[2]))}', không phải "
                    f"'{show_value(written_name)}'. Dòng được ghi cho người, tập thể có mã đó; "
                    "hãy kiểm tra lại.",
                )
            if owner is None:
                hint = "Hãy ghi đúng mã hoặc họ tên như ở đó."
                self._not_found(ws, r, owner_column, owner_code or written_name, sheet.lists, hint)
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


def read_workbook(
    raw: bytes,
    file: str,
    layout: tuple[SheetLayout, ...],
    vocab: Vocabulary,
    general: tuple[tuple[JsonPath, Field], ...] = (),
) -> Imported:
    """The lists a workbook holds (only those it has a sheet for), with their places, and
    with ``general`` the single values of its "Thông tin chung" sheet."""
    import openpyxl

    if raw.startswith(OLD_EXCEL):
        message = (
            "Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng "
            "Sổ làm việc Excel (.xlsx)."
        )
        return Imported(findings=[Finding(file, 1, 1, CODE, ERROR, message, "tệp")])
    try:
        message = too_big(raw)
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
    return _Reader(file, layout, vocab, general).read(book)
