"""What a JSON Schema error says: one handler per keyword turns a ``jsonschema``
error into Vietnamese messages at their line, saying what is wrong and how to write
it right (the value meant, the code for a label, the close choices).

Kept apart from ``schema`` (the engines) so each reads on its own; handlers get the
checker for its schema lookups (``resolve``, the money, date and fraction fields).
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from vinhdanh.check.load import Document, JsonPath
from vinhdanh.check.privacy import is_retired
from vinhdanh.check.slips import enum_slip, key_slip, pattern_slip
from vinhdanh.values import fold, show_value

if TYPE_CHECKING:
    from vinhdanh.check.schema import SchemaChecker

HINT = "x-goi-y"  # a schema's own advice for a value that fails its pattern
RETIRED_MARK = "x-da-bo"  # a v1 field no longer allowed; a rule reports it


Located = tuple[tuple[int, int], str]


def show_path(path: JsonPath) -> str:
    text = ""
    for part in path:
        name = show_value(part, limit=40)
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text or "tệp"


_TYPE_NAMES = {
    "string": "văn bản",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "true hoặc false",
    "array": "danh sách (mỗi mục một dòng bắt đầu bằng '- ')",
    "object": "nhóm trường (mỗi trường một dòng 'tên: giá trị')",
    "null": "để trống",
}


def _actual_type(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "số nguyên"
    if isinstance(value, float):
        return "số thập phân"
    if isinstance(value, str):
        return "văn bản"
    return "danh sách" if isinstance(value, list) else "nhóm trường"


def suggest(word: str, choices: list[str]) -> str:
    """' Có phải ý bạn là …?' for the closest choice, comparing without diacritics."""
    folded = {fold(c): c for c in choices}
    close = difflib.get_close_matches(fold(str(word)), list(folded), n=1, cutoff=0.6)
    return f" Có phải ý bạn là '{folded[close[0]]}'?" if close else ""


def _required(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    properties = error.schema.get("properties", {})
    where = doc.where(path, key=True)
    out = []
    for key in error.validator_value:
        if key in instance:
            continue
        title = checker.resolve(properties.get(key, {})).get("title")
        label = f" ({title})" if title else ""
        why = f" ({error.schema[HINT]})" if HINT in error.schema else ""
        out.append(
            (
                where,
                f"Thiếu trường bắt buộc '{key}'{label} trong '{show_path(path)}'{why}. "
                f"Hãy thêm dòng '{key}: …' vào nhóm này.",
            )
        )
    return out


def _additional(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    allowed = [
        key
        for key, sub in error.schema.get("properties", {}).items()
        if RETIRED_MARK not in checker.resolve(sub)
    ]
    out = []
    for key in error.instance:
        if key in allowed or is_retired((key,)):
            continue  # a retired key has its own finding (du-lieu-nhay-cam)
        odd = key_slip(key)
        message = (
            f"Trường '{show_value(key)}' {odd}."
            if odd
            else f"Trường '{show_value(key)}' không có trong mẫu của '{show_path(path)}'."
            f"{suggest(show_value(key), allowed)} Các trường được phép: {', '.join(allowed)}."
        )
        out.append((doc.where((*path, key), key=True), message))
    return out


_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+\Z")
_YES_NO = {"yes", "no", "y", "n", "on", "off", "có", "không", "co", "khong", "đúng", "sai"}


_LONGEST = 30  # digits: longer numbers are not retyped in messages (nor converted)


def _too_long(name: str, digits: int, schema: dict[str, Any]) -> str:
    """A number too long to be meant: its length and bound, never the digits themselves."""
    bound = schema.get("maximum")
    most = f"số không lớn hơn {bound}" if bound is not None else "số nguyên đúng"
    return f"'{name}' là một số có {digits} chữ số, quá lớn: hãy viết {most}."


def _type(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    value, expected = error.instance, error.validator_value
    where, name = doc.where(path), show_path(path)
    if not path and value is None:
        return [
            (
                where,
                "Tệp rỗng. Hãy bắt đầu từ tệp mẫu: chạy 'vinhdanh new <mã đơn vị>' "
                "rồi điền nội dung.",
            )
        ]
    if value is None:
        return [(where, f"'{name}' đang để trống. Hãy điền {_TYPE_NAMES.get(expected, expected)}.")]
    if expected == "boolean" and isinstance(value, str) and value.lower() in _YES_NO:
        return [
            (
                where,
                f"'{name}': '{value}' không phải true/false (YAML cũ tự đoán '{value}' "
                "thành đúng/sai, vinhdanh thì không). Hãy viết true (có) hoặc false "
                "(không).",
            )
        ]
    if expected == "integer" and isinstance(value, str):
        digits = value.lstrip("+-")
        plain = digits.replace(".", "").replace(",", "")
        if not (plain.isascii() and plain.isdigit()):  # "²".isdigit() too; int() refuses it
            pass
        elif len(plain) > _LONGEST:
            return [(where, _too_long(name, len(plain), error.schema))]
        elif digits.isdigit() and digits.startswith("0"):
            return [
                (
                    where,
                    f"'{name}': '{value}' bắt đầu bằng số 0 nên không được hiểu là số "
                    f"(YAML cũ còn đọc thành số bát phân). Hãy viết {int(digits)}.",
                )
            ]
        else:
            return [
                (
                    where,
                    f"'{name}': số '{show_value(value)}' phải viết liền, không dấu chấm hay phẩy. "
                    f"Hãy viết {int(plain)}.",
                )
            ]
    if expected == "integer" and isinstance(value, float):
        written = doc.source.get(path, repr(value))
        if _THOUSANDS.match(written):
            return [
                (
                    where,
                    f"'{name}': YAML đọc '{written}' thành số thập phân {value!r}. "
                    f"Nếu là số {written.replace('.', '')}, hãy viết liền "
                    f"{written.replace('.', '')} (không dùng dấu chấm phân cách hàng nghìn).",
                )
            ]
        return [
            (
                where,
                f"'{name}': YAML đọc '{written}' thành số thập phân {value!r}. "
                "Hãy viết số nguyên, không có dấu chấm hay phần thập phân.",
            )
        ]
    if expected == "string" and isinstance(value, (int, float, bool)):
        written = doc.source.get(path, show_value(value))
        return [
            (
                where,
                f"'{name}': YAML đọc '{written}' thành {_actual_type(value)}, nhưng ở đây "
                f'cần văn bản. Hãy đặt trong ngoặc kép: "{written}".',
            )
        ]
    return [(where, f"'{name}' phải là {_wanted(expected)}, nhưng đang là {_actual_type(value)}.")]


def _wanted(expected: str | list[str]) -> str:
    """The schema's expected type(s), in Vietnamese."""
    if isinstance(expected, list):
        return " hoặc ".join(_TYPE_NAMES.get(t, t) for t in expected)
    return _TYPE_NAMES.get(expected, expected)


def _enum(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    codes = [str(c) for c in error.validator_value]
    labels = error.schema.get("enumDescriptions") or [""] * len(codes)
    listed = "; ".join(f"{c} ({lab})" if lab else c for c, lab in zip(codes, labels, strict=True))
    value, name = show_value(error.instance), show_path(path)
    said = enum_slip(error.instance, codes, labels)
    if said and said[1]:
        return [(doc.where(path), f"'{name}': giá trị '{value}' {said[0]}.")]
    hint = f" {said[0]}." if said else suggest(value, codes)
    return [
        (
            doc.where(path),
            f"'{name}': giá trị '{value}' không có trong danh mục.{hint} "
            f"Các giá trị được phép: {listed}.",
        )
    ]


def _const(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    return [
        (
            doc.where(path),
            f"'{show_path(path)}' phải là {error.validator_value}, "
            f"nhưng đang là '{show_value(error.instance)}'.",
        )
    ]


def _hinted(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    hint = error.schema.get(HINT) or "hãy kiểm tra lại giá trị"
    name, value = show_path(path), error.instance
    if value == "":
        more = f"; {hint}" if error.validator == "pattern" else ""
        return [(doc.where(path), f"'{name}' đang để trống: hãy điền nội dung{more}.")]
    shown = show_value(value)
    if error.validator == "pattern" and isinstance(value, str):
        is_date = error.validator_value == checker.date_pattern
        slip = pattern_slip(value, error.validator_value, is_date=is_date)
        if slip:
            return [(doc.where(path), f"'{name}': giá trị '{shown}' {slip[0]}.")]
    hidden = "<U+" in shown
    problem = "có ký tự điều khiển ẩn" if hidden else "không đúng dạng"
    return [(doc.where(path), f"'{name}': giá trị '{shown}' {problem}: {hint}.")]


def _bounds(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    words = {
        "minimum": "không được nhỏ hơn",
        "maximum": "không được lớn hơn",
        "minItems": "cần ít nhất",
        "maxItems": "nhiều nhất",
    }
    if error.validator in ("minItems", "maxItems"):
        message = f"'{show_path(path)}' {words[error.validator]} {error.validator_value} mục."
    else:
        message = (
            f"'{show_path(path)}' = {show_value(error.instance)} "
            f"{words[error.validator]} {error.validator_value}."
        )
    return [(doc.where(path), message)]


def _unique(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    return [(doc.where(path), f"'{show_path(path)}' có mục bị lặp lại. Hãy xoá mục trùng.")]


def generic(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    # Not error.message: it is English and quotes the value raw (hidden characters included).
    hint = error.schema.get(HINT) or "hãy đối chiếu với mẫu (vinhdanh new) và sửa lại"
    return [(doc.where(path), f"'{show_path(path)}' không hợp lệ theo lược đồ: {hint}.")]


def unquoted(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    """What is wrong under a private key (the unit's contact), never quoting the value."""
    name, value, expected = show_path(path), error.instance, error.validator_value
    if value is None or value == "":
        return [(doc.where(path), f"'{name}' đang để trống: hãy điền nội dung hoặc xoá dòng này.")]
    if error.validator == "type":
        quote = " Hãy đặt trong ngoặc kép." if expected == "string" else ""
        actual = _actual_type(value)
        return [
            (
                doc.where(path),
                f"'{name}' phải là {_wanted(expected)}, nhưng đang là {actual}.{quote}",
            )
        ]
    hint = error.schema.get(HINT) or "hãy kiểm tra lại giá trị"
    return [
        (
            doc.where(path),
            f"'{name}' không đúng dạng (thông tin liên hệ nên không nhắc lại giá trị ở đây): "
            f"{hint}.",
        )
    ]


HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _hinted,
    "minLength": _hinted,
    "oneOf": _hinted,
    "anyOf": _hinted,
    "minimum": _bounds,
    "maximum": _bounds,
    "minItems": _bounds,
    "maxItems": _bounds,
    "uniqueItems": _unique,
}

# Handlers that quote only key names and the schema's own words, never a value.
KEYS_ONLY = (_required, _additional, _unique)
