"""Made the first version of mau/bao-cao.docx and mau/danh-sach.docx (developer tool).

The .docx files in mau/ are the source: an administrator restyles them in Word
(fonts, sizes, margins, the letterhead's lines, the signature block) and vinhdanh
reads whatever they hold. This script only documents, in readable XML, how
their first version was laid out, per Nghị định 30/2020/NĐ-CP Phụ lục I and
Quyết định 933/QĐ-TLĐ. Running it again overwrites an administrator's edits:
it is not run by any build or test.

Usage: python scripts/make_word_templates.py [OUT_DIR]   (default: mau/)
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"

MM = 56.6929  # twips per millimetre


def twips(mm: float) -> int:
    return round(mm * MM)


# A4 portrait; margins top 20, bottom 20, left 30, right 15 mm (NĐ 30 Phụ lục I).
PAGE = {"w": 11906, "h": 16838}
MARGIN = {"top": twips(20), "bottom": twips(20), "left": twips(30), "right": twips(15)}
TEXT_WIDTH = PAGE["w"] - MARGIN["left"] - MARGIN["right"]


def rpr(size: float | None = None, bold=False, italic=False, caps=False) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if size:
        parts.append(f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def ppr(
    align=None, first=None, left=None, right=None, before=0, after=0, line=None, extra=""
) -> str:
    parts = [extra]  # keepNext, pageBreakBefore, numPr, pBdr: all come before spacing
    spacing = f'<w:spacing w:before="{before}" w:after="{after}"'
    if line:
        spacing += f' w:line="{line}" w:lineRule="auto"'
    parts.append(spacing + "/>")
    ind = []
    if left is not None:
        ind.append(f'w:left="{left}"')
    if right is not None:
        ind.append(f'w:right="{right}"')
    if first is not None:
        ind.append(f'w:firstLine="{first}"')
    if ind:
        parts.append(f"<w:ind {' '.join(ind)}/>")
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def style(sid, name, p="", r="", based="Normal", kind="paragraph", nxt=None) -> str:
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    follow = f'<w:next w:val="{nxt}"/>' if nxt else ""
    return (
        f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f"{base}{follow}<w:qFormat/>{p}{r}</w:style>"
    )


FIRST_LINE = twips(10)  # first-line indent of body paragraphs: 1 cm
LETTERHEAD = ppr("center", first=0, line=240)
BORDER = '<w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="auto"/></w:pBdr>'

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>
<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
{ppr("both", first=FIRST_LINE, before=0, after=120, line=288)}</w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>
{style("DauTrang", "Đầu văn bản", LETTERHEAD, rpr(13))}
{style("CoQuanChuQuan", "Cơ quan cấp trên", "", rpr(13, caps=True), "DauTrang")}
{style("CoQuan", "Cơ quan ban hành", "", rpr(13, bold=True, caps=True), "DauTrang")}
{style("QuocHieu", "Quốc hiệu", "", rpr(12, bold=True, caps=True), "DauTrang")}
{style("TieuNgu", "Tiêu ngữ", "", rpr(13, bold=True), "DauTrang")}
{style("DuongKe", "Đường kẻ", ppr("center", first=0, before=40, line=None, extra=BORDER), rpr(2), "DauTrang")}
{style("SoKyHieu", "Số, ký hiệu", ppr("center", first=0, before=60), rpr(13), "DauTrang")}
{style("DiaDanhNgay", "Địa danh và ngày", ppr("center", first=0, before=60), rpr(14, italic=True), "DauTrang")}
{style("TenLoai", "Tên loại văn bản", ppr("center", first=0, before=360, after=0, line=240), rpr(14, bold=True, caps=True), nxt="TrichYeu")}
{style("TrichYeu", "Trích yếu", ppr("center", first=0, before=0, after=0, line=240), rpr(14, bold=True, caps=True))}
{style("DuongKeTrichYeu", "Đường kẻ dưới trích yếu", ppr("center", first=0, left=twips(55), right=twips(55), before=60, after=240, extra=BORDER), rpr(2))}
{style("TieuDe1", "Mục cấp 1", ppr("both", first=FIRST_LINE, before=120, after=120, line=288, extra="<w:keepNext/>"), rpr(14, bold=True, caps=True), nxt="Normal")}
{style("TieuDe2", "Mục cấp 2", ppr("both", first=FIRST_LINE, before=60, after=120, line=288, extra="<w:keepNext/>"), rpr(14, bold=True), nxt="Normal")}
{style("TieuDe3", "Mục cấp 3", ppr("both", first=FIRST_LINE, before=0, after=120, line=288, extra='<w:keepNext/><w:numPr><w:numId w:val="2"/></w:numPr>'), rpr(14, italic=True), nxt="Normal")}
{style("GachDauDong", "Gạch đầu dòng", '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>', "")}
{style("DauCong", "Dấu cộng", '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr>', "")}
{style("Bang", "Chữ trong bảng", ppr("left", first=0, before=40, after=40, line=240), rpr(12))}
{style("BangGiua", "Chữ trong bảng, giữa", ppr("center", first=0, before=40, after=40, line=240), "", "Bang")}
{style("BangSo", "Số trong bảng", ppr("right", first=0, before=40, after=40, line=240), "", "Bang")}
{style("BangTieuDe", "Tiêu đề cột bảng", ppr("center", first=0, before=40, after=40, line=240), rpr(12, bold=True), "Bang")}
{style("BangTong", "Dòng tổng cộng", "", rpr(12, bold=True), "BangSo")}
{style("BangTongNhan", "Nhãn dòng tổng cộng", "", rpr(12, bold=True), "BangGiua")}
{style("NoiNhanTieuDe", "Nơi nhận", ppr("left", first=0, before=240, line=240), rpr(12, bold=True, italic=True))}
{style("NoiNhan", "Nơi nhận – dòng", ppr("left", first=0, line=240), rpr(11))}
{style("ChuKy", "Quyền hạn, chức vụ người ký", ppr("center", first=0, before=240, line=240), rpr(14, bold=True, caps=True))}
{style("ChoKy", "Chỗ ký và đóng dấu", ppr("center", first=0, line=240), rpr(14))}
{style("NguoiKy", "Họ tên người ký", ppr("center", first=0, line=240), rpr(14, bold=True))}
{style("PhuLuc", "Phụ lục – số", ppr("center", first=0, before=0, after=0, line=240, extra="<w:pageBreakBefore/>"), rpr(14, bold=True, caps=True))}
{style("PhuLucTen", "Phụ lục – tên", ppr("center", first=0, before=0, after=0, line=240), rpr(14, bold=True))}
{style("PhuLucKemTheo", "Phụ lục – kèm theo", ppr("center", first=0, before=0, after=240, line=240), rpr(13, italic=True))}
{style("MucBang", "Tên bảng, danh sách con", ppr("left", first=0, before=240, after=120, line=240, extra="<w:keepNext/>"), rpr(14, bold=True))}
{style("GhiChu", "Ghi chú dưới bảng", ppr("both", first=0, before=60, after=120, line=240), rpr(12, italic=True))}
{style("SoTrang", "Số trang", ppr("center", first=0, line=240), rpr(14), "Normal")}
<w:style w:type="table" w:customStyle="1" w:styleId="BangKe"><w:name w:val="Bảng kẻ ô"/><w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr>
<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>
<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="KhongVien"><w:name w:val="Bảng không viền"/><w:basedOn w:val="TableNormal"/><w:qFormat/><w:tblPr>
<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:suff w:val="space"/><w:lvlText w:val="-"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{FIRST_LINE}"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:suff w:val="space"/><w:lvlText w:val="+"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{FIRST_LINE}"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>
"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="vi-VN"/></w:settings>
"""


def header_part(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W}" xmlns:r="{R}">{body}</w:hdr>\n'
    )


PAGE_NUMBER = header_part(
    '<w:p><w:pPr><w:pStyle w:val="SoTrang"/></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
EMPTY_HEADER = header_part('<w:p><w:pPr><w:pStyle w:val="SoTrang"/></w:pPr></w:p>')


def para(style: str, text: str = "", extra_ppr: str = "") -> str:
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{run}</w:p>'


def rule(left_mm: float, right_mm: float) -> str:
    return para(
        "DuongKe", extra_ppr=f'<w:ind w:left="{twips(left_mm)}" w:right="{twips(right_mm)}"/>'
    )


def cell(width: int, body: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def borderless(widths: tuple[int, int], left: str, right: str, indent: int = 0) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="KhongVien"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{indent}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{cell(widths[0], left)}{cell(widths[1], right)}</w:tr></w:tbl>"
    )


# Letterhead: the left column reaches 1 cm into the left margin, as is usual, so
# the Quốc hiệu fits on one line in the right column.
HEAD_WIDTHS = (twips(78), TEXT_WIDTH + twips(10) - twips(78))


def letterhead(with_number: bool) -> str:
    left = (
        para("CoQuanChuQuan", "{{ ten_cap_tren }}")
        + para("CoQuan", "{{ ten_don_vi }}")
        + rule(25, 25)
        + (para("SoKyHieu", "Số: {{ so }}") if with_number else "")
    )
    right = (
        para("QuocHieu", "Cộng hòa xã hội chủ nghĩa Việt Nam")
        + para("TieuNgu", "Độc lập - Tự do - Hạnh phúc")
        + rule(22, 22)
        + para("DiaDanhNgay", "{{ dia_danh }}, {{ ngay }}")
    )
    return borderless(HEAD_WIDTHS, left, right, indent=-twips(10))


SIGN_WIDTHS = (TEXT_WIDTH // 2, TEXT_WIDTH - TEXT_WIDTH // 2)


def signature(with_recipients: bool) -> str:
    left = (
        para("NoiNhanTieuDe", "Nơi nhận:") + para("NoiNhan", "{{ noi_nhan }}")
        if with_recipients
        else para("NoiNhan")
    )
    right = (
        para("ChuKy", "TM. Ban Thường vụ")
        + para("ChuKy", "{{ chuc_danh }}", '<w:spacing w:before="0"/>')
        + para("ChoKy")
        + para("ChoKy")
        + para("ChoKy")
        + para("ChoKy")
        + para("NguoiKy", "{{ nguoi_ky }}")
    )
    return borderless(SIGN_WIDTHS, left, right)


def section_properties() -> str:
    m = MARGIN
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderPage"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        f'<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" '
        f'w:left="{m["left"]}" w:header="{twips(10)}" w:footer="{twips(10)}" w:gutter="0"/>'
        "<w:titlePg/></w:sectPr>"
    )


def document(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}{section_properties()}'
        "</w:body></w:document>\n"
    )


REPORT = document(
    letterhead(with_number=True)
    + para("TenLoai", "Báo cáo")
    + para("TrichYeu", "Tổng kết phong trào thi đua yêu nước")
    + para("TrichYeu", "và công tác thi đua khen thưởng giai đoạn {{ giai_doan }}")
    + para("TrichYeu", "và phương hướng nhiệm vụ công tác thi đua")
    + para("TrichYeu", "khen thưởng 5 năm giai đoạn {{ phuong_huong }}")
    + para("DuongKeTrichYeu")
    + para(
        "Normal",
        "Thực hiện {{ can_cu }}, {{ ten_don_vi }} báo cáo tổng kết phong trào thi đua yêu "
        "nước, công tác thi đua, khen thưởng giai đoạn {{ giai_doan }} và phương hướng, "
        "nhiệm vụ công tác thi đua, khen thưởng giai đoạn {{ phuong_huong }} như sau:",
    )
    + para("Normal", "{{ noi_dung }}")
    + signature(with_recipients=True)
    + para("NoiNhan")  # Word wants a paragraph between a table and the section's end
    + para("Normal", "{{ phu_luc }}")
)

LIST = document(
    letterhead(with_number=False)
    + para("Normal", "{{ noi_dung }}")
    + signature(with_recipients=False)
    + para("NoiNhan")
)

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{DOC_TYPE}.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="{DOC_TYPE}.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="{DOC_TYPE}.settings+xml"/>
<Override PartName="/word/header1.xml" ContentType="{DOC_TYPE}.header+xml"/>
<Override PartName="/word/header2.xml" ContentType="{DOC_TYPE}.header+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>
"""

DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rIdStyles" Type="{R}/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="{R}/numbering" Target="numbering.xml"/>
<Relationship Id="rIdSettings" Type="{R}/settings" Target="settings.xml"/>
<Relationship Id="rIdHeaderPage" Type="{R}/header" Target="header1.xml"/>
<Relationship Id="rIdHeaderFirst" Type="{R}/header" Target="header2.xml"/>
</Relationships>
"""


def core(title: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>vinhdanh</dc:creator><dc:language>vi-VN</dc:language>
</cp:coreProperties>
"""


APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>vinhdanh</Application></Properties>
"""


def package(document_xml: str, title: str) -> dict[str, str]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": core(title),
        "docProps/app.xml": APP,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": document_xml,
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/settings.xml": SETTINGS,
        "word/header1.xml": PAGE_NUMBER,
        "word/header2.xml": EMPTY_HEADER,
    }


def write(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(
                zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)),
                text.encode("utf-8"),
                compress_type=zipfile.ZIP_DEFLATED,
            )


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "mau")
    out.mkdir(parents=True, exist_ok=True)
    write(out / "bao-cao.docx", package(REPORT, "Mẫu báo cáo tổng kết thi đua, khen thưởng"))
    write(out / "danh-sach.docx", package(LIST, "Mẫu danh sách"))
    print(f"Đã ghi {out}/bao-cao.docx và {out}/danh-sach.docx")


if __name__ == "__main__":
    main()
