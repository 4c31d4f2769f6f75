"""PDF by LibreOffice: A4, the text a reader looks for, page numbers from page 2.

Each first page is also rendered to test-artifacts/documents/ for a person to
look at. Three conversions in all (the report and the two lists), run together.
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
from .office import KINDS, UNIT, load_documents, sample

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
