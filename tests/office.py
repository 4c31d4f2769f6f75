"""Reading Word documents back for tests: parts as XML, and the body as readable text.

``text_dump`` is what the golden files hold: the body of ``word/document.xml``
in order, one line per paragraph prefixed by its style id (``[TieuDe2] 1.
Thuận lợi``), each table introduced by its style (``[tbl:BangKe]``) and each
row as ``| cell | cell |`` (a cell's paragraphs joined by `` / ``, a merged
cell followed by ``[span N]``). Paragraphs whose style sets capitals
(``w:caps``) are shown in capitals, as Word prints them. Only text and
structure: a reviewer reads it.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}

BODY = "word/document.xml"
STYLES = "word/styles.xml"


def parts(docx: bytes) -> dict[str, bytes]:
    """Every part of a .docx by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(docx: bytes, name: str = BODY) -> ET.Element:
    """One part of a .docx, parsed (raises if it is not well-formed)."""
    return ET.fromstring(parts(docx)[name])


def attr(element: ET.Element | None, name: str) -> str | None:
    """A ``w:`` attribute of an element (None if the element or attribute is absent)."""
    return None if element is None else element.get(W + name)


def para_style(p: ET.Element) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return attr(style, "val") or "-"


def para_text(p: ET.Element) -> str:
    """A paragraph's text as Word shows it (tabs as tabs, line breaks as " ↵ ", a field
    instruction in braces)."""
    out = []
    for run in p.iter(W + "r"):
        for node in run:
            if node.tag == W + "t":
                out.append(node.text or "")
            elif node.tag == W + "tab":
                out.append("\t")
            elif node.tag == W + "br":
                out.append(" ↵ ")
            elif node.tag == W + "instrText":
                out.append("{" + (node.text or "").strip() + "}")
    return "".join(out)


def body_text(docx: bytes) -> str:
    """All the text of the body, paragraphs on their own lines (tables included)."""
    return "\n".join(para_text(p) for p in xml(docx).iter(W + "p"))


def caps_styles(docx: bytes) -> set[str]:
    """Paragraph styles shown in capitals (``w:caps`` in the style or one it is based on)."""
    styles = {attr(s, "styleId"): s for s in xml(docx, STYLES).iter(W + "style")}

    def caps(style_id: str | None, depth: int = 0) -> bool:
        style = styles.get(style_id)
        if style is None or depth > 20:
            return False
        flag = style.find("w:rPr/w:caps", NS)
        if flag is not None:
            return attr(flag, "val") not in ("0", "false")
        return caps(attr(style.find("w:basedOn", NS), "val"), depth + 1)

    return {s for s in styles if s and caps(s)}


def _cell_text(tc: ET.Element, capitals: set[str]) -> str:
    texts = [_shown(p, capitals) for p in tc.findall("w:p", NS)]
    text = " / ".join(t for t in texts if t)
    span = attr(tc.find("w:tcPr/w:gridSpan", NS), "val")
    return f"{text} [span {span}]" if span else text


def _shown(p: ET.Element, capitals: set[str]) -> str:
    text = para_text(p)
    return text.upper() if para_style(p) in capitals else text


def _dump_children(parent: ET.Element, lines: list[str], capitals: set[str]) -> None:
    for child in parent:
        if child.tag == W + "p":
            text = _shown(child, capitals)
            lines.append(f"[{para_style(child)}] {text}".rstrip())
        elif child.tag == W + "tbl":
            style = attr(child.find("w:tblPr/w:tblStyle", NS), "val") or "-"
            lines.append(f"[tbl:{style}]")
            for tr in child.findall("w:tr", NS):
                cells = [_cell_text(tc, capitals) for tc in tr.findall("w:tc", NS)]
                lines.append("| " + " | ".join(cells) + " |")


def text_dump(docx: bytes) -> str:
    """The document's body as the readable text the golden files hold."""
    body = xml(docx).find("w:body", NS)
    assert body is not None
    lines: list[str] = []
    _dump_children(body, lines, caps_styles(docx))
    return "\n".join(lines) + "\n"


def used_paragraph_styles(docx: bytes) -> set[str]:
    return {attr(s, "val") or "" for s in xml(docx).iter(W + "pStyle")}


def defined_styles(docx: bytes) -> set[str]:
    return {attr(s, "styleId") or "" for s in xml(docx, STYLES).iter(W + "style")}


UNIT = "cdcs-co-khi-ha-noi"
KINDS = ("bao-cao", "danh-sach-dai-bieu", "danh-sach-dien-hinh")


def golden_path(kind: str, unit: str = UNIT):
    from .conftest import REPO

    return REPO / "tests" / "golden" / f"{kind}-{unit}.txt"


def sample_yaml(unit: str = UNIT) -> dict:
    """A shipped sample as its YAML says, read without the model."""
    import yaml

    from .conftest import REPO

    return yaml.safe_load((REPO / "submissions" / f"{unit}.yaml").read_text(encoding="utf-8"))


def sample(published, unit: str = UNIT):
    """The modelled submission of one shipped sample."""
    return next(s for s in published[1] if s.unit.id == unit)


def load_documents(project, published):
    """The project's Word templates, read once, with the samples' registry and
    submissions (what a unit refers to, an upper level's units' figures)."""
    from vinhdanh.office.documents import Documents

    return Documents.load(project, published[0].registry, published[1])


def resave_with_libreoffice(sources, folder, profile) -> None:
    """The .docx files opened and saved again by LibreOffice into ``folder``, as an
    administrator without Word would edit a template."""
    convert(sources, folder, profile, "docx:MS Word 2007 XML")


def convert(sources, folder, profile, to: str):
    """Files converted by LibreOffice (``--convert-to to``) into ``folder``, with a
    throw-away profile; fails the test if LibreOffice fails."""
    import subprocess

    from vinhdanh.office.pdf import converter

    program = converter()
    assert program is not None
    return subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )


def rewrite(source, target, changes) -> None:
    """A copy of a .docx with some parts' text changed (part name → function of its text)."""
    edits = dict(changes)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name in edits:
                changed = edits.pop(name)(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), f"{name} unchanged"
                data = changed.encode("utf-8")
            new.writestr(name, data)
    assert not edits, f"no such part: {sorted(edits)}"


# The order ECMA-376 (transitional) gives the children of the elements we write, by
# local name in the w: namespace; a name missing from its sequence is reported too.
_HEADER_FOOTER = "headerReference footerReference"
_RUN_BASE = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_PARA_BASE = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle"
)
SCHEMA_ORDER = {
    "pPr": f"{_PARA_BASE} rPr sectPr pPrChange",
    "rPr": f"ins del moveFrom moveTo {_RUN_BASE} rPrChange",
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW "
        "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
        "tblDescription tblPrChange"
    ),
    "tcPr": (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
        "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
    ),
    "tbl": "bookmarkStart bookmarkEnd tblPr tblGrid tr",
    "tr": "tblPrEx trPr tc",
    "sectPr": (
        f"{_HEADER_FOOTER} footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
        "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
        "docGrid printerSettings sectPrChange"
    ),
    "style": (
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
        "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
        "tblPr trPr tcPr tblStylePr"
    ),
    "tblStylePr": "pPr rPr tblPr trPr tcPr",
    "styles": "docDefaults latentStyles style",
    "docDefaults": "rPrDefault pPrDefault",
    "lvl": (
        "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"
    ),
    "abstractNum": "nsid multiLevelType tmpl name styleLink numStyleLink lvl",
    "numbering": "numPicBullet abstractNum num numIdMacAtCleanup",
}
# Children that may come in any order among themselves (one slot of the sequence).
_SAME_SLOT = {"headerReference": "footerReference"}


def order_problems(root: ET.Element) -> list[str]:
    """Every element whose w: children break the schema's sequence for it."""
    problems = []
    for element in root.iter():
        if not element.tag.startswith(W):
            continue
        name = element.tag[len(W) :]
        if name not in SCHEMA_ORDER:
            continue
        order = SCHEMA_ORDER[name].split()
        # the w:rPr of a style or a run and the one in a pPr (the paragraph mark's) share
        # a sequence; a w:pPr in a style, a numbering level or docDefaults lacks rPr/sectPr
        rank = {n: order.index(_SAME_SLOT.get(n, n)) for n in order}
        seen = -1
        for child in element:
            if not child.tag.startswith(W):
                continue
            child_name = child.tag[len(W) :]
            if child_name not in rank:
                problems.append(f"w:{child_name} is not a child of w:{name}")
                continue
            if rank[child_name] < seen:
                problems.append(f"w:{child_name} after a later sibling in w:{name}")
            seen = max(seen, rank[child_name])
    return problems


def structure_problems(body: ET.Element) -> list[str]:
    """What Word refuses besides order: a cell not ending with a paragraph, a grid that
    does not match a row's spans, a table right before the body's section properties."""
    problems = []
    for tbl in body.iter(W + "tbl"):
        columns = len(tbl.findall("w:tblGrid/w:gridCol", NS))
        for tr in tbl.findall("w:tr", NS):
            cells = tr.findall("w:tc", NS)
            spans = sum(int(attr(tc.find("w:tcPr/w:gridSpan", NS), "val") or 1) for tc in cells)
            if spans != columns:
                problems.append(f"a row spans {spans} columns of a {columns}-column grid")
            for tc in cells:
                if len(tc) == 0 or tc[-1].tag != W + "p":
                    problems.append("a cell does not end with a paragraph")
    tags = [child.tag for child in body][-2:]
    if tags == [W + "tbl", W + "sectPr"]:
        problems.append("a table right before the section properties")
    return problems
