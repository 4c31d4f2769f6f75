"""Stage 2a — JSON Schema, with every violation said in Vietnamese at its line.

Two engines, one schema: ``jsonschema-rs`` (Rust) answers "is this valid?" in
tens of microseconds, which is the whole cost for the files that are fine; only
a file that fails is walked again by Python ``jsonschema``, whose structured
errors (keyword, path, sub-schema) we translate into messages that say what is
wrong and how to write it right.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.check.load import Document, JsonPath
from vinhdanh.check.privacy import is_private, is_retired
from vinhdanh.check.schema_messages import HANDLERS, KEYS_ONLY, generic, unquoted

MONEY_REF = "#/definitions/tien"
DATE_REF = "#/definitions/ngay"


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
        handler = HANDLERS.get(error.validator, generic)
        if is_private(path) and handler not in KEYS_ONLY:
            handler = unquoted
        results = handler(self, doc, error, path)
        return [
            Finding(doc.file, line, column, "schema", ERROR, message)
            for (line, column), message in results
        ]
