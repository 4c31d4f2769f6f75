"""The site's workbooks: each published unit's lists as Excel, and a blank one.

An official downloads the unit's workbook beside its page
(``/don-vi/<ma>/danh-sach.xlsx``), fills it, and brings it back with
``vinhdanh nhap``; a unit that never submitted starts from the blank workbook
the guide links (``/huong-dan/danh-sach-mau.xlsx``).
"""

from __future__ import annotations

from typing import Any

from vinhdanh.check.findings import Finding
from vinhdanh.faults import left_out, unit_file
from vinhdanh.model import Submission
from vinhdanh.office.general import general_for
from vinhdanh.office.layout import workbook_layout
from vinhdanh.office.workbook import unit_workbook
from vinhdanh.project import Project

WORKBOOK = "danh-sach.xlsx"
BLANK_WORKBOOK = "huong-dan/danh-sach-mau.xlsx"


def workbooks(
    project: Project,
    submissions: list[Submission],
    lists: dict[str, dict[str, Any]],
    faults: list[Finding],
) -> dict[str, bytes]:
    """Each published unit's workbook beside its page, and the guide's blank one."""
    layout = workbook_layout(project.schemas)
    general = general_for(project.schemas, layout)
    made = {BLANK_WORKBOOK: unit_workbook(layout, project.vocabulary, None, general=general)}
    for sub in submissions:
        try:
            book = unit_workbook(
                layout, project.vocabulary, lists[sub.unit.id], sub.unit.id, sub.unit.name, general
            )
        except Exception as exc:  # noqa: BLE001 - this unit's workbook only
            outcome = "Trang của đơn vị này không tải được sổ Excel"
            faults.append(left_out(unit_file(sub.unit.id), "tạo sổ Excel", exc, outcome))
            continue
        made[f"don-vi/{sub.unit.id}/{WORKBOOK}"] = book
    return made
