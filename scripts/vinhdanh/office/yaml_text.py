"""Plain data to YAML text in the house style of submissions/*.yaml.

Written by hand, not by ``yaml.safe_dump``, because the text lands in files
people read and edit: PyYAML writes YAML 1.1 (``yes`` and ``0123`` unquoted
where our YAML 1.2 loader reads them differently, or the other way round),
folds long lines, sorts or flows mappings its own way and writes hidden
characters raw. Here every text is written so that both YAML 1.1 tools (the
editor's yaml-language-server) and our loader (check/load.py) read back the
same string: plain when it is safe under both, a ``|`` block when it has
several lines, else double-quoted with escapes. Hidden and control characters
and characters beyond the BMP are always escaped, so the reader sees them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from vinhdanh.check.hidden import BLANK
from vinhdanh.check.load import resolve_plain

WIDTH = 80  # a flow list of short codes stays on its key's line if the line fits
ITEM_WIDTH = 100  # a list item of a few short fields is one "- {…}" line if it fits
# Characters written as escapes: what the loader reports as hidden, what libyaml reads as
# a line break or refuses, variation selectors, and everything beyond the BMP (emoji and
# mathematical letters look like ordinary text but are not).
_ESCAPE_EXTRA = re.compile(
    "[\u2028\u2029\ufe00-\ufe0f\ufffe\uffff\ud800-\udfff\U00010000-\U0010ffff]"
)
_SHORT = {
    "\0": "0",
    "\a": "a",
    "\b": "b",
    "\t": "t",
    "\n": "n",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}:#]")
_CODE = re.compile(r"[a-z0-9][a-z0-9._/-]*\Z")
_YAML11 = yaml.resolver.Resolver()
_YAML11_BOOLS = frozenset({"y", "Y", "n", "N"})  # YAML 1.1 booleans PyYAML does not know

# Given a trailing | block's content column and whether it keeps its final newlines:
# may the block end the emitted text, before whatever follows it?
LiteralEnd = Callable[[int, bool], bool]


def _anywhere(_column: int, _keep: bool) -> bool:
    return True


def to_yaml(value: Any, indent: int = 0) -> str:
    """``value`` as YAML lines indented by ``indent`` spaces, each ending in a newline.

    A mapping or a sequence gives its block lines; a scalar its one line (or a
    ``|`` block). Keys keep the order of the dict; keys whose value is None are
    left out. ``to_yaml(data, 0)`` is a whole document that check/load.py reads
    back as ``data``.
    """
    head, lines = emit(value, indent, -1 if indent == 0 else indent - 2, 0)
    if head:
        lines = [" " * indent + head, *lines]
    return "".join(line + "\n" for line in lines)


def emit(
    value: Any, column: int, parent: int, used: int, end: LiteralEnd = _anywhere
) -> tuple[str, list[str]]:
    """``value`` as the value of a key (or a ``- `` item): ``(head, lines)``.

    ``head`` goes on the key's line after ``key: `` (a scalar, a flow list, a
    ``|`` header; empty for a block mapping or sequence), ``lines`` follow it,
    indented from ``column``. ``parent`` is the indentation libyaml counts a
    ``|2`` indicator from (the key's column; -1 at the document's root),
    ``used`` the columns the key's line already holds (for the flow width).
    ``end`` says whether a ``|`` block may be the very last thing written.
    """
    if isinstance(value, dict):
        items = [(k, v) for k, v in value.items() if v is not None]
        if not items:
            return "{}", []
        lines: list[str] = []
        for number, (key, item) in enumerate(items):
            last = end if number == len(items) - 1 else _anywhere
            lines += entry(key, item, column, last)
        return "", lines
    if isinstance(value, list):
        if not value:
            return "[]", []
        flow = _short_flow(value)
        if flow is not None and used + len(flow) <= WIDTH:
            return flow, []
        lines = []
        short = [_flow_item(item) for item in value]
        if all(s is not None and column + 2 + len(s) <= ITEM_WIDTH for s in short):
            return "", [f"{' ' * column}- {s}" for s in short]  # as the samples write them
        for number, item in enumerate(value):
            last = end if number == len(value) - 1 else _anywhere
            head, body = emit(item, column + 2, column, column + 2, last)
            if head:
                lines.append(f"{' ' * column}- {head}")
                lines += body
            else:  # a block mapping or sequence: its first line shares the dash
                lines.append(f"{' ' * column}- {body[0][column + 2 :]}")
                lines += body[1:]
        return "", lines
    if isinstance(value, str) and "\n" in value:
        block = _literal(value, max(column, parent + 2, 2), parent, end)
        if block is not None:
            return block
    return scalar(value), []


def entry(key: str, value: Any, column: int, end: LiteralEnd = _anywhere) -> list[str]:
    """The lines of ``key: value`` in a block mapping whose keys stand at ``column``."""
    name = scalar(key, flow=True)
    head, body = emit(value, column + 2, column, column + len(name) + 2, end)
    return [f"{' ' * column}{name}:{' ' + head if head else ''}", *body]


def flow(value: Any) -> str:
    """``value`` on one line in flow style (inside a ``{…}`` or ``[…]`` written by hand)."""
    if isinstance(value, dict):
        parts = [f"{scalar(k, flow=True)}: {flow(v)}" for k, v in value.items() if v is not None]
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value, flow=True)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar on one line: true/false, an int, null, or a text plain or double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if resolve_plain(text) != value:
            raise ValueError(f"no YAML 1.2 core form for {value!r}")
        return text
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    return value if plain_safe(value, flow=flow) else quoted(value)


def plain_safe(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` unquoted reads back as this very text under YAML 1.1 and 1.2."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or text in _YAML11_BOOLS:
        return False
    if text.startswith("...") or _hidden(text):
        return False
    if flow and _FLOW_UNSAFE.search(text):
        return False
    if resolve_plain(text) != text:  # YAML 1.2 core, as our loader reads it
        return False
    return _YAML11.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def quoted(text: str) -> str:
    """``text`` in double quotes; hidden, control and non-BMP characters as escapes."""
    out = []
    for char in text:
        if char in _SHORT:
            out.append("\\" + _SHORT[char])
        elif _must_escape(char):
            code = ord(char)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}")
            if code > 0xFFFF:
                out[-1] = f"\\U{code:08X}"
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _hidden(text: str, allowed: str = "") -> bool:
    """Whether ``text`` has a character (other than ``allowed``) that must be an escape."""
    if text.isprintable():  # the common case: one C pass; printable hidden ones remain
        return bool(BLANK.search(text) or _ESCAPE_EXTRA.search(text))
    return any(_must_escape(char) and char not in allowed for char in text)


def _must_escape(char: str) -> bool:
    """Hidden, a control, a line break, unassigned or beyond the BMP; a space stays a space."""
    if BLANK.match(char) or _ESCAPE_EXTRA.match(char):
        return True
    return not char.isprintable() and unicodedata.category(char) != "Zs"


def _flow_item(item: Any) -> str | None:
    """``{ten: …, nam: 2024}`` for a mapping of one-line scalars and short code lists."""
    if not isinstance(item, dict) or not item:
        return None
    for value in item.values():
        if isinstance(value, list):
            if _short_flow(value) is None:
                return None
        elif isinstance(value, str):
            if "\n" in value or _hidden(value):
                return None
        elif value is not None and not isinstance(value, int):
            return None
    return flow(item)


def _short_flow(items: list[Any]) -> str | None:
    """``[a, b]`` for a list of ints, booleans and short codes; None for anything else."""
    for item in items:
        if isinstance(item, str):
            if not (_CODE.match(item) and len(item) <= 40 and plain_safe(item, flow=True)):
                return None
        elif not isinstance(item, int):
            return None
    return "[" + ", ".join(scalar(item) for item in items) + "]"


def _literal(text: str, column: int, parent: int, end: LiteralEnd) -> tuple[str, list[str]] | None:
    """A ``|`` block for a text of several lines, or None where one cannot carry it."""
    body = text.rstrip("\n")
    if not body or "\t" in text or _hidden(text, allowed="\n"):
        return None
    newlines = len(text) - len(body)
    chomp = "-" if newlines == 0 else "" if newlines == 1 else "+"
    if not end(column, chomp == "+"):
        return None
    lines = body.split("\n")
    first = next(line for line in lines if line)  # body is not all newlines
    indicator = ""
    if first[0] in " \t" and not lines[0]:
        return None  # blank lines, then indented text: quoted is the one form read back alike
    if first[0] in " \t":  # else libyaml would take the spaces for indentation
        step = column - parent if parent >= 0 else column
        if not 1 <= step <= 9:
            return None
        indicator = str(step)
    content = [" " * column + line if line else "" for line in lines]
    content += [""] * (newlines - 1)
    return f"|{indicator}{chomp}", content
