"""Slips in how a value is written, said where they are (see :mod:`diagnose`).

Four everyday ways a value breaks a YAML file, each a guess checked by a repair
on a copy before it is said: no space after the colon (``noi_cong_tac:Phân
xưởng``), a plain value that begins with '- ', '[' or '{' (YAML reads a list or a
group), a value wrapped onto the next line (Word and e-mail wrap long lines), and
the text under ``key: |`` not indented under its key. The functions take the
``_Slip`` of :mod:`diagnose` (its lines, where libyaml stopped, ``mends``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vinhdanh.check.syntax import Diagnosis, stops_at
from vinhdanh.values import show_value

if TYPE_CHECKING:  # pragma: no cover
    from vinhdanh.check.diagnose import _Slip

_NO_SPACE = re.compile(r"^( *(?:- +)*+)([a-z_][a-z0-9_]*):([^\s:/\"'].*)$")
_PLAIN_KV = re.compile(r"^( *(?:- +)*+)([a-z_][a-z0-9_]*): +([^\s\"'|>#&*!%@`].*)$")
_KEY_LINE = re.compile(r"^( *(?:- +)*+)[a-z_][a-z0-9_]*:(?: |$)")
_BLOCK = re.compile(r"^( *(?:- +)*+)([a-z_][a-z0-9_]*): *[|>][+-]?[0-9]? *(?:#.*)?$")
_INDICATORS = {
    "- ": "dấu '- ' (YAML hiểu là một danh sách)",
    "[": "dấu '[' (YAML hiểu là một danh sách trong ngoặc [ ])",
    "{": "dấu '{' (YAML hiểu là một nhóm trong ngoặc { })",
}


def double_quoted(text: str) -> str:
    """``text`` as a one-line double-quoted YAML value."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def no_space_after_colon(slip: _Slip) -> Diagnosis | None:
    """'noi_cong_tac:Phân xưởng' is one text to YAML, not a key and its value."""
    for number in slip.near():
        match = _NO_SPACE.match(slip.line(number).rstrip())
        if not match:
            continue
        fixed = f"{match.group(1)}{match.group(2)}: {match.group(3)}"
        if slip.mends(number, fixed):
            return Diagnosis(
                number,
                match.end(2) + 1,
                f"Sau dấu ':' cần một dấu cách: thiếu nó, YAML đọc cả dòng thành một đoạn chữ "
                f"chứ không nhận ra '{match.group(2)}' là tên trường. Hãy viết: "
                f"{show_value(fixed.strip(), 90)}",
            )
    return None


def _starts_like_structure(value: str) -> str | None:
    if value.startswith("- "):
        return "- "
    if value[0] in "[{" and not value.rstrip().endswith(("]", "}")):
        return value[0] if ("]" if value[0] == "[" else "}") in value else None
    return None


def indicator_start(slip: _Slip) -> Diagnosis | None:
    """'thuan_loi: - Được lãnh đạo…' or 'ten: [Tổ 1] Cơ khí': text read as structure."""
    for number in slip.near():
        match = _PLAIN_KV.match(slip.line(number).rstrip())
        if not match:
            continue
        start = _starts_like_structure(match.group(3))
        if start is None:
            continue
        head = f"{match.group(1)}{match.group(2)}: "
        fixed = head + double_quoted(match.group(3))
        if not slip.mends(number, fixed):
            continue
        key = match.group(2)
        return Diagnosis(
            number,
            len(head) + 1,
            f"Giá trị của '{key}' bắt đầu bằng {_INDICATORS[start]}, nên YAML không đọc nó "
            f"như văn bản. Hãy đặt cả giá trị trong ngoặc kép: {show_value(fixed.strip(), 90)}"
            f" — hoặc, với một đoạn văn, viết '{key}: |' rồi viết văn bản ở các dòng dưới, "
            "thụt lề sâu hơn tên trường.",
        )
    return None


def _wrapped(line: str, key_at: int) -> bool:
    """Could ``line`` be text wrapped from a value whose key starts at ``key_at``?"""
    text = line.strip()
    if not text or text.startswith(("#", "- ")) or text == "-" or _KEY_LINE.match(line):
        return False
    return _indent(line) >= key_at and not _SNAKE_WORD.match(text)


# 'ho_ten Nguyễn…', 'ma cdcs-…': a lower-case ASCII word first is a key that lost its ':'
_SNAKE_WORD = re.compile(r"[a-z_][a-z0-9_]* ")


def continuation(slip: _Slip) -> Diagnosis | None:
    """A long value wrapped onto the next lines (at the key's indentation, or with ': ')."""
    for number in (slip.stop, slip.stop - 1):
        above = number - 1
        while above > 0 and _wrapped(slip.line(above), 0) and not _PLAIN_KV.match(slip.line(above)):
            above -= 1
        match = _PLAIN_KV.match(slip.line(above).rstrip()) if above > 0 else None
        if not match or match.group(3)[0] in "[{":  # brackets: their own message says where
            continue
        key_at, first, last = len(match.group(1)), above + 1, above
        while last < len(slip.lines) and _wrapped(slip.line(last + 1), key_at):
            last += 1
        if not first <= number <= last:
            continue
        words = [match.group(3).rstrip(), *(x.strip() for x in slip.lines[above:last])]
        head = f"{match.group(1)}{match.group(2)}: "
        fixed = head + double_quoted(" ".join(words))
        lines = [*slip.lines[: above - 1], fixed, *slip.lines[last:]]
        after = stops_at("\n".join(lines))
        if after is not None and after <= slip.stop:
            continue
        return Diagnosis(
            first,
            _indent(slip.line(first)) + 1,
            f"Dòng này là phần tiếp của giá trị '{match.group(2)}' ở dòng {above} (văn bản "
            "bị xuống dòng), nhưng YAML đọc nó như một trường mới. Hãy viết cả giá trị trên "
            f"một dòng, trong ngoặc kép: {show_value(fixed.strip(), 90)} — hoặc viết "
            f"'{match.group(2)}: |' rồi các dòng văn bản ở dưới, thụt lề sâu hơn tên trường.",
            (first, last),
        )
    return None


def block_unindented(slip: _Slip) -> Diagnosis | None:
    """'thuan_loi: |' with the text below it not indented under the key."""
    for number in range(slip.stop, max(0, slip.stop - 40), -1):
        match = _BLOCK.match(slip.line(number))
        if not match:
            continue
        first = slip.content_line(number + 1, 1)
        key_at = len(match.group(1))
        if not first or _indent(slip.line(first)) > key_at or _KEY_LINE.match(slip.line(first)):
            continue  # a block written right, or one with nothing under it
        last = first
        while last < len(slip.lines) and not _KEY_LINE.match(slip.line(last + 1)):
            last += 1
        while not slip.line(last).strip():
            last -= 1
        shift = key_at + 2 - _indent(slip.line(first))
        moved = [
            " " * shift + x if x.strip() and _indent(x) <= key_at else x
            for x in slip.lines[number:last]
        ]
        lines = [*slip.lines[:number], *moved, *slip.lines[last:]]
        after = stops_at("\n".join(lines))
        if after is not None and after <= slip.stop:
            return None
        return Diagnosis(
            first,
            _indent(slip.line(first)) + 1,
            f"Các dòng văn bản dưới '{match.group(2)}: |' (dòng {number}) phải thụt lề sâu "
            f"hơn tên trường '{match.group(2)}' ({key_at} dấu cách); ở đây chúng không thụt "
            "vào nên YAML coi khối văn bản là trống và đọc chúng như trường mới. Hãy thêm "
            f"{shift} dấu cách ở đầu mỗi dòng văn bản chưa thụt vào, từ dòng {first} đến dòng "
            f"{last}.",
            (first, last),
        )
    return None
