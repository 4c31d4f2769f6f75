"""One workbook cell read as the value the schema wants, the way a person wrote it.

A cell holds what Excel kept: text, a number (always a float in some files), a
true/false, or a date (a year typed into a date-formatted cell comes back as a
day of 1905). Each column kind accepts the forms people use — "Nữ" or "nu",
"Có"/"x", "350.000.000 đ", "2022, 2023" — and anything else raises
:class:`Problem` with a Vietnamese sentence saying how to write it.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from vinhdanh.check.schema_messages import suggest
from vinhdanh.office.layout import (
    BOOL,
    CHOICE,
    CHOICES,
    COUNT,
    DATE,
    ID,
    LINES,
    LONG,
    MONEY,
    YEAR,
    YEARS,
    Field,
)
from vinhdanh.project import Vocabulary
from vinhdanh.values import fold, format_money, show_value

TICKS = frozenset({"x", "v", "\u2713", "\u2714"})  # a column of ticks leaves "no" empty
YES = frozenset({"co", "1", "true", "dung", "phai", "yes", *TICKS})
NO = frozenset({"khong", "0", "false", "sai", "no", "-"})
EXCEL_EPOCH = datetime(1899, 12, 30)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_NUMBER = re.compile(r"[0-9]{1,3}(?:([.,  ])[0-9]{3})*\Z|[0-9]+\Z")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnđ|vnd|₫)\.?\s*\Z", re.IGNORECASE)
_WORDS = re.compile(r"[a-z0-9]+")
_FILLER = frozenset({"va", "cua", "cac", "so", "trong", "do", "tu", "ghi", "dong", "neu", "co"})


# Short forms officials use in headers ("Trực tiếp SX", "Số QĐ").
ABBREVIATIONS = {"sx": "san xuat", "qd": "quyet dinh", "dv": "don vi", "cn": "cong nhan"}
MATCHED = 0.7
HEADER_LENGTH = 256  # characters: a column's title is a few words
SPELLING = 0.85  # similarity of a header misspelling its column's title
SPELLING_FROM = 8  # letters: shorter names must be written exactly (without marks)


def words(text: Any) -> list[str]:
    """The words of a text, lower-case and unaccented, short forms spelled out."""
    return list(_words(str(text or "")))


@functools.lru_cache(maxsize=1 << 14)  # header cells are scored against every title
def _words(text: str) -> tuple[str, ...]:
    words = _WORDS.findall(fold(unicodedata.normalize("NFC", text)))
    return tuple(" ".join(ABBREVIATIONS.get(w, w) for w in words).split())


def _strong(words: list[str]) -> list[str]:
    return [w for w in words if w not in _FILLER] or words


def match_score(header: Any, title: str) -> float:
    """How well a header cell names a column, 0 to 1, ignoring case, marks and small words.

    Equal words score 1; a header whose words are all in the title and cover at
    least half of it ("Thành tích" for "Thành tích tiêu biểu") scores from 0.7;
    otherwise near-equal spelling ("Ho va ten" for "Họ và tên") by similarity.
    """
    if isinstance(header, str) and len(header) > HEADER_LENGTH:
        return 0.0  # a paragraph is no column's title (and a shared string may be megabytes)
    said, wanted = _strong(words(header)), _strong(words(title))
    if not said:
        return 0.0
    if said == wanted:
        return 1.0
    coverage = len(set(said) & set(wanted)) / len(set(wanted))
    if set(said) <= set(wanted) and coverage >= 0.5:
        return 0.5 + 0.4 * coverage
    said_text, wanted_text = " ".join(said), " ".join(wanted)
    if min(len(said_text), len(wanted_text)) < SPELLING_FROM:
        return 0.0  # "Name" is not "Nam": short words are told apart exactly
    matcher = difflib.SequenceMatcher(None, said_text, wanted_text)
    if matcher.real_quick_ratio() < SPELLING or matcher.quick_ratio() < SPELLING:
        return 0.0  # cheap upper bounds first: a sheet holds thousands of cells to try
    ratio = matcher.ratio()
    return ratio if ratio >= SPELLING else 0.0


class Problem(Exception):
    """A cell that cannot be read as its column asks; the message says how to write it."""


def clean_text(raw: Any, *, long: bool = False) -> str:
    """Text in NFC; stray and non-breaking spaces gone; a long text keeps its lines."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = unicodedata.normalize("NFC", str(raw)).replace("\r\n", "\n").replace("\r", "\n")
    if not long:
        return _SPACES.sub(" ", " ".join(text.split("\n"))).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _whole(raw: Any, what: str, example: str) -> int:
    """An integer from a number, a date cell (Excel's day count) or text with separators."""
    if isinstance(raw, bool):
        raise Problem(f"cần {what}, không phải Có/Không. Hãy viết như {example}.")
    if isinstance(raw, datetime | date):
        moment = raw if isinstance(raw, datetime) else datetime(raw.year, raw.month, raw.day)
        return (moment - EXCEL_EPOCH).days
    if isinstance(raw, int | float):
        if isinstance(raw, float) and not raw.is_integer():
            raise Problem(f"'{show_value(raw)}' có phần lẻ; cần {what}, ví dụ {example}.")
        return int(raw)
    text = _CURRENCY.sub("", clean_text(raw))
    match = _NUMBER.match(text)
    if not match:
        raise Problem(f"'{show_value(raw)}' không phải {what}. Hãy viết như {example}.")
    return int(re.sub(r"[.,  ]", "", text))


def _year(raw: Any) -> int:
    if isinstance(raw, datetime | date) and raw.year >= 1945:
        return raw.year  # a real date in a year column: its year
    return _whole(raw, "một năm", "2024")


def _label(raw: Any, field: Field, vocab: Vocabulary) -> str:
    """A vocabulary's code from its label or its code, without case or diacritics."""
    labels = vocab[field.vocabulary or ""]
    text = clean_text(raw)
    wanted = fold(text)
    for code, label in labels.items():
        if wanted in (fold(label), fold(code)):
            return code
    scores = sorted(
        ((match_score(text, label), code) for code, label in labels.items()), reverse=True
    )
    if scores and scores[0][0] >= MATCHED and (len(scores) == 1 or scores[1][0] < scores[0][0]):
        return scores[0][1]  # "Bằng khen Thủ tướng" for "Bằng khen của Thủ tướng Chính phủ"
    raise Problem(
        f"'{show_value(text)}' không có trong danh sách.{suggest(text, list(labels.values()))} "
        "Hãy chọn một trong: " + "; ".join(labels.values()) + "."
    )


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = fold(clean_text(raw))
    if word in YES:
        return True
    if word in NO:
        return False
    raise Problem(f"'{show_value(raw)}' không phải Có hay Không. Hãy chọn Có hoặc Không.")


def _years(raw: Any) -> list[int]:
    if isinstance(raw, int | float | datetime | date) and not isinstance(raw, bool):
        return [_year(raw)]
    parts = [p for p in re.split(r"[,;/\s]+", clean_text(raw)) if p]
    if not parts or not all(p.isdigit() for p in parts):
        raise Problem(f"'{show_value(raw)}' không phải các năm. Hãy viết như 2022, 2023.")
    return [int(p) for p in parts]


def read_cell(field: Field, raw: Any, vocab: Vocabulary) -> Any:
    """The value of a filled cell for its column; the schema then checks the value."""
    kind = field.kind
    if kind == MONEY:  # written back as "1.250.000.000": what a reviewer reads at a glance
        amount = _whole(raw, "một số nguyên", "350000000")
        return format_money(amount) if amount >= 1000 else amount
    if kind in (COUNT, YEAR):
        value = _year(raw) if kind == YEAR else _whole(raw, "một số nguyên", "25")
        low, high = field.bounds or (value, value)
        if not low <= value <= high:
            what = "năm" if kind == YEAR else "số"
            raise Problem(f"'{show_value(raw)}' không phải {what} từ {low} đến {high}.")
        return value
    if kind == BOOL:
        return _boolean(raw)
    if kind == CHOICE:
        return _label(raw, field, vocab)
    if kind == CHOICES:
        parts = [p for p in re.split(r"[;\n]", clean_text(raw, long=True)) if p.strip()]
        return [_label(p, field, vocab) for p in parts]
    if kind == YEARS:
        return _years(raw)
    if kind == LINES:
        return [line for line in clean_text(raw, long=True).split("\n") if line]
    if kind == LONG:
        return clean_text(raw, long=True)
    if kind == DATE and isinstance(raw, datetime | date):
        return raw.strftime("%Y-%m-%d")  # a date cell: the schema's first form
    if kind == ID:
        return clean_text(raw)
    return clean_text(raw)


def differs(name: Any, owner: dict[str, Any]) -> bool:
    """A name written beside a code that belongs to someone else (a reference has none)."""
    own = owner.get("ho_ten") or owner.get("ten")
    return bool(words(name)) and bool(own) and words(name) != words(own)
