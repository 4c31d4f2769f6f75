"""The body of a document as plain data (paragraphs, tables), and that data as WordprocessingML.

The report and the lists decide what to say (``report``, ``lists``); this
module only writes it down. Every piece of text leaves through one helper,
``package.xml_text`` (NFC, characters XML cannot hold replaced, escaped), so no
value can open an element. Formatting lives in the Word template's named
styles, which an administrator restyles in Word; here a paragraph only names
its style and a run is at most bold or italic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from vinhdanh.office.package import xml_text
from vinhdanh.values import text_blocks

BOLD, ITALIC = "b", "i"
LIST_DASH, LIST_PLUS = "GachDauDong", "DauCong"
TABLE_STYLE, TABLE_TEXT = "BangKe", "Bang"

# Every style a document body may name, by id and by the name Word shows; a template
# must define them all (checked when it is read, so a restyled template that lost one
# fails at once, by name). A template re-saved by LibreOffice keeps the names but
# renames the ids after them ("Mục cấp 1" → "Mccp1"): a style is found by either.
STYLE_NAMES = {
    "Normal": "Normal",
    "TieuDe1": "Mục cấp 1",
    "TieuDe2": "Mục cấp 2",
    "TieuDe3": "Mục cấp 3",
    LIST_DASH: "Gạch đầu dòng",
    LIST_PLUS: "Dấu cộng",
    TABLE_STYLE: "Bảng kẻ ô",
    TABLE_TEXT: "Chữ trong bảng",
    "BangGiua": "Chữ trong bảng, giữa",
    "BangSo": "Số trong bảng",
    "BangTieuDe": "Tiêu đề cột bảng",
    "BangTong": "Dòng tổng cộng",
    "BangTongNhan": "Nhãn dòng tổng cộng",
    "NoiNhan": "Nơi nhận – dòng",
    "PhuLuc": "Phụ lục – số",
    "PhuLucTen": "Phụ lục – tên",
    "PhuLucKemTheo": "Phụ lục – kèm theo",
    "MucBang": "Tên bảng, danh sách con",
    "GhiChu": "Ghi chú dưới bảng",
    "TenLoai": "Tên loại văn bản",
    "TrichYeu": "Trích yếu",
}
BODY_STYLES = frozenset(STYLE_NAMES)


@dataclass(frozen=True)
class Para:
    """A paragraph in a named style; ``runs`` are (text, emphasis: "", "b", "i", "bi")."""

    style: str
    runs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, style: str, text: str = "", emphasis: str = "") -> Para:
        return cls(style, ((text, emphasis),) if text else ())


@dataclass(frozen=True)
class Cell:
    paras: tuple[Para, ...]
    span: int = 1


@dataclass(frozen=True)
class Table:
    """A ruled table (the template's "BangKe" style); header rows repeat on every page."""

    widths: tuple[int, ...]  # twips
    head: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]


Block = Para | Table


def text_cell(text: str, style: str = TABLE_TEXT) -> Cell:
    """A cell of one paragraph."""
    return Cell((Para.of(style, text),))


def head_row(titles: tuple[str, ...]) -> tuple[Cell, ...]:
    """A table's header row (repeated on every page the table spans)."""
    return tuple(text_cell(t, "BangTieuDe") for t in titles)


def paragraphs(text: str, style: str = "Normal") -> list[Para]:
    """Free text as paragraphs; "- " and "+ " items as the template's two list styles."""
    out = []
    for block in text_blocks(text):
        for marker, item in block:
            if item:
                out.append(Para.of({"-": LIST_DASH, "+": LIST_PLUS}.get(marker, style), item))
    return out


def document_date(day: date) -> str:
    """ "ngày 08 tháng 4 năm 2025": days below 10 and months 1–2 take a leading zero (NĐ 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


_EMPHASIS = {
    "": "",
    "b": "<w:b/><w:bCs/>",
    "i": "<w:i/><w:iCs/>",
    "bi": "<w:b/><w:bCs/><w:i/><w:iCs/>",
}


def _paragraph(p: Para, styles: Mapping[str, str]) -> str:
    runs = "".join(
        f"<w:r>{f'<w:rPr>{_EMPHASIS[emphasis]}</w:rPr>' if emphasis else ''}"
        f'<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'
        for text, emphasis in p.runs
    )
    return f'<w:p><w:pPr><w:pStyle w:val="{styles.get(p.style, p.style)}"/></w:pPr>{runs}</w:p>'


# A row is kept on one page unless it may be taller than about two thirds of a page (an
# A4 page holds some 45 lines): Word cuts a row that cannot break and is taller than a
# page off at the page's foot. Lines are estimated from an average character (13 pt
# Times New Roman: about 120 twips).
_CHARACTER, _LONG_ROW_LINES = 120, 30


def _tall(cells: tuple[Cell, ...], widths: tuple[int, ...]) -> bool:
    column = 0
    for cell in cells:
        per_line = max(1, sum(widths[column : column + cell.span]) // _CHARACTER)
        lines = sum(1 + sum(len(text) for text, _ in p.runs) // per_line for p in cell.paras)
        if lines > _LONG_ROW_LINES:
            return True
        column += cell.span
    return False


def _row(
    cells: tuple[Cell, ...], widths: tuple[int, ...], header: bool, styles: Mapping[str, str]
) -> str:
    keep = header or not _tall(cells, widths)
    out = [
        f"<w:tr><w:trPr>{'<w:cantSplit/>' if keep else ''}"
        f"{'<w:tblHeader/>' if header else ''}</w:trPr>"
    ]
    column = 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        body = "".join(_paragraph(p, styles) for p in cell.paras) or "<w:p/>"
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>{body}</w:tc>')
        column += cell.span
    out.append("</w:tr>")
    return "".join(out)


def fitted(widths: tuple[int, ...], width: int | None) -> tuple[int, ...]:
    """Column widths scaled to fill ``width`` (the template's text width), if given."""
    if not width or width == sum(widths):
        return widths
    scaled = [w * width // sum(widths) for w in widths]
    scaled[-1] += width - sum(scaled)
    return tuple(scaled)


def _table(t: Table, styles: Mapping[str, str], width: int | None) -> str:
    widths = fitted(t.widths, width)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = "".join(
        [_row(r, widths, True, styles) for r in t.head]
        + [_row(r, widths, False, styles) for r in t.rows]
    )
    # A ruled table in the template's "BangKe" style, then a small empty paragraph:
    # Word needs one between a table and what follows (another table, a section's end).
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{styles.get(TABLE_STYLE, TABLE_STYLE)}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
        f'<w:p><w:pPr><w:pStyle w:val="{styles.get(TABLE_TEXT, TABLE_TEXT)}"/></w:pPr></w:p>'
    )


def render_blocks(
    blocks: list[Block], styles: Mapping[str, str] | None = None, width: int | None = None
) -> str:
    """WordprocessingML for a list of paragraphs and tables; ``styles`` maps a style id
    of ours to the template's id for it where they differ (``WordTemplate.style_ids_for``),
    and tables are scaled to ``width``, the template's text width in twips.

    Written directly, not through Jinja: a unit's three documents hold about
    four thousand values, and the site makes them for every unit in the build;
    a template engine's per-value overhead made them four times slower. Text is
    escaped in one place (``xml_text``); style names and widths are our own.
    """
    styles = styles or {}
    return "".join(
        _paragraph(b, styles) if isinstance(b, Para) else _table(b, styles, width) for b in blocks
    )


def styles_used(blocks: list[Block]) -> set[str]:
    """Every paragraph style the blocks name (the template must define them all)."""
    used = set()
    for block in blocks:
        if isinstance(block, Table):
            used.update((TABLE_STYLE, TABLE_TEXT))
            for row in (*block.head, *block.rows):
                used.update(p.style for c in row for p in c.paras)
        else:
            used.add(block.style)
    return used
