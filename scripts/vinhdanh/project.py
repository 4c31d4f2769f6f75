"""The project a command works on: its root folder, plan, vocabularies and schemas.

Everything the rules know about the campaign comes from ``ke-hoach.yaml`` and
``schemas/`` here, so the next campaign is a change of configuration, not code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vinhdanh.check.findings import format_text
from vinhdanh.check.load import load_bytes
from vinhdanh.check.schema import SCHEMA_FILES, SchemaChecker
from vinhdanh.errors import ProjectError
from vinhdanh.values import parse_date

PLAN_FILE = "ke-hoach.yaml"
REGISTRY_FILE = "don-vi.yaml"
ADMINS_FILE = "quan-tri.yaml"
SUBMISSIONS_DIR = "submissions"
SCHEMAS_DIR = "schemas"

Vocabulary = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Range:
    low: int
    high: int


@dataclass(frozen=True)
class LevelRules:
    """What the plan asks of one union level (cdcs, cap-tren, nganh)."""

    conference_deadline: date
    deadline_wording: str
    max_delegates: int
    presidium_size: Range
    presidium_exemplars: Range
    sectors: tuple[str, ...] = ()  # sectors its honorees must cover (linh_vuc_dai_dien)


@dataclass(frozen=True)
class Plan:
    """The campaign's figures, typed; built once from ke-hoach.yaml."""

    name: str
    reference: str
    issued: date
    issuer: str | None
    issuer_parent: str | None
    valid_from: date
    valid_to: date
    report_deadline: date
    report_levels: tuple[str, ...]
    judge_by_received: bool  # lateness by the day the file reached main (git), when known
    exemplar_share_target: float
    exemplar_share_low: float
    exemplar_share_high: float
    duration: str
    dedicated_level: str
    dedicated_threshold: int
    dedicated_forms: tuple[str, ...]
    agenda: tuple[str, ...]
    exemplar_roles: tuple[str, ...]
    required_roles: tuple[str, ...]
    levels: dict[str, LevelRules]
    period: Range
    outlook: Range


def display_path(path: Path) -> str:
    """Paths as the user would type them: relative to the current folder."""
    return os.path.relpath(path)


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ke-hoach.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / PLAN_FILE).is_file():
            return folder
    raise ProjectError(
        f"Không tìm thấy {PLAN_FILE} trong thư mục hiện tại hay các thư mục cha. "
        "Hãy chạy lệnh trong thư mục của kho hồ sơ (nơi có ke-hoach.yaml), "
        "hoặc chỉ rõ bằng --project THƯ_MỤC."
    )


def load_schemas(root: Path) -> dict[str, dict[str, Any]]:
    schemas = {}
    for name, file in SCHEMA_FILES.items():
        path = root / SCHEMAS_DIR / file
        try:
            schemas[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProjectError(f"Không đọc được lược đồ {path}: {exc}") from exc
    return schemas


def vocabulary_from(schema: dict[str, Any]) -> Vocabulary:
    """code → Vietnamese label, per vocabulary, in the order the schema lists them."""
    vocab: Vocabulary = {}
    for name, definition in schema["definitions"].items():
        codes, labels = definition["enum"], definition["enumDescriptions"]
        if len(codes) != len(labels):
            raise ProjectError(f"Từ vựng '{name}': số mã và số nhãn không bằng nhau.")
        vocab[name] = dict(zip(codes, labels, strict=True))
    return vocab


def plan_from(data: dict[str, Any]) -> Plan:
    """Typed plan from ke-hoach.yaml data that already passed its schema."""

    def day(text: str) -> date:
        parsed = parse_date(text)
        if parsed is None:
            raise ProjectError(f"{PLAN_FILE}: ngày '{text}' không tồn tại.")
        return parsed

    share = data["ty_le_dien_hinh"]
    levels = {
        code: LevelRules(
            conference_deadline=day(level["han_hoi_nghi"]),
            deadline_wording=level["han_hoi_nghi_ghi_chu"],
            max_delegates=level["dai_bieu_toi_da"],
            presidium_size=Range(**_range(level["doan_chu_tich"])),
            presidium_exemplars=Range(**_range(level["tieu_bieu_trong_doan_chu_tich"])),
            sectors=tuple(level.get("linh_vuc_dai_dien", [])),
        )
        for code, level in data["cap"].items()
    }
    return Plan(
        name=data["ten"],
        reference=data["so_hieu"],
        issued=day(data["ngay_ban_hanh"]),
        issuer=data.get("co_quan"),
        issuer_parent=data.get("co_quan_cap_tren"),
        valid_from=day(data["ngay_hop_le"]["tu"]),
        valid_to=day(data["ngay_hop_le"]["den"]),
        report_deadline=day(data["han_bao_cao"]["ngay"]),
        report_levels=tuple(data["han_bao_cao"]["ap_dung_cho"]),
        judge_by_received=data["han_bao_cao"].get("theo_ngay_nhan", False),
        exemplar_share_target=share["muc_tieu"],
        exemplar_share_low=share["toi_thieu"],
        exemplar_share_high=share["toi_da"],
        duration=data["thoi_luong"],
        dedicated_level=data["hoi_nghi_rieng"]["cap"],
        dedicated_threshold=data["hoi_nghi_rieng"]["tren_so_doan_vien"],
        dedicated_forms=tuple(data["hoi_nghi_rieng"]["hinh_thuc"]),
        agenda=tuple(data["chuong_trinh"]),
        exemplar_roles=tuple(data["thanh_phan_tieu_bieu"]),
        required_roles=tuple(data["thanh_phan_can_co"]),
        levels=levels,
        period=Range(data["giai_doan"]["tu_nam"], data["giai_doan"]["den_nam"]),
        outlook=Range(data["phuong_huong"]["tu_nam"], data["phuong_huong"]["den_nam"]),
    )


def _range(data: dict[str, int]) -> dict[str, int]:
    return {"low": data["toi_thieu"], "high": data["toi_da"]}


@dataclass(frozen=True)
class Project:
    root: Path
    plan: Plan
    vocabulary: Vocabulary
    schemas: dict[str, dict[str, Any]]

    @property
    def registry_path(self) -> Path:
        return self.root / REGISTRY_FILE

    @property
    def submissions_dir(self) -> Path:
        return self.root / SUBMISSIONS_DIR


def load_config(
    schemas: dict[str, dict[str, Any]], raw: bytes | None, file: str, schema: str
) -> Any:
    """A project configuration file's data, or a ProjectError listing what is wrong."""
    if raw is None:
        raise ProjectError(f"Không có tệp {file}.")
    doc, findings = load_bytes(raw, file)
    if doc is not None:
        findings += SchemaChecker(schemas, schema).check(doc)
    errors = [f for f in findings if f.is_error]
    if errors or doc is None:
        raise ProjectError(f"Tệp {file} của dự án có lỗi:\n" + format_text(errors))
    return doc.data


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def open_project(root: Path) -> Project:
    """Load schemas, vocabularies and the plan; a broken plan stops every command."""
    schemas = load_schemas(root)
    vocabulary = vocabulary_from(schemas["vocabulary"])
    plan = load_config(schemas, read_bytes(root / PLAN_FILE), PLAN_FILE, "plan")
    return Project(root, plan_from(plan), vocabulary, schemas)
