"""Reading a report written in Word (issue 11, item 3): a document typed from the seed's
template, our own generated report read back, forgiving headings, missing sections,
files that are not a .docx, and a document LibreOffice saved again."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest

from vinhdanh.office.word_in import read_report
from vinhdanh.values import text_blocks

from .office import load_documents, resave_with_libreoffice, sample_yaml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A paragraph is a string, or (kind, text): "num" Word's automatic number (no typed
# number), "bullet" Word's "-" bullet, "bold", "italic"; ("table", rows) is a table.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>
<w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""  # noqa: E501
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""  # noqa: E501
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""  # noqa: E501


def _runs(text: str, props: str = "") -> str:
    pieces = []
    for n, line in enumerate(text.split("\n")):
        br = "<w:br/>" if n else ""
        pieces.append(f'<w:r>{props}{br}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return "".join(pieces)


def _block(item) -> str:
    if isinstance(item, str):
        return f"<w:p>{_runs(item)}</w:p>"
    kind, content = item
    if kind == "table":
        rows = "".join(
            "<w:tr>" + "".join(f"<w:tc><w:p>{_runs(c)}</w:p></w:tc>" for c in row) + "</w:tr>"
            for row in content
        )
        return f"<w:tbl><w:tblPr/><w:tblGrid/>{rows}</w:tbl>"
    number = {"num": "1", "bullet": "2"}.get(kind)
    props = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{number}"/></w:numPr></w:pPr>'
    emphasis = {"bold": "<w:rPr><w:b/></w:rPr>", "italic": "<w:rPr><w:i/></w:rPr>"}
    return f"<w:p>{props if number else ''}{_runs(content, emphasis.get(kind, ''))}</w:p>"


def make_docx(body: list, document: str | None = None) -> bytes:
    """A .docx as Word writes its bare bones: the body's paragraphs and tables."""
    xml = document or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{''.join(map(_block, body))}<w:sectPr/></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS)
        archive.writestr("word/document.xml", xml)
        archive.writestr("word/numbering.xml", NUMBERING)
    return out.getvalue()


# The seed's report template as an official fills it: its own headings (level 1 in
# capitals, the long II.1/II.3/II.4 wording, II.5's and III's "+" parts, "./." on IV.2),
# the letterhead and opening above, "Nơi nhận" and the signature below. II.4 is numbered
# by Word (no typed "4.").
SEED_REPORT = [
    "CÔNG ĐOÀN TỔNG CÔNG TY MÁY ĐỘNG LỰC",
    "CÔNG ĐOÀN CƠ SỞ CÔNG TY CƠ KHÍ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/BC-CĐ",
    "Hà Nội, ngày 20 tháng 3 năm 2025",
    "BÁO CÁO",
    "TỔNG KẾT PHONG TRÀO THI ĐUA YÊU NƯỚC VÀ CÔNG TÁC THI ĐUA KHEN THƯỞNG GIAI ĐOẠN 2020 -2025 "
    "VÀ PHƯƠNG HƯỚNG NHIỆM VỤ CÔNG TÁC THI ĐUA KHEN THƯỞNG 5 NĂM GIAI ĐOẠN 2025 - 2030",
    "Thực hiện văn bản số 389/KH-CĐCT ngày 5/12/2024 của Công đoàn Công Thương Việt Nam, "
    "Công đoàn cơ sở báo cáo tổng kết phong trào thi đua yêu nước, công tác thi đua, khen "
    "thưởng năm 2020-2025 và phương hướng nhiệm vụ thi đua, khen thưởng năm 2025-2030 như sau:",
    "I. CÔNG TÁC TỔ CHỨC VÀ CHỈ ĐẠO TRIỂN KHAI CÁC PHONG TRÀO THI ĐUA",
    "1. Thuận lợi",
    "Được sự quan tâm của Đảng ủy và Ban Giám đốc, phong trào thi đua triển khai đồng bộ.",
    "Đội ngũ công nhân lành nghề, gắn bó lâu năm.",
    "2. Khó khăn",
    "- Dịch COVID-19 làm giãn tiến độ nhiều đơn hàng;",
    "- Giá nguyên vật liệu tăng cao.",
    "II. KẾT QUẢ PHONG TRÀO THI ĐUA YÊU NƯỚC VÀ CÔNG TÁC KHEN THƯỞNG",
    "1. Đánh giá kết quả đạt được của phong trào thi đua yêu nước, nêu rõ phong trào thi đua "
    "tiêu biểu và tác động, tính thiết thực, hiệu quả của phong trào, góp phần thực hiện nhiệm "
    "vụ chuyên môn và nhiệm vụ Công đoàn trong 5 năm (2020-2025)",
    "Phong trào Lao động giỏi, lao động sáng tạo có 146 sáng kiến.",
    ("bullet", "Cá nhân tiêu biểu: đồng chí Nguyễn Văn An, 4 sáng kiến, cá nhân xuất sắc."),
    ("bullet", "Tập thể tiêu biểu: Tổ Cơ khí chính xác, đề xuất nhiều kiến nghị cải tiến."),
    "2. Việc chấp hành các quy định về thi đua, khen thưởng",
    "Bình xét công khai từ tổ sản xuất.",
    "3. Kết quả công tác khen thưởng; phân tích kết quả, chất lượng các hình thức khen thưởng, "
    "việc khen thưởng cho người trực tiếp lao động, sản xuất, công tác; việc nhân rộng các điển "
    "hình tiên tiến trong phong trào thi đua",
    "Khen thưởng 18 tập thể, 74 cá nhân.",
    ("table", [["Hình thức", "Tập thể", "Cá nhân"], ["Giấy khen", "9", "58"]]),
    (
        "num",
        "Đánh giá công tác lãnh đạo, chỉ đạo đổi mới tổ chức các phong trào thi đua yêu nước "
        "và công tác khen thưởng",
    ),
    "Sơ kết phong trào theo quý.",
    "5. Nêu những tồn tại, hạn chế, nguyên nhân và bài học kinh nghiệm",
    ("italic", "+ Tồn tại, hạn chế"),
    "Chưa chủ động phát hiện điển hình.",
    ("italic", "+ Nguyên nhân"),
    "Cán bộ công đoàn kiêm nhiệm.",
    ("italic", "+ Bài học kinh nghiệm"),
    "- Phát động thi đua gắn với nhiệm vụ cụ thể.",
    "- Khen thưởng kịp thời.",
    "III. PHƯƠNG HƯỚNG NHIỆM VỤ 5 NĂM 2025 - 2030",
    "+ Xác định phương hướng, mục tiêu chung của phong trào thi đua và công tác khen thưởng "
    "05 năm (2025-2030).",
    "Phấn đấu mỗi năm 30 sáng kiến.",
    "+ Những nội dung chủ yếu đẩy mạnh các phong trào thi đua, công tác khen thưởng;",
    "+ Phong trào Xanh - Sạch - Đẹp;",
    "+ Phong trào Luyện tay nghề, thi thợ giỏi.",
    "+ Công tác lãnh đạo, chỉ đạo đổi mới công tác thi đua, khen thưởng và các giải pháp chủ yếu",
    "Số hóa việc đăng ký thi đua.",
    "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    "1. Đối với Tổng Liên đoàn.",
    "Tăng số Bằng Lao động sáng tạo.",
    "2. Đối với Công đoàn Công Thương Việt Nam./.",
    "Tổ chức hội thi thợ giỏi hai năm một lần./.",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH",
    "Trần Văn Bình",
]
SEED_CONTENT = {
    "to_chuc_chi_dao": {
        "thuan_loi": "Được sự quan tâm của Đảng ủy và Ban Giám đốc, phong trào thi đua triển "
        "khai đồng bộ.\n\nĐội ngũ công nhân lành nghề, gắn bó lâu năm.",
        "kho_khan": "- Dịch COVID-19 làm giãn tiến độ nhiều đơn hàng;\n"
        "- Giá nguyên vật liệu tăng cao.",
    },
    "ket_qua": {
        "danh_gia": "Phong trào Lao động giỏi, lao động sáng tạo có 146 sáng kiến.\n\n"
        "- Cá nhân tiêu biểu: đồng chí Nguyễn Văn An, 4 sáng kiến, cá nhân xuất sắc.\n"
        "- Tập thể tiêu biểu: Tổ Cơ khí chính xác, đề xuất nhiều kiến nghị cải tiến.",
        "chap_hanh_quy_dinh": "Bình xét công khai từ tổ sản xuất.",
        "khen_thuong": "Khen thưởng 18 tập thể, 74 cá nhân.",
        "lanh_dao_chi_dao": "Sơ kết phong trào theo quý.",
        "ton_tai_han_che": "Chưa chủ động phát hiện điển hình.",
        "nguyen_nhan": "Cán bộ công đoàn kiêm nhiệm.",
        "bai_hoc_kinh_nghiem": "- Phát động thi đua gắn với nhiệm vụ cụ thể.\n"
        "- Khen thưởng kịp thời.",
    },
    "phuong_huong": {
        "muc_tieu": "Phấn đấu mỗi năm 30 sáng kiến.",
        "noi_dung_chu_yeu": "+ Phong trào Xanh - Sạch - Đẹp;\n"
        "+ Phong trào Luyện tay nghề, thi thợ giỏi.",
        "giai_phap": "Số hóa việc đăng ký thi đua.",
    },
    "de_xuat": {
        "tong_lien_doan": "Tăng số Bằng Lao động sáng tạo.",
        "cong_doan_nganh": "Tổ chức hội thi thợ giỏi hai năm một lần.",
    },
}


@pytest.fixture(scope="module")
def schema(repo_project):
    return repo_project.schemas["submission"]


def read(body: list, schema) -> tuple[dict, list]:
    return read_report(make_docx(body), "bao-cao.docx", schema)


def text_of(item) -> str:
    return item if isinstance(item, str) else "" if item[0] == "table" else item[1]


def replaced(old: str, *new) -> list:
    """The seed report with one paragraph replaced by others (or removed)."""
    i = [text_of(p) for p in SEED_REPORT].index(old)
    return [*SEED_REPORT[:i], *new, *SEED_REPORT[i + 1 :]]


def paragraph_number(body: list, text: str) -> int:
    """ "đoạn N" of a paragraph: the paragraphs with text counted from 1 (tables are not)."""
    paragraphs = [text_of(p) for p in body if text_of(p)]
    return paragraphs.index(text) + 1


def messages(findings) -> list[str]:
    return [f.message for f in findings]


def test_every_section_of_a_report_from_the_seed_template_is_read(schema):
    content, _ = read(SEED_REPORT, schema)
    assert content == SEED_CONTENT


def test_a_report_from_the_seed_template_reports_only_its_table(schema):
    _, findings = read(SEED_REPORT, schema)
    before = paragraph_number(SEED_REPORT, "Khen thưởng 18 tập thể, 74 cá nhân.")
    assert [(f.code, f.severity, f.place) for f in findings] == [
        ("nhap", "warning", f"đoạn {before}")
    ]
    assert f"Bảng ngay sau đoạn {before} (mục II.3. Kết quả công tác khen thưởng)" in (
        findings[0].message
    )


def test_headings_are_not_copied_into_the_sections(schema):
    content, _ = read(SEED_REPORT, schema)
    text = "\n".join(t for part in content.values() for t in part.values())
    for heading in ("Thuận lợi", "Tồn tại, hạn chế", "Nêu những", "ĐỀ XUẤT", "Đối với"):
        assert heading not in text


def test_text_before_the_first_heading_and_after_the_end_is_not_read(schema):
    content, _ = read(SEED_REPORT, schema)
    text = "\n".join(t for part in content.values() for t in part.values())
    for outside in ("CỘNG HÒA", "Thực hiện văn bản", "./.", "Nơi nhận", "Lưu: VT", "Trần Văn"):
        assert outside not in text


def test_a_heading_numbered_by_word_is_found_by_its_words(schema):
    content, findings = read(SEED_REPORT, schema)
    assert content["ket_qua"]["lanh_dao_chi_dao"] == "Sơ kết phong trào theo quý."
    assert not [m for m in messages(findings) if "II.4" in m]


def test_a_missing_section_is_named_at_the_paragraph_where_it_belongs(schema):
    body = replaced("+ Nguyên nhân")
    body.remove("Cán bộ công đoàn kiêm nhiệm.")
    content, findings = read(body, schema)
    missing = [f for f in findings if "Không tìm thấy" in f.message]
    where = paragraph_number(body, "+ Bài học kinh nghiệm")  # the next heading found
    assert [(f.message, f.place, f.line, f.column, f.file) for f in missing] == [
        ("Không tìm thấy mục II.5. Nguyên nhân.", f"đoạn {where}", where, 1, "bao-cao.docx")
    ]
    assert missing[0].severity == "warning" and "nguyen_nhan" not in content["ket_qua"]


def test_a_heading_without_text_is_reported(schema):
    body = replaced("Số hóa việc đăng ký thi đua.")
    _, findings = read(body, schema)
    empty = [f for f in findings if "không có nội dung" in f.message]
    heading = next(text_of(p) for p in body if text_of(p).startswith("+ Công tác lãnh đạo"))
    assert [(f.message, f.place) for f in empty] == [
        (
            "Mục III. Lãnh đạo, chỉ đạo và giải pháp chủ yếu không có nội dung.",
            f"đoạn {paragraph_number(body, heading)}",
        )
    ]


def test_text_under_a_section_heading_without_its_parts_goes_to_the_first_part(schema):
    body = [p for p in SEED_REPORT if not text_of(p).startswith(("+ Xác", "+ Những", "+ Công"))]
    content, findings = read(body, schema)
    assert content["phuong_huong"] == {
        "muc_tieu": "Phấn đấu mỗi năm 30 sáng kiến.\n\n+ Phong trào Xanh - Sạch - Đẹp;\n"
        "+ Phong trào Luyện tay nghề, thi thợ giỏi.\n\nSố hóa việc đăng ký thi đua."
    }
    assert (
        "Không tìm thấy tiêu đề mục III. Phương hướng, mục tiêu chung; văn bản ngay dưới tiêu "
        "đề “III. PHƯƠNG HƯỚNG NHIỆM VỤ 5 NĂM 2025 - 2030” được đưa vào mục này."
    ) in messages(findings)


@pytest.mark.parametrize(
    "heading",
    [
        "THUAN LOI",  # capitals, no diacritics
        "Thuận lợi:",
        "1) Thuận lợi",
        "a) Thuận lợi",
        "I.1. Thuận lợi",
        "1. Những thuận lợi",
        ("bold", "Thuận lợi"),
        ("num", "Thuận lợi"),
    ],
)
def test_a_heading_is_found_whatever_its_numbering_case_and_diacritics(schema, heading):
    content, findings = read(replaced("1. Thuận lợi", heading), schema)
    assert content["to_chuc_chi_dao"] == SEED_CONTENT["to_chuc_chi_dao"]
    assert not [m for m in messages(findings) if "I.1" in m]


@pytest.mark.parametrize(
    "heading",
    [
        "1. Đánh giá kết quả đạt được",  # words left out
        "1. DANH GIA KET QUA DAT DUOC CUA PHONG TRAO THI DUA YEU NUOC",
        "II.1. Đánh giá kết quả đạt được của phong trào thi đua yêu nước",
    ],
)
def test_a_shortened_or_plain_heading_is_found(schema, heading):
    old = next(p for p in SEED_REPORT if isinstance(p, str) and p.startswith("1. Đánh giá"))
    content, findings = read(replaced(old, heading), schema)
    assert content["ket_qua"]["danh_gia"] == SEED_CONTENT["ket_qua"]["danh_gia"]
    assert not [m for m in messages(findings) if "Không tìm thấy" in m]


def test_headings_typed_without_numbers_are_found_by_their_words(schema):
    # Bold headings with no number at all, and the title bold too: it shares most of
    # section II's words, yet is not taken for it.
    numbered = re.compile(r"^(?:[IVX]+|\d)\. |^\+ (?=[XNC])")

    def unnumbered(item):
        text = text_of(item)
        if text.startswith("TỔNG KẾT") or (isinstance(item, tuple) and item[0] == "num"):
            return ("bold", text)
        if isinstance(item, str) and numbered.match(item):
            return ("bold", numbered.sub("", item))
        return item

    content, _ = read(list(map(unnumbered, SEED_REPORT)), schema)
    assert content == SEED_CONTENT


def test_a_heading_may_carry_its_text_after_a_colon(schema):
    body = replaced("+ Nguyên nhân", ("italic", "+ Nguyên nhân: cán bộ công đoàn kiêm nhiệm."))
    body.remove("Cán bộ công đoàn kiêm nhiệm.")
    content, _ = read(body, schema)
    assert content["ket_qua"]["nguyen_nhan"] == "cán bộ công đoàn kiêm nhiệm."


def test_words_of_a_later_heading_scattered_in_the_text_do_not_start_it(schema):
    # "Nguyễn … cá nhân" holds the syllables of "Nguyên nhân"; "đề xuất … kiến nghị" those
    # of "Đề xuất, kiến nghị": neither list item is a heading.
    content, _ = read(SEED_REPORT, schema)
    assert "Nguyễn Văn An" in content["ket_qua"]["danh_gia"]
    assert "đề xuất nhiều kiến nghị" in content["ket_qua"]["danh_gia"]


def test_a_document_without_any_heading_is_an_error(schema):
    content, findings = read(["Kính gửi Công đoàn cấp trên.", "Nội dung báo cáo."], schema)
    assert content == {}
    assert [(f.code, f.severity) for f in findings] == [("nhap", "error")]
    assert "Không tìm thấy tiêu đề mục nào của báo cáo" in findings[0].message


def _with_part(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(make_docx(SEED_REPORT))) as old,
        zipfile.ZipFile(out, "w") as new,
    ):
        for item in old.namelist():
            new.writestr(item, data if item == name else old.read(item))
        if name not in old.namelist():
            new.writestr(name, data)
    return out.getvalue()


def _without_body() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
    return out.getvalue()


DOCTYPE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaa">]>'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>'
    "</w:document>"
)


@pytest.mark.parametrize(
    ("data", "file", "says"),
    [
        (b"I. CONG TAC TO CHUC\n1. Thuan loi\n", "bao-cao.docx", "không phải tài liệu Word"),
        (make_docx(SEED_REPORT)[:400], "bao-cao.docx", "không phải tài liệu Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "bao-cao.doc", "dạng cũ (.doc)"),
        (make_docx(SEED_REPORT), "bao-cao.docm", "có macro"),
        (_with_part("word/vbaProject.bin", b"\0"), "bao-cao.docx", "có macro"),
        (_with_part("word/document.xml", DOCTYPE.encode()), "bao-cao.docx", "DOCTYPE"),
        (_with_part("word/document.xml", b"<w:document"), "bao-cao.docx", "không phải XML"),
        (_without_body(), "bao-cao.docx", "thiếu phần word/document.xml"),
    ],
    ids=["text", "truncated", "doc", "docm", "macro", "doctype", "broken-xml", "no-body"],
)
def test_a_file_that_is_not_a_readable_docx_is_one_nhap_error(schema, data, file, says):
    content, findings = read_report(data, file, schema)
    assert content == {}
    assert [(f.file, f.code, f.severity) for f in findings] == [(file, "nhap", "error")]
    assert says in findings[0].message


SAMPLES = (
    "cdcs-co-khi-ha-noi",
    "cdcs-may-hung-yen",
    "cdcs-phan-bon-bac-son",
    "cd-tct-co-khi",
    "cd-tct-det-may",
    "cdctvn",
)


@pytest.fixture(scope="module")
def documents(repo_project, published):
    return load_documents(repo_project, published)


@pytest.mark.parametrize("unit", SAMPLES)
def test_our_own_report_reads_back_as_the_submission_s_sections(documents, published, schema, unit):
    # Compared as the report writes the texts (blocks). The II.3 tables, the reward
    # spending sentence in II.2 and the units' figures come from other fields and are not
    # read back as text.
    sub = next(s for s in published[1] if s.unit.id == unit)
    content, findings = read_report(documents.make("bao-cao", sub), f"{unit}.docx", schema)
    written = sample_yaml(unit)["bao_cao"]["noi_dung"]
    assert blocks(content) == blocks(written)
    assert {f.message.split(" (mục ")[1].split(")")[0] for f in findings} == {
        "II.3. Kết quả công tác khen thưởng"
    }


def blocks(sections: dict) -> dict:
    """The sections as the report writes them (values.text_blocks): paragraphs and list
    items; how the YAML wrapped the lines of a paragraph is not part of the document."""
    return {s: {k: text_blocks(t) for k, t in parts.items()} for s, parts in sections.items()}


def saved_by_libreoffice(docx: bytes, tmp_path) -> bytes:
    from vinhdanh.office.pdf import converter

    if converter() is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    source = tmp_path / "in" / "bao-cao.docx"
    source.parent.mkdir()
    source.write_bytes(docx)
    resave_with_libreoffice([source], tmp_path / "out", tmp_path / "profile")
    saved = (tmp_path / "out" / "bao-cao.docx").read_bytes()
    assert saved != docx
    return saved


@pytest.mark.slow
def test_a_report_saved_again_by_libreoffice_reads_the_same(schema, tmp_path):
    saved = saved_by_libreoffice(make_docx(SEED_REPORT), tmp_path)
    content, _ = read_report(saved, "bao-cao.docx", schema)
    assert content == SEED_CONTENT


@pytest.mark.slow
def test_our_own_report_saved_again_by_libreoffice_reads_the_same(
    documents, published, schema, tmp_path
):
    # LibreOffice renames the template's styles after their names ("Mục cấp 3" → "Mccp3")
    # and rewrites the numbering the list and heading styles carry.
    sub = next(s for s in published[1] if s.unit.id == SAMPLES[0])
    saved = saved_by_libreoffice(documents.make("bao-cao", sub), tmp_path)
    content, _ = read_report(saved, "bao-cao.docx", schema)
    assert blocks(content) == blocks(sample_yaml(SAMPLES[0])["bao_cao"]["noi_dung"])


def test_a_part_left_with_only_the_templates_questions_is_a_warning(schema):
    body = replaced(
        "Bình xét công khai từ tổ sản xuất.",
        ("bullet", "Việc bình xét thi đua, khen thưởng? Hình thức khen thưởng?"),
        ("bullet", "Tỷ lệ lao động trực tiếp sản xuất và lao động nữ được khen thưởng?"),
    )
    sections, findings = read(body, schema)
    assert sections["ket_qua"]["chap_hanh_quy_dinh"].startswith("- Việc bình xét")
    assert [f.place for f in findings if "câu hỏi gợi ý" in f.message] == [
        f"đoạn {paragraph_number(body, '2. Việc chấp hành các quy định về thi đua, khen thưởng')}"
    ]


def test_an_answer_with_a_question_in_it_is_not_a_warning(schema):
    body = replaced(
        "Bình xét công khai từ tổ sản xuất.",
        "Vì sao tỷ lệ công nhân được khen còn thấp? Do chưa có tiêu chí riêng.",
    )
    _, findings = read(body, schema)
    assert not [f for f in findings if "câu hỏi gợi ý" in f.message]
