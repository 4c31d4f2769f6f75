"""Presenting a body: dates as NĐ 30 writes them, free text as paragraphs and list items,
elements in the order and structure Word requires (ECMA-376 sequences)."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

import pytest

from vinhdanh.office.blocks import (
    Para,
    Table,
    document_date,
    head_row,
    paragraphs,
    render_blocks,
    text_cell,
)

from .office import NS, load_documents, order_problems, structure_problems, xml


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 3, 20), "ngày 20 tháng 3 năm 2025"),
        (date(2025, 4, 8), "ngày 08 tháng 4 năm 2025"),
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
    ],
)
def test_days_below_ten_take_a_leading_zero_and_months_from_three_do_not(day, text):
    assert document_date(day) == text


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 1, 5), "ngày 05 tháng 01 năm 2025"),
        (date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    ],
)
def test_months_one_and_two_take_a_leading_zero(day, text):
    assert document_date(day) == text


def test_dash_and_plus_items_become_the_templates_two_list_styles():
    text = "Mở đầu.\n\n- Ý thứ nhất\n- Ý thứ hai\n+ Chi tiết"
    assert [(p.style, p.runs[0][0]) for p in paragraphs(text)] == [
        ("Normal", "Mở đầu."),
        ("GachDauDong", "Ý thứ nhất"),
        ("GachDauDong", "Ý thứ hai"),
        ("DauCong", "Chi tiết"),
    ]


def test_a_paragraph_names_only_its_style_and_emphasis():
    xml = render_blocks([Para("TieuDe1", (("Đậm ", "b"), ("nghiêng", "i")))])
    assert '<w:pStyle w:val="TieuDe1"/>' in xml
    assert "<w:b/>" in xml and "<w:i/>" in xml
    assert "<w:rFonts" not in xml and "<w:sz " not in xml  # formatting is the template's


@pytest.fixture(scope="module")
def every_document(repo_project, published) -> dict[str, bytes]:
    """Every document of every shipped sample, by "<unit> <kind>"."""
    documents = load_documents(repo_project, published)
    return {
        f"{sub.unit.id} {kind}": data
        for sub in published[1]
        for kind, data in documents.for_unit(sub).items()
    }


def test_every_body_follows_the_schemas_element_order(every_document):
    for name, docx in every_document.items():
        assert order_problems(xml(docx)) == [], name


def test_every_body_has_the_structure_word_requires(every_document):
    for name, docx in every_document.items():
        body = xml(docx).find("w:body", NS)
        assert structure_problems(body) == [], name


def rows_of(table: Table) -> list[ET.Element]:
    body = ET.fromstring(f'<w:body xmlns:w="{NS["w"]}">{render_blocks([table])}</w:body>')
    return body.findall("w:tbl/w:tr", NS)


def test_a_row_longer_than_a_page_may_break_across_pages():
    """Regression: every row was kept on one page (w:cantSplit); Word cuts a row taller
    than a page off at its foot, so a long "Thành tích" lost its end in print."""
    long = text_cell("Thành tích " * 600)  # about 6,600 characters: pages of text
    table = Table((720, 8635), (head_row(("STT", "Thành tích")),), ((text_cell("1"), long),))
    head, row = rows_of(table)
    assert row.find("w:trPr/w:cantSplit", NS) is None
    assert head.find("w:trPr/w:cantSplit", NS) is not None


def test_a_short_row_stays_on_one_page():
    table = Table((720, 8635), (), ((text_cell("1"), text_cell("Một dòng")),))
    assert rows_of(table)[0].find("w:trPr/w:cantSplit", NS) is not None
