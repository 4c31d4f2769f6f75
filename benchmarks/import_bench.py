"""Time the Excel bridge: a unit's workbook out (``xuat-excel``) and back in (``nhap``).

Usage: python benchmarks/import_bench.py [PEOPLE] [--repeat 5]

A generated unit whose list is PEOPLE individuals (default 150, the size the
issue names) is written into a project, then, best of --repeat:
1. out: its workbook made from its data (what the site does per unit);
2. read: the workbook read back with openpyxl (``excel_in``);
3. in: the whole ``nhap`` (read, merge, check, splice the YAML text), after one
   cell is changed so the list is really replaced.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
from pathlib import Path

import openpyxl
import yaml

from generate import generate, people
from timing import best

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "scripts"))

from vinhdanh.check.load import load_file  # noqa: E402
from vinhdanh.office.bring_in import import_workbook  # noqa: E402
from vinhdanh.office.excel_in import read_workbook  # noqa: E402
from vinhdanh.office.layout import workbook_layout  # noqa: E402
from vinhdanh.office.workbook import unit_workbook  # noqa: E402
from vinhdanh.project import open_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("people", type=int, nargs="?", default=150)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "p"
        generate(1, root)
        path = next((root / "submissions").glob("*.yaml"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["dien_hinh"]["ca_nhan"] = people(random.Random(7), args.people)
        data["hoi_nghi"]["dai_bieu_di_du_cap_tren"] = []
        data["don_vi"]["so_doan_vien"] = 100 * args.people
        data["dien_hinh"].pop("so_dan_toc_thieu_so", None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        project = open_project(root)
        layout = workbook_layout(project.schemas)
        doc, _ = load_file(path)
        unit = doc.data["don_vi"]["ma"]
        raw = unit_workbook(layout, project.vocabulary, doc.data, unit, "Thử")
        book = openpyxl.load_workbook(io.BytesIO(raw))
        book["Cá nhân"]["D2"] = "Tổ trưởng tổ Thử"
        changed = io.BytesIO()
        book.save(changed)
        out = best(args.repeat, lambda: unit_workbook(layout, project.vocabulary, doc.data))
        read = best(args.repeat, lambda: read_workbook(raw, "x.xlsx", layout, project.vocabulary))
        brought = import_workbook(project, unit, changed.getvalue(), "x.xlsx")
        assert not any(f.is_error for f in brought.findings), brought.findings[:3]
        whole = best(
            args.repeat, lambda: import_workbook(project, unit, changed.getvalue(), "x.xlsx")
        )
        print(
            f"{args.people} people, {len(raw) // 1024} KiB workbook: out {out * 1000:.1f} ms; "
            f"read {read * 1000:.0f} ms; whole nhap {whole * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
