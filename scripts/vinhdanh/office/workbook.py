"""Stage — render: a unit's lists as the rows of its workbook (``xuat-excel``).

Every value is written as an official reads it: a vocabulary's Vietnamese
label instead of its code, Có/Không for true/false, money as a number, the
years of a title as "2022, 2023", a list of prizes one per line. ``excel_in``
reads each of these forms back, so YAML → workbook → YAML gives the same data.
The workbook opens on a "Hướng dẫn" sheet; the vocabularies' labels live on a
hidden "Danh mục" sheet that the drop-down lists point at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vinhdanh.office import xlsx
from vinhdanh.office.general import GENERAL_SHEET, HEADINGS, general_rows
from vinhdanh.office.layout import (
    BOOL,
    CHOICE,
    CHOICES,
    COUNT,
    DELEGATES,
    GUIDE_SHEET,
    HONOREES,
    ID,
    LINES,
    LISTS_SHEET,
    LONG,
    MONEY,
    OWNER_ID,
    OWNER_NAME,
    YEAR,
    YEARS,
    Field,
    JsonPath,
    SheetLayout,
    at,
    owner_id,
    owner_name,
    owner_sheets,
)
from vinhdanh.project import Vocabulary
from vinhdanh.values import parse_money

WIDTHS = {ID: 22, LONG: 60, COUNT: 12, YEAR: 9, MONEY: 18, BOOL: 12, YEARS: 16, LINES: 40}
TEXT_WIDTH = 28
YES_NO_TITLE = "Có/Không"


def cell(field: Field, value: Any, vocab: Vocabulary) -> Any:
    """A YAML value as the workbook shows it."""
    if value is None:
        return None
    if field.kind in (CHOICES, YEARS, LINES):
        if not isinstance(value, list):
            value = [value]  # an unfinished file's single value: one item, not its characters
        if not all(isinstance(v, str | int | float) for v in value):
            return value  # not a cell's value: the writer names the cell
    labels = vocab[field.vocabulary] if field.vocabulary else {}
    if field.kind == CHOICE:
        return labels.get(value, value) if isinstance(value, str) else value
    if field.kind == CHOICES:
        return "; ".join(str(labels.get(v, v) if isinstance(v, str) else v) for v in value)
    if field.kind == MONEY:
        money = parse_money(value)
        return value if money is None else money
    if field.kind == YEARS:
        return ", ".join(str(v) for v in value)
    if field.kind == LINES:
        return "\n".join(str(v) for v in value)
    return value


def _item_row(sheet: SheetLayout, item: Any, vocab: Vocabulary) -> list[Any]:
    if not isinstance(item, dict):  # a plain value: the delegates' codes
        return [item]
    return [cell(f, item.get(f.key), vocab) for f in sheet.fields]


def sheet_rows(sheet: SheetLayout, data: dict[str, Any] | None, vocab: Vocabulary) -> list[list]:
    """The rows of one sheet for a submission's data, in the order written."""
    if sheet.owned:
        return [
            [owner_id(owner), owner_name(owner), *_item_row(sheet, item, vocab)]
            for path in sheet.lists
            for owner in at(data, path)
            if isinstance(owner, dict)
            for item in owner.get(sheet.nested) or []
        ]
    rows = [_item_row(sheet, item, vocab) for path in sheet.lists for item in at(data, path)]
    if sheet.lists == (DELEGATES,):
        names = {owner_id(i): owner_name(i) for _, i in honorees(data)}
        rows = [[code, names.get(str(code), "")] for code, *_ in rows]
    return rows


def honorees(data: dict[str, Any] | None) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every person and collective of a submission (records and references)."""
    for path in HONOREES:
        for item in at(data, path):
            if isinstance(item, dict):
                yield path, item


def _column(field: Field, lists: dict[str, str]) -> xlsx.Column:
    kind = {LONG: "long", COUNT: "number", MONEY: "number", YEAR: "year"}.get(field.kind, "text")
    whole = field.bounds if field.kind in (COUNT, YEAR) else None
    choices = lists.get(field.vocabulary or "") if field.kind == CHOICE else None
    if field.kind == BOOL:
        choices = lists[BOOL]
    return xlsx.Column(
        field.heading,
        WIDTHS.get(field.kind, TEXT_WIDTH),
        kind,
        choices,
        field.help,
        whole,
    )


def _owner_columns(layout: tuple[SheetLayout, ...], sheet: SheetLayout) -> list[xlsx.Column]:
    lists = sheet.lists if sheet.owned else HONOREES
    owners = owner_sheets(layout, lists)
    name = xlsx.Column(
        OWNER_NAME,
        TEXT_WIDTH,
        prompt=f"Để đối chiếu; bỏ trống mã thì vinhdanh tìm theo tên trong trang {owners}.",
    )
    if not sheet.owned:
        return [name]
    return [xlsx.Column(OWNER_ID, WIDTHS[ID], prompt=f"Mã ghi ở trang {owners}."), name]


def vocabulary_sheet(layout: tuple[SheetLayout, ...], vocab: Vocabulary) -> tuple[xlsx.Sheet, dict]:
    """The last sheet, every vocabulary's labels under the title of a column that uses
    it (the drop-down lists point here; a column of several labels is read here), and
    where each list lives on it."""
    titles: dict[str, str] = {}
    for sheet in layout:
        for f in sheet.fields:
            if f.kind in (CHOICE, CHOICES) and f.vocabulary:
                titles.setdefault(f.vocabulary, f.title)
    columns = [(BOOL, YES_NO_TITLE, ["Có", "Không"])]
    columns += [(name, title, list(vocab[name].values())) for name, title in titles.items()]
    where = {
        name: f"'{LISTS_SHEET}'!${xlsx.column_name(i)}$2:${xlsx.column_name(i)}${len(labels) + 1}"
        for i, (name, _, labels) in enumerate(columns)
    }
    height = max(len(labels) for *_, labels in columns)
    rows = [
        [labels[r] if r < len(labels) else None for *_, labels in columns] for r in range(height)
    ]
    heads = tuple(xlsx.Column(title, 34, "long") for _, title, _ in columns)
    return xlsx.Sheet(LISTS_SHEET, heads, rows, validation_rows=0), where


def guide_lines(
    layout: tuple[SheetLayout, ...], unit_id: str | None, unit_name: str | None
) -> list[str]:
    """The first sheet: what the workbook is and how it goes back into vinhdanh."""
    who = f"{unit_name} (mã {unit_id})" if unit_id and unit_name else "đơn vị của bạn"
    code = unit_id or "<mã đơn vị>"
    return [
        f"Danh sách điển hình tiên tiến của {who}",
        "Mỗi trang một danh sách của hồ sơ: " + ", ".join(s.name for s in layout) + ". Dòng "
        "đầu mỗi trang là tên cột; mỗi dòng dưới là một mục.",
        "Cột có dấu * là bắt buộc. Chọn ô để xem hướng dẫn của cột. Cột có mũi tên: chọn trong "
        "danh sách. Cột Có/Không: chọn Có hoặc Không (hoặc đánh x, để trống là Không). Các "
        "danh mục để chọn có ở trang cuối, Danh mục.",
        "Sáng kiến, khen thưởng, danh hiệu của một người hay tập thể ghi ở trang riêng, mỗi dòng "
        "một mục, cột đầu ghi mã (hoặc họ tên) của người, tập thể đó.",
        "Người đã có trong hồ sơ của đơn vị cấp dưới: chỉ ghi cột Tham chiếu (tu) dạng <mã đơn "
        "vị>/<mã cá nhân>, không chép lại.",
        "Có thể thêm cột STT, dòng tiêu đề phía trên; vinhdanh bỏ qua chúng.",
        f"Điền xong, xem trước: vinhdanh nhap <tệp này>.xlsx --ma {code} — rồi thêm --ghi để "
        "ghi vào hồ sơ. Hoặc gửi tệp cho người duyệt của công đoàn cấp trên để họ chạy giúp.",
    ]


def unit_workbook(
    layout: tuple[SheetLayout, ...],
    vocab: Vocabulary,
    data: dict[str, Any] | None,
    unit_id: str | None = None,
    unit_name: str | None = None,
    general: tuple[tuple[JsonPath, Field], ...] = (),
) -> bytes:
    """The workbook of a unit: filled from its submission's data, or blank when ``data`` is
    None; with ``general``, a "Thông tin chung" sheet of its single values first."""
    lists_sheet, where = vocabulary_sheet(layout, vocab)
    title, *lines = guide_lines(layout, unit_id, unit_name)
    guide = xlsx.Sheet(
        GUIDE_SHEET, (), [[line] for line in lines], header=False, validation_rows=0, note=title
    )
    sheets = [guide]
    if general:
        columns = (
            xlsx.Column(HEADINGS[0], 44, "long"),
            xlsx.Column(HEADINGS[1], 50, "long", prompt="Ghi nội dung của mục ở cột bên trái."),
            xlsx.Column(HEADINGS[2], 60, "long"),
        )
        rows = general_rows(general, data, lambda f, v: cell(f, v, vocab))
        sheets.append(xlsx.Sheet(GENERAL_SHEET, columns, rows, validation_rows=0))
    for sheet in layout:
        columns = tuple(_column(f, where) for f in sheet.fields)
        if sheet.owned:
            columns = (*_owner_columns(layout, sheet), *columns)
        if sheet.lists == (DELEGATES,):
            columns = (*columns, *_owner_columns(layout, sheet))
        sheets.append(xlsx.Sheet(sheet.name, columns, sheet_rows(sheet, data, vocab)))
    return xlsx.workbook([*sheets, lists_sheet])
