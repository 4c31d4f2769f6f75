"""The unit's workbook layout: which sheets, which columns, read from the schema.

One source of truth: a sheet's columns are the properties of its list's items
in the submission schema, in the schema's order, under the schema's titles, and
a column's kind (text, number, year, money, Có/Không, a vocabulary) comes from
the property's type. Only the sheets themselves — their short names and which
list each holds — are chosen here. A list nested in an item (a person's
initiatives, awards, titles) gets a sheet of its own whose rows name their
owner, as flatten-tool does for JSON: a sheet row cannot hold a list of rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from vinhdanh.check.schema import by_uri, resolve
from vinhdanh.values import value_at

JsonPath = tuple[str, ...]

ID = "id"  # the item's own code (ma): made from the name when left blank
TEXT, LONG = "text", "long"
COUNT, YEAR, MONEY = "count", "year", "money"
BOOL, CHOICE, CHOICES = "bool", "choice", "choices"
YEARS, LINES = "years", "lines"
DATE = "date"
NUMBERS = frozenset({COUNT, YEAR, MONEY})

PEOPLE: JsonPath = ("dien_hinh", "ca_nhan")
COLLECTIVES: JsonPath = ("dien_hinh", "tap_the")
DELEGATES: JsonPath = ("hoi_nghi", "dai_bieu_di_du_cap_tren")
HONOREES: tuple[JsonPath, ...] = (PEOPLE, COLLECTIVES)
REFERENCE = "tu"

# (sheet name, the lists it holds, the key of a nested list in their items or None).
SHEETS: tuple[tuple[str, tuple[JsonPath, ...], str | None], ...] = (
    ("Cá nhân", (PEOPLE,), None),
    ("Danh hiệu", (PEOPLE,), "danh_hieu"),
    ("Sáng kiến", (PEOPLE,), "sang_kien"),
    ("Tập thể", (COLLECTIVES,), None),
    ("Khen thưởng", (PEOPLE, COLLECTIVES), "khen_thuong"),
    ("Đoàn chủ tịch", (("hoi_nghi", "doan_chu_tich"),), None),
    ("Đại biểu đi dự", (DELEGATES,), None),
    ("Số liệu khen thưởng", (("bao_cao", "so_lieu_khen_thuong"),), None),
)
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
OWNER_ID = "Mã cá nhân / tập thể"
OWNER_NAME = "Họ và tên / Tên tập thể"
RETIRED = "#/definitions/da_bo"

# What each kind of column asks, where the schema's own description speaks of YAML.
HINTS = {
    ID: "Bỏ trống thì vinhdanh tạo mã từ họ tên hoặc tên tập thể.",
    LONG: "Văn bản tự do; xuống dòng trong ô bằng Alt+Enter.",
    COUNT: "Số nguyên không âm, ví dụ 25.",
    YEAR: "Năm, ví dụ 2024.",
    MONEY: "Số tiền (đồng), ví dụ 350000000 hoặc 350.000.000.",
    BOOL: "Chọn Có hoặc Không.",
    YEARS: "Các năm, cách nhau bằng dấu phẩy, ví dụ 2022, 2023.",
    LINES: "Mỗi mục một dòng (Alt+Enter để xuống dòng trong ô).",
    CHOICES: "Một hoặc nhiều mục, cách nhau bằng dấu chấm phẩy (;); các mục có ở trang Danh mục.",
}


REQUIRED_MARK = " *"  # after a required column's title; the reader compares words only


@dataclass(frozen=True)
class Field:
    """One column: a property of the list's items."""

    key: str
    title: str
    kind: str
    help: str
    vocabulary: str | None = None
    required: bool = False
    in_reference: bool = False  # a reference row (tu) may give it too
    pattern: str | None = None  # what the schema allows (a code's letters)
    bounds: tuple[int, int] | None = None  # a count's or a year's minimum and maximum

    @property
    def heading(self) -> str:
        """The title as a sheet shows it: a required one marked (a code may be left blank)."""
        return self.title + REQUIRED_MARK if self.required and self.kind != ID else self.title


@dataclass(frozen=True)
class SheetLayout:
    name: str
    lists: tuple[JsonPath, ...]
    nested: str | None
    fields: tuple[Field, ...]

    @property
    def owned(self) -> bool:
        """Rows belong to an item of another sheet (named by the owner columns)."""
        return self.nested is not None

    @property
    def titles(self) -> tuple[str, ...]:
        owner = (OWNER_ID, OWNER_NAME) if self.owned else ()
        named = (OWNER_NAME,) if self.lists == (DELEGATES,) else ()
        return (*owner, *(f.title for f in self.fields), *named)


def _vocabulary(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.rpartition("/")[2] if ref.startswith("tu-vung.schema.json#") else None


def kind_of(raw: dict[str, Any], node: dict[str, Any], uris, own) -> tuple[str, str | None]:
    """The column kind of a property schema (and its vocabulary, if any)."""
    ref = raw.get("$ref", "")
    if _vocabulary(raw):
        return CHOICE, _vocabulary(raw)
    if ref.endswith("/ma"):
        return ID, None
    if ref.endswith("/nam"):
        return YEAR, None
    if ref.endswith("/ngay"):
        return DATE, None
    if ref.endswith("/tien"):
        return MONEY, None
    if ref.endswith("/doan_van"):
        return LONG, None
    if node.get("type") == "boolean":
        return BOOL, None
    if node.get("type") == "integer":
        return COUNT, None
    if node.get("type") == "array":
        items = node.get("items", {})
        if _vocabulary(items):
            return CHOICES, _vocabulary(items)
        item = resolve(items, uris, own)
        if item.get("type") == "integer":
            return YEARS, None
        if item.get("type") == "object":
            return "nested", None
        return LINES, None
    return TEXT, None


def bounds(node: dict[str, Any]) -> tuple[int, int] | None:
    if "minimum" in node and "maximum" in node:
        return int(node["minimum"]), int(node["maximum"])
    return None


def help_text(raw: dict[str, Any], kind: str, labels: list[str]) -> str:
    """Input help for a cell: the property's own description, then how to write it."""
    own = raw.get("description", "") if "$ref" in raw else ""
    own = re.sub(r"\btrue\b", "Có", re.sub(r"\bfalse\b", "Không", own))
    hint = HINTS.get(kind, "")
    if kind == CHOICE:
        hint = "Chọn một: " + "; ".join(labels)
    return " ".join(part for part in (own, hint) if part)


def _fields(item: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> tuple[Field, ...]:
    uris, own = by_uri(schemas), schemas["submission"]
    vocab = schemas["vocabulary"]["definitions"]
    branches = [item] if "properties" in item else [item["else"], item["then"]]
    records = resolve(branches[0], uris, own)
    reference = resolve(branches[1], uris, own) if len(branches) > 1 else {}
    required = set(records.get("required", ()))
    fields = []
    for key, raw in records.get("properties", {}).items():
        if raw.get("$ref") == RETIRED:
            continue
        node = resolve(raw, uris, own)
        kind, vocabulary = kind_of(raw, node, uris, own)
        if kind == "nested":
            continue
        labels = vocab[vocabulary]["enumDescriptions"] if vocabulary else []
        title = node.get("title") or key
        fields.append(
            Field(
                key,
                title,
                kind,
                help_text(raw, kind, labels),
                vocabulary,
                key in required,
                key in reference.get("properties", {}),
                node.get("pattern"),
                bounds(node),
            )
        )
    if reference:
        tu = reference["properties"][REFERENCE]
        fields.append(
            Field(REFERENCE, f"{tu['title']} (tu)", TEXT, tu["description"], in_reference=True)
        )
    return tuple(_plain_words(fields, vocab))


def _plain_words(fields: list[Field], vocab: dict[str, Any]) -> list[Field]:
    """Help in the sheet's words: "hinh_thuc là khac" becomes "Hình thức khen thưởng là
    Hình thức khác", as the official sees the column and the choice."""
    swaps = {
        f"{f.key} là {code}": f"{f.title} là {label}"
        for f in fields
        if f.vocabulary
        for code, label in zip(
            vocab[f.vocabulary]["enum"], vocab[f.vocabulary]["enumDescriptions"], strict=True
        )
    }
    out = []
    for f in fields:
        text = f.help
        for said, meant in swaps.items():
            text = text.replace(said, meant)
        out.append(replace(f, help=text))
    return out


def _items(schema: dict[str, Any], path: JsonPath, nested: str | None, schemas) -> dict[str, Any]:
    """The item schema of the list at ``path`` (or of the list ``nested`` in its items)."""
    uris, own = by_uri(schemas), schemas["submission"]
    node = schema
    for key in path:
        node = resolve(resolve(node, uris, own)["properties"][key], uris, own)
    items = node["items"]
    if nested is None:
        return items
    records = resolve(items.get("else", items), uris, own)
    return resolve(resolve(records["properties"][nested], uris, own)["items"], uris, own)


def _scalar_list(path: JsonPath, schemas) -> tuple[Field, ...]:
    """A list of plain values (the delegates sent up): one column, the item's title."""
    item = resolve(_items(schemas["submission"], path, None, schemas), by_uri(schemas), {})
    return (Field("", item.get("title", ""), TEXT, item.get("description", ""), required=True),)


def workbook_layout(schemas: dict[str, dict[str, Any]]) -> tuple[SheetLayout, ...]:
    """Every sheet of the unit's workbook, its columns from the schema."""
    sheets = []
    for name, lists, nested in SHEETS:
        item = _items(schemas["submission"], lists[0], nested, schemas)
        if item.get("type") == "object" or "else" in item:
            fields = _fields(item, schemas)
        else:
            fields = _scalar_list(lists[0], schemas)
        sheets.append(SheetLayout(name, lists, nested, fields))
    return tuple(sheets)


def owner_sheets(layout: tuple[SheetLayout, ...], lists: tuple[JsonPath, ...]) -> str:
    """The sheets whose rows own a nested sheet's rows: "Cá nhân hoặc Tập thể"."""
    return " hoặc ".join(s.name for s in layout if not s.owned and s.lists[0] in lists)


def at(data: dict[str, Any] | None, path: JsonPath) -> list[Any]:
    """The list at ``path`` in a submission (empty when the submission has none)."""
    node = value_at(data, path)
    return node if isinstance(node, list) else []


def owner_id(item: dict[str, Any]) -> str:
    """How a nested sheet's row names its owner: the item's code, or its reference."""
    return str(item.get("ma") or item.get(REFERENCE) or "")


def owner_name(item: dict[str, Any]) -> str:
    return str(item.get("ho_ten") or item.get("ten") or "")
