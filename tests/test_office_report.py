"""The unit's report (.docx) read back: golden text, page setup per NĐ 30, letterhead,
II.3 totals, appendices, "Nơi nhận" and signature, styles."""

from __future__ import annotations

import pytest

from vinhdanh.office.blocks import document_date

from .office import (
    NS,
    W,
    attr,
    caps_styles,
    defined_styles,
    golden_path,
    load_documents,
    para_text,
    parts,
    sample,
    sample_yaml,
    text_dump,
    used_paragraph_styles,
    xml,
)


@pytest.fixture(scope="module")
def raw():
    """The sample as its YAML says (independent of the model)."""
    return sample_yaml()


@pytest.fixture(scope="module")
def report(repo_project, published) -> bytes:
    return load_documents(repo_project, published).make("bao-cao", sample(published))


@pytest.fixture(scope="module")
def body(report):
    body = xml(report).find("w:body", NS)
    assert body is not None
    return body


def within_mm(twips: str | None, low: int, high: int) -> bool:
    """A length in twips lies in [low, high] mm, each bound rounded to the nearest twip
    as Word stores it (15 mm is 850.4 twips: Word's "1,5 cm" is 850)."""
    assert twips is not None
    return round(low * 1440 / 25.4) <= int(twips) <= round(high * 1440 / 25.4)


def style_of(report: bytes, style_id: str | None):
    return next(
        s
        for s in xml(report, "word/styles.xml").iter(W + "style")
        if attr(s, "styleId") == style_id
    )


def tables(body):
    return body.findall("w:tbl", NS)


def rows(table) -> list[list[str]]:
    """Each row's cells, a cell's paragraphs joined by " / " (empty ones left out)."""
    return [
        [
            " / ".join(t for t in (para_text(p) for p in tc.findall("w:p", NS)) if t)
            for tc in tr.findall("w:tc", NS)
        ]
        for tr in table.findall("w:tr", NS)
    ]


def cell_paragraphs(table, row: int, column: int) -> list[str]:
    tc = table.findall("w:tr", NS)[row].findall("w:tc", NS)[column]
    return [t for t in (para_text(p) for p in tc.findall("w:p", NS)) if t]


def test_report_matches_the_reviewed_golden_text(report):
    assert text_dump(report) == golden_path("bao-cao").read_text(encoding="utf-8")


def test_page_is_a4(body):
    size = body.find("w:sectPr/w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")


def test_margins_are_within_the_ranges_of_nd30(body):
    margins = body.find("w:sectPr/w:pgMar", NS)
    assert within_mm(attr(margins, "top"), 20, 25)
    assert within_mm(attr(margins, "bottom"), 20, 25)
    assert within_mm(attr(margins, "left"), 30, 35)
    assert within_mm(attr(margins, "right"), 15, 20)


def test_body_text_is_times_new_roman_13_to_14_pt(report):
    defaults = xml(report, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults is not None
    fonts = defaults.find("w:rFonts", NS)
    assert attr(fonts, "ascii") == attr(fonts, "hAnsi") == "Times New Roman"
    normal = next(
        s
        for s in xml(report, "word/styles.xml").iter(W + "style")
        if attr(s, "styleId") == "Normal"
    )
    size = normal.find("w:rPr/w:sz", NS)
    if size is None:
        size = defaults.find("w:sz", NS)
    assert 26 <= int(attr(size, "val") or 0) <= 28  # half-points


def test_page_numbers_start_on_page_two(report, body):
    section = body.find("w:sectPr", NS)
    assert section.find("w:titlePg", NS) is not None
    rels = xml(report, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    headers = {
        attr(h, "type"): parts(report)["word/" + targets[h.get(rid)]]
        for h in section.findall("w:headerReference", NS)
    }
    assert set(headers) == {"default", "first"}

    def has_page_field(data: bytes) -> bool:
        root = xml_of(data)
        instructions = [t.text or "" for t in root.iter(W + "instrText")]
        instructions += [attr(f, "instr") or "" for f in root.iter(W + "fldSimple")]
        return any(i.split() and i.split()[0] == "PAGE" for i in instructions)

    assert has_page_field(headers["default"])
    assert not has_page_field(headers["first"])


def xml_of(data: bytes):
    from xml.etree import ElementTree as ET

    return ET.fromstring(data)


def test_letterhead_is_a_borderless_two_column_table(report, body):
    letterhead = next(iter(body))
    assert letterhead.tag == W + "tbl"
    assert len(letterhead.findall("w:tblGrid/w:gridCol", NS)) == 2
    assert [len(tr.findall("w:tc", NS)) for tr in letterhead.findall("w:tr", NS)] == [2]
    style_id = attr(letterhead.find("w:tblPr/w:tblStyle", NS), "val")
    style = next(
        s
        for s in xml(report, "word/styles.xml").iter(W + "style")
        if attr(s, "styleId") == style_id
    )
    borders = [*style.iterfind("w:tblPr/w:tblBorders/*", NS)]
    borders += [*letterhead.iterfind("w:tblPr/w:tblBorders/*", NS)]
    borders += [*letterhead.iterfind(".//w:tcBorders/*", NS)]
    assert {b.tag.removeprefix(W) for b in style.iterfind("w:tblPr/w:tblBorders/*", NS)} >= {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    assert {attr(b, "val") for b in borders} <= {"nil", "none"}


def test_letterhead_left_holds_parent_unit_and_number(body, raw):
    left = cell_paragraphs(tables(body)[0], 0, 0)
    assert left == [
        "Công đoàn Tổng công ty Máy và Thiết bị Công nghiệp Đông Anh",
        raw["don_vi"]["ten"],
        "Số: 12/BC-CĐCS",
    ]


def test_letterhead_right_holds_national_title_motto_place_and_date(report, body):
    letterhead = tables(body)[0]
    right = cell_paragraphs(letterhead, 0, 1)
    assert right[0].upper() == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right[1:] == ["Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 20 tháng 3 năm 2025"]
    first = letterhead.find("w:tr/w:tc[2]/w:p", NS)
    assert attr(first.find("w:pPr/w:pStyle", NS), "val") in caps_styles(report)


def figures_table(body):
    return next(t for t in tables(body) if rows(t)[0][:2] == ["STT", "Hình thức khen thưởng"])


def test_figures_table_totals_are_the_sums_of_the_sample(body, raw):
    figures = raw["bao_cao"]["so_lieu_khen_thuong"]
    table = rows(figures_table(body))
    assert len(table) == 1 + len(figures) + 1
    columns = ("tap_the", "ca_nhan", "truc_tiep_san_xuat", "nu")
    assert table[-1] == ["Tổng cộng"] + [str(sum(f[c] for f in figures)) for c in columns]
    assert [r[2] for r in table[1:-1]] == [str(f["nam"]) for f in figures]


def test_figures_table_follows_part_ii_3(body):
    children = list(body)
    at = children.index(figures_table(body))
    headings = [para_text(c) for c in children[:at] if c.tag == W + "p"]
    part = [h for h in headings if h and h[0].isdigit()][-1]
    assert part == "3. Kết quả công tác khen thưởng"


def appendix_text(body) -> str:
    children = list(body)
    start = next(
        i for i, c in enumerate(children) if c.tag == W + "p" and para_text(c) == "Phụ lục I"
    )
    cells = [
        cell for c in children[start:] if c.tag == W + "tbl" for row in rows(c) for cell in row
    ]
    return "\n".join(cells)


def test_appendix_lists_every_individual_honoree(body, raw):
    text = appendix_text(body)
    people = raw["dien_hinh"]["ca_nhan"]
    assert len(people) == 6
    assert [p["ho_ten"] for p in people if p["ho_ten"] not in text] == []


def test_appendix_lists_every_collective_honoree(body, raw):
    text = appendix_text(body)
    groups = raw["dien_hinh"]["tap_the"]
    assert len(groups) == 2
    assert [g["ten"] for g in groups if g["ten"] not in text] == []


def signature_table(body):
    """The second borderless table: "Nơi nhận" left, the signature right."""
    return [
        t for t in tables(body) if attr(t.find("w:tblPr/w:tblStyle", NS), "val") == "KhongVien"
    ][1]


def test_recipients_are_bottom_left(body):
    left = cell_paragraphs(signature_table(body), 0, 0)
    assert left == [
        "Nơi nhận:",
        "- Công đoàn Tổng công ty Máy và Thiết bị Công nghiệp Đông Anh (để báo cáo);",
        "- Lưu: VT.",
    ]


def test_signature_block_names_the_board_the_title_and_the_signer(report, body, raw):
    table = signature_table(body)
    right = cell_paragraphs(table, 0, 1)
    signer = raw["bao_cao"]["nguoi_ky"]
    assert [t.upper() for t in right[:2]] == ["TM. BAN THƯỜNG VỤ", signer["chuc_danh"].upper()]
    assert right[-1] == signer["ho_ten"]
    cell = table.find("w:tr/w:tc[2]", NS)
    paragraphs = cell.findall("w:p", NS)
    assert para_text(paragraphs[-1]) == signer["ho_ten"]


def test_signature_follows_the_body_and_precedes_the_appendix(body):
    children = list(body)
    at = children.index(signature_table(body))
    assert para_text(children[at - 1]).startswith("Đề nghị Công đoàn Công Thương Việt Nam")
    after = [para_text(c) for c in children[at + 1 :] if c.tag == W + "p" and para_text(c)]
    assert after[0] == "Phụ lục I"


def test_body_text_ends_with_the_closing_mark(body):
    children = list(body)
    before = children[: children.index(signature_table(body))]
    last = [para_text(c) for c in before if c.tag == W + "p" and para_text(c)][-1]
    assert last.endswith("./.")
    assert not last.endswith("../.")


def test_every_paragraph_and_table_style_used_is_defined(report):
    defined = defined_styles(report)
    assert used_paragraph_styles(report) - defined == set()
    tables_used = {attr(s, "val") for s in xml(report).iter(W + "tblStyle")}
    assert tables_used - defined == set()


def test_report_date_is_the_submissions_date_in_nd30_form(body, raw):
    right = cell_paragraphs(tables(body)[0], 0, 1)
    assert right[-1] == f"{raw['bao_cao']['dia_danh']}, {document_date(raw['bao_cao']['ngay'])}"


def test_a_deputy_signs_for_the_chairman_with_kt(repo_project, published):
    """Regression: a Phó Chủ tịch signed as "TM. BAN THƯỜNG VỤ / PHÓ CHỦ TỊCH", without the
    "KT. CHỦ TỊCH" line NĐ 30 requires when a deputy signs for the head."""
    deputy = sample(published, "cdcs-phan-bon-bac-son")
    assert deputy.report.signer_title == "Phó Chủ tịch"
    docx = load_documents(repo_project, published).make("bao-cao", deputy)
    body = xml(docx).find("w:body", NS)
    assert cell_paragraphs(signature_table(body), 0, 1) == [
        "TM. Ban Thường vụ",
        "KT. Chủ tịch ↵ Phó Chủ tịch",
        deputy.report.signer_name,
    ]


def test_a_total_is_left_blank_when_some_rows_do_not_give_the_figure(published):
    import dataclasses

    from vinhdanh.office.report import figures_table

    rows = sample(published).report.figures
    partial = (dataclasses.replace(rows[0], women=None), *rows[1:])
    total = figures_table(partial).rows[-1]
    texts = ["".join(t for p in cell.paras for t, _ in p.runs) for cell in total]
    assert texts[-1] == ""  # women: one row did not say
    assert texts[-2] == str(sum(r.direct_workers for r in rows))
