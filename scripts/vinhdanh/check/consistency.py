"""Figures that must agree with each other, so that valid data cannot inflate the totals.

JSON Schema bounds each number alone (SPEC §9.2); these rules compare numbers with
each other or with their own text: an honour roll cannot hold more people than the
union has members, a II.3 row cannot count more women or direct workers than
individuals, and a count written as 420.0 is not a whole number as written.
"""

from __future__ import annotations

from typing import Any, Protocol

from vinhdanh.check.findings import ERROR
from vinhdanh.check.hidden import SILENT
from vinhdanh.check.load import Document, JsonPath
from vinhdanh.check.privacy import is_private
from vinhdanh.check.references import records
from vinhdanh.check.schema_messages import show_path
from vinhdanh.values import show_value


class _Out(Protocol):
    def add(self, path: JsonPath, code: str, severity: str, message: str) -> None: ...


def whole_numbers(doc: Document, fraction_ok: frozenset[str], out: _Out) -> None:
    """A count or a year written with a fractional part (420.0) is an error.

    JSON Schema counts 420.0 as an integer, so it would be published as "420.0".
    The loader keeps the source text of every float (``doc.source``): only those
    are looked at. Fields in ``fraction_ok`` (money, which has its own rule
    ``tien-le``, and any field of type number) are left alone; a number that is
    not whole is already a schema error.
    """
    for path, written in doc.source.items():
        name = next((part for part in reversed(path) if part.__class__ is str), "")
        if name in fraction_ok or is_private(path):
            continue
        value = doc.value(path)
        if value.__class__ is float and value.is_integer() and abs(value) < 1e16:
            out.add(
                path,
                "schema",
                ERROR,
                f"'{show_path(path)}' là số '{show_value(written)}', có phần thập phân. Hãy "
                f"viết số nguyên, không có dấu chấm: {int(value)}.",
            )


def honorees_within_members(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """A union cannot honour more individuals than it has members (``so_doan_vien``)."""
    people, members = len(data["dien_hinh"]["ca_nhan"]), data["don_vi"]["so_doan_vien"]
    if people > members:
        out.add(
            ("don_vi", "so_doan_vien"),
            "so-lieu-khong-khop",
            ERROR,
            f"Tệp có {people} cá nhân điển hình (dien_hinh.ca_nhan) nhưng đơn vị chỉ có "
            f"{members} đoàn viên (so_doan_vien). Hãy kiểm tra lại số đoàn viên và danh sách "
            "cá nhân điển hình.",
        )


def names_have_letters(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """An honoree's name holds at least one letter: "." or a blank name is no one."""
    for kind, key in (("ca_nhan", "ho_ten"), ("tap_the", "ten")):
        for index, honoree in records(data, kind):
            name = SILENT.sub("", honoree[key])
            if not any(char.isalpha() for char in name):
                out.add(
                    ("dien_hinh", kind, index, key),
                    "schema",
                    ERROR,
                    f"'dien_hinh.{kind}[{index}].{key}' không có chữ nào. Hãy viết tên "
                    "đầy đủ của điển hình.",
                )


_SUBCOUNTS = (("truc_tiep_san_xuat", "trực tiếp sản xuất"), ("nu", "nữ"))


def figures_within_rows(data: dict[str, Any], ctx: Any, out: _Out) -> None:
    """A II.3 row's "of whom" counts cannot exceed its individuals (``ca_nhan``)."""
    for index, row in enumerate(data["bao_cao"]["so_lieu_khen_thuong"]):
        for key, word in _SUBCOUNTS:
            part = row.get(key)
            if part is not None and part > row["ca_nhan"]:
                out.add(
                    ("bao_cao", "so_lieu_khen_thuong", index, key),
                    "so-lieu-khong-khop",
                    ERROR,
                    f"Dòng số liệu khen thưởng năm {row['nam']} có {part} cá nhân {word} "
                    f'({key}) nhưng chỉ có {row["ca_nhan"]} cá nhân (ca_nhan). Số "trong '
                    'đó" không thể lớn hơn tổng; hãy kiểm tra lại.',
                )
