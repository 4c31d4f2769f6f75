"""A .docx someone wrote, read as its body's paragraphs: text, list marker, emphasis.

Only what the report reader (``word_in``) needs: the paragraphs of
``word/document.xml`` in body order, each with its text (tabs kept, line
breaks as newlines), whether Word numbers it (``w:numPr``, in the paragraph
or its style) and with what bullet, and whether it looks like a heading (a
heading style, or bold or italic throughout). Tables are kept as placeholders
only: the report's text is paragraphs.

A document from outside is not trusted: a file that is not a .docx, a
macro-enabled one, a broken one, or XML with a DOCTYPE (entities can expand
without bound; Word never writes one) is refused with a finding, never a
traceback.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from vinhdanh.check.findings import ERROR, Finding

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, STYLES, NUMBERING = "word/document.xml", "word/styles.xml", "word/numbering.xml"
CODE = "nhap"
# Uncompressed bytes of the parts read (body, styles, numbering) together: a report's are
# well under 1 MiB, and parsing 8 MiB of empty paragraphs already takes seconds.
PART_LIMIT = 8 * 1024 * 1024
_MACROS = re.compile(r"macroEnabled|vbaProject", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and encrypted .docx)

# A typed list marker at the start of a paragraph: "- ", "– ", "+ " (a space after:
# "-5 %" is a number), "•" (Word's Symbol-font bullets come as private-use characters).
_TYPED = re.compile(r"^(?:([-–—+])[ \t\u00a0]+|([•●▪■\uf0b7\uf0a7\uf0d8])[ \t\u00a0]*)(?=\S)")
# Run containers whose text is not the paragraph's: deleted or moved-away revisions.
_SKIP = {W + "del", W + "moveFrom", W + "pPr", W + "rPr"}


@dataclass(frozen=True)
class Paragraph:
    """One block of the body: a paragraph, or a table standing in for its rows."""

    number: int  # "đoạn N": paragraphs with text counted from 1 (a table: the one before it)
    text: str  # a typed list marker taken off; "\n" for a line break
    bullet: str | None = None  # "-" or "+" for a list item (Word's numbering or typed)
    numbered: bool = False  # Word numbers it ("1.", "a)"; a bullet is not a number)
    emphasised: bool = False  # a heading style, or bold or italic throughout
    table: bool = False


class ReadError(Exception):
    """The file cannot be read as a .docx; the message says why, in Vietnamese."""


def read_paragraphs(docx: bytes, file: str) -> tuple[list[Paragraph], list[Finding]]:
    """The body's paragraphs in order, or no paragraphs and the finding saying why."""
    try:
        return _read(docx, file), []
    except ReadError as exc:
        return [], [Finding(file, 1, 1, CODE, ERROR, str(exc))]
    except RecursionError:  # elements nested thousands deep: the walk runs out of stack
        return [], [Finding(file, 1, 1, CODE, ERROR, _NESTED_MESSAGE)]


def _read(docx: bytes, file: str) -> list[Paragraph]:
    if file.lower().endswith(".docm"):
        raise ReadError(_MACRO_MESSAGE)
    if docx.startswith(_OLE):
        raise ReadError(
            "Tệp là tài liệu Word dạng cũ (.doc) hoặc có đặt mật khẩu; hãy mở bằng Word và "
            "lưu thành “Tài liệu Word (*.docx)”, không đặt mật khẩu."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(docx))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadError(
            "Tệp không phải tài liệu Word .docx (không mở được như một tệp .docx). Hãy mở "
            "bằng Word và lưu thành “Tài liệu Word (*.docx)”."
        ) from exc
    with archive:
        names = set(archive.namelist())
        types = _part(archive, "[Content_Types].xml") if "[Content_Types].xml" in names else ""
        if _MACROS.search(types) or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ReadError(_MACRO_MESSAGE)
        if BODY not in names:
            raise ReadError(f"Tệp .docx thiếu phần {BODY} (nội dung văn bản); tệp đã hỏng.")
        read = (archive.getinfo(n).file_size for n in (BODY, STYLES, NUMBERING) if n in names)
        if sum(read) > PART_LIMIT:
            raise ReadError(_TOO_BIG_MESSAGE)
        body = _xml(archive, BODY)
        styles = _xml(archive, STYLES) if STYLES in names else None
        numbering = _xml(archive, NUMBERING) if NUMBERING in names else None
    return _Reader(styles, numbering).body(body)


_TOO_BIG_MESSAGE = (
    "Nội dung tệp .docx lớn bất thường (hơn 8 MiB chữ khi giải nén, gấp nhiều lần một báo "
    "cáo); tệp bị từ chối. Hãy bỏ các phần không thuộc báo cáo rồi lưu lại."
)
_NESTED_MESSAGE = (
    "Tệp .docx có các phần tử lồng nhau quá sâu, điều Word không bao giờ ghi; tệp bị từ chối. "
    "Hãy mở bằng Word và lưu thành “Tài liệu Word (*.docx)”."
)
_MACRO_MESSAGE = (
    "Tệp có macro (.docm); vinhdanh không đọc tệp có macro. Hãy lưu thành “Tài liệu Word (*.docx)”."
)


def _part(archive: zipfile.ZipFile, name: str) -> str:
    info = archive.getinfo(name)
    if info.file_size > PART_LIMIT:
        raise ReadError(_TOO_BIG_MESSAGE)
    try:
        text = archive.read(info).decode("utf-8")
    except (UnicodeDecodeError, zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise ReadError(f"Không đọc được phần {name} của tệp .docx: tệp đã hỏng.") from exc
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ReadError(
            f"Phần {name} có khai báo DOCTYPE/thực thể XML, điều Word không bao giờ ghi; "
            "tệp bị từ chối."
        )
    return text


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element:
    try:
        return ET.fromstring(_part(archive, name))
    except ET.ParseError as exc:
        raise ReadError(f"Phần {name} của tệp .docx không phải XML hợp lệ: tệp đã hỏng.") from exc


def _on(element: ET.Element | None) -> bool:
    """A toggle property (``w:b``, ``w:i``) that is present and not switched off."""
    return element is not None and element.get(W + "val") not in ("0", "false", "off")


class _Reader:
    """What styles and numbering say about a paragraph: its list bullet, its emphasis."""

    def __init__(self, styles: ET.Element | None, numbering: ET.Element | None) -> None:
        self.styles = {
            s.get(W + "styleId"): s for s in (styles.iter(W + "style") if styles else ())
        }
        self.default = next(
            (
                i
                for i, s in self.styles.items()
                if s.get(W + "type") == "paragraph" and _on_attr(s.get(W + "default"))
            ),
            "Normal",
        )
        self.levels: dict[str, dict[str, tuple[str, str]]] = {}  # numId → ilvl → fmt, text
        if numbering is not None:
            abstract = {
                a.get(W + "abstractNumId"): {
                    lvl.get(W + "ilvl", "0"): (
                        _val(lvl.find(W + "numFmt")) or "decimal",
                        _val(lvl.find(W + "lvlText")),
                    )
                    for lvl in a.iter(W + "lvl")
                }
                for a in numbering.iter(W + "abstractNum")
            }
            for num in numbering.iter(W + "num"):
                self.levels[num.get(W + "numId") or ""] = abstract.get(
                    _val(num.find(W + "abstractNumId")), {}
                )

    def _chain(self, style_id: str | None) -> list[ET.Element]:
        """A style and those it is based on, nearest first."""
        chain: list[ET.Element] = []
        while style_id in self.styles and len(chain) < 20:
            style = self.styles[style_id]
            chain.append(style)
            style_id = _val(style.find(W + "basedOn"))
        return chain

    def body(self, document: ET.Element) -> list[Paragraph]:
        out: list[Paragraph] = []
        counted = 0
        body = document.find(W + "body")
        for element in _blocks(body if body is not None else document):
            if element.tag == W + "tbl":
                text = "\n".join(_text(p) for p in element.iter(W + "p"))
                out.append(Paragraph(counted, text, table=True))
                continue
            paragraph = self.paragraph(element, counted + 1)
            if paragraph.text.strip():
                counted += 1
                out.append(paragraph)
        return out

    def paragraph(self, p: ET.Element, number: int) -> Paragraph:
        props = p.find(W + "pPr")
        style = _val(props.find(W + "pStyle")) if props is not None else ""
        chain = self._chain(style or self.default)
        text = _text(p)
        bullet, numbered = self._numbering([props, *(s.find(W + "pPr") for s in chain)])
        if bullet is None:
            typed = _TYPED.match(text.lstrip())
            if typed:
                bullet = "+" if typed.group(1) == "+" else "-"
                text = text.lstrip()[typed.end() :]
        return Paragraph(number, text, bullet, numbered, self._emphasised(p, props, chain))

    def _numbering(self, props: list[ET.Element | None]) -> tuple[str | None, bool]:
        """The list marker the paragraph is written with ("-", "+"; a numbered item is a
        list item too) and whether Word numbers it; its own w:numPr wins over its styles'."""
        num = next(
            (
                pr.find(W + "numPr")
                for pr in props
                if pr is not None and pr.find(W + "numPr") is not None
            ),
            None,
        )
        if num is None:
            return None, False
        num_id = _val(num.find(W + "numId")) or ""
        level = _val(num.find(W + "ilvl")) or "0"
        if num_id in ("", "0"):
            return None, False
        fmt, text = self.levels.get(num_id, {}).get(level, ("decimal", ""))
        if fmt == "none":
            return None, False
        if fmt == "bullet" and text.strip() in ("+", "＋"):
            return "+", False
        if fmt == "bullet" and (text.strip() in ("-", "–", "—") or level == "0"):
            return "-", False
        return ("+" if level != "0" else "-"), fmt != "bullet"

    def _emphasised(self, p: ET.Element, props: ET.Element | None, chain: list[ET.Element]) -> bool:
        outline = [
            pr.find(W + "outlineLvl")
            for pr in [props, *(s.find(W + "pPr") for s in chain)]
            if pr is not None
        ]
        names = [_fold_name(_val(s.find(W + "name"))) for s in chain]
        if any(o is not None for o in outline) or any(_HEADING_NAME.match(n) for n in names):
            return True
        style_runs = [s.find(W + "rPr") for s in chain]
        style_mark = any(_on(r.find(W + t)) for r in style_runs if r is not None for t in "bi")
        runs = [r for r in p.iter(W + "r") if "".join(_run_text(r)).strip()]
        if not runs:
            return False
        return all(style_mark or any(_on(r.find(f"{W}rPr/{W}{t}")) for t in "bi") for r in runs)


_HEADING_NAME = re.compile(r"^(heading|tieu de|muc cap|title)")


def _fold_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _val(element: ET.Element | None) -> str:
    return (element.get(W + "val") or "") if element is not None else ""


def _blocks(parent: ET.Element):
    """Body-level paragraphs and tables in order, through content controls and custom XML."""
    for child in parent:
        if child.tag in (W + "p", W + "tbl"):
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _blocks(child)


def _text(p: ET.Element) -> str:
    return unicodedata.normalize("NFC", "".join(_walk(p)))


def _walk(element: ET.Element):
    """A paragraph's visible text: its runs, also inside hyperlinks, fields, insertions;
    never deleted revisions or text boxes anchored in it (their own paragraphs)."""
    for child in element:
        if child.tag == W + "r":
            yield from _run_text(child)
        elif child.tag not in _SKIP and child.tag != W + "p":
            yield from _walk(child)


def _run_text(run: ET.Element):
    for node in run:
        if node.tag == W + "t":
            yield node.text or ""
        elif node.tag in (W + "tab", W + "ptab"):
            yield "\t"
        elif node.tag in (W + "br", W + "cr"):
            yield "\n"
        elif node.tag == W + "noBreakHyphen":
            yield "-"
