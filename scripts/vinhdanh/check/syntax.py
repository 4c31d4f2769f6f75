"""What libyaml's complaints mean, and keys written twice, said in Vietnamese.

:mod:`vinhdanh.check.diagnose` looks for the slip behind a syntax error; when it
finds none, :func:`syntax_message` says what libyaml's complaint means, with
none of its English. A key written twice is a real duplicate, or the sign of
a list item that lost its '- ': :func:`duplicate_messages` tells them apart.
:func:`stops_at` and :func:`last_scalar` re-read a text that failed (only such a
text) to test a repaired copy and to find the value read before the failure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from vinhdanh.values import show_value

try:  # pragma: no cover - which parser exists depends on the PyYAML wheel
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser


# A line's key, after its indentation and any '- ' markers (taken whole, never given back).
_LINE_KEY = re.compile(r" *(?:- +)*+([^\s:#'\"][^:#]*?):")


def key_of(line: str) -> str:
    """'ho_ten' for '    - ho_ten: …' (or '' when the line has no key)."""
    match = _LINE_KEY.match(line)
    return match.group(1).strip() if match else ""


@dataclass(frozen=True)
class Diagnosis:
    """Where the slip is and what to say; ``covers``: lines whose other findings
    (a line break inside a runaway quoted value) are symptoms of the same slip."""

    line: int
    column: int
    message: str
    covers: tuple[int, int] = (0, 0)


def stops_at(text: str) -> int | None:
    """The line (1-based) where parsing fails, or None when the text parses."""
    try:
        for _ in yaml.parse(text, Loader=_Parser):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else 1
    except (yaml.YAMLError, UnicodeError):
        return 1
    return None


def last_scalar(text: str) -> yaml.ScalarEvent | None:
    """The last value libyaml read before it stopped."""
    last = None
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.ScalarEvent):
                last = event
    except (yaml.YAMLError, UnicodeError):
        pass
    return last


# What libyaml's commonest complaints mean, when no slip above explains them.
_HINTS = {
    "mapping values are not allowed": "có dấu ':' ở chỗ không được phép: văn bản có ': ' thì "
    "đặt trong ngoặc kép, tên trường thì thẳng hàng với các trường cùng nhóm",
    "cannot start any token": "có ký tự không được đứng đầu giá trị (Tab, @ hoặc `): thụt lề "
    "bằng dấu cách, văn bản bắt đầu bằng @ hoặc ` thì đặt trong ngoặc kép",
    "did not find expected key": "dòng này không thẳng hàng với các trường cùng nhóm, hoặc có "
    "chữ thừa sau một giá trị trong ngoặc kép",
    "did not find expected ',' or ']'": "danh sách trong ngoặc [ ] chưa được đóng hoặc "
    "thiếu dấu phẩy",
    "did not find expected ',' or '}'": "nhóm trong ngoặc { } chưa được đóng hoặc thiếu dấu phẩy",
    "could not find expected ':'": "thiếu dấu ':' sau tên trường",
    "found unexpected end of stream": "tệp kết thúc khi ngoặc kép hoặc ngoặc chưa được đóng",
    "found unknown escape character": "có dấu '\\' lạ trong ngoặc kép; hãy dùng ngoặc đơn ' '",
    "block sequence entries are not allowed": "dấu '- ' đặt sai chỗ; hãy kiểm tra thụt lề",
    "did not find expected '-' indicator": "các dòng '- ' của danh sách thụt lề không thẳng hàng",
    "did not find expected <document start>": "thụt lề không thẳng hàng hoặc thừa nội dung",
    "found a tab character": "có ký tự Tab; hãy thụt lề bằng dấu cách",
    "invalid Unicode character escape": "mã thoát \\u… trong ngoặc kép không phải một ký tự "
    "hợp lệ (ví dụ \\ud800 chỉ là nửa ký tự); hãy gõ thẳng ký tự đó, hoặc đặt văn bản trong "
    "ngoặc đơn ' ' để dấu '\\' được giữ nguyên",
    "expected hexdecimal number": "mã thoát \\x, \\u hoặc \\U trong ngoặc kép thiếu chữ số "
    "hệ mười sáu; hãy gõ thẳng ký tự, hoặc đặt văn bản trong ngoặc đơn ' '",
    "did not find expected node content": "thiếu giá trị ở chỗ này (ví dụ dấu phẩy thừa trong "
    "ngoặc [ ] hoặc { })",
    "expected comment or line break": "có nội dung thừa sau giá trị trên cùng dòng; văn bản có "
    "dấu ngoặc kép hoặc ' #' ở giữa thì đặt cả giá trị trong ngoặc kép",
    "incompatible YAML document": "dòng %YAML ở đầu tệp khai báo phiên bản không hỗ trợ; hãy xoá "
    "dòng đó",
    "directive": "dòng bắt đầu bằng % ở đầu tệp không được hỗ trợ; hãy xoá dòng đó",
    "tag": "có dấu ! ở đầu giá trị; văn bản bắt đầu bằng ! thì đặt trong ngoặc kép",
    "anchor": "có dấu & ở đầu giá trị; văn bản bắt đầu bằng & thì đặt trong ngoặc kép",
    "alias": "có dấu * ở đầu giá trị; văn bản bắt đầu bằng * thì đặt trong ngoặc kép",
    "block scalar": "khối văn bản sau dấu | hoặc > viết chưa đúng; nội dung bắt đầu ở dòng sau "
    "và thụt lề nhiều hơn tên trường",
}


def syntax_message(problem: str) -> str:
    """What libyaml's complaint means, in Vietnamese, with nothing of its English."""
    hint = next((v for k, v in _HINTS.items() if k in problem), None)
    if hint is None:
        return (
            "Tệp không đọc được như YAML ở chỗ này. Hãy so với dòng trên: thụt lề bằng dấu "
            "cách, sau dấu ':' có một dấu cách, văn bản có ': ' hoặc ' #' thì đặt trong "
            "ngoặc kép."
        )
    return f"Tệp không đọc được như YAML: {hint}."


# --- keys written twice: one slip (a missing '- ') or a real duplicate ----------------------

Duplicate = tuple[dict, tuple, str, tuple[int, int], tuple[int, int]]
"""A key met again: (its mapping, the mapping's path, key, where, where first written)."""


def duplicate_messages(text: str, duplicates: list[Duplicate]) -> list[Diagnosis]:
    """One message per duplicate key — except when a list item lost its '- ': then the
    new item's first key repeats the item above's first key, every key after it repeats
    too, and the one cause is said once, where the dash belongs."""
    out: list[Diagnosis] = []
    merged: set[int] = set()  # mappings already explained by a missing dash
    lines = text.split("\n")
    for mapping, path, key, (line, column), (first, first_column) in duplicates:
        if id(mapping) in merged:
            continue
        in_list = bool(path) and isinstance(path[-1], int)
        if in_list and key == next(iter(mapping), None):
            merged.add(id(mapping))
            later = sum(1 for d in duplicates if d[0] is mapping and d[3] > (line, column))
            item_line = lines[first - 1] if first <= len(lines) else ""
            dash = item_line.rfind("-", 0, first_column - 1)
            at = dash + 1 if dash >= 0 else max(1, first_column - 2)
            name = f" '{show_value(path[-2], 40)}'" if len(path) > 1 else ""
            also = f" (cùng {later} trường sau nó)" if later else ""
            out.append(
                Diagnosis(
                    line,
                    at if dash >= 0 else column,
                    f"Thiếu dấu '- ' trước '{show_value(key, 40)}': dòng này bắt đầu một "
                    f"mục mới của danh sách{name}, nhưng không có '- ' nên YAML gộp nó vào mục "
                    f"ở dòng {first} và '{show_value(key, 40)}'{also} bị viết hai lần. Hãy "
                    f"thêm '- ' trước '{show_value(key, 40)}', dấu '-' thẳng hàng với dấu '-' "
                    f"ở dòng {first} (cột {at}).",
                )
            )
            continue
        out.append(
            Diagnosis(
                line,
                column,
                f"Trường '{show_value(key)}' bị viết hai lần trong cùng một nhóm (lần đầu ở "
                f"dòng {first}). Hãy gộp lại thành một hoặc xoá bản thừa.",
            )
        )
    return out
