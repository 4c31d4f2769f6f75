"""Sectors of the Ngành: its honorees represent every sector the plan names.

The plan asks the Ngành's conference for "đại biểu đại diện cho các lĩnh vực
trong Ngành phù hợp" without naming the sectors; ``ke-hoach.yaml`` does
(``cap.<level>.linh_vuc_dai_dien``, given for the Ngành). Each individual honoree may
say which sector they represent (``linh_vuc``); a listed sector that no
individual honoree of a unit of that level represents → warning ``linh-vuc``,
one finding naming every missing sector.
"""

from __future__ import annotations

from typing import Any, Protocol

from vinhdanh.check.findings import WARNING
from vinhdanh.check.load import JsonPath


class _Out(Protocol):
    def add(
        self, path: JsonPath, code: str, severity: str, message: str, *, key: bool = False
    ) -> None: ...


def sectors_covered(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """Every sector the plan lists for this unit's level has an individual honoree."""
    level = ctx.plan.levels.get(data["don_vi"]["cap"])
    if level is None or not level.sectors:
        return
    people = data["dien_hinh"]["ca_nhan"]
    covered = {p.get("linh_vuc") for p in people if isinstance(p, dict)}
    missing = [code for code in level.sectors if code not in covered]
    if not missing:
        return
    labels = ctx.vocabulary["linh_vuc"]
    named = "; ".join(f"{labels[code]} ({code})" for code in missing)
    out.add(
        ("dien_hinh", "ca_nhan"),
        "linh-vuc",
        WARNING,
        f"Chưa có cá nhân điển hình nào đại diện cho lĩnh vực: {named}. Kế hoạch yêu cầu đại "
        "biểu đại diện cho các lĩnh vực trong Ngành; hãy ghi linh_vuc cho từng cá nhân, hoặc "
        "bổ sung điển hình của lĩnh vực còn thiếu.",
        key=True,
    )
