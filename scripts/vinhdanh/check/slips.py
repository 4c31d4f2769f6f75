"""Values that parsed but are not what the schema wants, for a reason a person can name.

A date written ``07-03-2025`` exists; it is written in a shape the contract does
not read. ``“2025-03-05”`` is a good date inside Word's curly quotes, which YAML
takes for letters. ``lê-thị-mỹ-duyên`` is a good id with its diacritics still on.
"Hội nghị tuyên dương điển hình tiên tiến" is the label of a code pasted where
the code belongs. Each function here names such a slip and the value that was
meant; schema and rule messages say it instead of "không đúng dạng". They run
only on values that already failed a check, never on the valid path.
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from vinhdanh.values import fold, slug

# Spaces that look like a space but are not one to YAML (Word, web pages, some keyboards).
ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_NAMES = {
    "\u00a0": "dấu cách không ngắt (U+00A0)",
    "\u202f": "dấu cách hẹp không ngắt (U+202F)",
    "\u2007": "dấu cách chữ số (U+2007)",
    "\u3000": "dấu cách toàn khổ (U+3000)",
}
# Word's and phones' quotes; YAML reads them as letters, so they end up in the value.
# Compared by the first and last characters, never by a regex: a pattern with spaces on
# both sides of a lazy group takes cubic time on "“" and thousands of spaces.
_DOUBLE_OPEN, _DOUBLE_CLOSE = "“”„‟«", "“”„‟»"
_SINGLE = "‘’‚‛"
_DAY_FIRST = re.compile(r"\A([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4})\Z")
_YEAR_FIRST = re.compile(r"\A([0-9]{4})([-./])([0-9]{1,2})\2([0-9]{1,2})\Z")
_WORDS = re.compile(r"[a-z0-9]+")
NEAR_LABEL = 0.85  # folded label similarity that is a typo of the label, not another label


def space_name(char: str) -> str:
    """'dấu cách không ngắt (U+00A0)' for one of :data:`ODD_SPACE`."""
    return _SPACE_NAMES.get(char, f"dấu cách đặc biệt (U+{ord(char):04X})")


def key_slip(key: str) -> str | None:
    """What is wrong with an unknown key that is a known one with an odd space in it
    (' ho_ten' read from a line indented with U+00A0; 'ho_ten:<U+00A0>An' in braces)."""
    match = ODD_SPACE.search(key)
    if not match:
        return None
    return (
        f"có một {space_name(match.group())} chứ không phải dấu cách thường (hay gặp khi "
        "chép từ Word hoặc trang web), nên YAML đọc nhầm cả dòng thành tên trường. Hãy xoá "
        "ký tự đó và gõ lại bằng dấu cách thường"
    )


def typographic_quotes(value: str) -> tuple[str, str] | None:
    """('“…”', inner) when the whole value is wrapped in curly quotes (or ‘…’)."""
    text = value.strip()
    if len(text) < 2:
        return None
    first, last = text[0], text[-1]
    if first in _DOUBLE_OPEN and last in _DOUBLE_CLOSE:
        return "ngoặc kép cong “…”", text[1:-1].strip()
    if first in _SINGLE and last in _SINGLE:
        return "dấu nháy cong ‘…’", text[1:-1].strip()
    return None


def reshaped_date(value: str) -> date | None:
    """The day meant by a date in another shape: 07-03-2025, 7.3.2025, 2025/3/7, 2025-3-7.

    Day before month, as Vietnamese write it, when the year comes last.
    """
    match = _DAY_FIRST.match(value.strip())
    if match:
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        match = _YEAR_FIRST.match(value.strip())
        if not match:
            return None
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(fold(text)))


def code_for_label(value: str, codes: list[str], labels: list[str]) -> tuple[str, bool] | None:
    """(code, exact) when ``value`` is a code's label — as written, without diacritics or
    with a typo — rather than the code itself."""
    wanted = _words(value)
    if not wanted or not labels:
        return None
    folded = {_words(label): code for code, label in zip(codes, labels, strict=False) if label}
    if wanted in folded:
        return folded[wanted], True
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=NEAR_LABEL)
    return (folded[close[0]], False) if close else None


def pattern_slip(value: str, pattern: str, *, is_date: bool) -> tuple[str, str] | None:
    """(what is wrong, the value meant) for a text that fails ``pattern`` for a known reason;
    ``is_date``: the pattern is the schema's date pattern."""
    quoted = typographic_quotes(value)
    if quoted:
        kind, inner = quoted
        meant = inner if re.search(pattern, inner) else None
        if meant is None:
            found = pattern_slip(inner, pattern, is_date=is_date)
            meant = found[1] if found else None
        if meant is not None:
            return (
                f"được đặt trong {kind} (Word và điện thoại tự đổi dấu ngoặc khi gõ); YAML "
                "coi chúng là chữ nên chúng thành một phần của giá trị. Hãy viết "
                f'{meant} (bỏ hai dấu đó, hoặc thay bằng ngoặc kép thẳng "…")',
                meant,
            )
    if is_date:
        day = reshaped_date(value)
        if day is None or not re.search(pattern, day.isoformat()):
            return None
        return (
            "là một ngày có thật nhưng viết sai dạng. Hãy viết "
            f"{day.isoformat()} (năm-tháng-ngày) hoặc {day:%d/%m/%Y}",
            day.isoformat(),
        )
    meant = slug(value)
    if meant and meant != value and re.search(pattern, meant) and not re.search(pattern, value):
        accented = fold(value) != value.casefold()
        why = "có chữ có dấu" if accented else "có chữ hoa, dấu cách hoặc ký tự khác"
        return (
            f"{why}: mã chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang. Hãy viết {meant}",
            meant,
        )
    return None


def enum_slip(value: object, codes: list[str], labels: list[str]) -> tuple[str, bool] | None:
    """(what to say, decisive) for a value that is not a code but says which one was meant:
    a code in curly quotes, a code's label (decisive), or a label with a typo (a guess)."""
    if not isinstance(value, str):
        return None
    quoted = typographic_quotes(value)
    if quoted and quoted[1] in codes:
        return (
            f"được đặt trong {quoted[0]} (Word và điện thoại tự đổi dấu ngoặc khi gõ); YAML "
            "coi chúng là chữ nên giá trị không còn là mã. Hãy bỏ hai dấu đó: "
            f"{quoted[1]}",
            True,
        )
    found = code_for_label(value, codes, labels)
    if found is None:
        return None
    code, exact = found
    if exact:
        return f"là tên gọi của mã {code}; ở đây cần viết mã: {code}", True
    label = labels[codes.index(code)]
    return f"Có phải ý bạn là '{code}' ({label})?", False
