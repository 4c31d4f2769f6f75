"""Stage 1 — load: bytes on disk to plain data with a position for every value.

Why not ``yaml.safe_load``: it keeps the last of two duplicate keys, reads
``0123`` as octal, ``yes``/``off`` as booleans, ``1:20`` as 80 and unquoted
dates as ``date`` objects, expands alias "bombs", and forgets where each value
was written. We instead walk libyaml's event stream (the C parser, faster than
``yaml.load`` itself), build dicts/lists/str/int/float/bool/None ourselves with
a small YAML 1.2 core resolver, and record the line and column of every value
and every key. Nothing in the file can make us construct an object: anchors,
aliases and explicit tags are refused before any value is used.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vinhdanh.check.comments import cut_by_comment
from vinhdanh.check.diagnose import diagnose
from vinhdanh.check.files import NOT_REGULAR_MESSAGE, NotRegular, TooBig, read_regular
from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.hidden import (
    BLANK,
    FOREIGN,
    HIDDEN,
    HIDDEN_IN_BLOCK,
    LOOKALIKE,
    MAX_HIDDEN_PER_FILE,
    MIXED,
    SHIFTING,
    hidden_findings,
    unreadable,
)
from vinhdanh.check.syntax import Duplicate, duplicate_messages, syntax_message
from vinhdanh.values import show_value

try:  # pragma: no cover - which loader exists depends on the PyYAML wheel
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Parser

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64

JsonPath = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# Read as what was meant (the finding still stops the file): Ð/ð → Đ/đ.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


@dataclass
class Document:
    """A parsed file: its data, and where in the file each part of it was written."""

    file: str
    data: Any
    marks: dict[JsonPath, Position] = field(default_factory=dict)
    key_marks: dict[JsonPath, Position] = field(default_factory=dict)
    source: dict[JsonPath, str] = field(default_factory=dict)

    def value(self, path: JsonPath) -> Any:
        """The value written at ``path`` (one that ``marks`` or ``source`` lists)."""
        data = self.data
        for part in path:
            data = data[part]
        return data

    def where(self, path: JsonPath, *, key: bool = False) -> Position:
        """Position of a value (or of its key), else of its nearest written ancestor."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))


def resolve_plain(text: str) -> Any:
    """Type of an unquoted scalar under the YAML 1.2 core schema, minus surprises.

    ``yes``/``no``/``on``/``off``, ``0123``, ``1:20`` and dates stay text; the
    schema then says what was meant. Floats are kept as floats so the money rule
    can explain ``350.000``.
    """
    if text in _NULLS:
        return None
    boolean = _BOOLS.get(text)
    if boolean is not None:
        return boolean
    if text[0] in "0123456789+-.":
        if _INT.match(text):  # over 100 digits: beyond every bound, int() slow or refused
            return int(text) if len(text) <= 100 else text  # the schema says: too big
        if _FLOAT.match(text) and len(text) <= 100:  # the same for decimals
            return float(text)
    return text


def read_text(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is fine, so is UTF-16 with its BOM); refuse anything else."""
    if len(raw) > MAX_BYTES:
        return None, [_too_big(file, len(raw))]
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, [Finding(file, 1, 1, "yaml", ERROR, _WIDE_MESSAGE)]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    elif b"\0" in raw[:4]:  # UTF-32 or UTF-16 without a BOM: YAML text never starts with NUL
        return None, [Finding(file, 1, 1, "yaml", ERROR, _WIDE_MESSAGE)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        message = (
            f"Tệp không được mã hoá UTF-8 (gặp byte 0x{byte:02X} không hợp lệ). "
            "Hãy lưu lại tệp với mã hoá UTF-8 (trong Notepad: Lưu thành… → Mã hoá: UTF-8; "
            "trong VS Code: nhấn vào tên mã hoá ở thanh dưới cùng → Save with Encoding → UTF-8)."
        )
        return None, [Finding(file, line, column, "yaml", ERROR, message)]


def _too_big(file: str, size: int) -> Finding:
    message = (
        f"Tệp quá lớn ({size:,} byte; giới hạn {MAX_BYTES:,} byte = 1 MiB). "
        "Một hồ sơ đơn vị chỉ vài chục KB; hãy kiểm tra xem có dán nhầm nội dung "
        "hoặc tách danh sách điển hình cho đúng đơn vị."
    ).replace(",", ".")
    return Finding(file, 1, 1, "yaml", ERROR, message)


def load_file(path: Path, file: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read and parse one file; the size is checked before a single byte is read."""
    file = file or str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except NotRegular:
        return None, [Finding(file, 1, 1, "yaml", ERROR, NOT_REGULAR_MESSAGE)]
    except TooBig as too_big:
        return None, [_too_big(file, too_big.size)]
    except OSError as exc:
        message = f"Không đọc được tệp ({exc.strerror}). Hãy kiểm tra đường dẫn và quyền đọc."
        return None, [Finding(file, 1, 1, "yaml", ERROR, message)]
    return load_bytes(raw, file)


def load_bytes(raw: bytes, file: str) -> tuple[Document | None, list[Finding]]:
    text, findings = read_text(raw, file)
    if text is None:
        return None, findings
    return load_text(text, file)


class _Refused(Exception):
    """Internal: stop building at the first construct we will not accept."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def load_text(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    """Parse YAML text into a :class:`Document`; every problem becomes a ``yaml`` finding."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return None, [_too_big(file, size)]
    if SHIFTING.search(text):  # libyaml's own line breaks: refuse them before lines shift
        refused = unreadable(text, file)
        if refused:
            return None, refused
    doc = Document(file, None)
    findings: list[Finding] = []
    duplicates: list[Duplicate] = []
    try:
        try:
            _build(text, doc, findings, duplicates)
        finally:  # a duplicate key before a syntax error is still reported
            findings += (
                [
                    Finding(file, d.line, d.column, "yaml", ERROR, d.message)
                    for d in duplicate_messages(text, duplicates)
                ]
                if duplicates
                else []
            )
    except _Refused as refused:
        return None, [*findings, refused.finding]
    except (yaml.YAMLError, UnicodeError) as exc:
        # libyaml stops at a control character with an English message and no useful
        # place: look for such characters only now, so a clean file never pays for it
        refused = unreadable(text, file)
        if refused:
            return None, [*findings, *refused]
        if isinstance(exc, yaml.MarkedYAMLError):
            return None, _syntax_findings(file, text, exc, findings)
        return None, [*findings, Finding(file, 1, 1, "yaml", ERROR, syntax_message(str(exc)))]
    if any(f.is_error and f.code != "ky-tu-an" for f in findings):
        return None, findings
    return doc, findings + cut_by_comment(text, file)


def _syntax_findings(
    file: str, text: str, exc: yaml.MarkedYAMLError, findings: list[Finding]
) -> list[Finding]:
    """The slip behind a syntax error, said at its own line; findings that were only
    its symptoms (a line break inside a quoted value that ran on) are dropped."""
    found = diagnose(text, exc)
    first, last = found.covers
    kept = [f for f in findings if not (f.code == "ky-tu-an" and first <= f.line <= last)]
    return [*kept, Finding(file, found.line, found.column, "yaml", ERROR, found.message)]


def _pos(event: Any) -> Position:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _refuse(file: str, event: Any, message: str) -> _Refused:
    line, column = _pos(event)
    return _Refused(Finding(file, line, column, "yaml", ERROR, message))


_NO_KEY = object()
_BLOCK_STYLES = ("|", ">")
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _build(text: str, doc: Document, findings: list[Finding], duplicates: list[Duplicate]) -> None:
    """Walk the events once, iteratively (deep nesting cannot overflow the stack).

    This is the hot path of validation (about a thousand events per file), so
    the current container, its path and the key waiting for a value live in
    local variables; enclosing ones wait on ``stack``.
    """
    file, marks, key_marks, source = doc.file, doc.marks, doc.key_marks, doc.source
    stack: list[tuple[Any, JsonPath, Any, bool]] = []
    container: Any = None  # None until the root value starts
    path: JsonPath = ()
    pending: Any = _NO_KEY  # in a mapping: the key whose value comes next
    in_map = False
    documents = 0
    parser = _Parser(text)
    get_event = parser.get_event
    try:
        while True:
            event = get_event()
            kind = event.__class__
            if kind is _SCALAR or kind in _STARTS:
                if event.anchor is not None:
                    raise _refuse(file, event, _ANCHOR_MESSAGE.format(name=event.anchor))
                if event.tag is not None:
                    raise _refuse(file, event, _TAG_MESSAGE.format(tag=show_value(event.tag)))
                mark = event.start_mark
                position = (mark.line + 1, mark.column + 1)
                if kind is _SCALAR:
                    raw = value = event.value
                    # isprintable() (one C pass) clears nearly every scalar, and every
                    # hidden character but the blank letters (BLANK) is unprintable; the
                    # rest get one regex pass (tab and newline are text in | and > blocks)
                    ascii_only = raw.isascii()
                    suspect = not raw.isprintable() or (not ascii_only and BLANK.search(raw))
                    if suspect and len(findings) < MAX_HIDDEN_PER_FILE:
                        hidden = HIDDEN_IN_BLOCK if event.style in _BLOCK_STYLES else HIDDEN
                        if hidden.search(raw):
                            findings += hidden_findings(text, event, raw, hidden, file)
                    if not ascii_only:
                        value = unicodedata.normalize("NFC", raw)
                        if "\u00d0" in value or "\u00f0" in value:
                            value = value.translate(_LOOKALIKES)
                            findings += hidden_findings(text, event, raw, LOOKALIKE, file)
                        if FOREIGN.search(raw) and MIXED.search(raw):
                            findings += hidden_findings(text, event, raw, MIXED, file)
                    if in_map and pending is _NO_KEY:  # a key: always text
                        key_path = (*path, value)
                        if key_path in key_marks:
                            duplicates.append(
                                (container, path, value, position, key_marks[key_path])
                            )
                        else:
                            key_marks[key_path] = position
                        pending = value
                        continue
                    if event.implicit[0]:
                        value = resolve_plain(value)
                elif in_map and pending is _NO_KEY:
                    raise _refuse(file, event, _COMPLEX_KEY_MESSAGE)
                elif len(stack) >= MAX_DEPTH:
                    raise _refuse(file, event, _DEPTH_MESSAGE)
                else:
                    value = {} if kind is yaml.MappingStartEvent else []
                if container is None:
                    doc.data, value_path = value, ()
                elif in_map:
                    value_path = (*path, pending)
                    if pending in container:  # a duplicate key: keep the first, detach this
                        value_path = (*value_path, object())
                    else:
                        container[pending] = value
                    pending = _NO_KEY
                else:
                    value_path = (*path, len(container))
                    container.append(value)
                marks[value_path] = position
                if kind is _SCALAR:
                    if value.__class__ is float:
                        source[value_path] = raw
                else:
                    stack.append((container, path, pending, in_map))
                    container, path, pending, in_map = (
                        value,
                        value_path,
                        _NO_KEY,
                        value.__class__ is dict,
                    )
            elif kind in _ENDS:
                container, path, pending, in_map = stack.pop()
            elif kind is yaml.StreamEndEvent:
                return
            elif kind is _ALIAS:
                raise _refuse(file, event, _ALIAS_MESSAGE.format(name=event.anchor))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _refuse(file, event, _MANY_DOCUMENTS_MESSAGE)
    finally:
        parser.dispose()


_ANCHOR_MESSAGE = (
    "Không dùng neo YAML (&{name}). Hãy viết đầy đủ nội dung tại từng chỗ cần dùng, "
    "không tham chiếu lại."
)
_ALIAS_MESSAGE = (
    "Không dùng tham chiếu YAML (*{name}). Hãy chép đầy đủ nội dung vào chỗ này thay cho "
    "tham chiếu."
)
_TAG_MESSAGE = (
    "Không dùng thẻ kiểu YAML ({tag}). Hãy xoá thẻ và viết giá trị bình thường; văn bản cần "
    "giữ nguyên thì đặt trong ngoặc kép."
)
_DEPTH_MESSAGE = (
    f"Tệp lồng nhau quá sâu (hơn {MAX_DEPTH} cấp). Hồ sơ chỉ lồng vài cấp; hãy kiểm tra thụt lề "
    "hoặc dấu ngoặc [ { bị thừa."
)
_COMPLEX_KEY_MESSAGE = (
    "Tên trường phải là một chữ đơn giản như ho_ten, không phải danh sách hay nhóm. "
    "Hãy kiểm tra dấu ? hoặc ngoặc ở đầu dòng."
)
_MANY_DOCUMENTS_MESSAGE = (
    "Tệp chứa nhiều tài liệu YAML (ngăn cách bởi ---). Mỗi đơn vị chỉ nộp một hồ sơ trong "
    "một tệp; hãy xoá dòng --- và phần thừa."
)
_WIDE_MESSAGE = (
    "Tệp được lưu ở mã hoá UTF-32 (hoặc UTF-16 không có dấu BOM) nên không đọc được. Hãy lưu "
    "lại tệp với mã hoá UTF-8 (trong Notepad: Lưu thành… → Mã hoá: UTF-8; trong VS Code: nhấn "
    "vào tên mã hoá ở thanh dưới cùng → Save with Encoding → UTF-8)."
)
