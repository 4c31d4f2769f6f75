"""Reading the two value formats the contract allows in text: dates and money.

Shared by validation (to report impossible values) and the model (to type them).
"""

from __future__ import annotations

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


def format_money(value: int) -> str:
    """``1200000000`` → ``1.200.000.000`` (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def fold(text: str) -> str:
    """Lower-case ASCII skeleton of Vietnamese text: 'Nguyễn Đức' → 'nguyen duc'.

    Used to match what people type without diacritics (search, suggestions).
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def escape_markdown(text: str) -> str:
    """User text as literal Markdown: no markup, link, HTML or table cell can come from it.

    The one escaping helper for Markdown; line breaks become spaces so text
    cannot start a new block.
    """
    flat = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
