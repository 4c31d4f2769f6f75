"""The built site offers each published unit's workbook and a blank one (real mkdocs)."""

from __future__ import annotations

import io
import re

import openpyxl

from vinhdanh.office.excel_in import read_workbook
from vinhdanh.office.general import GENERAL_SHEET
from vinhdanh.office.layout import PEOPLE, workbook_layout

from .conftest import REPO
from .test_office_site import site as built_site

site = built_site  # the same real build as the documents' tests (one per module)


def test_every_published_unit_has_its_workbook(site, published):
    units = [s.unit.id for s in published[1]]
    assert [u for u in units if not (site / "don-vi" / u / "danh-sach.xlsx").is_file()] == []


def test_a_units_workbook_holds_its_people(site, repo_project, published):
    sub = published[1][0]
    raw = (site / "don-vi" / sub.unit.id / "danh-sach.xlsx").read_bytes()
    got = read_workbook(
        raw, "x.xlsx", workbook_layout(repo_project.schemas), repo_project.vocabulary
    )
    names = [p.get("ho_ten") for p in got.lists.get(PEOPLE, []) if "ho_ten" in p]
    assert names == [p.name for p in sub.people]


def test_blank_workbook_has_every_sheet_and_no_rows(site, repo_project):
    book = openpyxl.load_workbook(
        io.BytesIO((site / "huong-dan" / "danh-sach-mau.xlsx").read_bytes())
    )
    layout = workbook_layout(repo_project.schemas)
    assert [s.name for s in layout] == book.sheetnames[2:-1]
    assert book.sheetnames[1] == GENERAL_SHEET
    assert all(book[s.name].max_row == 1 for s in layout)


def test_guide_links_the_blank_workbook_and_the_unit_page_links_the_guide(site, published):
    guide = (site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert 'href="danh-sach-mau.xlsx"' in guide
    assert re.search(r'id="excel"', guide)
    page = (site / "don-vi" / published[1][0].unit.id / "index.html").read_text(encoding="utf-8")
    assert 'href="danh-sach.xlsx"' in page and 'href="../../huong-dan/#excel"' in page


def test_repository_has_no_workbook_checked_in():
    assert list((REPO / "docs").rglob("*.xlsx")) == []
