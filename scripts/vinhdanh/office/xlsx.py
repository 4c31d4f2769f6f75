"""SpreadsheetML (.xlsx) written by hand: small, fast, the same bytes for the same input.

The site writes one workbook per unit for thousands of units, and the honour
roll as one sheet of tens of thousands of rows; openpyxl (even in write-only
mode) takes several times longer for the same file, and stamps the time of
writing into it. This writer knows only what those workbooks need: sheets of
typed columns (text, wrapped long text, numbers, years), a styled frozen header
with an autofilter, drop-down lists and input help (data validation), hidden
sheets, and a sheet of paragraphs for a guide.

A row holding wrapped text carries an estimate of its height, not marked as
set by hand: Excel measures the row again when it opens the file, LibreOffice
(which does not) shows the estimate, so neither cuts a long cell to one line.

Text is untrusted. Every text cell is a shared string, and a shared string is
only ever text: ``=HYPERLINK(...)``, ``+1``, ``@SUM`` stay what they are,
never a formula. Characters XML cannot hold are dropped; nothing else changes.
Zip entries carry a fixed date, so the bytes depend only on the sheets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from math import isfinite

from vinhdanh.errors import VinhdanhError

# The zip writer of the Word documents: fixed entry dates, entries compressed once.
from vinhdanh.office.package import _compressed, _Entry, _zip
from vinhdanh.office.xlsx_parts import (
    FORMULA_STARTS,
    HEAD,
    HEADER,
    MAIN,
    NOT_XML,
    NUMBER,
    QUOTED,
    REL,
    ROOT_RELS,
    STYLES,
    TEXT,
    TITLE,
    WRAPPED,
    YEAR,
    attr,
    content_types,
    cut,
    lines_of,
    part,
    row_height,
    shared_strings,
    workbook_rels,
    workbook_xml,
)

KINDS = ("text", "long", "number", "year")
PROMPT_TITLE, PROMPT = 32, 255  # Excel's limits for a data validation's input message
EXACT = 10**15  # integers Excel holds exactly (15 significant digits)
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # Excel's grid
NOTE_WIDTH = 80.0  # column A of a sheet of paragraphs, when its columns say nothing: A4 wide
# Characters of Vietnamese text in Calibri 11 a column holds per unit of width (a unit is
# the width of "0"), a little under the true average so that an estimate errs taller.
PER_WIDTH = 1.1

_KIND_STYLE = {"text": TEXT, "long": WRAPPED, "number": NUMBER, "year": YEAR}
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class SheetError(VinhdanhError, ValueError):
    """A sheet Excel would refuse (a bad name, a row wider than its columns): a bug of
    the caller, reported before any byte is written."""


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, width (in characters) and what it holds.

    ``kind``: "text"; "long" (wrapped, top-aligned); "number" (integers shown
    #,##0); "year" (integers without separator). ``choices`` is the source of a
    drop-down list (a formula such as ``'Danh mục'!$B$2:$B$9``); ``prompt`` the
    help shown when a cell is selected; ``whole`` the bounds of a whole number.
    """

    title: str
    width: float
    kind: str = "text"
    choices: str | None = None
    prompt: str = ""
    whole: tuple[int, int] | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet: columns and rows of cells (str, int, float, bool as Có/Không, None).

    With ``header``, row 1 holds the columns' titles, bold on a light fill,
    frozen, with an autofilter over the rows. Without it, the sheet is one of
    paragraphs (a guide): ``note``, if any, is a bold first line, each row a
    paragraph, column A wide and wrapped. Validations (drop-downs, help) cover
    the rows up to ``validation_rows`` at least, so a blank workbook can be filled.
    """

    name: str
    columns: tuple[Column, ...]
    rows: list[list[object]]
    hidden: bool = False
    header: bool = True
    validation_rows: int = 500
    note: str = ""


def workbook(sheets: list[Sheet]) -> bytes:
    """The .xlsx of the sheets; the first visible one is the one Excel opens on."""
    _check(sheets)
    active = next(i for i, s in enumerate(sheets) if not s.hidden)
    strings: dict[str, int] = {}
    uses = 0
    entries: list[_Entry] = []
    names: list[str] = []
    for index, sheet in enumerate(sheets, start=1):
        xml, used, defined = _worksheet(sheet, strings, index - 1 == active, index - 1)
        uses += used
        names += defined
        entries.append(part(f"xl/worksheets/sheet{index}.xml", xml))
    count = len(sheets)
    around = [
        ("[Content_Types].xml", content_types(count)),
        ("xl/workbook.xml", workbook_xml([(s.name, s.hidden) for s in sheets], active, names)),
        ("xl/_rels/workbook.xml.rels", workbook_rels(count)),
    ]
    head = [_compressed(name, text.encode()) for name, text in around]
    strings_part = part("xl/sharedStrings.xml", shared_strings(strings, uses))
    return _zip([head[0], ROOT_RELS, *head[1:], STYLES, *entries, strings_part])


def _check(sheets: list[Sheet]) -> None:
    """Refuse what Excel would repair or refuse: names, kinds, widths, one visible sheet."""
    if not sheets:
        raise SheetError("Sổ tính phải có ít nhất một trang.")
    if all(s.hidden for s in sheets):
        raise SheetError("Sổ tính phải có ít nhất một trang không ẩn.")
    seen: set[str] = set()
    for sheet in sheets:
        name = sheet.name
        bad = _SHEET_NAME_BAD.search(name) or NOT_XML.search(name)
        if not name or len(name) > 31 or bad or "'" in (name[0], name[-1]):
            raise SheetError(
                f"Tên trang {name!r} không hợp lệ: 1 đến 31 ký tự, không chứa [ ] : * ? / \\, "
                "không bắt đầu hay kết thúc bằng dấu nháy đơn."
            )
        if name.casefold() in seen:
            raise SheetError(f"Hai trang cùng tên {name!r}.")
        seen.add(name.casefold())
        if len(sheet.rows) + 1 > MAX_ROWS or len(sheet.columns) > MAX_COLUMNS:
            raise SheetError(f"Trang {name!r} lớn hơn lưới của Excel.")
        if sheet.header and not sheet.columns:
            raise SheetError(f"Trang {name!r} có dòng tiêu đề nhưng không có cột nào.")
        for column in sheet.columns:
            if column.kind not in KINDS:
                raise SheetError(f"Cột {column.title!r}: loại {column.kind!r} không có.")
            if not 0 < column.width <= 255:
                raise SheetError(f"Cột {column.title!r}: độ rộng {column.width} không hợp lệ.")
            if column.choices and column.whole:
                raise SheetError(f"Cột {column.title!r}: vừa danh sách chọn vừa giới hạn số.")


def _columns(sheet: Sheet) -> tuple[Column, ...]:
    if sheet.columns or sheet.header:
        return sheet.columns
    return (Column("", NOTE_WIDTH, "long"),)


def column_name(index: int) -> str:
    """The column's letters: 0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _worksheet(
    sheet: Sheet, strings: dict[str, int], active: bool, position: int
) -> tuple[str, int, list[str]]:
    """A sheet's XML, how many text cells it holds, and its defined names.

    Elements follow the schema's order (sheetPr, dimension, sheetViews,
    sheetFormatPr, cols, sheetData, autoFilter, dataValidations, pageMargins,
    pageSetup): Excel repairs a file whose order differs.
    """
    columns = _columns(sheet)
    letters = [column_name(i) for i in range(len(columns))]
    lines: list[str] = []
    uses = 0
    number_of = strings.setdefault
    if sheet.header:
        cells = "".join(
            f'<c r="{c}1" s="{HEADER}" t="s"><v>{number_of(col.title, len(strings))}</v></c>'
            for c, col in zip(letters, columns, strict=True)
            if col.title
        )
        tall = max(lines_of(col.title, max(1, int(col.width))) for col in columns)
        height = f' ht="{row_height(tall)}"' if tall > 1 else ""
        lines.append(f'<row r="1"{height}>{cells}</row>')
        uses += sum(1 for col in columns if col.title)
    elif sheet.note:
        note = number_of(sheet.note, len(strings))
        tall = lines_of(sheet.note, max(1, int(columns[0].width)))
        height = f' ht="{row_height(tall)}"' if tall > 1 else ""
        lines.append(f'<row r="1"{height}><c r="A1" s="{TITLE}" t="s"><v>{note}</v></c></row>')
        uses += 1
    first = 2 if sheet.header or sheet.note else 1
    uses += _rows(sheet, columns, letters, first, strings, lines)
    last_row = first + len(sheet.rows) - 1 if sheet.rows else first - 1
    last = f"{letters[-1]}{max(last_row, 1)}"
    used = "A1" if last == "A1" else f"A1:{last}"
    quoted = "'" + sheet.name.replace("'", "''") + "'"
    defined: list[str] = []
    xml = [
        f'{HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
        f'<dimension ref="{used}"/>',
        _view(sheet.header, active),
        '<sheetFormatPr defaultRowHeight="15"/><cols>',
        *(
            f'<col min="{i}" max="{i}" width="{col.width:g}" customWidth="1" '
            f'style="{_KIND_STYLE[col.kind]}"/>'
            for i, col in enumerate(columns, start=1)
        ),
        "</cols><sheetData>",
        *lines,
        "</sheetData>",
    ]
    if sheet.header:
        span = f"$A$1:${letters[-1]}${max(last_row, 1)}"
        xml.append(f'<autoFilter ref="{used}"/>')
        defined += [
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{position}" '
            f'hidden="1">{attr(quoted)}!{span}</definedName>',
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{position}">'
            f"{attr(quoted)}!$1:$1</definedName>",
        ]
    xml.append(_validations(sheet, columns, letters, first, last_row))
    orientation = "landscape" if sheet.header else "portrait"
    xml.append(
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>'
        "</worksheet>"
    )
    return "".join(xml), uses, defined


def _view(header: bool, active: bool) -> str:
    selected = ' tabSelected="1"' if active else ""
    if not header:
        return f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>'
    return (
        f'<sheetViews><sheetView{selected} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    )


def _rows(
    sheet: Sheet,
    columns: tuple[Column, ...],
    letters: list[str],
    first: int,
    strings: dict[str, int],
    lines: list[str],
) -> int:
    """Append the rows' <row> elements; return how many text cells they hold.

    Text goes to the shared strings (each distinct text stored once); numbers
    stay numbers (an integer of more than 15 digits, which Excel would round,
    becomes text); empty cells are not written. This loop runs for every cell
    of the honour roll, so it is written flat.
    """
    number_of = strings.setdefault
    width = len(columns)
    number_styles = [
        YEAR if c.kind == "year" else NUMBER if c.kind == "number" else TEXT for c in columns
    ]
    text_styles = [WRAPPED if c.kind == "long" else TEXT for c in columns]
    per_line = [max(1, int(c.width * PER_WIDTH)) for c in columns]
    uses = 0
    for line, row in enumerate(sheet.rows, start=first):
        if len(row) > width:
            raise SheetError(
                f"Trang {sheet.name!r}, dòng {line}: {len(row)} ô nhưng chỉ có {width} cột."
            )
        cells = []
        tall = 1
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            if value is True or value is False:
                value = "Có" if value else "Không"
            elif type(value) is int and not -EXACT < value < EXACT:
                value = str(value)  # Excel would keep 15 digits of it
            kind = type(value)
            if kind is str:
                uses += 1
                style = WRAPPED if "\n" in value else text_styles[index]
                if style == WRAPPED and ("\n" in value or len(value) > per_line[index]):
                    tall = max(tall, lines_of(value, per_line[index]))
                if value.startswith(FORMULA_STARTS):
                    style = QUOTED[style]
                cells.append(
                    f'<c r="{letters[index]}{line}" s="{style}" t="s">'
                    f"<v>{number_of(value, len(strings))}</v></c>"
                )
            elif kind is int or (kind is float and isfinite(value)):
                cells.append(
                    f'<c r="{letters[index]}{line}" s="{number_styles[index]}"><v>{value!r}</v></c>'
                )
            else:
                raise SheetError(
                    f"Trang {sheet.name!r}, ô {letters[index]}{line}: giá trị {value!r} "
                    "không ghi được (chỉ chữ, số, Có/Không)."
                )
        if tall > 1:
            lines.append(f'<row r="{line}" ht="{row_height(tall)}">{"".join(cells)}</row>')
        elif cells:
            lines.append(f'<row r="{line}">{"".join(cells)}</row>')
    return uses


def _validations(
    sheet: Sheet, columns: tuple[Column, ...], letters: list[str], first: int, last_row: int
) -> str:
    """Drop-down lists, whole-number bounds and input help, column by column."""
    last = max(last_row, sheet.validation_rows)
    if last < first:
        return ""
    return _validation_xml(columns, first, last)


@functools.lru_cache(maxsize=256)
def _validation_xml(columns: tuple[Column, ...], first: int, last: int) -> str:
    """The same for every unit's workbook of a layout: made once per sheet and size."""
    letters = [column_name(i) for i in range(len(columns))]
    items = []
    for letter, col in zip(letters, columns, strict=True):
        attributes = ['allowBlank="1"']
        formulas = ""
        if col.choices:
            source = col.choices.removeprefix("=")
            attributes[:0] = ['type="list"']
            attributes += [
                'showErrorMessage="1"',
                f'errorTitle="{attr(cut(col.title, PROMPT_TITLE))}"',
                'error="Hãy chọn một mục trong danh sách thả xuống."',
            ]
            formulas = f"<formula1>{attr(source)}</formula1>"
        elif col.whole:
            low, high = col.whole
            attributes[:0] = ['type="whole"', 'operator="between"']
            attributes += [
                'showErrorMessage="1"',
                f'errorTitle="{attr(cut(col.title, PROMPT_TITLE))}"',
                f'error="Hãy nhập một số nguyên từ {_vi(low)} đến {_vi(high)}."',
            ]
            formulas = f"<formula1>{int(low)}</formula1><formula2>{int(high)}</formula2>"
        if col.prompt:
            attributes += [
                'showInputMessage="1"',
                f'promptTitle="{attr(cut(col.title, PROMPT_TITLE))}"',
                f'prompt="{attr(cut(col.prompt, PROMPT))}"',
            ]
        if formulas or col.prompt:
            items.append(
                f'<dataValidation {" ".join(attributes)} sqref="{letter}{first}:{letter}{last}">'
                f"{formulas}</dataValidation>"
            )
    if not items:
        return ""
    return f'<dataValidations count="{len(items)}">{"".join(items)}</dataValidations>'


def _vi(number: int) -> str:
    """A number as Vietnamese write it: 1.000.000 (a year, below 10.000, without dots)."""
    return f"{int(number):,}".replace(",", ".") if number >= 10_000 else str(int(number))
