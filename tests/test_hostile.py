"""A hostile-input corpus through the whole site: nothing of it runs, all of it reads as text.

Every free-text field of the samples, the registry and the plan carries a classic
attack (see ``tests/hostile.py``); the real MkDocs builds the site, and every file
it writes is checked: parsed HTML of every page, the data files, the unzipped XLSX,
the un-gzipped Pagefind fragments; Chromium opens every kind of page.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

from .browser import launch, open_page, serve
from .conftest import make_project_dir
from .gitrepo import Repo
from .helpers import base_data, run_cli, write_submission
from .hostile import BLOCK, PAYLOADS, attack_submission, hostile_project

FORMULA_STARTS = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, dict[str, list[tuple]]]:
    root = tmp_path_factory.mktemp("hostile") / "p"
    attacked = hostile_project(root)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1741132800"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root, attacked


@pytest.fixture(scope="module")
def site(hostile) -> Path:
    return hostile[0] / "site"


@pytest.fixture(scope="module")
def registry(hostile) -> list[dict]:
    return yaml.safe_load((hostile[0] / "don-vi.yaml").read_text(encoding="utf-8"))


class Page(HTMLParser):
    """A page as a browser sees it: its tags with their attributes, script bodies, text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._text: list[str] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag in {"script", "style", "title"}:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if not self._open:
            self._text.append(data)
        elif self._open[-1] == "script":
            self.scripts.append(data)
        elif self._open[-1] == "title":
            self.title += data

    @property
    def text(self) -> str:
        return flat(" ".join(self._text))


def flat(text: str) -> str:
    return " ".join(text.split())


def pages(site: Path) -> dict[str, Page]:
    return {
        str(path.relative_to(site)): Page(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


def _text_fields(schema: dict) -> set[str]:
    """Names of the schema's properties that hold free text (one line or paragraphs)."""
    found: set[str] = set()
    stack: list = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if str(sub.get("$ref", "")).endswith(("/van_ban", "/doan_van")):
                    found.add(name)
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    return found


def test_the_corpus_attacks_every_free_text_field_of_the_submission_schema(hostile):
    root, attacked = hostile
    schema = json.loads((root / "schemas" / "submission.schema.json").read_text("utf-8"))
    names = {
        part
        for file, paths in attacked.items()
        if file.startswith("submissions/")
        for path in paths
        for part in path
        if isinstance(part, str)
    }
    assert _text_fields(schema) - names == set()
    assert attacked["ke-hoach.yaml"] and attacked["don-vi.yaml"]


def test_no_page_carries_a_handler_a_script_link_or_a_script_from_the_data(site):
    found = []
    for name, page in pages(site).items():
        for tag, attrs in page.tags:
            for attr, value in attrs:
                value = (value or "").lower()
                if attr.startswith("on") or "javascript:" in value or "alert(" in value:
                    found.append((name, tag, attr, value))
        found += [(name, "script", body[:60]) for body in page.scripts if "alert(" in body]
    assert len(pages(site)) > 10
    assert found == []


def test_a_unit_name_reads_as_written_in_the_page_title_and_header(site, registry):
    config = (site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    site_name = next(line for line in config.splitlines() if line.startswith("site_name:"))
    site_name = site_name.removeprefix("site_name:").strip()
    for entry in registry:
        page_file = site / "don-vi" / entry["ma"] / "index.html"
        if not page_file.exists():
            continue
        page = Page(page_file.read_text(encoding="utf-8"))
        assert page.title.strip() == f"{flat(entry['ten'])} - {site_name}"
        assert flat(entry["ten"]) in page.text


def test_unit_names_read_as_written_in_the_units_and_progress_lists(site, registry):
    for listing in ("don-vi/index.html", "tien-do/index.html"):
        text = Page((site / listing).read_text(encoding="utf-8")).text
        assert [e["ma"] for e in registry if flat(e["ten"]) not in text] == []


def test_every_payload_reads_as_written_on_the_unit_pages(site):
    submitted = site.parent / "submissions"  # not the pages of units waiting (their scaffold)
    units = sorted(
        u
        for u in (site / "don-vi").glob("*/index.html")
        if (submitted / f"{u.parent.name}.yaml").exists()
    )
    assert len(units) >= 6
    texts = [Page(unit.read_text(encoding="utf-8")).text for unit in units]
    assert [p for p in PAYLOADS if not any(flat(p) in text for text in texts)] == []
    lines = [flat(line.removeprefix("- ")) for line in BLOCK.splitlines() if line.strip()]
    for text in texts:  # every unit's report sections hold the block
        assert [line for line in lines if line not in text] == []


def test_the_plan_name_reads_as_written_on_the_home_page(hostile, site):
    plan = yaml.safe_load((hostile[0] / "ke-hoach.yaml").read_text(encoding="utf-8"))
    assert ("ten",) in hostile[1]["ke-hoach.yaml"]
    assert flat(plan["ten"]) in Page((site / "index.html").read_text(encoding="utf-8")).text


def test_honour_roll_json_keeps_every_name_exactly(hostile, site):
    names = set()
    for path in (hostile[0] / "submissions").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names |= {p["ho_ten"] for p in data["dien_hinh"]["ca_nhan"] if "tu" not in p}
        names |= {c["ten"] for c in data["dien_hinh"]["tap_the"] if "tu" not in c}
    rows = json.loads((site / "bang-vang" / "bang-vang.json").read_text(encoding="utf-8"))
    shown = {row["ten"] for row in rows}
    assert names & set(PAYLOADS)
    assert names == shown


def test_csv_cells_never_start_a_formula(site):
    text = (site / "bang-vang" / "bang-vang.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []


def test_xlsx_holds_text_only_no_formula(site):
    with zipfile.ZipFile(site / "bang-vang" / "bang-vang.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    formulas = [
        name
        for name, data in parts.items()
        if name.endswith(".xml") and next(ElementTree.fromstring(data).iter(f"{main}f"), None)
    ]
    assert formulas == []
    strings = ElementTree.fromstring(parts["xl/sharedStrings.xml"])
    texts = {flat("".join(t.itertext())) for t in strings.iter(f"{main}si")}
    assert flat(PAYLOADS[0]) in texts


def test_search_fragments_hold_the_payloads_as_plain_text(site):
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").iterdir()
    ]
    unit = next(f for f in fragments if f["url"] == "/don-vi/cdcs-co-khi-ha-noi/")
    assert flat(PAYLOADS[0]) in flat(unit["content"])


PAGE_KINDS = (
    "",
    "bang-vang/",
    "don-vi/",
    "don-vi/cdcs-co-khi-ha-noi/",
    "don-vi/cdctvn/",
    "thong-ke/",
    "tien-do/",
    "huong-dan/",
    "tim-kiem/",
)


@pytest.fixture(scope="module")
def browser_page(site):
    server = serve(site)
    with launch() as chromium:
        context, page = open_page(chromium, {"width": 1280, "height": 720})
        yield page, f"http://127.0.0.1:{server.server_port}"
        context.close()
    server.shutdown()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_chromium_opens_every_page_kind_and_no_dialog_fires(browser_page, path):
    page, url = browser_page
    page.goto(f"{url}/{path}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # late timers of an injected handler would fire by now
    assert page.problems == []


@pytest.mark.parametrize("query", ["alert", "onerror", "javascript", "script"])
def test_search_results_show_hostile_text_as_text_and_run_nothing(browser_page, query):
    page, url = browser_page
    page.goto(f"{url}/tim-kiem/?q={query}")
    page.wait_for_selector("#tim-kiem-app li", timeout=15000)
    page.wait_for_timeout(300)
    assert page.locator("#tim-kiem-app img, #tim-kiem-app svg, #tim-kiem-app script").count() == 0
    assert page.problems == []


@pytest.mark.parametrize("query", ["alert", "onerror", "7*7"])
def test_honour_roll_filter_shows_hostile_names_as_text_and_runs_nothing(browser_page, query):
    page, url = browser_page
    page.goto(f"{url}/bang-vang/")
    page.wait_for_selector("#bang-vang-app[data-loaded]")
    page.fill("#bang-vang-app input[type=search]", query)
    page.wait_for_timeout(300)
    names = page.locator("#bang-vang-app li .vd-name").all_inner_texts()
    assert names and all(query in name for name in names)
    assert page.locator("#bang-vang-app li img, #bang-vang-app li script").count() == 0
    assert page.problems == []


RAW_MARKUP = ("<script", "<img", "<svg", "<b>", "](javascript")


def test_the_job_summary_of_a_hostile_pull_request_holds_no_markup_or_command(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a")
    repo.commit("gốc")
    repo.branch("thu")
    assert attack_submission(repo.root, repo.root / "submissions" / "cdcs-a.yaml")
    repo.submission("cdcs-b")
    assert attack_submission(repo.root, repo.root / "submissions" / "cdcs-b.yaml")
    repo.commit("tấn công")
    done = run_cli("summary", "--base", "main", "--head", "thu", cwd=repo.root)
    assert done.returncode == 0, done.stderr
    summary = done.stdout
    assert "javascript:alert" in summary  # the hostile names are there, as text
    assert [marker for marker in RAW_MARKUP if marker in summary] == []
    assert [line for line in summary.splitlines() if line.lstrip().startswith("::")] == []
    assert summary.count("```") % 2 == 0


HIDDEN = "\u202e\u200b\u2066"
FORGED = "x\n::error title=giả::mạo\n```\n<img src=x onerror=alert(1)>"


def _hostile_invalid(folder: Path) -> Path:
    """A submission whose errors sit on hostile values: hidden characters, forged commands."""
    data = base_data()
    person = data["dien_hinh"]["ca_nhan"][0]
    person["ho_ten"] = f"Nguyễn{HIDDEN}Văn An"
    person["gioi_tinh"] = FORGED
    data["hoi_nghi"]["thoi_luong"] = FORGED
    data["bao_cao"]["nguoi_ky"]["ho_ten"] = "Trần\u0007Văn Bình"
    return write_submission(folder, data)


@pytest.fixture(scope="module")
def hostile_findings(tmp_path_factory) -> dict[str, str]:
    root = make_project_dir(tmp_path_factory.mktemp("findings") / "p")
    path = _hostile_invalid(root / "submissions")
    outputs = {}
    for form in ("text", "github", "json"):
        done = run_cli("validate", "--format", form, str(path), cwd=root)
        assert done.returncode == 1, done.stderr
        outputs[form] = done.stdout
    return outputs


@pytest.mark.parametrize("form", ["text", "github", "json"])
def test_no_finding_format_carries_a_hidden_character(hostile_findings, form):
    output = hostile_findings[form]
    assert [c for c in HIDDEN + "\u0007" if c in output] == []


def test_text_findings_are_one_line_each(hostile_findings):
    lines = hostile_findings["text"].splitlines()
    finding = re.compile(r"^[^:]+:\d+:\d+: (error|warning) \[[a-z0-9-]+\] ")
    assert [line for line in lines[:-1] if not finding.match(line)] == []
    assert len(lines) > 3


def test_github_findings_are_one_command_each_and_forge_none(hostile_findings):
    lines = hostile_findings["github"].splitlines()
    command = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=\[[a-z0-9-]+\]::")
    assert [line for line in lines if not command.match(line)] == []
    json_findings = json.loads(hostile_findings["json"])
    assert len(lines) == len(json_findings)


def test_search_excerpts_keep_entity_like_text_as_written(browser_page):
    page, url = browser_page
    page.goto(f"{url}/tim-kiem/?q=alert")
    page.wait_for_selector("#tim-kiem-app .vd-excerpt", timeout=15000)
    excerpts = " ".join(page.locator("#tim-kiem-app .vd-excerpt").all_inner_texts())
    assert "&amp; &#60;b&#62;" in excerpts  # Pagefind leaves "&" as it is: so must we
    assert '<img src=x onerror=alert("i")>' in excerpts  # markup shows as text
    assert page.problems == []


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What document.xml may hold: the template's elements and the paragraphs, runs and
# tables the documents write. A field, hyperlink, embedded object or chunk of
# foreign markup (what a payload would need to act in Word) is none of these.
DOCUMENT_ELEMENTS = {
    f"{W}{name}"
    for name in [
        "document",
        "body",
        "p",
        "pPr",
        "pStyle",
        "r",
        "rPr",
        "t",
        "b",
        "bCs",
        "i",
        "iCs",
        "br",
        "tab",
        "ind",
        "spacing",
        "jc",
        "sectPr",
        "headerReference",
        "pgSz",
        "pgMar",
        "titlePg",
        "tbl",
        "tblPr",
        "tblStyle",
        "tblW",
        "tblInd",
        "tblLayout",
        "tblLook",
        "tblGrid",
        "gridCol",
        "tr",
        "trPr",
        "cantSplit",
        "tblHeader",
        "tc",
        "tcPr",
        "tcW",
        "gridSpan",
    ]
}


def _docx_paragraphs(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        parts = {n: archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))}
    for data in parts.values():
        ElementTree.fromstring(data)  # every part is well-formed XML
    root = ElementTree.fromstring(parts["word/document.xml"])
    assert {e.tag for e in root.iter()} <= DOCUMENT_ELEMENTS, path.name
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def test_every_unit_document_holds_the_payloads_as_text_and_nothing_active(site):
    documents = sorted((site / "don-vi").glob("*/*.docx"))
    assert len(documents) >= 3 * 6
    texts = {path: "\n".join(_docx_paragraphs(path)) for path in documents}
    assert [p for p in PAYLOADS if not any(p in text for text in texts.values())] == []
    lines = [line.removeprefix("- ") for line in BLOCK.splitlines() if line.strip()]
    for path, text in texts.items():
        if path.name == "bao-cao.docx":  # every report's sections hold the block
            assert [line for line in lines if line not in text] == [], path.parent.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_hostile_report_opens_in_libreoffice_and_reads_as_written(site, tmp_path):
    from vinhdanh.office.pdf import to_pdf

    report = next(p for p in sorted((site / "don-vi").glob("*/bao-cao.docx")))
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(to_pdf(report.read_bytes(), "bao-cao"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "<b>một</b> alert(" in text  # the block's raw HTML, as written
