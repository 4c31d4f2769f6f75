"""``vinhdanh new``: a commented submission skeleton for one registered unit.

The skeleton is generated from the submission schema (keys, titles,
descriptions), the vocabularies (allowed codes with their labels) and the plan
(the standard agenda, the expected duration), so it can never drift from what
validation accepts. Required fields are left empty: the first ``vinhdanh
validate`` on the fresh file is the to-do list, in Vietnamese, line by line.
"""

from __future__ import annotations

import json
import re
from typing import Any

from vinhdanh.check.references import REFERENCE
from vinhdanh.check.registry import load_registry
from vinhdanh.check.schema import by_uri, resolve
from vinhdanh.check.schema_messages import RETIRED_MARK
from vinhdanh.errors import UsageError
from vinhdanh.project import REGISTRY_FILE, Project
from vinhdanh.values import fold, show_value

_PLAIN = re.compile(r"[^\W\d][\w .,()/–-]*\Z")
_VOCAB_REF = "tu-vung.schema.json#/definitions/"
_OMIT = object()  # a prefilled field left out of the file


def scaffold_for(project: Project, ma: str) -> str:
    """The text of ``submissions/<ma>.yaml`` for a unit registered in don-vi.yaml."""
    entry, registry = registered_entries(project, ma)
    below = next((e["ma"] for e in registry.values() if e.get("cap_tren") == ma), None)
    return scaffold_text(project, entry, below)


def scaffold_text(project: Project, entry: dict[str, Any], below: str | None) -> str:
    """The scaffold of one registry entry; ``below``: a unit under it, if any, whose
    honorees it may refer to. ``vinhdanh new`` and the site's page of a unit that has
    not submitted both write this text, so the two never differ."""
    ma = entry["ma"]
    prefill: dict[tuple, Any] = {
        ("phien_ban",): 1,
        ("don_vi", "ma"): ma,
        ("don_vi", "ten"): entry["ten"],
        ("don_vi", "cap"): entry["cap"],
        ("hoi_nghi", "thoi_luong"): project.plan.duration,
        ("hoi_nghi", "chuong_trinh"): list(project.plan.agenda),
    }
    # The top level has no parent: its file must not name one, not even in an example.
    prefill["don_vi", "cap_tren"] = entry.get("cap_tren") or _OMIT
    # Not a field: a unit below this one (if any), whose honorees it may refer to.
    prefill["co_don_vi_cap_duoi",] = below
    writer = _Writer(project, prefill)
    writer.lines += [
        "# yaml-language-server: $schema=../schemas/submission.schema.json",
        f"# Hồ sơ Hội nghị điển hình tiên tiến của {entry['ten']}.",
        '# Cách điền: thay mỗi "" bằng nội dung; dòng bắt đầu bằng # là ghi chú, có thể xoá.',
        "# Trường tuỳ chọn đang để sau dấu #: xoá dấu # và dấu cách ngay sau nó ở đầu dòng",
        "# (mọi dòng của ví dụ) nếu muốn dùng, rồi thay nội dung ví dụ bằng của đơn vị.",
        f"# Kiểm tra: vinhdanh validate submissions/{ma}.yaml, hoặc gửi yêu cầu hợp nhất trên",
        "# GitHub: kiểm tra tự động chạy và ghi lời nhắn cạnh dòng cần sửa.",
        "# Tệp này công khai (ai cũng đọc được kho dữ liệu): không ghi số căn cước, năm sinh,",
        "# điện thoại, email cá nhân hay dân tộc của từng người.",
        "",
    ]
    writer.properties(project.schemas["submission"], (), 0)
    return "\n".join(writer.lines) + "\n"


# Where the guide says how a unit gets into don-vi.yaml (its section's anchor).
REGISTRATION_ANCHOR = "dang-ky"
_NOT_ID = re.compile(r"[^a-z0-9]+")


def registered_entries(project: Project, ma: str) -> tuple[dict[str, Any], dict[str, Any]]:
    _findings, index = load_registry(project)
    if index is None:
        raise UsageError(
            f"Không đọc được {REGISTRY_FILE}; hãy chạy 'vinhdanh validate' để xem lỗi."
        )
    if ma not in index:
        close = close_units(ma, index)
        hint = f" Có phải ý bạn là {' hoặc '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(
            f"Mã '{show_value(ma)}' chưa có trong {REGISTRY_FILE}.{hint} Đơn vị chưa có tên "
            "trong sổ đăng ký cần được đăng ký trước khi nộp hồ sơ: xem mục Đăng ký đơn vị "
            f"trong trang Hướng dẫn (/huong-dan/#{REGISTRATION_ANCHOR})."
        )
    return index[ma], index


def close_units(word: str, registry: dict[str, Any], most: int = 3) -> list[str]:
    """Registered ids close to what was typed, or none: a typo in an id (a few edits
    apart, fewer for short ids), its first words, or the unit's name (or its last
    words) written out. Ids share long prefixes ("cdcs-", "cd-tct-"), so a loose
    similarity would offer an unrelated unit; an edit distance counts only what differs."""
    typed = _NOT_ID.sub("-", fold(str(word))).strip("-")
    if not typed:
        return []
    found = []
    for ma, entry in registry.items():
        limit = max(1, len(ma) // 8)
        name = _NOT_ID.sub("-", fold(str(entry.get("ten", "")))).strip("-")
        words = typed.count("-") + 1
        by_name = typed == name or (words >= 3 and f"-{typed}-" in f"-{name}-")
        shortened = words >= 2 and ma.startswith(f"{typed}-")  # the id's first words
        if by_name or shortened or _distance(typed, ma, limit) <= limit:
            found.append(ma)
    return found[:most]


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, replace, swap two neighbours) of two short
    strings, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def registered(project: Project, ma: str) -> dict[str, Any]:
    """The registry entry of a unit, or a Vietnamese refusal naming close codes, if any."""
    return registered_entries(project, ma)[0]


def yaml_scalar(value: Any, flow: bool = False) -> str:
    """A scalar written so our loader reads it back as the same value; ``flow``: inside
    ``{…}`` or ``[…]``, where a comma ends a plain value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = _PLAIN.match(text) and ": " not in text and not (flow and "," in text)
    return text if plain else json.dumps(text, ensure_ascii=False)


class _Writer:
    def __init__(self, project: Project, prefill: dict[tuple, Any]):
        self.project, self.prefill = project, prefill
        self.uris = by_uri(project.schemas)
        self.lines: list[str] = []
        self.explained: set[str | None] = set()
        self.listed: dict[str, str] = {}  # vocabulary → where its codes were listed

    def resolve(self, sub: dict[str, Any]) -> dict[str, Any]:
        return resolve(sub, self.uris, self.project.schemas["submission"])

    def item(self, array: dict[str, Any]) -> dict[str, Any]:
        """An array's item schema; for "a record, or a reference to one" (if/then/else),
        the record: the scaffold shows how to write it in full."""
        items = array.get("items", {})
        return self.resolve(items.get("else", items))

    def reference_hint(self, array: dict[str, Any], indent: str) -> None:
        """Under a list whose items may be references, how to write one (in a comment)."""
        items = array.get("items", {})
        if "else" not in items or not self.prefill.get(("co_don_vi_cap_duoi",)):
            return  # not "a record or a reference", or a unit with nobody below it
        reference = self.resolve(items["then"])
        example = f"{self.prefill['co_don_vi_cap_duoi',]}/<mã điển hình trong hồ sơ đó>"
        self.lines += [
            f"{indent}# {reference['title']}: {reference['description']}",
            f"{indent}# - {REFERENCE}: {example}",
        ]

    def copy_hint(self, item: dict[str, Any], first: str, indent: str) -> None:
        """After a list's first item: how to add a second (the user copies the block)."""
        self.lines += [
            f'{indent}# Thêm một mục nữa ({item["title"]}): chép cả khối từ dòng "- {first}:"',
            f'{indent}# tới đây, dán ngay bên dưới với đúng số dấu cách đầu dòng (dấu "-" thẳng',
            f'{indent}# cột với dấu "-" ở trên), rồi sửa nội dung.',
        ]

    def codes(self, raw: dict[str, Any], sub: dict[str, Any], indent: str, where: str) -> None:
        """Where the user must choose: the allowed codes with their labels, from the
        vocabulary, listed once; a later field of the same vocabulary points back."""
        ref, choose = raw.get("$ref", ""), "Chọn một trong các mã sau"
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
            ref, choose = sub["items"].get("$ref", ""), "Chọn một hoặc nhiều mã sau"
        if not ref.startswith(_VOCAB_REF):
            return
        name = ref.removeprefix(_VOCAB_REF)
        key = where.rsplit(".", 1)[-1]
        if name in self.listed:
            self.lines.append(
                f"{indent}# Chọn mã cho {key} trong danh sách đã ghi ở {self.listed[name]}."
            )
            return
        self.listed[name] = where
        self.lines.append(f"{indent}# {choose} cho {key}:")
        labels = self.project.vocabulary[name]
        self.lines += [f"{indent}#   {code}: {label}" for code, label in labels.items()]

    def comment(self, sub: dict[str, Any], raw: dict[str, Any], indent: str, path: tuple) -> None:
        """Title and description once each; the allowed codes where the user must choose."""
        title, description = sub.get("title"), raw.get("description") or sub.get("description")
        if description in self.explained:
            description = None
        self.explained.add(description)
        text = " — ".join(t for t in (title, description) if t)
        if text:
            self.lines.append(f"{indent}# {text}")
        if path not in self.prefill:
            self.codes(raw, sub, indent, _dotted(path))

    def example_codes(self, sub: dict[str, Any], indent: str, path: tuple) -> None:
        """Above a commented example of a record: the codes its fields take."""
        items = self.item(sub) if sub.get("type") == "array" else sub
        for key, field in items.get("properties", {}).items():
            self.codes(field, self.resolve(field), indent, _dotted((*path, key)))

    def properties(self, schema: dict[str, Any], path: tuple, depth: int, dash: bool = False):
        """Write each field of ``schema``; returns the first one written (the "- " line)."""
        required = set(schema.get("required", []))
        first = None
        for key, raw in schema.get("properties", {}).items():
            sub = self.resolve(raw)
            if RETIRED_MARK in sub or self.prefill.get((*path, key)) is _OMIT:
                continue  # a retired v1 field, or one this unit must not write: never offered
            indent = "  " * depth
            self.comment(sub, raw, indent, (*path, key))
            lead = indent[:-2] + "- " if dash and first is None else indent
            first = first or key
            if key not in required and (*path, key) not in self.prefill:
                self.example_codes(sub, indent, (*path, key))
                self.lines += [f"{indent}# {line}" for line in self.example(key, sub)]
                continue
            self.value(key, sub, (*path, key), depth, lead)
        return first

    def placeholder(self, sub: dict[str, Any], *, example: bool = False, flow: bool = False):
        """An empty value (validation then asks for it), or a typed example in a comment."""
        kind = sub.get("type")
        if example and sub.get("examples"):
            return yaml_scalar(sub["examples"][0], flow)
        if example and kind == "array" and self.resolve(sub.get("items", {})).get("examples"):
            return f"[{self.placeholder(self.resolve(sub['items']), example=True, flow=True)}]"
        if kind == "string" or "oneOf" in sub:
            return '""'
        examples = {"array": "[]", "object": "{}", "integer": "0", "boolean": "false"}
        return examples.get(kind, '""') if example or kind in ("array", "object") else "null"

    def flow(self, sub: dict[str, Any]) -> str:
        """A one-line example of an object: every field, typed examples. A field that
        another one depends on (``if``/``then``) takes the value that needs it, so the
        example shows both."""
        needs = sub.get("if", {}).get("properties", {})
        fields = []
        for key, raw in sub.get("properties", {}).items():
            field = self.resolve(raw)
            if "const" in needs.get(key, {}):
                value = yaml_scalar(needs[key]["const"], flow=True)
            elif "enum" in field:
                value = field["enum"][0]
            else:
                value = self.placeholder(field, example=True, flow=True)
            fields.append(f"{key}: {value}")
        return "{" + ", ".join(fields) + "}"

    def example(self, key: str, sub: dict[str, Any]) -> list[str]:
        """Commented-out lines showing how an optional field is written."""
        items = self.item(sub)
        if sub.get("type") == "array" and items.get("type") == "object":
            return [f"{key}:", f"  - {self.flow(items)}"]
        if sub.get("type") == "object":
            return [f"{key}: {self.flow(sub)}"]
        if sub.get("type") == "array" and sub.get("examples"):
            return [f"{key}:", *(f"  - {yaml_scalar(item)}" for item in sub["examples"][0])]
        if sub.get("type") == "array" and "enum" in items:
            return [f"{key}: [{', '.join(items['enum'])}]"]
        return [f"{key}: {self.placeholder(sub, example=True)}"]

    def value(self, key: str, sub: dict[str, Any], path: tuple, depth: int, lead: str) -> None:
        if path in self.prefill:
            value = self.prefill[path]
            if isinstance(value, list):
                self.lines.append(f"{lead}{key}:")
                labels = self.project.vocabulary.get(key, {})
                for item in value:
                    note = f"  # {labels[item]}" if item in labels else ""
                    self.lines.append(f"{'  ' * (depth + 1)}- {yaml_scalar(item)}{note}")
            else:
                self.lines.append(f"{lead}{key}: {yaml_scalar(value)}")
        elif sub.get("type") == "object":
            self.lines.append(f"{lead}{key}:")
            self.properties(sub, path, depth + 1)
        elif sub.get("type") == "array" and self.item(sub).get("type") == "object":
            self.lines.append(f"{lead}{key}:")
            first = self.properties(self.item(sub), (*path, 0), depth + 2, dash=True)
            self.copy_hint(self.item(sub), first, "  " * (depth + 1))
            self.reference_hint(sub, "  " * (depth + 1))
        elif sub.get("type") == "array":
            self.lines.append(f"{lead}{key}: []")
        else:
            value = self.placeholder(sub)
            self.lines.append(f"{lead}{key}: {value}" if value != "null" else f"{lead}{key}:")


def _dotted(path: tuple) -> str:
    """A field's place as the user sees it: keys joined by dots, list positions left out."""
    return ".".join(str(part) for part in path if not isinstance(part, int))
