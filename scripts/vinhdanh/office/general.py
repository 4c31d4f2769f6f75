"""The workbook's "Thông tin chung" sheet: a submission's single values, one row each.

With it a unit that has never submitted can go from a workbook (and a Word
report) to a whole file: its members, the report's number, place, date and
signer, the conference's form, date, place and delegates. The rows are the
scalar properties of the submission's parts, read from the schema like the
lists' columns, titles and all; an object of scalars (the signer, the
delegates' counts) is opened into its rows. Left out: what the registry
already says (the unit's code, name, level, parent), the report's text (the
Word report brings it), lists (their own sheets) and the unit's contact
(``lien_he``: it stays in the file, never in a workbook the site publishes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vinhdanh.check.findings import ERROR, WARNING
from vinhdanh.check.schema import by_uri, resolve
from vinhdanh.office.cells import MATCHED, Problem, match_score, read_cell, words
from vinhdanh.office.layout import (
    CHOICES,
    RETIRED,
    Field,
    JsonPath,
    SheetLayout,
    bounds,
    help_text,
    kind_of,
)
from vinhdanh.project import Vocabulary
from vinhdanh.values import show_value, value_at

GENERAL_SHEET = "Thông tin chung"
PARTS: tuple[str, ...] = ("don_vi", "bao_cao", "hoi_nghi", "dien_hinh")
FROM_REGISTRY = frozenset({"ma", "ten", "cap", "cap_tren"})  # of don_vi
HEADINGS = ("Mục", "Nội dung", "Cách ghi")
_HEAD_WORDS = frozenset({"muc", "stt", "tt"})


def _scalars(node: dict[str, Any]) -> bool:
    """An object whose properties are all single values (opened into rows)."""
    return node.get("type") == "object" and all(
        p.get("type") not in ("object",) for p in node.get("properties", {}).values()
    )


def general_fields(
    schemas: dict[str, dict[str, Any]], lists: frozenset[JsonPath] = frozenset()
) -> tuple[tuple[JsonPath, Field], ...]:
    """Each single value of a submission the sheet holds: its path, and its column kind.

    ``lists``: the paths other sheets hold, left out here."""
    uris, own = by_uri(schemas), schemas["submission"]
    vocab = schemas["vocabulary"]["definitions"]
    out: list[tuple[JsonPath, Field]] = []

    def walk(node: dict[str, Any], path: JsonPath, within: str = "") -> None:
        required = set(node.get("required", ()))
        for key, raw in node.get("properties", {}).items():
            at = (*path, key)
            sub = resolve(raw, uris, own)
            registry = path == ("don_vi",) and key in FROM_REGISTRY
            if raw.get("$ref") == RETIRED or registry or at in lists:
                continue
            if sub.get("type") == "object":
                if _scalars(sub) and "properties" in sub:
                    walk(sub, at, sub.get("title", ""))
                continue
            kind, vocabulary = kind_of(raw, sub, uris, own)
            if kind == "nested":
                continue
            labels = vocab[vocabulary]["enumDescriptions"] if vocabulary else []
            help_ = help_text(raw, kind, labels)
            if kind == CHOICES:
                chosen = "Chọn một hoặc nhiều, cách nhau bằng dấu chấm phẩy: " + "; ".join(labels)
                help_ = " ".join(filter(None, [sub.get("description", ""), chosen]))
            title = sub.get("title") or key
            if within and within.casefold() not in title.casefold():
                title = f"{within}: {title}"  # "Người ký báo cáo: Chức danh"
            field = Field(key, title, kind, help_, vocabulary, key in required, bounds=bounds(sub))
            out.append((at, field))

    for part in PARTS:
        walk(resolve(own["properties"][part], uris, own), (part,))
    return tuple(out)


def general_for(
    schemas: dict[str, dict[str, Any]], layout: tuple[SheetLayout, ...]
) -> tuple[tuple[JsonPath, Field], ...]:
    """The sheet's rows for a workbook whose list sheets are ``layout``."""
    return general_fields(schemas, frozenset(p for sheet in layout for p in sheet.lists))


def general_rows(
    fields: tuple[tuple[JsonPath, Field], ...], data: dict[str, Any] | None, show
) -> list[list[Any]]:
    """The sheet's rows for a submission: title (required marked), value as shown, help."""
    rows = []
    for path, field in fields:
        node = value_at(data, path)
        rows.append([field.heading, show(field, node), field.help])
    return rows


def read_general(
    rows: list[list[Any]],
    sheet_title: str,
    fields: tuple[tuple[JsonPath, Field], ...],
    vocab: Vocabulary,
    report: Callable[[str, int, int, str, str], None],
) -> tuple[dict[JsonPath, Any], dict[JsonPath, str]]:
    """The values a filled sheet gives (an empty cell changes nothing) and their cells.

    A row is known by its first cell, the title, compared as the lists' headers are;
    the value is the cell beside it. A row of the sheet that names nothing, or a title
    written twice, is said where it stands.
    """
    values: dict[JsonPath, Any] = {}
    places: dict[JsonPath, str] = {}
    for r, row in enumerate(rows):
        title, raw = [*row, None, None][:2]
        if title in (None, "") or " ".join(words(title)) in _HEAD_WORDS:
            continue
        score, path, field = max(
            ((match_score(title, f.title), p, f) for p, f in fields), key=lambda x: x[0]
        )
        place = f"{sheet_title}!B{r + 1}"
        if score < MATCHED:
            report(
                f"{sheet_title}!A{r + 1}",
                r,
                0,
                WARNING,
                f"Dòng '{show_value(title)}' không phải mục nào của mẫu nên được bỏ qua.",
            )
            continue
        if path in places:
            report(place, r, 1, ERROR, f"Mục '{field.title}' được ghi hai lần; hãy giữ một dòng.")
            continue
        if raw is None or not str(raw).strip():
            continue
        try:
            values[path] = read_cell(field, raw, vocab)
            places[path] = place
        except Problem as problem:
            report(place, r, 1, ERROR, f"Mục '{field.title}': {problem}")
    return values, places
