"""The parts of an .xlsx around its sheets, and text made safe for SpreadsheetML.

Kept apart from ``xlsx.py`` (which writes the sheets) because none of it
depends on a sheet's content: the stylesheet and the package's relationships
are the same in every workbook and are compressed once, at import.
"""

from __future__ import annotations

import re

from vinhdanh.office.package import _compressed, _Entry

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PKG = "http://schemas.openxmlformats.org/package/2006"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
MAX_CELL = 32767  # characters Excel holds in a cell
LINE, MAX_HEIGHT = 15, 409  # points: a line of Calibri 11; the tallest row Excel allows

# Cell formats (a cell's s="", in the order of cellXfs below): a header cell (bold, light
# fill, thin borders, wrapped), text, wrapped text, #,##0, a year (0), a bold wrapped title.
HEADER, TEXT, WRAPPED, NUMBER, YEAR, TITLE = 1, 2, 3, 4, 5, 6
# The same text formats marked as text typed with a leading ' (quotePrefix): a cell whose
# text looks like a formula ("=…", "+…", "@…") stays text when someone edits it in Excel.
QUOTED = {TEXT: 7, WRAPPED: 8}
FORMULA_STARTS = ("=", "+", "-", "@")
_TOP = '<alignment vertical="top"/>'
_WRAP_TOP = '<alignment vertical="top" wrapText="1"/>'
_THIN = '<color rgb="FFA6A6A6"/>'
_STYLES = (
    f'{HEAD}<styleSheet xmlns="{MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    f'<border><left style="thin">{_THIN}</left><right style="thin">{_THIN}</right>'
    f'<top style="thin">{_THIN}</top><bottom style="thin">{_THIN}</bottom><diagonal/></border>'
    "</borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" '
    'applyFill="1" applyBorder="1" applyAlignment="1">'
    '<alignment vertical="center" wrapText="1"/></xf>'
    f'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">{_TOP}</xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    f"{_WRAP_TOP}</xf>"
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    f'applyAlignment="1">{_TOP}</xf>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" '
    f'applyAlignment="1">{_TOP}</xf>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
    f'applyAlignment="1">{_WRAP_TOP}</xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" '
    f'quotePrefix="1">{_TOP}</xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" '
    f'quotePrefix="1">{_WRAP_TOP}</xf>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '</cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>'
)
_ROOT_RELS = (
    f'{HEAD}<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
ROOT_RELS = _compressed("_rels/.rels", _ROOT_RELS.encode())
STYLES = _compressed("xl/styles.xml", _STYLES.encode())
BIG_PART = 1 << 20  # bytes of XML from which a part is compressed harder

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Excel reads "_x0041_" in a string as the character it encodes: its "_" is escaped.
_ESCAPE_LIKE = re.compile("(?i)_(?=x[0-9a-f]{4}_)")
_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    | {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)


def part(name: str, xml: str) -> _Entry:
    """A sheet or the shared strings, compressed: a unit's small parts fast (level 1, as
    the Word documents' bodies), a large one (the honour roll, downloaded by many)
    harder: level 6 makes its 50,000 rows 3.7 instead of 5.0 MiB for 0.3 s more."""
    data = xml.encode()
    return _compressed(name, data, 6 if len(data) > BIG_PART else 1)


def attr(text: str) -> str:
    """Text for an XML attribute (or element): escaped, line breaks kept."""
    return NOT_XML.sub("", text).translate(_ATTR)


def units(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def cut(text: str, limit: int) -> str:
    """Text within Excel's limit, cut at a word with "…" when it is longer."""
    text = NOT_XML.sub("", text)
    if units(text) <= limit:
        return text
    room, end = limit - 1, 0
    for char in text:
        room -= 2 if ord(char) > 0xFFFF else 1
        if room < 0:
            break
        end += 1
    head = text[:end]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > len(head) // 2:
        head = head[:space]
    return head.rstrip(" \n,;:.-–") + "…"


def lines_of(text: str, per_line: int) -> int:
    """How many lines wrapped text takes in a column of ``per_line`` characters
    (greedy, by words; a word longer than a line is broken), for a row height."""
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        if len(paragraph) <= per_line:
            continue
        used = 0
        for word in paragraph.split(" "):
            size = len(word)
            if used and used + 1 + size <= per_line:
                used += 1 + size
                continue
            if used:
                count += 1
            full, used = divmod(size, per_line)
            if full and not used:
                full, used = full - 1, per_line
            count += full
    return count


def row_height(lines: int) -> str:
    """A row's height in points for so many lines of Calibri 11, within Excel's 409."""
    return f"{min(LINE * lines, MAX_HEIGHT):g}"


def _string(text: str) -> str:
    """A shared string's XML: only characters XML can hold, "_x…_" kept literal,
    cut to what a cell holds."""
    text = NOT_XML.sub("", text)
    if len(text) > MAX_CELL // 2 and units(text) > MAX_CELL:
        text = cut(text, MAX_CELL)
    if "_x" in text or "_X" in text:
        text = _ESCAPE_LIKE.sub("_x005F_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return f'<si><t xml:space="preserve">{text}</t></si>'


def shared_strings(strings: dict[str, int], uses: int) -> str:
    items = "".join(map(_string, strings))
    return f'{HEAD}<sst xmlns="{MAIN}" count="{uses}" uniqueCount="{len(strings)}">{items}</sst>'


def content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{TYPE}.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{HEAD}<Types xmlns="{PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
        f"{sheets}"
        f'<Override PartName="/xl/styles.xml" ContentType="{TYPE}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>'
        "</Types>"
    )


def workbook_xml(sheets: list[tuple[str, bool]], active: int, defined: list[str]) -> str:
    """The workbook: its sheets (name, hidden), the one it opens on, its defined names."""
    entries = "".join(
        f'<sheet name="{attr(name)}" sheetId="{i}"'
        + (' state="hidden"' if hidden else "")
        + f' r:id="rId{i}"/>'
        for i, (name, hidden) in enumerate(sheets, start=1)
    )
    names = f"<definedNames>{''.join(defined)}</definedNames>" if defined else ""
    return (
        f'{HEAD}<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<bookViews><workbookView activeTab="{active}"/></bookViews>'
        f"<sheets>{entries}</sheets>{names}</workbook>"
    )


def workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        f'{HEAD}<Relationships xmlns="{PKG}/relationships">{sheets}'
        f'<Relationship Id="rId{count + 1}" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{count + 2}" Type="{REL}/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>'
    )
