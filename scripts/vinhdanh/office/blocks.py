"""The body of a document as plain data (paragraphs, tables), and that data as WordprocessingML.

The report and the lists decide what to say (``report``, ``lists``); this
module only presents it, through one Jinja template (``templates/blocks.xml.j2``)
with autoescape and StrictUndefined on. Every piece of text leaves through
``finalize``: normalised to NFC and stripped of characters XML cannot hold, then
escaped by autoescape, so no value can open an element. Formatting lives in the
Word template's named styles, which an administrator restyles in Word; here a
paragraph only names its style.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from vinhdanh.office.package import xml_safe
from vinhdanh.values import text_blocks

BOLD, ITALIC = "b", "i"


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


def paragraphs(text: str, style: str = "Normal") -> list[Para]:
    """Free text as paragraphs; "- " and "+ " items as the template's two list styles."""
    out = []
    for block in text_blocks(text):
        for marker, item in block:
            if item:
                out.append(Para.of({"-": LIST_DASH, "+": LIST_PLUS}.get(marker, style), item))
    return out


LIST_DASH, LIST_PLUS = "GachDauDong", "DauCong"


def document_date(day: date) -> str:
    """ "ngày 08 tháng 4 năm 2025": days below 10 and months 1–2 take a leading zero (NĐ 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _finalize(value: Any) -> Any:
    """Every value a template prints: NFC, without what XML cannot hold (autoescape escapes)."""
    if isinstance(value, Markup):  # a macro's output: XML already
        return value
    return xml_safe(value) if isinstance(value, str) else value


_ENV = Environment(
    loader=PackageLoader("vinhdanh.office", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    finalize=_finalize,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATE = _ENV.get_template("blocks.xml.j2")


def events(blocks: list[Block]) -> Iterator[tuple[str, Any]]:
    """Blocks as a flat stream the template walks in one loop (a table opens, its rows
    and cells open and close, with their paragraphs between)."""
    for block in blocks:
        if isinstance(block, Para):
            yield "p", block
            continue
        yield "table", block
        for header, rows in ((True, block.head), (False, block.rows)):
            for cells in rows:
                yield "row", header
                column = 0
                for cell in cells:
                    yield "cell", (sum(block.widths[column : column + cell.span]), cell.span)
                    column += cell.span
                    yield from (("p", p) for p in cell.paras) if cell.paras else [("empty", None)]
                    yield "end cell", None
                yield "end row", None
        yield "end table", None


def render_blocks(blocks: list[Block]) -> str:
    """WordprocessingML for a list of paragraphs and tables."""
    return _TEMPLATE.render(events=events(blocks))


def styles_used(blocks: list[Block]) -> set[str]:
    """Every paragraph style the blocks name (the template must define them all)."""
    used = set()
    for block in blocks:
        if isinstance(block, Table):
            used.update(("BangKe", "Bang"))
            for row in (*block.head, *block.rows):
                used.update(p.style for c in row for p in c.paras)
        else:
            used.add(block.style)
    return used
