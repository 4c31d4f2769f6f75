"""Write imported values into a submission's YAML text, leaving every other byte as it was.

``vinhdanh nhap … --ghi`` replaces the lists it read from a workbook (and the
report's sections read from Word) in ``submissions/<ma>.yaml``; the rest of the
file is the unit's own writing, its comments and the ``yaml-language-server``
modeline included, and must come back byte for byte. A round-trip YAML
library (ruamel.yaml) re-emits the whole file and normalises what it does not
model; here PyYAML only *reads* the file (``yaml.compose``, for each node's
start and end), and the text between is cut and joined as text.

Where a value ends: libyaml ends a block sequence or mapping at the next token,
so its span would swallow the comments and blank lines after the last item,
which usually belong to what follows (``# Người liên hệ…`` above ``lien_he:``).
A replaced block value therefore ends at the end of the last line of its last
scalar or flow node; the comments after it stay. Comments *inside* a replaced
value (between its items, such as the ``# Người do Công đoàn cơ sở … cử lên``
note inside ``dien_hinh.ca_nhan`` of the sample cd-tct-co-khi.yaml) belong to
the old value and go with it: nothing can tell which new item they would
describe. The key's own line keeps its comment; comments between the key and
its value's first line stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from vinhdanh.check.diagnose import diagnose
from vinhdanh.check.syntax import syntax_message
from vinhdanh.errors import VinhdanhError
from vinhdanh.office.yaml_text import LiteralEnd, emit, entry, flow, to_yaml

try:  # pragma: no cover - which loader exists depends on the PyYAML wheel
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

__all__ = ["SpliceError", "splice", "to_yaml"]

Path = tuple[str, ...]
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_BOM = "\ufeff"


class SpliceError(VinhdanhError):
    """The file cannot take the values: not YAML, or a path through a non-mapping."""


def splice(text: str, values: dict[Path, Any]) -> str:
    """``text`` with the value at each mapping path replaced by the given value.

    Paths are keys from the root, e.g. ``("dien_hinh", "ca_nhan")``,
    ``("hoi_nghi", "doan_chu_tich")``, ``("bao_cao", "so_lieu_khen_thuong")``,
    ``("bao_cao", "noi_dung")``. Each value is written in the house style
    (:func:`to_yaml`); every byte outside the replaced values is unchanged:
    comments after a replaced list stay, comments inside it are replaced with
    it. A key that is absent is added at the end of its parent mapping (and
    missing parents with it); a value of None removes its key. Line breaks
    follow the file's (CRLF stays CRLF), and a file without a final newline
    keeps none. Values are applied in order, each on the text the previous
    one left.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    text = text[len(bom) :]  # libyaml does not count a BOM in its marks
    for path, value in values.items():
        if not path:
            raise SpliceError("Không thể thay cả tệp: cần đường dẫn tới một trường.")
        text = _splice_one(text, tuple(path), value)
    return bom + text


def _compose(text: str) -> yaml.Node | None:
    """The document's node tree; refused with an alias, where one node has two places."""
    try:
        if "*" in text and any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, _Loader)):
            raise SpliceError(
                "Tệp có tham chiếu YAML (*tên) nên không ghi được vào đó. Hãy chạy "
                "'vinhdanh validate' để xem lỗi và sửa trước."
            )
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError):  # the slip at its line, never libyaml's English
            found = diagnose(text, exc)
            why = f"dòng {found.line}, cột {found.column}: {found.message}"
        else:
            why = syntax_message(str(exc))
        raise SpliceError(
            f"Tệp không đọc được như YAML nên không ghi được vào đó ({why}) "
            "Hãy chạy 'vinhdanh validate' để xem lỗi và sửa trước."
        ) from exc


@dataclass
class _Lines:
    """Line arithmetic on the text, with libyaml's notion of a line break."""

    text: str

    def end(self, index: int) -> int:
        """Index of the line break ending the line of ``index`` (or of the text's end)."""
        found = _BREAK.search(self.text, index)
        return found.start() if found else len(self.text)

    def start(self, index: int) -> int:
        """Index of the first character of the line of ``index``."""
        return max(self.text.rfind(b, 0, index) + 1 for b in "\n\r\x85\u2028\u2029")

    def newline(self) -> str:
        found = _BREAK.search(self.text)
        return found.group() if found and found.group() in ("\r\n", "\r") else "\n"


def _splice_one(text: str, path: Path, value: Any) -> str:
    root = _compose(text)
    if root is None or _is_null(root):
        if value is None:
            return text
        return _append_root(text, root, path, value)
    node, depth = root, 0
    while True:
        if not isinstance(node, yaml.MappingNode):
            where = ".".join(path[:depth]) or "gốc tệp"
            raise SpliceError(
                f"Không ghi được {'.'.join(path)}: {where} không phải một nhóm trường."
            )
        found = _find(node, path[depth])
        if found is None:
            if value is None:
                return text
            return _insert(text, node, path[depth:], value)
        key, child = found
        depth += 1
        if depth == len(path):
            scalar = value is not None and not isinstance(value, (list, dict))
            if scalar and _same(_Loader(text).construct_document(child), value):
                return text  # a text already so: rewriting it could only change its style
            if node.flow_style:
                return _replace_in_flow(text, child, value)
            return _replace(text, key, child, value)
        if _is_null(child):  # an empty parent: write the rest in it
            if value is None:
                return text
            if node.flow_style:
                return _replace_in_flow(text, child, _nest(path[depth:], value))
            return _replace(text, key, child, _nest(path[depth:], value))
        node = child


def _same(old: Any, new: Any) -> bool:
    """Equal and of the same type (1 == True == 1.0 in Python, not in YAML)."""
    return type(old) is type(new) and old == new


def _find(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The first entry named ``name`` (the loader keeps the first of duplicates too)."""
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def _is_null(node: yaml.Node) -> bool:
    return node.tag == "tag:yaml.org,2002:null" and isinstance(node, yaml.ScalarNode)


def _nest(path: Path, value: Any) -> Any:
    for name in reversed(path):
        value = {name: value}
    return value


def _value_end(text: str, node: yaml.Node) -> int:
    """Where ``node``'s own text ends: its last scalar's or flow node's last character."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        start, stop = node.start_mark.index, node.end_mark.index
        if "+" in text[start : _block_header_end(text, node)]:  # its blank lines are its text
            return stop - _break_before(text, stop)
        # libyaml's end takes the trailing blank lines; stop at the last written character
        written = text[start:stop].rstrip(" \t\r\n\x85\u2028\u2029")
        return start + len(written)
    return node.end_mark.index


def _break_before(text: str, index: int) -> int:
    """Length of the line break just before ``index`` (0 if none)."""
    if text[max(index - 2, 0) : index] == "\r\n":
        return 2
    return 1 if index and _BREAK.match(text[index - 1]) else 0


def _block_header_end(text: str, node: yaml.ScalarNode) -> int:
    """End of a ``|``/``>`` header's indicators (``|2-``), before any comment."""
    index = node.start_mark.index + 1
    while index < len(text) and text[index] in "+-0123456789":
        index += 1
    return index


def _colon_end(text: str, key: yaml.Node) -> int:
    index = key.end_mark.index
    colon = text.index(":", index)
    return colon + 1


def _literal_end(suffix: str) -> LiteralEnd:
    """May a ``|`` block end right before ``suffix`` and be read back unchanged?

    Only if a line break follows and the next lines cannot be taken for more of
    its text: no blank line after a block keeping its newlines (``|+``), no line
    indented as deep as its content, no tab where libyaml wants indentation.
    """
    found = _BREAK.match(suffix)
    rest = suffix[found.end() :] if found else ""

    def may_end(column: int, keep: bool) -> bool:
        if not found:
            return False
        if not rest:
            return True
        for line in _BREAK.split(rest):
            stripped = line.lstrip(" ")
            spaces = len(line) - len(stripped)
            if stripped.startswith("\t"):
                return False
            if stripped:
                return spaces < column
            if keep or spaces >= column:
                return False
        return True

    return may_end


def _replace(text: str, key: yaml.Node, old: yaml.Node, value: Any) -> str:
    """Replace a block mapping entry's value, keeping the key and the comment on its line."""
    if value is None:
        return _remove(text, key, old)
    lines = _Lines(text)
    colon = _colon_end(text, key)
    key_column = key.start_mark.column
    end = _value_end(text, old)
    block = isinstance(old, yaml.CollectionNode) and not old.flow_style
    column = key_column + 2
    if block and isinstance(value, list | dict):  # the file's own indentation, if it can
        wanted = key_column if isinstance(value, list) else key_column + 1
        if old.start_mark.column >= wanted:
            column = old.start_mark.column
    if old.start_mark.line == key.end_mark.line and not block:
        head_start, head_end = old.start_mark.index, end
        body_start = body_end = lines.end(end)
        if isinstance(old, yaml.ScalarNode) and old.style in ("|", ">"):
            head_end = _block_header_end(text, old)
            body_start = lines.end(head_start)
    else:  # on the lines below the key: keep what stands between (comments)
        head_start = head_end = colon
        first = lines.start(old.start_mark.index)
        body_start = first - _break_before(text, first)
        body_end = lines.end(end)
    suffix = text[body_end:]
    used = colon - lines.start(colon) + 1
    head, body = emit(value, column, key_column, used, _literal_end(suffix))
    if not head or old.start_mark.index == old.end_mark.index:
        head_start = colon  # an empty old value, or a block: no space left after the colon
    separator = " " if head and head_start == colon else ""
    joined = "".join(lines.newline() + line for line in body)
    return text[:head_start] + separator + head + text[head_end:body_start] + joined + suffix


def _remove(text: str, key: yaml.Node, old: yaml.Node) -> str:
    """Drop a whole entry: the key's line(s) through its value's last line."""
    lines = _Lines(text)
    start = lines.start(key.start_mark.index)
    if text[start : key.start_mark.index].strip(" "):
        raise SpliceError("Không xoá được trường đứng chung dòng với trường khác.")
    end = lines.end(_value_end(text, old))
    found = _BREAK.match(text, end)
    return text[:start] + text[found.end() if found else end :]


def _replace_in_flow(text: str, old: yaml.Node, value: Any) -> str:
    """Inside ``{…}`` everything is flow: the new value goes on the old one's place."""
    if value is None:
        raise SpliceError("Không xoá được trường nằm trong ngoặc { }.")
    return text[: old.start_mark.index] + flow(value) + text[old.end_mark.index :]


def _insert(text: str, parent: yaml.MappingNode, path: Path, value: Any) -> str:
    """Add ``path`` (and any missing parents) at the end of the mapping ``parent``."""
    nested = _nest(path[1:], value)
    if parent.flow_style:  # after the last value (a comment may follow it), or inside {}
        pair = f"{flow(path[0])}: {flow(nested)}"
        if not parent.value:
            at = parent.start_mark.index + 1
            return text[:at] + pair + text[at:]
        at = parent.value[-1][1].end_mark.index
        return text[:at] + ", " + pair + text[at:]
    lines = _Lines(text)
    at = lines.end(_value_end(text, parent))
    suffix = text[at:]
    body = entry(path[0], nested, parent.start_mark.column, _literal_end(suffix))
    return text[:at] + "".join(lines.newline() + line for line in body) + suffix


def _append_root(text: str, root: yaml.Node | None, path: Path, value: Any) -> str:
    """An empty document (only comments, or ``null``) gets its first keys at the end."""
    if root is not None:  # a bare null: drop it, keep the comments around it
        text = text[: root.start_mark.index] + text[root.end_mark.index :]
    lines = _Lines(text)
    newline = lines.newline()
    body = entry(path[0], _nest(path[1:], value), 0)
    ending = newline if text.endswith(newline) or not text else ""
    lead = "" if not text or text.endswith(newline) else newline
    return text + lead + newline.join(body) + ending
