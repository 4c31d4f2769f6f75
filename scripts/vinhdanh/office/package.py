"""A Word template (.docx) an administrator restyles, filled fast, thousands of times.

The template is an ordinary .docx: its styles, page setup, page-number header,
letterhead and signature block are whatever the file holds, so changing a font,
a margin or a line of the letterhead needs Word, not Python. Its body marks
where values go with ``{{ name }}``:

- inside a paragraph, ``{{ name }}`` is replaced by text, in the formatting of
  the run where the mark begins (Word may split a mark over several runs, with
  spell-check marks between them: the paragraph's text is read whole);
- a paragraph holding only ``{{ name }}`` of a *block* is replaced by the
  block's paragraphs and tables (the report's body, its appendix, a list).

Marks are filled in the body, text boxes included; a template with a mark in a
header, a footer or a note is refused (it would be printed as typed).

A template is read once: its ``document.xml`` becomes static XML pieces and
slots, and every other part of the package is compressed once. Each document
then costs one string join and one compression (``fill``). The XML is handled
as text, never re-serialised, so namespaces and markup Word needs (``mc:``
compatibility, revision ids) pass through untouched.
"""

from __future__ import annotations

import re
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from vinhdanh.errors import ProjectError

BODY = "word/document.xml"
STYLES = "word/styles.xml"

# An innermost paragraph: one in a text box is read on its own, its anchor left as it is.
_PARAGRAPH = re.compile(r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>|<w:p/>", re.S)
_RUN = re.compile(r"<w:r[ >].*?</w:r>", re.S)
# Properties may hold the formatting they had before a tracked change (Track Changes
# on while the template was edited), itself a w:rPr or w:pPr: matched whole, dropped.
_CHANGE = re.compile(
    r"<w:(rPrChange|pPrChange)\b.*?</w:\1>|<w:(?:rPrChange|pPrChange)\b[^>]*/>", re.S
)
_RUN_PROPS = re.compile(r"<w:rPr>(?:<w:rPrChange\b.*?</w:rPrChange>|.)*?</w:rPr>|<w:rPr/>", re.S)
_PARA_PROPS = re.compile(
    r"^<w:p(?: [^>]*)?>\s*(<w:pPr>(?:<w:pPrChange\b.*?</w:pPrChange>|.)*?</w:pPr>|<w:pPr/>)?",
    re.S,
)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>|<w:t/>|<w:tab/>|<w:br/>|<w:cr/>", re.S)
_SPECIAL = {"<w:tab/>": "\t", "<w:br/>": "\n", "<w:cr/>": "\n"}
_MARK = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")  # any name: a mistyped one is refused
_STYLE_ID = re.compile(r'w:styleId="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")
_ELSEWHERE = re.compile(r"word/(header|footer|footnotes|endnotes)\d*\.xml")


@dataclass(frozen=True)
class Slot:
    name: str
    run_props: str  # the formatting of an inline value; "" for a block


@dataclass(frozen=True)
class _Entry:
    name: str
    data: bytes  # raw deflate stream, or the bytes as they are (stored)
    crc: int
    size: int
    method: int


class WordTemplate:
    """A .docx read once; ``fill`` makes a document of it."""

    def __init__(self, path: Path, inline: frozenset[str], blocks: frozenset[str]) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
                parts = {name: archive.read(name) for name in names}
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise ProjectError(
                f"Không đọc được mẫu văn bản {path} ({exc}). Hãy mở và lưu lại bằng Word "
                "dạng .docx, hoặc lấy lại tệp mẫu từ kho."
            ) from None
        if BODY not in parts:
            raise ProjectError(f"Mẫu văn bản {path} không phải tệp Word .docx (thiếu {BODY}).")
        _refuse_marks_elsewhere(parts, path)
        self.pieces = _compile(parts[BODY].decode("utf-8"), path, inline, blocks)
        self.text_width = _text_width(parts[BODY].decode("utf-8"))
        self.style_names = _style_names(parts.get(STYLES, b"").decode("utf-8"))
        self.marks = frozenset(p.name for p in self.pieces if isinstance(p, Slot))
        if blocks - self.marks:  # a document's whole content would silently be missing
            raise ProjectError(
                f"Mẫu văn bản {path} thiếu chỗ điền "
                + ", ".join("{{ " + m + " }}" for m in sorted(blocks - self.marks))
                + ", nơi vinhdanh đặt nội dung văn bản. Hãy gõ lại chỗ điền này trên một dòng "
                "riêng, hoặc lấy lại tệp mẫu từ kho."
            )
        self._order = names
        self._static = {n: _compressed(n, d) for n, d in parts.items() if n != BODY}

    def style_ids_for(self, styles: Mapping[str, str]) -> dict[str, str]:
        """The template's id for each style a body names (``styles``: id → name), where it
        differs: a style is found by its id or else by its name, since LibreOffice, saving
        a .docx, renames each id after the style's name ("Mục cấp 1" → "Mccp1").
        Refuses a template that has neither, naming the styles it lacks."""
        by_name = {_folded(name): sid for sid, name in self.style_names.items()}
        found, missing = {}, []
        for sid, name in styles.items():
            if sid not in self.style_names:
                if _folded(name) in by_name:
                    found[sid] = by_name[_folded(name)]
                else:
                    missing.append(f"{sid} ({name})")
        if missing:
            raise ProjectError(
                f"Mẫu văn bản {self.path} thiếu kiểu chữ (style) {', '.join(sorted(missing))}, "
                "là kiểu vinhdanh dùng cho nội dung. Hãy lấy lại tệp mẫu từ kho, hoặc tạo "
                "các kiểu có đúng tên đó trong Word (Styles → New Style)."
            )
        return found

    def fill(self, values: Mapping[str, str], blocks: Mapping[str, str]) -> bytes:
        """The document: inline ``values`` as text (escaped here), ``blocks`` as XML."""
        out = []
        for piece in self.pieces:
            if isinstance(piece, str):
                out.append(piece)
            elif piece.run_props or piece.name in values:
                out.append(text_run(values.get(piece.name, ""), piece.run_props))
            else:
                out.append(blocks.get(piece.name, ""))
        entries = [
            _compressed(BODY, "".join(out).encode("utf-8"), level=1)
            if n == BODY
            else self._static[n]
            for n in self._order
        ]
        return _zip(entries)


_STYLE = re.compile(r"<w:style [^>]*/>|<w:style [^>]*>.*?</w:style>", re.S)
_STYLE_NAME = re.compile(r'<w:name w:val="([^"]*)"')


def _style_names(xml: str) -> dict[str, str]:
    """Each style of ``styles.xml``: id → name as Word shows it (the id if unnamed)."""
    out = {}
    for style in _STYLE.findall(xml):
        sid = _STYLE_ID.search(style)
        if sid:
            name = _STYLE_NAME.search(style)
            out[sid.group(1)] = unescape(name.group(1)) if name else sid.group(1)
    return out


_SECTIONS = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)


def _text_width(xml: str) -> int | None:
    """The width between the margins, in twips, of the template's narrowest section (a
    body table fits wherever it lands); None if the template does not say."""
    widths = [w for w in map(_section_width, _SECTIONS.findall(xml)) if w > 0]
    return min(widths) if widths else None


def _section_width(section: str) -> int:
    def twips(element: str, name: str) -> int:
        found = re.search(rf"<w:{element}\b[^>]*\bw:{name}=\"(\d+)\"", section)
        return int(found.group(1)) if found else 0

    page = twips("pgSz", "w")
    return page - twips("pgMar", "left") - twips("pgMar", "right") - twips("pgMar", "gutter")


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def text_run(text: str, run_props: str = "") -> str:
    """One run of text, escaped; line breaks and tabs inside it become Word's."""
    body = "<w:br/>".join(
        "<w:tab/>".join(
            f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>' for piece in line.split("\t")
        )
        for line in text.split("\n")
    )
    return f"<w:r>{run_props}{body}</w:r>"


# Characters XML 1.0 cannot hold at all (validation refuses them in submissions).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text in NFC, each character XML cannot hold replaced by U+FFFD (not yet escaped)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _NOT_XML.sub("\ufffd", text)


def xml_text(text: str) -> str:
    """Text for an XML element: NFC, escaped, and without characters XML cannot hold."""
    return xml_safe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _refuse_marks_elsewhere(parts: Mapping[str, bytes], path: Path) -> None:
    """Marks are filled in the body only: one in a header, a footer or a note would be
    printed as typed on every document, so the template is refused, naming it."""
    found = sorted(
        {
            "{{ " + mark + " }}"
            for name, data in parts.items()
            if _ELSEWHERE.fullmatch(name)
            for mark in _MARK.findall(unescape(_TAG.sub("", data.decode("utf-8"))))
        }
    )
    if found:
        raise ProjectError(
            f"Mẫu văn bản {path} có chỗ điền {', '.join(found)} ở đầu trang, chân trang hoặc "
            "chú thích; vinhdanh chỉ điền chỗ điền trong thân văn bản. Hãy chuyển chỗ điền "
            "vào thân văn bản hoặc xoá đi."
        )


def _compile(
    xml: str, path: Path, inline: frozenset[str], blocks: frozenset[str]
) -> list[str | Slot]:
    """``document.xml`` as static pieces and slots; unknown marks are refused by name."""
    pieces: list[str | Slot] = []
    unknown: set[str] = set()
    misplaced: set[str] = set()
    at = 0
    for match in _PARAGRAPH.finditer(xml):
        paragraph = match.group()
        if "{{" not in paragraph:
            continue
        runs = _runs(paragraph)
        text = "".join(t for t, _, _ in runs)
        marks = _MARK.findall(text)
        if not marks:
            continue
        unknown.update(m for m in marks if m not in inline | blocks)
        pieces.append(xml[at : match.start()])
        at = match.end()
        if len(marks) == 1 and marks[0] in blocks and _MARK.fullmatch(text.strip()):
            pieces += _block_slot(paragraph, marks[0])
            continue
        misplaced.update(m for m in marks if m in blocks)
        pieces.extend(_paragraph(paragraph, runs, text))
    pieces.append(xml[at:])
    if misplaced:
        raise ProjectError(
            f"Mẫu văn bản {path}: "
            + ", ".join("{{ " + m + " }}" for m in sorted(misplaced))
            + " phải đứng một mình trong một đoạn (dòng) riêng, không kèm chữ hay chỗ điền "
            "khác, vì ở đó vinhdanh đặt cả nhiều đoạn và bảng. Hãy tách ra một dòng riêng."
        )
    if unknown:
        raise ProjectError(
            f"Mẫu văn bản {path} có chỗ điền không biết: "
            + ", ".join("{{ " + m + " }}" for m in sorted(unknown))
            + ". Chỗ điền được dùng: "
            + ", ".join("{{ " + m + " }}" for m in sorted(inline | blocks))
            + "."
        )
    return [p for p in pieces if p != ""]


_BREAK = re.compile(r'<w:br w:type="(?:page|column)"[^>]*/>')
_SECTION = re.compile(r"<w:sectPr\b.*?</w:sectPr>|<w:sectPr\b[^>]*/>", re.S)


def _block_slot(paragraph: str, name: str) -> list[str | Slot]:
    """A block's slot, with what the paragraph of its mark holds besides the mark: a page
    break typed before it (Ctrl+Enter) in a paragraph before the block, a section break
    ending it (its properties hold the section's page setup) in an empty one after."""
    head = _PARA_PROPS.match(paragraph)
    props = _CHANGE.sub("", head.group(1) or "" if head else "")
    pieces: list[str | Slot] = [Slot(name, "")]
    breaks = _BREAK.findall(paragraph)
    if breaks:
        pieces.insert(0, f"<w:p>{_SECTION.sub('', props)}<w:r>{''.join(breaks)}</w:r></w:p>")
    if _SECTION.search(props):
        pieces.append(f"<w:p>{props}</w:p>")
    return pieces


_RUN_FRAME = re.compile(r"<w:r(?: [^>]*)?>|</w:r>|<w:lastRenderedPageBreak/>|\s")


def _runs(paragraph: str) -> list[tuple[str, str, str]]:
    """(text, formatting, the run itself) of each run of a paragraph, in order."""
    runs = []
    for run in _RUN.findall(paragraph):
        props = _RUN_PROPS.search(run)
        text = "".join(
            _SPECIAL.get(t.group()) or unescape(t.group(1) or "") for t in _TEXT.finditer(run)
        )
        runs.append((text, _CHANGE.sub("", props.group()) if props else "", run))
    return runs


def _anchors(runs: list[tuple[str, str, str]]) -> dict[int, list[str]]:
    """Runs without text that show something (a picture, a field's code, a page break, a
    symbol), by the place in the paragraph's text where they stand: kept as they are."""
    anchors: dict[int, list[str]] = {}
    at = 0
    for text, _, run in runs:
        if not text and _RUN_FRAME.sub("", _RUN_PROPS.sub("", run)):
            anchors.setdefault(at, []).append(run)
        at += len(text)
    return anchors


def _paragraph(paragraph: str, runs: list[tuple[str, str, str]], text: str) -> list[str | Slot]:
    """A paragraph with inline marks, rebuilt: its properties kept, each piece of text
    in the formatting of the run it starts in, each mark a slot, and runs that show
    something other than text (``_anchors``) where they were (dropped inside a mark)."""
    props = [p for t, p, _ in runs for _ in t]
    anchors = _anchors(runs)
    marks = {m.start(): m for m in _MARK.finditer(text)}
    cuts = sorted({0, len(text), *anchors, *marks, *(m.end() for m in marks.values())})
    head = _PARA_PROPS.match(paragraph)
    pieces: list[str | Slot] = ["<w:p>" + _CHANGE.sub("", head.group(1) or "" if head else "")]
    at = 0
    for here, after in zip(cuts, [*cuts[1:], len(text)], strict=True):
        if here < at:
            continue  # inside a mark
        pieces.extend(anchors.get(here, ()))
        if here in marks:
            pieces.append(Slot(marks[here].group(1), props[here] or "<w:rPr/>"))
            at = marks[here].end()
        elif after > here:
            pieces.append(text_run(text[here:after], props[here]))
    pieces.append("</w:p>")
    return pieces


def _compressed(name: str, data: bytes, level: int = 6) -> _Entry:
    """An entry, deflated (raw). A document's body uses level 1: half the time of
    level 6 for a quarter more bytes (3.5 instead of 2.8 KiB for a unit's report)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    deflated = packer.compress(data) + packer.flush()
    if len(deflated) < len(data):
        return _Entry(name, deflated, zlib.crc32(data), len(data), zipfile.ZIP_DEFLATED)
    return _Entry(name, data, zlib.crc32(data), len(data), zipfile.ZIP_STORED)


_DOS_TIME, _DOS_DATE = 0, (2025 - 1980) << 9 | 1 << 5 | 1  # 01/01/2025: no build date leaks
_UTF8_NAMES = 0x800


def _zip(entries: list[_Entry]) -> bytes:
    """A zip archive of already-compressed entries (what ``zipfile`` cannot take)."""
    out, central, offset = [], [], 0
    for e in entries:
        name = e.name.encode("utf-8")
        fields = (20, _UTF8_NAMES, e.method, _DOS_TIME, _DOS_DATE, e.crc, len(e.data), e.size)
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, len(name), 0) + name
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, len(name), 0, 0, 0, 0, 0, offset
            )
            + name
        )
        out += [local, e.data]
        offset += len(local) + len(e.data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0
    )
    return b"".join(out) + directory + end
