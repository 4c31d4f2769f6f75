"""Reading the two value formats the contract allows in text: dates and money.

Shared by validation (to report impossible values) and the model (to type them).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from typing import Any

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_VN = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\Z")
_MONEY = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*\Z")


def parse_date(text: str) -> date | None:
    """``YYYY-MM-DD`` or ``DD/MM/YYYY`` to a date; None if no such day exists."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_shaped(text: str) -> bool:
    """Written in one of the two date shapes the contract reads (the day may not exist)."""
    return bool(_ISO.match(text) or _VN.match(text))


def format_date(value: date) -> str:
    """Dates are shown the Vietnamese way: DD/MM/YYYY."""
    return value.strftime("%d/%m/%Y")


def parse_money(value: int | str) -> int | None:
    """VND as an int from ``350000000`` or ``"350.000.000"``; None if neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and _MONEY.match(value):
        return int(value.replace(".", ""))
    return None


def text_blocks(text: str) -> list[list[tuple[str, str]]]:
    """Free text as blocks: a paragraph ``[("", text)]`` or a list ``[(marker, item), …]``.

    Blocks are separated by blank lines. A block whose every line starts with
    "- " or "+ " is a list (the report template's two markers, kept per item);
    any other block is one paragraph, its lines joined. Nothing else of the
    text is structure: the site, the .docx report and its reader agree on this.
    """
    blocks = []
    for paragraph in str(text).strip().split("\n\n"):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(line[:2] in ("- ", "+ ") for line in lines):
            blocks.append([(line[0], line[2:].strip()) for line in lines])
        else:
            blocks.append([("", " ".join(lines))])
    return blocks


def value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at a path of mapping keys, or None where the data has another shape
    (an unfinished or invalid file): for reading, never for checking."""
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def format_money(value: int) -> str:
    """``1200000000`` → ``1.200.000.000`` (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def percent(value: float) -> str:
    """Vietnamese decimal comma: 66.7 → '66,7 %'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + " %"


def fold(text: str) -> str:
    """Lower-case ASCII skeleton of Vietnamese text: 'Nguyễn Đức' → 'nguyen duc'.

    Used to match what people type without diacritics (search, suggestions).
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """'Lê Thị Mỹ Duyên' → 'le-thi-my-duyen': a code as the schema's pattern allows.

    Shared by the workbook reader (codes made from names) and the messages that
    suggest an id for one written with diacritics.
    """
    return _SLUG_DROP.sub("-", fold(unicodedata.normalize("NFC", text))).strip("-")[:64].strip("-")


def show_value(value: Any, limit: int = 60) -> str:
    """User text made safe to quote in a one-line message.

    Invisible and control characters (a newline could forge another finding
    line; U+202E could reverse the text) are shown as ``<U+XXXX>``; long text
    is cut.
    """
    if value is None:
        return "(để trống)"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "".join(c if c.isprintable() else f"<U+{ord(c):04X}>" for c in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Characters that start Markdown or HTML markup, written as numeric character
# references: every Markdown renderer (Python-Markdown, GitHub's) shows them as
# the character itself and parses no markup from them — unlike backslash
# escapes, which Python-Markdown does not honour for "|" or "<".
_MARKUP = {c: f"&#{ord(c)};" for c in "&<>\\`*_{}[]()#!|~"}
_MARKUP_CHARS = re.compile("[" + re.escape("".join(_MARKUP)) + "]")


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: no markup, link, HTML or table cell can come from it.

    The one escaping helper for Markdown. Line breaks become spaces so the
    text cannot start a new block (a heading, a list, a table row).
    """
    flat = " ".join(str(text).split())
    return _MARKUP_CHARS.sub(lambda m: _MARKUP[m.group()], flat)


# Vietnamese letter order (with f j w z where Latin puts them, for foreign names);
# tones compared only after the letters of the whole word, in dictionary order:
# ngang, huyền, hỏi, ngã, sắc, nặng.
_ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SHAPES = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: new letters, not tones
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@functools.lru_cache(maxsize=1 << 16)  # names reuse few syllables: most words are hits
def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if char in _TONES:
            tones[-1:] = [_TONES[char]] if tones else []
        elif char in _SHAPES and letters:
            base = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            shaped = unicodedata.normalize("NFC", base + char)
            letters[-1] = _RANK.get(shaped, letters[-1])
        elif char in _RANK:
            letters.append(_RANK[char])
            tones.append(0)
        elif not unicodedata.combining(char):
            letters.append(len(_ALPHABET) + ord(char))  # digits, other scripts: after z
            tones.append(0)
    return tuple(letters), tuple(tones), word


def vietnamese_name_key(name: str) -> tuple:
    """Sort key for a Vietnamese full name: given name, then middle names, then family name.

    "Nguyễn Văn An" sorts under "An"; letters follow the Vietnamese alphabet
    (a ă â b c d đ e ê …), and tones break ties in dictionary order, so code
    point order (which puts "Đ" after "Z") is never used.
    """
    words = name.split()
    if not words:
        return ((), name)
    ordered = [words[-1], *words[1:-1], words[0]] if len(words) > 1 else words
    return (tuple(_word_key(w)[:2] for w in ordered), name)


def vietnamese_text_key(text: str) -> tuple:
    """Sort key for other text (a collective's name): words in their own order."""
    return (tuple(_word_key(w)[:2] for w in text.split()), text)
