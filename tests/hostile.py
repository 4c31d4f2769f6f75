"""A hostile project: every free-text field of the submissions, the registry and the
plan filled with the classic attacks, still valid so that all of it is published.

Which fields are free text is not listed here: each string value of a sample is
replaced by a payload, and the replacement is kept only when the file still
validates without error (codes, ids, dates and handles are refused by the schema
and keep their value). So a field added to the schema later is attacked too.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import yaml

from vinhdanh.check.load import load_text
from vinhdanh.check.registry import load_registry
from vinhdanh.check.validate import check_document, prepare
from vinhdanh.project import open_project

from .conftest import copy_repo
from .helpers import dump

# One line each; every one says "alert(" so that any trace of it in markup is found.
PAYLOADS = (
    '<script>alert("s")</script>',
    '<img src=x onerror=alert("i")>',
    '"><svg onload=alert("v")>',
    "javascript:alert('j')",
    '[liên kết](javascript:alert("l"))',
    '![ảnh](x" onerror="alert(1)) alert(',
    'Chữ { onclick="alert(2)" } cuối',
    "cột | bị | cắt alert(",
    "{{ 7*7 }} {% if true %}jinja{% endif %} alert(",
    "&lt;script&gt;alert(3)&lt;/script&gt; &amp; &#60;b&#62;",
    "::error title=giả::mạo alert(",
    "**đậm** _nghiêng_ `mã` <!-- chú thích --> alert(",
    '=HYPERLINK("http://x","bấm") alert(',
    "@SUM(1+1) alert(",
)
# Free text of several lines (report sections) gets this: blocks and raw HTML.
BLOCK = (
    "Đoạn <b>một</b> alert(\n\n"
    "# Tiêu đề giả\n\n"
    "- [x](javascript:alert(4))\n"
    "- <script>alert(5)</script>\n\n"
    "| a | b |\n|---|---|\n\n"
    '{: onclick="alert(6)" }\n\n'
    "::warning::giả mạo"
)


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every string in plain data, in document order."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _leaves(item, (*path, index))]
    return [path] if isinstance(value, str) else []


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _attack(data: Any, accepts, keep: tuple = ()) -> list[tuple]:
    """Replace each string of ``data`` by a payload where ``accepts`` still holds.

    Returns the paths attacked. The paths in ``keep`` are left alone.
    """
    attacked = []
    payloads = itertools.cycle(PAYLOADS)
    for path in _leaves(data):
        if path in keep:
            continue
        old = _get(data, path)
        block = "\n" in old.strip() or path[:2] == ("bao_cao", "noi_dung")
        new = BLOCK if block else next(payloads)
        _set(data, path, new)
        if accepts(data):
            attacked.append(path)
        else:
            _set(data, path, old)
    return attacked


def _add_optional_text(data: dict[str, Any]) -> None:
    """Optional free-text fields the samples leave out, so that they are attacked too."""
    person = data["dien_hinh"]["ca_nhan"][0]
    person.setdefault("khen_thuong", []).append({"hinh_thuc": "khac", "mo_ta": "Khác", "nam": 2023})


def attack_submission(root: Path, path: Path, unit_name: str | None = None) -> list[tuple]:
    """Attack every free-text field of one submission of the project at ``root``, in place.

    ``unit_name`` (the registry's, when given) becomes ``don_vi.ten``.
    """
    project = open_project(root)
    checker, ctx = prepare(project, load_registry(project)[1])
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if unit_name is not None:
        data["don_vi"]["ten"] = unit_name
    _add_optional_text(data)

    def valid(candidate: Any) -> bool:
        doc, findings = load_text(dump(candidate), f"submissions/{path.name}")
        if doc is None or findings:
            return False
        more, conforms = check_document(doc, checker, ctx, path.stem)
        return conforms and not [f for f in more if f.is_error]

    assert valid(data), f"{path.name} is not valid before the attack"
    attacked = _attack(data, valid, (("don_vi", "ten"),))
    path.write_text(dump(data), encoding="utf-8")
    return attacked


def hostile_project(root: Path) -> dict[str, list[tuple]]:
    """A copy of the repository with every free-text field attacked; what was attacked, by file.

    The registry's unit names are attacked too (each unit a different payload), and
    each submission carries its registry name, as the registry is the authority.
    """
    copy_repo(root)
    attacked: dict[str, list[tuple]] = {}

    plan_path = root / "ke-hoach.yaml"
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))

    def plan_ok(data: Any) -> bool:
        plan_path.write_text(dump(data), encoding="utf-8")
        try:
            open_project(root)
        except Exception:  # noqa: BLE001 - a refused plan is a refused payload
            return False
        return True

    attacked["ke-hoach.yaml"] = _attack(plan, plan_ok)
    plan_path.write_text(dump(plan), encoding="utf-8")

    registry_path = root / "don-vi.yaml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    names = itertools.cycle(PAYLOADS)
    for entry in registry:
        entry["ten"] = f"{next(names)} {entry['ma']}"  # unit names differ: their order is tested
    registry_path.write_text(dump(registry), encoding="utf-8")
    attacked["don-vi.yaml"] = [(index, "ten") for index in range(len(registry))]
    by_id = {entry["ma"]: entry for entry in registry}

    for path in sorted((root / "submissions").glob("*.yaml")):
        attacked[f"submissions/{path.name}"] = attack_submission(
            root, path, by_id[path.stem]["ten"]
        )
    return attacked
