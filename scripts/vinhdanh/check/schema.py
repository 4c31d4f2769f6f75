"""Stage 2a — JSON Schema, with every violation said in Vietnamese at its line.

Two engines, one schema: ``jsonschema-rs`` (Rust) answers "is this valid?" in
tens of microseconds, which is the whole cost for the files that are fine; only
a file that fails is walked again by Python ``jsonschema``, whose structured
errors (keyword, path, sub-schema) we translate into messages that say what is
wrong and how to write it right.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.load import Document, JsonPath
from vinhdanh.check.privacy import is_private, is_retired
from vinhdanh.check.slips import enum_slip, key_slip, pattern_slip
from vinhdanh.values import fold, show_value

MONEY_REF = "#/definitions/tien"
DATE_REF = "#/definitions/ngay"
HINT = "x-goi-y"
RETIRED_MARK = "x-da-bo"  # a v1 field no longer allowed; a rule reports it


# Schema name → file under schemas/; the file name is also the URI that
# relative "$ref"s between the schemas resolve to.
SCHEMA_FILES = {
    "submission": "submission.schema.json",
    "registry": "don-vi.schema.json",
    "plan": "ke-hoach.schema.json",
    "vocabulary": "tu-vung.schema.json",
    "admins": "quan-tri.schema.json",
}


def by_uri(schemas: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {SCHEMA_FILES[name]: schema for name, schema in schemas.items()}


def resolve(sub: Any, uris: dict[str, dict[str, Any]], own: dict[str, Any]) -> dict[str, Any]:
    """A sub-schema with its ``$ref`` followed (ours are one hop); sibling keywords win."""
    if not isinstance(sub, dict) or "$ref" not in sub:
        return sub if isinstance(sub, dict) else {}
    uri, _, pointer = sub["$ref"].partition("#")
    target: Any = uris[uri] if uri else own
    for part in pointer.strip("/").split("/") if pointer else []:
        target = target[part]
    return {**target, **{k: v for k, v in sub.items() if k != "$ref"}}


def fields_where(schema: dict[str, Any], test: Callable[[dict[str, Any]], bool]) -> frozenset[str]:
    """Names of the properties, anywhere in a schema, whose sub-schema passes ``test``."""
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and test(sub):
                    found.add(name)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return frozenset(found)


def fields_with_ref(schema: dict[str, Any], ref: str) -> frozenset[str]:
    """Names of properties declared as ``{"$ref": ref}`` anywhere in a schema."""
    return fields_where(schema, lambda sub: sub.get("$ref") == ref)


# A file of 100,000 empty items would give 800,000 findings (170 MB of output):
# the first ones are enough to act on.
MAX_FINDINGS = 100
_MORE = (
    f"Tệp còn nhiều lỗi sai mẫu nữa; chỉ {MAX_FINDINGS} lỗi đầu được liệt kê. Hãy sửa các "
    "lỗi trên rồi kiểm tra lại."
)


class SchemaChecker:
    """Validates documents against one of the project's schemas."""

    def __init__(self, schemas: dict[str, dict[str, Any]], name: str):
        self._uris = by_uri(schemas)
        self.schema = schemas[name]
        resources = list(self._uris.items())
        self._fast = jsonschema_rs.Draft7Validator(
            self.schema, registry=jsonschema_rs.Registry(resources)
        )
        registry = Registry().with_resources(
            (uri, Resource.from_contents(s, default_specification=DRAFT7)) for uri, s in resources
        )
        self._slow = jsonschema.Draft7Validator(self.schema, registry=registry)
        self.money_fields = fields_with_ref(self.schema, MONEY_REF)
        dates = schemas["submission"].get("definitions", {}).get(DATE_REF.rpartition("/")[2])
        self.date_pattern = (dates or {}).get("pattern")  # its slips get the date meant
        # Where a number may have a fractional part; anywhere else a float is an error,
        # even 420.0, which JSON Schema counts as an integer (see rules.whole_numbers).
        self.fraction_fields = fields_where(
            self.schema, lambda sub: self.resolve(sub).get("type") == "number"
        )

    def check(self, doc: Document) -> list[Finding]:
        if self._fast.is_valid(doc.data):
            return []
        findings: list[Finding] = []
        seen_required: set[JsonPath] = set()
        for error in self._slow.iter_errors(doc.data):
            path = tuple(error.absolute_path)
            if len(findings) >= MAX_FINDINGS:  # errors come lazily: the rest is never computed
                line, column = doc.where(path)
                findings.append(Finding(doc.file, line, column, "schema", ERROR, _MORE))
                break
            if self._is_money_rule(path, error.instance):
                continue  # reported, with a better message, by the `tien-le` rule
            if is_retired(path):
                continue  # one `du-lieu-nhay-cam` per key, from the rules, value unquoted
            if error.validator == "required":
                if path in seen_required:
                    continue
                seen_required.add(path)
            findings.extend(self._translate(doc, error, path))
        return findings

    def _is_money_rule(self, path: JsonPath, instance: Any) -> bool:
        if not path or path[-1] not in self.money_fields:
            return False
        return isinstance(instance, float) or (
            isinstance(instance, int) and not isinstance(instance, bool) and instance < 0
        )

    def resolve(self, sub: Any) -> dict[str, Any]:
        return resolve(sub, self._uris, self.schema)

    def _translate(self, doc: Document, error: Any, path: JsonPath) -> list[Finding]:
        handler = _HANDLERS.get(error.validator, _generic)
        if is_private(path) and handler not in _KEYS_ONLY:
            handler = _unquoted
        results = handler(self, doc, error, path)
        return [
            Finding(doc.file, line, column, "schema", ERROR, message)
            for (line, column), message in results
        ]


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


def _generic(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
    # Not error.message: it is English and quotes the value raw (hidden characters included).
    hint = error.schema.get(HINT) or "hãy đối chiếu với mẫu (vinhdanh new) và sửa lại"
    return [(doc.where(path), f"'{show_path(path)}' không hợp lệ theo lược đồ: {hint}.")]


def _unquoted(checker: SchemaChecker, doc: Document, error: Any, path: JsonPath) -> list[Located]:
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


_HANDLERS = {
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
_KEYS_ONLY = (_required, _additional, _unique)
