"""PDF by LibreOffice: A4, every paragraph of the document, page numbers from page 2,
also for a report from templates an administrator re-saved with LibreOffice.

Each first page is also rendered to test-artifacts/documents/ for a person to
look at. Three conversions (the report and the two lists) run together, then one
re-save of the templates and one more conversion.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vinhdanh.office.pdf import converter, to_pdf

from .conftest import REPO
from .office import KINDS, UNIT, body_text, load_documents, sample

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        converter() is None,
        reason="LibreOffice (soffice) is not on PATH: apt-get install libreoffice-writer-nogui",
    ),
    pytest.mark.skipif(
        not all(map(shutil.which, ("pdfinfo", "pdftotext", "pdftoppm"))),
        reason="poppler-utils (pdfinfo, pdftotext, pdftoppm) is not installed",
    ),
]

ARTIFACTS = REPO / "test-artifacts" / "documents"


@pytest.fixture(scope="module")
def pdfs(repo_project, published, tmp_path_factory) -> dict[str, Path]:
    """The sample's three documents as PDF files, converted side by side."""
    documents = load_documents(repo_project, published).for_unit(sample(published))
    folder = tmp_path_factory.mktemp("pdf")
    with ThreadPoolExecutor(len(KINDS)) as pool:
        converted = dict(
            zip(
                KINDS,
                pool.map(lambda k: to_pdf(documents[k], f"{UNIT}-{k}"), KINDS),
                strict=True,
            )
        )
    out = {}
    for kind, data in converted.items():
        out[kind] = folder / f"{UNIT}-{kind}.pdf"
        out[kind].write_bytes(data)
    return out


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-layout", *pages, str(pdf), "-")


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M)
    assert match is not None
    return int(match.group(1))


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_pages_are_a4(pdfs, kind):
    match = re.search(
        r"^Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(pdfs[kind])), re.M
    )
    assert match is not None
    width, height = map(float, match.groups())
    assert abs(width - 595) <= 1 and abs(height - 842) <= 1


def test_report_pdf_shows_the_national_title_and_the_signer(pdfs):
    text = page_text(pdfs["bao-cao"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Trần Văn Bình" in text


def test_report_pdf_numbers_pages_from_page_two(pdfs):
    pdf = pdfs["bao-cao"]
    count = page_count(pdf)
    assert count >= 2
    first_lines = {
        page: next(line.strip() for line in page_text(pdf, page).splitlines() if line.strip())
        for page in range(1, count + 1)
    }
    assert first_lines[1] != "1"
    assert {p: first_lines[p] for p in range(2, count + 1)} == {
        p: str(p) for p in range(2, count + 1)
    }


def test_lists_pdf_show_the_people_on_them(pdfs):
    assert "Hoàng Thị Lan" in page_text(pdfs["danh-sach-dai-bieu"])
    text = page_text(pdfs["danh-sach-dien-hinh"])
    assert "Ngô Thị Thu Hương" in text and "Tổ Cơ khí chính xác" in text


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("kind", KINDS)
def test_first_page_is_rendered_for_a_person_to_look_at(pdfs, kind):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / f"{UNIT}-{kind}-trang-1"
    run(
        "pdftoppm",
        "-png",
        "-r",
        "80",
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdfs[kind]),
        str(prefix),
    )
    width, height = png_size(prefix.with_suffix(".png"))
    assert (abs(width - 661) <= 2, abs(height - 935) <= 2) == (True, True)  # A4 at 80 dpi


def flat(text: str) -> str:
    """Text without spaces or line breaks, case-folded: capitals set by a style, and
    where LibreOffice wraps lines, do not matter."""
    return re.sub(r"\s+", "", text).casefold()


def lost_paragraphs(docx: bytes, pdf: Path) -> list[str]:
    """The paragraphs of a document whose text is not in its PDF."""
    shown = flat(run("pdftotext", "-raw", str(pdf), "-"))
    lines = body_text(docx).replace(" ↵ ", "\n").splitlines()
    return [line for line in lines if flat(line) not in shown and "{PAGE}" not in line]


@pytest.mark.parametrize("kind", KINDS)
def test_no_paragraph_of_a_document_is_lost_in_its_pdf(repo_project, published, pdfs, kind):
    docx = load_documents(repo_project, published).make(kind, sample(published))
    assert lost_paragraphs(docx, pdfs[kind]) == []


@pytest.fixture(scope="module")
def resaved_report(resaved_project, published, tmp_path_factory) -> tuple[bytes, Path]:
    """The sample's report from templates re-saved by LibreOffice, and its PDF."""
    docx = load_documents(resaved_project, published).make("bao-cao", sample(published))
    pdf = tmp_path_factory.mktemp("resaved-pdf") / f"{UNIT}-bao-cao.pdf"
    pdf.write_bytes(to_pdf(docx, f"{UNIT}-bao-cao"))
    return docx, pdf


def test_a_report_from_resaved_templates_loses_no_paragraph_in_its_pdf(resaved_report):
    docx, pdf = resaved_report
    assert lost_paragraphs(docx, pdf) == []


def test_a_report_from_resaved_templates_numbers_pages_from_page_two(resaved_report):
    _, pdf = resaved_report
    count = page_count(pdf)
    first_lines = [
        next(line.strip() for line in page_text(pdf, page).splitlines() if line.strip())
        for page in range(1, count + 1)
    ]
    assert count >= 2 and first_lines[0] != "1"
    assert first_lines[1:] == [str(p) for p in range(2, count + 1)]
