"""Fault isolation: one unit that makes a stage fail is left out, the rest is published.

Validation bounds every value (SPEC §9.2), so a valid submission should never
make the model, a page or a download fail. Should one still do so (a bug, a
shape nobody foresaw), that unit alone is left out: a finding names it and the
stage, the build log and ``/tien-do/`` show it, and every other unit is
published as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from vinhdanh.check.findings import ERROR, Finding
from vinhdanh.project import SUBMISSIONS_DIR

T = TypeVar("T")
R = TypeVar("R")

CODE = "loi-noi-bo"


def unit_file(unit_id: str) -> str:
    """The submission's path as findings show it (SPEC §9.2: exactly submissions/<ma>.yaml)."""
    return f"{SUBMISSIONS_DIR}/{unit_id}.yaml"


def left_out(
    file: str, stage: str, error: BaseException, outcome: str = "Hồ sơ này không được đăng"
) -> Finding:
    """The finding for a unit left out (``outcome``) because ``stage`` failed on it.

    Only the exception's class is named: its text may quote the unit's data.
    """
    message = (
        f"{outcome}: vinhdanh gặp lỗi nội bộ khi {stage} "
        f"({type(error).__name__}). Các đơn vị khác vẫn được đăng; hãy báo lỗi cho "
        "nhóm phát triển kèm tệp."
    )
    return Finding(file, 1, 1, CODE, ERROR, message)


def isolate(units: list[T], work: Callable[[list[T]], R]) -> tuple[R, list[tuple[T, Exception]]]:
    """``work(units)``, or if it raises, ``work`` over the units it does not raise on alone.

    Returns the result and the units left out with their errors. Nothing is
    paid when nothing fails; a failure costs one run of ``work`` per unit. If
    no unit fails alone, the failure is not any one unit's: it is raised.
    """
    try:
        return work(units), []
    except Exception:  # find which unit, below
        failed: list[tuple[T, Exception]] = []
        for unit in units:
            try:
                work([unit])
            except Exception as exc:  # noqa: BLE001 - that unit is left out, with a finding
                failed.append((unit, exc))
        if not failed:
            raise
    bad = {id(unit) for unit, _ in failed}
    return work([u for u in units if id(u) not in bad]), failed
