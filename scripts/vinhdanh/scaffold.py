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
from vinhdanh.check.schema import RETIRED_MARK, by_uri, resolve, suggest
from vinhdanh.errors import UsageError
from vinhdanh.project import REGISTRY_FILE, Project

_PLAIN = re.compile(r"[^\W\d][\w .,()/–-]*\Z")
_VOCAB_REF = "tu-vung.schema.json#/definitions/"


def scaffold_for(project: Project, ma: str) -> str:
    """The text of ``submissions/<ma>.yaml`` for a unit registered in don-vi.yaml."""
    entry, registry = registered_entries(project, ma)
    prefill: dict[tuple, Any] = {
        ("phien_ban",): 1,
        ("don_vi", "ma"): ma,
        ("don_vi", "ten"): entry["ten"],
        ("don_vi", "cap"): entry["cap"],
        ("hoi_nghi", "thoi_luong"): project.plan.duration,
        ("hoi_nghi", "chuong_trinh"): list(project.plan.agenda),
    }
    if entry.get("cap_tren"):
        prefill["don_vi", "cap_tren"] = entry["cap_tren"]
    # Not a field: a unit below this one (if any), whose honorees it may refer to.
    below = [e["ma"] for e in registry.values() if e.get("cap_tren") == ma]
    prefill["co_don_vi_cap_duoi",] = below[0] if below else None
    writer = _Writer(project, prefill)
    writer.lines += [
        "# yaml-language-server: $schema=../schemas/submission.schema.json",
        f"# Hồ sơ Hội nghị điển hình tiên tiến của {entry['ten']}.",
        '# Cách điền: thay mỗi "" bằng nội dung; dòng bắt đầu bằng # là ghi chú, có thể xoá.',
        "# Trường tuỳ chọn đang để sau dấu #: xoá dấu # ở đầu dòng nếu muốn dùng.",
        f"# Kiểm tra: vinhdanh validate submissions/{ma}.yaml",
        "# Tệp này công khai (ai cũng đọc được kho dữ liệu): không ghi số căn cước, năm sinh,",
        "# điện thoại, email cá nhân hay dân tộc của từng người.",
        "",
    ]
    writer.properties(project.schemas["submission"], (), 0)
    return "\n".join(writer.lines) + "\n"


def registered_entries(project: Project, ma: str) -> tuple[dict[str, Any], dict[str, Any]]:
    _findings, index = load_registry(project)
    if index is None:
        raise UsageError(
            f"Không đọc được {REGISTRY_FILE}; hãy chạy 'vinhdanh validate' để xem lỗi."
        )
    if ma not in index:
        raise UsageError(
            f"Mã '{ma}' chưa có trong {REGISTRY_FILE}.{suggest(ma, list(index))} "
            "Đơn vị mới cần được cấp trên đăng ký trước."
        )
    return index[ma], index


def registered(project: Project, ma: str) -> dict[str, Any]:
    """The registry entry of a unit, or a Vietnamese refusal naming the closest code."""
    return registered_entries(project, ma)[0]


def yaml_scalar(value: Any) -> str:
    """A scalar written so our loader reads it back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if _PLAIN.match(text) and ": " not in text else json.dumps(text, ensure_ascii=False)


class _Writer:
    def __init__(self, project: Project, prefill: dict[tuple, Any]):
        self.project, self.prefill = project, prefill
        self.uris = by_uri(project.schemas)
        self.lines: list[str] = []
        self.explained: set[str | None] = set()

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

    def comment(self, sub: dict[str, Any], raw: dict[str, Any], indent: str, path: tuple) -> None:
        """Title and description once each; the allowed codes where the user must choose."""
        title, description = sub.get("title"), raw.get("description") or sub.get("description")
        if description in self.explained:
            description = None
        self.explained.add(description)
        text = " — ".join(t for t in (title, description) if t)
        if text:
            self.lines.append(f"{indent}# {text}")
        ref, choose = raw.get("$ref", ""), "Chọn một trong các mã:"
        if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
            ref, choose = sub["items"].get("$ref", ""), "Chọn một hoặc nhiều mã:"
        if ref.startswith(_VOCAB_REF) and path not in self.prefill:
            labels = self.project.vocabulary[ref.removeprefix(_VOCAB_REF)]
            self.lines.append(f"{indent}# {choose}")
            self.lines += [f"{indent}#   {code}: {label}" for code, label in labels.items()]

    def properties(self, schema: dict[str, Any], path: tuple, depth: int, dash: bool = False):
        required = set(schema.get("required", []))
        first = True
        for key, raw in schema.get("properties", {}).items():
            sub = self.resolve(raw)
            if RETIRED_MARK in sub:
                continue  # a retired v1 field: never offered
            indent = "  " * depth
            self.comment(sub, raw, indent, (*path, key))
            lead = indent[:-2] + "- " if dash and first else indent
            first = False
            if key not in required and (*path, key) not in self.prefill:
                self.lines += [f"{indent}# {line}" for line in self.example(key, sub)]
                continue
            self.value(key, sub, (*path, key), depth, lead)

    def placeholder(self, sub: dict[str, Any], *, example: bool = False) -> str:
        """An empty value (validation then asks for it), or a typed example in a comment."""
        kind = sub.get("type")
        if example and sub.get("examples"):
            return yaml_scalar(sub["examples"][0])
        if kind == "string" or "oneOf" in sub:
            return '""'
        examples = {"array": "[]", "object": "{}", "integer": "0", "boolean": "false"}
        return examples.get(kind, '""') if example or kind in ("array", "object") else "null"

    def flow(self, sub: dict[str, Any]) -> str:
        """A one-line example of an object: every field, typed placeholders."""
        fields = []
        for key, raw in sub.get("properties", {}).items():
            field = self.resolve(raw)
            value = field["enum"][0] if "enum" in field else self.placeholder(field, example=True)
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
            self.properties(self.item(sub), (*path, 0), depth + 2, dash=True)
            self.reference_hint(sub, "  " * (depth + 1))
        elif sub.get("type") == "array":
            self.lines.append(f"{lead}{key}: []")
        else:
            value = self.placeholder(sub)
            self.lines.append(f"{lead}{key}: {value}" if value != "null" else f"{lead}{key}:")
