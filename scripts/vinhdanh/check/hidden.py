"""Hidden characters (SPEC §9.2): found in one regex pass, placed at their own column.

A zero-width space makes "Nguyễn Văn<U+200B> An" a different person from
"Nguyễn Văn An"; a bidi control makes text read backwards; a NUL byte stops
libyaml with an English message at 1:1. Each becomes a ``ky-tu-an`` finding at
the character itself, shown as ``<U+200B>``, never as the raw character.
"""

from __future__ import annotations

import re
from typing import Any

from vinhdanh.check.findings import ERROR, Finding

Position = tuple[int, int]

# Hidden characters (SPEC §9.2): C0/C1 controls, bidi controls, zero-width characters.
# Tab and newline are text only in block scalars (after | or >); elsewhere they are hidden.
# SPEC's list, plus the other invisible format characters that could make a second
# "Nguyễn Văn An" the same way (U+200E/U+200F and U+061C are bidi marks, U+00AD a soft
# hyphen, U+E0000… tags). All but ``_BLANK`` are unprintable for str.isprintable(), the
# loader's cheap first test; ``_BLANK`` has its own (tested).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = (
    "\u00ad\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Printable for str.isprintable() yet blank on screen: the combining grapheme joiner,
# Hangul fillers, Khmer/Mongolian invisible signs, the Braille blank. Variation selectors
# (U+FE00–U+FE0F) are not errors, as emoji carry them, but names are compared without them.
_BLANK = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\uffa0\U000e0100-\U000e01ef"
_INVISIBLE = _BIDI + _ZERO_WIDTH + _BLANK
BLANK = re.compile(f"[{_BLANK}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")
# Letters of another script that look like Latin ones (Cyrillic А, Greek Ο, fullwidth Ａ)
# inside a Latin word, and mathematical letters (𝐀) anywhere: "Nguyễn Văn Аn" would be a
# second Nguyễn Văn An to every comparison. ``FOREIGN`` is the cheap first test.
_OTHER_SCRIPT = "\u0370-\u03ff\u0400-\u052f\uff21-\uff3a\uff41-\uff5a"
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_MATH = "\U0001d400-\U0001d7ff"
FOREIGN = re.compile(f"[{_OTHER_SCRIPT}{_MATH}]")
MIXED = re.compile(f"[{_MATH}]|(?<=[{_LATIN}])[{_OTHER_SCRIPT}]|[{_OTHER_SCRIPT}](?=[{_LATIN}])")
# For comparing names: the look-alikes above as the Latin letters they imitate.
CONFUSABLES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕԁΑΒΕΖΗΙΚΜΝΟΡΤΥΧοντ",
    "ABEKMHOPCTXaeopcyxijsdABEZHIKMNOPTYXovt",
)
HIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
# U+00D0/U+00F0 (Icelandic eth) look exactly like Vietnamese Đ/đ (U+0110/U+0111).
LOOKALIKE = re.compile("[\u00d0\u00f0]")
# Hidden and not white space, and variation selectors: dropped when comparing names.
SILENT = re.compile(f"[{_INVISIBLE}\ufe00-\ufe0f]")
HIDDEN_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# What libyaml refuses outright (or, for U+0085, reads as a line break): found in the
# text before parsing, so the finding names the character and its place.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks only libyaml sees: U+2028, U+2029 and a CR not before LF end a line for it
# but not for Git or GitHub, so every later line would be reported one too far down.
SHIFTING = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_REFUSED = re.compile(f"{_UNREADABLE.pattern}|{SHIFTING.pattern}")
_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")
_SHORT_ESCAPES = {0: "0", 7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 27: "e"}
_SHORT_ESCAPES[0x85] = "N"
_MAX_HIDDEN = 20  # findings per text; the first ones are enough to act on
MAX_HIDDEN_PER_FILE = 100


def unreadable(text: str, file: str) -> list[Finding]:
    """Characters libyaml would refuse with an unplaced English message, each at its place.

    One regex pass over the whole text; on a clean file (nearly all) it finds nothing.
    """
    findings = []
    for match in _REFUSED.finditer(text):
        at = match.start()  # counted by LF alone, as Git and GitHub count lines
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        message = hidden_message(match.group())
        findings.append(Finding(file, line, column, "ky-tu-an", ERROR, message))
        if len(findings) == _MAX_HIDDEN:
            break
    return findings


def position(text: str, start: int, at: Position, index: int) -> Position:
    """Line and column of ``text[index]``, counted from ``start`` which is at ``at``.

    Line breaks are counted the way libyaml counts them, so positions agree with its marks.
    """
    breaks = list(_BREAKS.finditer(text, start, index))
    if not breaks:
        return at[0], at[1] + index - start
    return at[0] + len(breaks), index - breaks[-1].end() + 1


def hidden_findings(
    text: str, event: Any, raw: str, pattern: re.Pattern[str], file: str
) -> list[Finding]:
    """One ``ky-tu-an`` finding per hidden character of a scalar, at the character itself.

    The character is looked up in the scalar's own source text, as written or as a
    ``\\u…`` escape; if neither is there (a blank line folded into a newline), the
    finding stands at the start of the scalar.
    """
    start = event.start_mark
    begin, at = start.index, (start.line + 1, start.column + 1)
    source = text[begin : event.end_mark.index]
    findings = []
    cursor, counted, counted_at = 0, begin, at  # positions are counted on from the last one
    for match in pattern.finditer(raw):
        char = match.group()
        found = _escape_or_char(char).search(source, cursor)
        if found is None:
            line, column = at
        else:
            cursor = found.end()
            line, column = counted_at = position(text, counted, counted_at, begin + found.start())
            counted = begin + found.start()
        findings.append(Finding(file, line, column, "ky-tu-an", ERROR, hidden_message(char)))
        if len(findings) == _MAX_HIDDEN:
            break
    return findings


def _escape_or_char(char: str) -> re.Pattern[str]:
    code = ord(char)
    forms = [re.escape(char), f"\\\\x{code:02x}", f"\\\\u{code:04x}", f"\\\\U{code:08x}"]
    if code in _SHORT_ESCAPES:
        forms.append(re.escape("\\" + _SHORT_ESCAPES[code]))
    if code > 0xFF:
        forms.remove(f"\\\\x{code:02x}")
    return re.compile("|".join(forms), re.IGNORECASE)


def hidden_message(char: str) -> str:
    code = ord(char)
    shown = f"<U+{code:04X}>"
    if char in "\u00d0\u00f0":
        return (
            f"Văn bản có chữ {char} ({shown}, chữ eth của tiếng Iceland) trông giống Đ/đ tiếng "
            "Việt (U+0110/U+0111) nhưng là chữ khác, nên tên viết bằng nó không khớp khi tìm "
            "kiếm hay so trùng. Hãy xoá chữ này và gõ lại Đ/đ bằng bộ gõ tiếng Việt."
        )
    if FOREIGN.match(char):
        return (
            f"Văn bản có chữ {char} ({shown}) của bảng chữ khác (Kirin, Hy Lạp, chữ toàn độ "
            "rộng hoặc chữ toán học) nằm lẫn trong chữ Latinh: trông giống chữ tiếng Việt "
            "nhưng là chữ khác, nên tên viết bằng nó không khớp khi tìm kiếm hay so trùng. "
            "Hãy xoá chữ này và gõ lại bằng bộ gõ tiếng Việt."
        )
    if char == "\t":
        what, fix = "ký tự Tab", "Hãy thay bằng dấu cách."
    elif char == "\n":
        what = "dấu xuống dòng trong văn bản một dòng"
        fix = "Hãy viết liền một dòng, hoặc viết văn bản nhiều đoạn sau dấu | rồi xuống dòng."
    elif char in "\r\u2028\u2029":
        what = "dấu xuống dòng lạ, chỉ YAML coi là xuống dòng, GitHub thì không"
        fix = (
            "Hãy xoá ký tự này và xuống dòng bằng phím Enter (nếu cả tệp như vậy, hãy lưu "
            "lại tệp với kiểu xuống dòng thường: CRLF của Windows hoặc LF)."
        )
    elif _IS_BIDI.match(char):
        what = "ký tự điều khiển chiều viết, có thể làm chữ hiện ngược thứ tự"
        fix = "Hãy xoá ký tự này (thường lẫn vào khi sao chép từ nơi khác)."
    elif SILENT.match(char):
        what = "ký tự rộng bằng 0, không nhìn thấy được"
        fix = "Hãy xoá ký tự này (thường lẫn vào khi sao chép từ web hoặc Word)."
    else:
        what = "ký tự điều khiển không in được"
        fix = "Hãy xoá ký tự này; nếu cả tệp bị lỗi, hãy lưu lại tệp dạng văn bản UTF-8."
    return (
        f"Văn bản có ký tự ẩn {shown} ({what}) ở vị trí này. Ký tự ẩn làm văn bản khác đi "
        f"mà không ai thấy (hai tên trông giống hệt nhau lại bị coi là khác nhau). {fix}"
    )
