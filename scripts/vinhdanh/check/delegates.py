"""Delegates sent up (``hoi_nghi.dai_bieu_di_du_cap_tren``): named, and within the quota.

Each is named by the id of an individual or a collective of the file, or by one
of its references (``<unit>/<ma>``); no more than the registry's
``chi_tieu_dai_bieu`` for the unit, when the parent gave one (SPEC §9.4).
"""

from __future__ import annotations

from typing import Any, Protocol

from vinhdanh.check.findings import ERROR
from vinhdanh.check.load import JsonPath
from vinhdanh.check.references import KINDS, records, references
from vinhdanh.check.schema_messages import suggest
from vinhdanh.project import REGISTRY_FILE


class _Out(Protocol):
    def add(self, path: JsonPath, code: str, severity: str, message: str) -> None: ...


def sent_up_named(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """Who is sent up is named by the id of an individual or a collective of this file."""
    ids = {h["ma"] for kind in KINDS for _, h in records(data, kind)}
    ids |= {f"{unit}/{ma}" for _, _, unit, ma in references(data)}
    chosen = data["hoi_nghi"].get("dai_bieu_di_du_cap_tren", [])
    for index, ref in enumerate(chosen):
        if ref not in ids:
            hint = suggest(ref, sorted(ids))
            out.add(
                ("hoi_nghi", "dai_bieu_di_du_cap_tren", index),
                "tham-chieu",
                ERROR,
                f"'{ref}' không phải mã (ma) của cá nhân hay tập thể nào trong dien_hinh, "
                f"cũng không phải một tham chiếu (tu) của tệp.{hint}",
            )


def within_quota(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """No more delegates sent up than the registry's ``chi_tieu_dai_bieu`` allows."""
    entry = (ctx.registry or {}).get(data["don_vi"]["ma"], {})
    quota = entry.get("chi_tieu_dai_bieu")
    chosen = list(dict.fromkeys(data["hoi_nghi"].get("dai_bieu_di_du_cap_tren", [])))
    if quota is not None and len(chosen) > quota:
        out.add(
            ("hoi_nghi", "dai_bieu_di_du_cap_tren", quota),
            "vuot-chi-tieu",
            ERROR,
            f"Đơn vị cử {len(chosen)} đại biểu đi dự cấp trên, vượt chỉ tiêu {quota} được "
            f"phân bổ (chi_tieu_dai_bieu trong {REGISTRY_FILE}). Hãy bớt "
            f"{len(chosen) - quota} người, kể từ người thứ {quota + 1} trong danh sách.",
        )
