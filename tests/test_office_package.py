"""The Word template engine: marks Word splits, refusals by name, restyling honoured,
valid and reproducible packages."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from vinhdanh.errors import ProjectError
from vinhdanh.office import report
from vinhdanh.office.package import WordTemplate
from vinhdanh.project import open_project

from .conftest import REPO, make_project_dir
from .office import (
    NS,
    W,
    attr,
    body_text,
    defined_styles,
    golden_path,
    load_documents,
    order_problems,
    para_text,
    parts,
    rewrite,
    sample,
    text_dump,
    used_paragraph_styles,
    xml,
)

TEMPLATE = REPO / "mau" / "bao-cao.docx"
NUMBER_RUN = '<w:r><w:t xml:space="preserve">Số: {{ so }}</w:t></w:r>'


def template(path=TEMPLATE) -> WordTemplate:
    return WordTemplate(path, report.INLINE, report.BLOCKS)


def number_paragraph(docx: bytes):
    return next(
        p
        for p in xml(docx).iter(W + "p")
        if attr(p.find("w:pPr/w:pStyle", NS), "val") == "SoKyHieu"
    )


def test_the_shipped_template_has_the_number_mark_in_one_run():
    assert NUMBER_RUN in parts(TEMPLATE.read_bytes())["word/document.xml"].decode("utf-8")


def test_a_mark_word_split_over_runs_is_filled_in_the_first_runs_formatting(tmp_path):
    split = (
        '<w:r><w:t xml:space="preserve">Số: </w:t></w:r>'
        '<w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>{{ s</w:t></w:r>'
        '<w:proofErr w:type="spellStart"/>'
        "<w:r><w:rPr><w:i/></w:rPr><w:t>o }</w:t></w:r>"
        '<w:proofErr w:type="spellEnd"/>'
        "<w:r><w:t>}</w:t></w:r>"
    )
    path = tmp_path / "tach.docx"
    rewrite(TEMPLATE, path, {"word/document.xml": lambda t: t.replace(NUMBER_RUN, split)})
    docx = template(path).fill({"so": "7/BC-CĐCS"}, {})
    paragraph = number_paragraph(docx)
    assert para_text(paragraph) == "Số: 7/BC-CĐCS"
    value = next(r for r in paragraph.iter(W + "r") if para_text_of_run(r) == "7/BC-CĐCS")
    assert value.find("w:rPr/w:u", NS) is not None  # the run where the mark begins
    assert value.find("w:rPr/w:i", NS) is None
    assert "{{" not in "".join(t.text or "" for t in xml(docx).iter(W + "t"))


def para_text_of_run(run) -> str:
    return "".join(t.text or "" for t in run.iter(W + "t"))


def test_an_unknown_mark_is_refused_by_name(tmp_path):
    path = tmp_path / "la.docx"
    rewrite(
        TEMPLATE,
        path,
        {"word/document.xml": lambda t: t.replace("{{ so }}", "{{ so }} {{ so_hieu_moi }}")},
    )
    with pytest.raises(ProjectError) as raised:
        template(path)
    message = str(raised.value)
    assert "chỗ điền không biết: {{ so_hieu_moi }}" in message
    assert "{{ nguoi_ky }}" in message  # and which marks are known


def test_a_template_without_a_style_a_body_may_use_is_refused_by_name_when_read(
    tmp_path, published
):
    root = make_project_dir(tmp_path / "p", REPO / "don-vi.yaml")
    target = root / "mau" / "bao-cao.docx"
    rewrite(
        TEMPLATE,
        target,
        {
            "word/styles.xml": lambda t: re.sub(
                r'<w:style [^>]*w:styleId="TieuDe2".*?</w:style>', "", t, flags=re.S
            )
        },
    )
    with pytest.raises(ProjectError) as raised:
        load_documents(open_project(root), published)
    assert "thiếu kiểu chữ (style) TieuDe2" in str(raised.value)


def test_a_file_that_is_not_a_zip_is_refused_with_a_message(tmp_path):
    path = tmp_path / "bao-cao.docx"
    path.write_text("Đây không phải tệp Word", encoding="utf-8")
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert "Không đọc được mẫu văn bản" in str(raised.value)
    assert "lưu lại bằng Word" in str(raised.value)


def test_a_zip_without_a_document_part_is_refused_with_a_message(tmp_path):
    path = tmp_path / "bao-cao.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<w:styles/>")
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert "không phải tệp Word .docx (thiếu word/document.xml)" in str(raised.value)


@pytest.fixture(scope="module")
def restyled(tmp_path_factory, published) -> bytes:
    """The report from a template an administrator changed: Arial, a 35 mm left margin."""
    root = make_project_dir(tmp_path_factory.mktemp("restyled") / "p", REPO / "don-vi.yaml")
    normal = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    rewrite(
        TEMPLATE,
        root / "mau" / "bao-cao.docx",
        {
            "word/styles.xml": lambda t: re.sub(
                f"({re.escape(normal)}.*?)</w:style>",
                r'\1<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/></w:rPr>'
                "</w:style>",
                t,
                count=1,
                flags=re.S,
            ),
            "word/document.xml": lambda t: t.replace('w:left="1701"', 'w:left="1984"'),
        },
    )
    return load_documents(open_project(root), published).make("bao-cao", sample(published))


def test_a_restyled_font_is_honoured(restyled):
    normal = next(
        s
        for s in xml(restyled, "word/styles.xml").iter(W + "style")
        if attr(s, "styleId") == "Normal"
    )
    assert attr(normal.find("w:rPr/w:rFonts", NS), "ascii") == "Arial"


def test_a_restyled_margin_is_honoured(restyled):
    margins = xml(restyled).find("w:body/w:sectPr/w:pgMar", NS)
    assert attr(margins, "left") == "1984"


def test_a_restyled_template_says_the_same_things(restyled):
    assert text_dump(restyled) == golden_path("bao-cao").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def made(repo_project, published) -> bytes:
    return load_documents(repo_project, published).make("bao-cao", sample(published))


def test_the_package_is_a_valid_zip(made):
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_every_part_of_the_package_is_well_formed_xml(made):
    documents = parts(made)
    assert {"word/document.xml", "word/styles.xml", "[Content_Types].xml"} <= set(documents)
    for name, data in documents.items():
        ET.fromstring(data)  # raises on the first part that is not XML
        assert name.endswith((".xml", ".rels")), name


def test_every_part_but_the_body_is_the_templates_byte_for_byte(made):
    template_parts = parts(TEMPLATE.read_bytes())
    ours = parts(made)
    assert list(ours) == list(template_parts)
    changed = [n for n in ours if ours[n] != template_parts[n]]
    assert changed == ["word/document.xml"]


def test_two_fills_of_the_same_data_are_byte_identical(repo_project, published, made):
    again = load_documents(repo_project, published).make("bao-cao", sample(published))
    assert again == made


def test_a_fill_leaves_no_mark_behind(made):
    assert "{{" not in parts(made)["word/document.xml"].decode("utf-8")


def test_a_block_mark_sharing_its_paragraph_is_refused_by_name(tmp_path):
    """Regression: the body's mark with a word beside it was filled as empty text, and the
    whole body of the report silently disappeared."""
    path = tmp_path / "chung-dong.docx"
    rewrite(
        TEMPLATE,
        path,
        {"word/document.xml": lambda t: t.replace("{{ noi_dung }}", "Nội dung: {{ noi_dung }}")},
    )
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert "{{ noi_dung }} phải đứng một mình trong một đoạn" in str(raised.value)


@pytest.mark.parametrize("typed", ["{{ So }}", "{{ ngày }}", "{{ ten-don-vi }}"])
def test_a_mistyped_mark_is_refused_not_printed(tmp_path, typed):
    """Regression: a mark with a capital, a diacritic or a hyphen was not seen as a mark,
    and the braces were printed in every document."""
    path = tmp_path / "go-sai.docx"
    rewrite(TEMPLATE, path, {"word/document.xml": lambda t: t.replace("{{ so }}", typed)})
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert f"chỗ điền không biết: {typed}" in str(raised.value)


@pytest.fixture(scope="module")
def resaved(resaved_project, published) -> dict[str, bytes]:
    """The sample's documents from templates opened and saved again by LibreOffice, which
    names each style's id after its name ("Mục cấp 1" → "Mccp1")."""
    styles = parts((resaved_project.root / "mau" / "bao-cao.docx").read_bytes())
    assert b'w:styleId="TieuDe1"' not in styles["word/styles.xml"]
    return load_documents(resaved_project, published).for_unit(sample(published))


@pytest.mark.slow
def test_a_template_resaved_by_libreoffice_names_only_styles_it_defines(resaved):
    for kind, docx in resaved.items():
        assert used_paragraph_styles(docx) <= defined_styles(docx), kind


@pytest.mark.slow
def test_a_template_resaved_by_libreoffice_says_the_same_things(resaved, repo_project, published):
    original = load_documents(repo_project, published).for_unit(sample(published))
    for kind, docx in resaved.items():
        assert body_text(docx) == body_text(original[kind]), kind


def filled(path) -> bytes:
    """The sample's report from the template at ``path`` (in a project copy)."""
    return template(path).fill(
        {"so": "12/BC-CĐCS", "giai_doan": "2020 - 2025", "nguoi_ky": "Nguyễn Văn A"}, {}
    )


def mark_paragraph(docx: bytes, text: str) -> ET.Element:
    return next(p for p in xml(docx).iter(W + "p") if text in para_text(p))


def test_a_line_break_beside_a_mark_is_kept(tmp_path):
    """Regression: a line break (Shift+Enter) in a paragraph with a mark disappeared."""
    path = tmp_path / "xuong-dong.docx"
    rewrite(
        TEMPLATE,
        path,
        {
            "word/document.xml": lambda t: t.replace(
                "và công tác thi đua khen thưởng giai đoạn {{ giai_doan }}",
                'và công tác thi đua</w:t><w:br/><w:t xml:space="preserve">khen thưởng giai đoạn'
                " {{ giai_doan }}",
            )
        },
    )
    paragraph = mark_paragraph(filled(path), "giai đoạn 2020 - 2025")
    assert para_text(paragraph) == "và công tác thi đua ↵ khen thưởng giai đoạn 2020 - 2025"


def test_a_tab_beside_a_mark_stays_a_tab(tmp_path):
    """Regression: a tab beside a mark was written as a tab character inside w:t, which
    Word shows as a space."""
    path = tmp_path / "tab.docx"
    rewrite(
        TEMPLATE,
        path,
        {
            "word/document.xml": lambda t: t.replace(
                ">Số: {{ so }}<", '>Số:</w:t><w:tab/><w:t xml:space="preserve">{{ so }}<'
            )
        },
    )
    paragraph = mark_paragraph(filled(path), "12/BC-CĐCS")
    assert para_text(paragraph) == "Số:\t12/BC-CĐCS"
    assert all("\t" not in (t.text or "") for t in paragraph.iter(W + "t"))


TRACKED = (
    '<w:rPr><w:b/><w:rPrChange w:id="91" w:author="A" w:date="2025-01-01T00:00:00Z">'
    "<w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr>"
)


def test_a_mark_formatted_with_track_changes_on_gives_well_formed_xml(tmp_path):
    """Regression: a formatting change tracked on a mark's run (Track Changes on while
    the template was edited) nests a w:rPr in the w:rPr; only its first half was kept."""
    path = tmp_path / "theo-doi.docx"
    rewrite(
        TEMPLATE,
        path,
        {
            "word/document.xml": lambda t: t.replace(
                '<w:r><w:t xml:space="preserve">{{ nguoi_ky }}',
                f'<w:r>{TRACKED}<w:t xml:space="preserve">{{{{ nguoi_ky }}}}',
            )
        },
    )
    paragraph = mark_paragraph(filled(path), "Nguyễn Văn A")  # parses the body
    run = next(r for r in paragraph.iter(W + "r") if para_text(paragraph))
    assert run.find("w:rPr/w:b", NS) is not None


def test_every_part_of_the_templates_follows_the_schemas_element_order():
    for path in (REPO / "mau").glob("*.docx"):
        for name, data in parts(path.read_bytes()).items():
            if name.endswith(".xml"):
                assert order_problems(ET.fromstring(data)) == [], f"{path.name} {name}"


BODY_MARK = '<w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{{ noi_dung }}'
SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'  # noqa: E501


def test_a_section_break_ending_a_block_marks_paragraph_is_kept(tmp_path, published):
    """Regression: a section break (Layout → Breaks → Next page) right after the body's
    mark is stored in that paragraph's properties, and was replaced with it."""
    root = make_project_dir(tmp_path / "p", REPO / "don-vi.yaml")
    rewrite(
        TEMPLATE,
        root / "mau" / "bao-cao.docx",
        {
            "word/document.xml": lambda t: t.replace(
                BODY_MARK, BODY_MARK.replace("</w:pPr>", f"{SECTION}</w:pPr>")
            )
        },
    )
    made = load_documents(open_project(root), published).make("bao-cao", sample(published))
    assert len(list(xml(made).iter(W + "sectPr"))) == 2


def test_a_page_break_before_a_block_mark_is_kept(tmp_path, published):
    """Regression: a page break (Ctrl+Enter) in the paragraph of the appendix's mark was
    replaced with the paragraph."""
    root = make_project_dir(tmp_path / "p", REPO / "don-vi.yaml")
    rewrite(
        TEMPLATE,
        root / "mau" / "bao-cao.docx",
        {
            "word/document.xml": lambda t: t.replace(
                '<w:r><w:t xml:space="preserve">{{ phu_luc }}',
                '<w:r><w:br w:type="page"/></w:r><w:r><w:t xml:space="preserve">{{ phu_luc }}',
            )
        },
    )
    made = load_documents(open_project(root), published).make("bao-cao", sample(published))
    breaks = [b for b in xml(made).iter(W + "br") if attr(b, "type") == "page"]
    assert len(breaks) == 1


def test_a_mark_in_a_header_is_refused_by_name(tmp_path):
    """Regression: a mark typed in the page header was never filled and printed as
    "{{ ten_don_vi }}" at the top of every page."""
    path = tmp_path / "dau-trang.docx"
    rewrite(
        TEMPLATE,
        path,
        {
            "word/header2.xml": lambda t: t.replace(
                "</w:pPr></w:p>",
                '</w:pPr><w:r><w:t xml:space="preserve">{{ ten_don_vi</w:t></w:r>'
                '<w:r><w:t xml:space="preserve"> }}</w:t></w:r></w:p>',
                1,
            )
        },
    )
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert "{{ ten_don_vi }}" in str(raised.value)
    assert "đầu trang, chân trang" in str(raised.value)


TEXT_BOX = (
    '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
    '<w:txbxContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{ ten_don_vi }}'
    "</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
)


def test_a_mark_in_a_text_box_is_filled(tmp_path):
    """Regression: a mark in a text box (a letterhead drawn in boxes) was left as typed."""
    path = tmp_path / "khung.docx"
    rewrite(
        TEMPLATE,
        path,
        {"word/document.xml": lambda t: t.replace("<w:body>", f"<w:body>{TEXT_BOX}", 1)},
    )
    made = template(path).fill({"ten_don_vi": "Công đoàn cơ sở X"}, {})
    body = parts(made)["word/document.xml"].decode("utf-8")
    assert "{{" not in body
    box = next(xml(made).iter(W + "txbxContent"))
    assert para_text(box.find("w:p", NS)) == "Công đoàn cơ sở X"
    assert box.find("w:p/w:r/w:rPr/w:b", NS) is not None


def test_tables_fit_between_a_restyled_templates_margins(restyled):
    """Regression: tables kept the widths of the shipped margins; with a 35 mm left
    margin they ran 5 mm into the right one."""
    text_width = 11906 - 1984 - 850
    tables = [
        tbl
        for tbl in xml(restyled).iter(W + "tbl")
        if attr(tbl.find("w:tblPr/w:tblStyle", NS), "val") == "BangKe"  # the body's
    ]
    assert tables
    for tbl in tables:
        grid = [int(attr(c, "w")) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert sum(grid) == text_width
        assert int(attr(tbl.find("w:tblPr/w:tblW", NS), "w")) == text_width


def test_tables_fit_the_narrowest_section_of_a_template(tmp_path, published):
    """A landscape last section (a wide appendix) must not widen the tables of the
    portrait body before it."""
    root = make_project_dir(tmp_path / "p", REPO / "don-vi.yaml")
    portrait = SECTION.replace('w:left="1701"', 'w:left="1984"')
    landscape = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    rewrite(
        TEMPLATE,
        root / "mau" / "bao-cao.docx",
        {
            "word/document.xml": lambda t: t.replace(
                '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar', f"{landscape}<w:pgMar"
            ).replace(BODY_MARK, BODY_MARK.replace("</w:pPr>", f"{portrait}</w:pPr>"))
        },
    )
    made = load_documents(open_project(root), published).make("bao-cao", sample(published))
    figures = next(
        t
        for t in xml(made).iter(W + "tbl")
        if attr(t.find("w:tblPr/w:tblStyle", NS), "val") == "BangKe"
    )
    assert int(attr(figures.find("w:tblPr/w:tblW", NS), "w")) == 11906 - 1984 - 850


def test_a_template_without_a_block_mark_is_refused_by_name(tmp_path):
    """Regression: a template whose "{{ phu_luc }}" line was deleted in Word made every
    report without its appendices, and nothing said so."""
    path = tmp_path / "mat-phu-luc.docx"
    rewrite(TEMPLATE, path, {"word/document.xml": lambda t: t.replace("{{ phu_luc }}", "")})
    with pytest.raises(ProjectError) as raised:
        template(path)
    assert "thiếu chỗ điền {{ phu_luc }}" in str(raised.value)


PICTURE = (
    "<w:r><w:drawing><wp:inline xmlns:wp="
    '"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r>'
)
FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
    ' PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


def with_number_paragraph(tmp_path, before: str, after: str = "") -> bytes:
    """The report filled from a template whose "Số: {{ so }}" paragraph holds more."""
    path = tmp_path / "them.docx"
    rewrite(
        TEMPLATE,
        path,
        {"word/document.xml": lambda t: t.replace(NUMBER_RUN, before + NUMBER_RUN + after)},
    )
    return filled(path)


def test_a_picture_beside_a_mark_is_kept(tmp_path):
    """Regression: a paragraph with a mark was rebuilt from its text alone, and a picture
    in it (a logo beside the unit's name) disappeared."""
    paragraph = mark_paragraph(with_number_paragraph(tmp_path, PICTURE), "12/BC-CĐCS")
    assert paragraph.find("w:r/w:drawing", NS) is not None
    assert para_text(paragraph) == "Số: 12/BC-CĐCS"


def test_a_field_beside_a_mark_is_kept(tmp_path):
    """Regression: a field (a page number, a date) beside a mark lost its code and
    became the text it last showed."""
    paragraph = mark_paragraph(with_number_paragraph(tmp_path, "", FIELD), "12/BC-CĐCS")
    assert para_text(paragraph) == "Số: 12/BC-CĐCS{PAGE}1"
    kinds = [attr(f, "fldCharType") for f in paragraph.iter(W + "fldChar")]
    assert kinds == ["begin", "separate", "end"]
