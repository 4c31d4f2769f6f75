"""Text that YAML silently drops: a '#' after a space starts a comment.

``thanh_tich: Đạt giải Nhất hội thi #1 tay nghề`` is stored as "Đạt giải Nhất
hội thi": to YAML, " #1 tay nghề" is a comment, and the file is valid, so no
error ever says so. A comment whose '#' is glued to a letter or a digit
("#1", "#hashtag"), or followed by a space and a digit ("giải # 1"), right
after an unquoted value is almost always part of the text; one written
"# like this" (a space, then a word) is a real comment and is left alone,
as are the modeline and every comment on a line of its own.

PyYAML's parser does not keep comments, so the text is searched for the
pattern first (one regex pass; nearly every file stops there), and only when
it occurs are the events read again to find unquoted values ending just
before it.
"""

from __future__ import annotations

import re

import yaml

from vinhdanh.check.findings import WARNING, Finding
from vinhdanh.check.privacy import private_line
from vinhdanh.values import show_value

try:  # pragma: no cover - which parser exists depends on the PyYAML wheel
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser

CODE = "van-ban-bi-cat"
EMPTIED = "bị để trống"  # what the warning says of a value the comment took whole
# '#1', '#hashtag', and '# 1' ("giải # 1"): a comment that is the value's own text.
_HASH_WORD = re.compile(r"#(?:\w| [0-9])")  # the cheap first test (see _glued_lines)
_AFTER_VALUE = re.compile(r"[ \t]+(?=#(?:\w| [0-9]))")


def cut_by_comment(text: str, file: str) -> list[Finding]:
    """A warning at each '#' that cut an unquoted value short (see the module's doc)."""
    candidates = _glued_lines(text)
    if not candidates:
        return []
    findings = []
    lines = text.split("\n")  # for private_line, once: only files with a candidate get here
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if not isinstance(event, yaml.ScalarEvent) or event.style:
                continue  # quoted and block values keep their '#'
            end = event.end_mark
            if end.line not in candidates:
                continue
            glued = _AFTER_VALUE.match(text, end.index)
            if glued:
                private = private_line(lines, end.line + 1)
                findings.append(_finding(text, file, event, glued.end(), private))
    except (yaml.YAMLError, UnicodeError):
        return []  # the loader reports the file's real problem
    return findings


def _glued_lines(text: str) -> set[int]:
    """The (0-based) lines with a '#' glued to a word after a blank.

    A regex that starts with the literal '#' is scanned at memory speed (about 5 µs
    for a 20 KB file, 0.3 % of loading it); one that starts with a class of blanks,
    or str.find(" #") on non-ASCII text, costs five to a hundred times more.
    """
    lines: set[int] = set()
    if "#" not in text:  # memchr: under a microsecond, and many files have no '#' at all
        return lines
    for match in _HASH_WORD.finditer(text):
        at = match.start()
        if at and text[at - 1] in " \t":
            lines.add(text.count("\n", 0, at))
    return lines


def _finding(text: str, file: str, event: yaml.ScalarEvent, hash_at: int, private: bool) -> Finding:
    start, end = event.start_mark, event.end_mark
    column = hash_at - (text.rfind("\n", 0, hash_at) + 1) + 1
    if private:  # a contact or retired value is never quoted (SPEC §9.1)
        message = (
            "Phần sau dấu '#' bị YAML coi là ghi chú (sau một dấu cách, dấu '#' bắt đầu ghi "
            "chú) và bị bỏ đi. Nếu '#' là một phần của văn bản, hãy đặt cả giá trị trong "
            "ngoặc kép."
        )
        return Finding(file, end.line + 1, column, CODE, WARNING, message)
    line_end = text.find("\n", hash_at)
    comment = text[hash_at : line_end if line_end >= 0 else len(text)].rstrip("\r ")
    whole = f"{event.value} {comment}".strip()
    fix = "hãy đặt cả giá trị trong ngoặc kép"
    if start.line == end.line:
        line_start = text.rfind("\n", 0, start.index) + 1
        before = text[line_start : start.index].strip()
        quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
        fix += f": {show_value(f'{before} {quoted}'.strip(), 120)}"
    left = f"chỉ còn '{show_value(event.value, 60)}'" if event.value else EMPTIED
    message = (
        f"Phần '{show_value(comment, 40)}' bị YAML coi là ghi chú (sau một dấu cách, dấu '#' "
        f"bắt đầu ghi chú) và bị bỏ đi: giá trị {left}. "
        f"Nếu '#' là một phần của văn bản, {fix}."
    )
    return Finding(file, end.line + 1, column, CODE, WARNING, message)


def one_story(findings: list[Finding]) -> list[Finding]:
    """A value the comment took whole ('noi_cong_tac: #2 Tổ May') is also an error of the
    schema ('đang để trống'): say it once, as the error, with the warning's cause in it."""
    emptied = {
        (f.file, f.line): f
        for f in findings
        if f.code == CODE and f"giá trị {EMPTIED}" in f.message
    }
    if not emptied:
        return findings
    out, merged = [], set()
    for f in findings:
        cause = emptied.get((f.file, f.line)) if f.is_error and f.code == "schema" else None
        if cause is not None:
            merged.add(id(cause))
            head = f.message.split(". ", 1)[0]  # "'…' đang để trống"
            why = cause.message.replace(f": giá trị {EMPTIED}", "")
            message = f"{head}: {why[:1].lower()}{why[1:]}"
            f = Finding(f.file, f.line, f.column, f.code, f.severity, message)
        out.append(f)
    return [f for f in out if id(f) not in merged]
