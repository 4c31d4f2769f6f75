"""Why a file is not YAML, said the way a person looking at the line would say it.

libyaml says where it gave up, in English, and often lines after the slip: a
quote opened on line 12 and never closed is noticed on line 27 as "did not find
expected key". Only when parsing has failed (the valid path never comes here) we
look at the failing line and its neighbours for the everyday slips of people who
write YAML in Notepad or paste it from Word — a Tab, a non-breaking space after a
colon, curly quotes, an unclosed quote, ': ' inside a value, a missing '- ', one
space too many, and those of :mod:`value_slips` — and check each guess by
repairing it on a copy and parsing again: a guess is said only if the repaired
text parses past the place where libyaml stopped. The finding sits at the slip,
says its cause first, then how to write the line; no English from libyaml
reaches the user.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from vinhdanh.check import value_slips
from vinhdanh.check.privacy import private_line
from vinhdanh.check.slips import ODD_SPACE, space_name
from vinhdanh.check.syntax import Diagnosis, key_of, last_scalar, stops_at, syntax_message
from vinhdanh.check.value_slips import double_quoted
from vinhdanh.values import show_value

# Typographic quotes that Word and phones type for " and ': text to YAML, not quotes.
OPENING_QUOTES = "“„‟‘‚‛«"
CLOSING_QUOTES = "”“‟’‘‛»"
_MAX_REPAIRS = 24  # parses of a repaired copy per file: a few milliseconds each
# Characters of a line the guesses read: nobody mistypes a longer line by hand, and some
# guesses' patterns cost the square of a line's length (32,000 spaces took 0.8 s).
_MAX_LINE = 1_000


class _Slip:
    """The failed text, split into lines, and the place where libyaml stopped."""

    def __init__(self, text: str, exc: yaml.MarkedYAMLError):
        self.text = text
        self.lines = [line.rstrip("\r") for line in text.split("\n")]
        self.problem = exc.problem or exc.context or ""
        self.context = exc.context or ""
        mark, context = exc.problem_mark or exc.context_mark, exc.context_mark
        self.stop = mark.line + 1 if mark else 1
        self.column = mark.column + 1 if mark else 1
        self.context_line = context.line + 1 if context else self.stop
        self.context_column = context.column + 1 if context else 1
        self._repairs = 0

    def line(self, number: int) -> str:
        return self.lines[number - 1][:_MAX_LINE] if 0 < number <= len(self.lines) else ""

    def too_long(self) -> bool:
        """Is a line where libyaml stopped, or just above it, too long to guess on?"""
        lines = self.lines[max(self.stop - 4, 0) : self.stop + 1]
        return any(len(line) > _MAX_LINE for line in lines)

    def near(self) -> list[int]:
        """The failing line, then the lines just above it (and the context's line when
        libyaml names one close by), most likely first."""
        numbers = [self.stop, self.stop - 1]
        if self.stop - 3 <= self.context_line < self.stop - 1:
            numbers.append(self.context_line)
        numbers.append(self.stop - 2)
        return [n for n in dict.fromkeys(numbers) if 0 < n <= len(self.lines)]

    def mends(self, number: int, new_line: str) -> bool:
        """Does writing ``new_line`` for line ``number`` let parsing get past the stop?"""
        if self._repairs >= _MAX_REPAIRS:
            return False
        self._repairs += 1
        lines = [*self.lines[: number - 1], new_line, *self.lines[number:]]
        after = stops_at("\n".join(lines))
        return after is None or after > self.stop

    def content_line(self, number: int, step: int) -> int | None:
        """The nearest line from ``number`` (going by ``step``) with content, not a comment."""
        while 0 < number <= len(self.lines):
            stripped = self.line(number).strip()
            if stripped and not stripped.startswith("#"):
                return number
            number += step
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_indent(line: str) -> int:
    """Where a line's key starts: after its indentation and any '- ' markers."""
    match = re.match(r" *(?:- +)*+", line)
    return match.end() if match else 0


def _shown(line: str) -> str:
    return show_value(line.strip(), 90)


# --- the slips, each a guess checked by a repair --------------------------------------------


def _tab(slip: _Slip) -> Diagnosis | None:
    for number in slip.near():
        line = slip.line(number)
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            above = slip.content_line(number - 1, -1)
            align = ""
            if above and slip.line(above).rstrip().endswith(":"):  # the group this line opens
                spaces = _key_indent(slip.line(above)) + 2
                align = f", thụt vào sâu hơn dòng {above} (ví dụ {spaces} dấu cách)"
            elif above:
                spaces = _key_indent(slip.line(above))
                align = f" cho thẳng hàng với dòng {above} ({spaces} dấu cách)"
            return Diagnosis(
                number,
                lead.index("\t") + 1,
                "Dòng này thụt lề bằng ký tự Tab, mà YAML chỉ nhận dấu cách để thụt lề. "
                f"Hãy xoá Tab và gõ dấu cách{align}.",
            )
    return None


def _odd_space(slip: _Slip) -> Diagnosis | None:
    for number in slip.near():
        line = slip.line(number)
        for match in ODD_SPACE.finditer(line):
            before = line[: match.start()]
            if before.strip() and before[-1] not in ":-,":
                continue  # inside a value: text, not structure
            if not slip.mends(number, ODD_SPACE.sub(" ", line)):
                break
            name = space_name(match.group())
            if not before.strip():
                where, effect = "Đầu dòng có", "nên YAML không tính được thụt lề của dòng"
            elif before[-1] == ":":
                key = key_of(line) or "tên trường"
                where = "Sau dấu ':' là"
                effect = f"nên YAML không nhận ra '{show_value(key, 40)}' là tên trường"
            else:
                where, effect = f"Sau dấu '{before[-1]}' là", "nên YAML đọc sai cấu trúc dòng"
            return Diagnosis(
                number,
                match.start() + 1,
                f"{where} một {name} chứ không phải dấu cách thường (hay gặp khi chép từ Word "
                f"hoặc trang web), {effect}. Hãy xoá ký tự đó và gõ lại một dấu cách thường.",
            )
    return None


def _opening_quote(line: str, quotes: str) -> int | None:
    """Index of a quote that opens a value (after 'key: ', '- ', '[', '{' or ',')."""
    for index, char in enumerate(line):
        if char in quotes:
            before = line[:index].rstrip()
            if not before or before[-1] in ":-[{,":
                return index
            return None
        if char == "#" and index and line[index - 1] == " ":
            return None
    return None


def _curly(slip: _Slip) -> Diagnosis | None:
    for number in slip.near():
        line = slip.line(number)
        start = _opening_quote(line, OPENING_QUOTES)
        if start is None:
            continue
        rest = line[start + 1 :]
        close = max(rest.rfind(c) for c in CLOSING_QUOTES)
        inner = rest[:close] if close >= 0 else rest.rstrip()
        after = rest[close + 1 :] if close >= 0 else ""
        fixed = line[:start] + double_quoted(inner) + after
        if not slip.mends(number, fixed):
            continue
        opening = line[start]
        kind = "ngoặc kép cong “…”" if opening in "“„‟«" else "dấu nháy cong ‘…’"
        return Diagnosis(
            number,
            start + 1,
            f"Giá trị được đặt trong {kind} (Word và điện thoại tự đổi dấu ngoặc khi gõ), "
            'nhưng YAML chỉ hiểu ngoặc kép thẳng ", nên coi chúng là chữ và đọc sai phần '
            "bên trong. Hãy thay cả hai dấu bằng ngoặc kép thẳng \" (phím Shift + '): "
            f"{_shown(fixed)}",
        )
    return None


def _unclosed_message(quote: str, fixed: str, closed_at: int | None) -> str:
    name = "ngoặc kép" if quote == '"' else "ngoặc đơn"
    until = f" tới tận dấu {quote} ở dòng {closed_at}" if closed_at else " tới hết tệp"
    return (
        f"Dấu {name} {quote} mở ở đây chưa được đóng trên cùng dòng, nên YAML đọc luôn "
        f"các dòng sau{until} làm một giá trị. Hãy thêm dấu {quote} vào cuối giá trị: "
        f"{_shown(fixed)}"
    )


def _closes_on_its_line(rest: str, quote: str) -> bool:
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None


def _unclosed(slip: _Slip) -> Diagnosis | None:
    if "quoted scalar" in slip.context and "end of stream" in slip.problem:
        number, column, closed_at = slip.context_line, slip.context_column, None
    else:
        last = last_scalar(slip.text)
        if last is None or last.style not in ('"', "'"):
            return None
        number, column = last.start_mark.line + 1, last.start_mark.column + 1
        closed_at = last.end_mark.line + 1
        if closed_at == number:
            return _quote_inside(slip, last)
    line = slip.line(number)
    quote = line[column - 1 : column]
    if quote not in ('"', "'") or _closes_on_its_line(line[column:], quote):
        return None
    fixed = line.rstrip() + quote
    if not slip.mends(number, fixed):
        return None
    covers = (number, closed_at or len(slip.lines))
    return Diagnosis(number, column, _unclosed_message(quote, fixed, closed_at), covers)


def _quote_inside(slip: _Slip, last: yaml.ScalarEvent) -> Diagnosis | None:
    """'so: "Phong trào "Lao động" tốt"': the second quote closed the value early."""
    number = last.end_mark.line + 1
    line = slip.line(number)
    after = line[last.end_mark.column :].lstrip()
    if number != slip.stop or not after or after.startswith("#"):
        return None
    start = last.start_mark.column
    inner = line[start + 1 :].rstrip()
    if inner.endswith(last.style):
        inner = inner[:-1]
    fixed = line[:start] + "'" + inner.replace("'", "''") + "'"
    if last.style != '"' or not slip.mends(number, fixed):
        return None
    return Diagnosis(
        number,
        last.end_mark.column,
        'Văn bản trong ngoặc kép có dấu " ở giữa: YAML hiểu dấu đó là chỗ đóng ngoặc, nên '
        'phần sau nó bị thừa. Hãy đặt cả giá trị trong ngoặc đơn (dấu " bên trong giữ '
        f"nguyên): {_shown(fixed)}",
    )


def _missing_dash(slip: _Slip) -> Diagnosis | None:
    for number in (slip.stop, slip.stop - 1):
        line = slip.line(number)
        text, indent = line.lstrip(" "), _indent(line)
        if not text or text.startswith(("-", "#")):
            continue
        above = slip.content_line(number - 1, -1)
        while above and _indent(slip.line(above)) > indent:
            above = slip.content_line(above - 1, -1)
        if not above or _indent(slip.line(above)) != indent:
            continue
        if not slip.line(above).lstrip(" ").startswith("- "):
            continue
        fixed = " " * indent + "- " + text
        if slip.mends(number, fixed):
            return Diagnosis(
                number,
                indent + 1,
                "Dòng này thiếu dấu '- ' ở đầu: mỗi mục của danh sách bắt đầu bằng '- ' "
                f"(như dòng {above}), thiếu nó YAML không biết đây là mục mới. Hãy viết: "
                f"{_shown(fixed)}",
            )
    return None


_LAID_OUT = re.compile(r"- |-$|[^\s:#'\"]+:(?: |$)")  # an item, or a one-word key


def _one_off_indent(slip: _Slip) -> Diagnosis | None:
    for number in (slip.stop, slip.stop - 1, slip.stop - 2):
        line = slip.line(number)
        text = line.lstrip(" ")
        if not _LAID_OUT.match(text):
            continue  # wrapped text, not a key or an item: moving it would make it one
        have = _indent(line)
        candidates: list[tuple[int, int]] = []
        for step in (-1, 1):
            other = slip.content_line(number + step, step)
            if other:
                near = slip.line(other)
                candidates += [(_key_indent(near), other), (_indent(near), other)]
        for want, other in dict.fromkeys(candidates):
            if not 0 < abs(want - have) <= 2:
                continue
            if slip.mends(number, " " * want + text):
                count = abs(want - have)
                act = "xoá" if have > want else "thêm"
                return Diagnosis(
                    number,
                    have + 1,
                    f"Dòng này thụt lề {have} dấu cách, lệch {count} so với dòng {other} "
                    f"({want} dấu cách), nên YAML không biết nó thuộc nhóm nào. Hãy {act} "
                    f"{count} dấu cách ở đầu dòng cho thẳng hàng với dòng {other}.",
                )
    return None


_KEY_VALUE = re.compile(r"^( *(?:- +)*+[^\s:#'\"][^:#]*?: +)(\S.*?)(\s+#.*)?$")


def _colon_in_value(slip: _Slip) -> Diagnosis | None:
    if "mapping values" not in slip.problem:
        return None
    line = slip.line(slip.stop)
    match = _KEY_VALUE.match(line)
    if not match or ": " not in match.group(2) or match.group(2)[0] in "[{\"'|>":
        return None
    fixed = match.group(1) + double_quoted(match.group(2))
    if not slip.mends(slip.stop, fixed):
        return None
    return Diagnosis(
        slip.stop,
        len(match.group(1)) + 1,
        f"Giá trị của '{show_value(key_of(line), 40)}' có dấu ': ' (hai chấm rồi dấu cách), "
        "nên YAML tưởng phần trước nó là tên một trường mới. Hãy đặt cả giá trị trong ngoặc "
        f"kép: {_shown(fixed)}",
    )


_NO_COLON = re.compile(r"( *(?:- +)*+)([A-Za-z_][A-Za-z0-9_]*)( +)(\S.*)$")


def _missing_colon(slip: _Slip) -> Diagnosis | None:
    numbers = [slip.context_line] if "simple key" in slip.context else []
    for number in dict.fromkeys([*numbers, slip.stop, slip.stop - 1]):
        line = slip.line(number)
        match = _NO_COLON.match(line)
        if not match or ":" in line:
            continue
        fixed = f"{match.group(1)}{match.group(2)}: {match.group(4)}"
        if slip.mends(number, fixed):
            return Diagnosis(
                number,
                match.end(2) + 1,
                f"Thiếu dấu ':' sau tên trường '{match.group(2)}'. Hãy viết: {_shown(fixed)}",
            )
    return None


def _stray_quote(slip: _Slip) -> Diagnosis | None:
    """'phuong_huong:"' — a quote left at the end of a line, opening nothing."""
    for number in slip.near():
        line = slip.line(number).rstrip()
        if not line or line[-1] not in "\"'" or line.count(line[-1]) % 2 == 0:
            continue
        if slip.mends(number, line[:-1]):
            return Diagnosis(
                number,
                len(line),
                f"Cuối dòng này có một dấu {line[-1]} thừa, không thuộc cặp ngoặc nào. Hãy "
                f"xoá nó: {_shown(line[:-1])}",
            )
    return None


# Most telling first: a character a person cannot see, then quotes, then layout.
_SLIPS: tuple[Callable[[_Slip], Diagnosis | None], ...] = (
    _tab,
    _odd_space,
    _curly,
    _unclosed,
    _stray_quote,
    value_slips.no_space_after_colon,
    value_slips.indicator_start,
    value_slips.block_unindented,
    _colon_in_value,
    value_slips.continuation,
    _missing_colon,
    _missing_dash,
    _one_off_indent,
)


def diagnose(text: str, exc: yaml.MarkedYAMLError) -> Diagnosis:
    """The slip behind a syntax error, at its own line; else libyaml's place, explained."""
    slip = _Slip(text, exc)
    for guess in () if slip.too_long() else _SLIPS:
        found = guess(slip)
        if found is not None:
            return _unquoted(slip, found)
    line, column = slip.stop, slip.column
    if "escape" in slip.problem and exc.problem_mark:  # point at the escape's backslash
        mark = exc.problem_mark
        start = text.rfind("\\", 0, mark.index + 1)
        if start >= mark.index - mark.column and mark.index - start <= 10:
            column -= mark.index - start
    message = syntax_message(slip.problem)
    if "flow" in slip.context and slip.context_line < line:  # '[' or '{' opened lines above
        message += f" Ngoặc được mở ở dòng {slip.context_line}, cột {slip.context_column}."
    return _unquoted(slip, Diagnosis(line, column, message))


def _unquoted(slip: _Slip, found: Diagnosis) -> Diagnosis:
    """The diagnosis, said without the line's text when the line is private (SPEC §9.1)."""
    if not private_line(slip.lines, found.line):
        return found
    return Diagnosis(
        found.line,
        found.column,
        "Dòng này có lỗi cú pháp YAML, trong phần thông tin liên hệ hoặc riêng tư nên lời "
        f"nhắn không trích nội dung. {syntax_message(slip.problem)}",
    )
