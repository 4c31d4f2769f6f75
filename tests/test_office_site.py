"""The built site offers every published unit's documents beside its page (real mkdocs)."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import copy_repo
from .office import (
    KINDS,
    UNIT,
    body_text,
    golden_path,
    load_documents,
    parts,
    sample,
    text_dump,
    xml,
)
from .test_site import build


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_repo(tmp_path_factory.mktemp("site") / "p")
    built = build(root)
    assert built.returncode == 0, built.stderr
    return root / "site"


def published_units(published) -> list[str]:
    return [s.unit.id for s in published[1]]


def test_every_published_unit_has_its_three_documents(site, published):
    units = published_units(published)
    assert len(units) >= 5
    missing = [
        f"{unit}/{kind}.docx"
        for unit in units
        for kind in KINDS
        if not (site / "don-vi" / unit / f"{kind}.docx").is_file()
    ]
    assert missing == []


def test_every_document_on_the_site_opens_as_a_valid_docx(site):
    found = sorted((site / "don-vi").glob("*/*.docx"))
    assert len(found) >= 15
    for path in found:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None, path
        assert "word/styles.xml" in parts(data)
        xml(data)  # document.xml parses
        assert text_dump(data).count("\n") > 5, path


def test_the_sites_report_is_the_reviewed_one(site):
    data = (site / "don-vi" / UNIT / "bao-cao.docx").read_bytes()
    assert text_dump(data) == golden_path("bao-cao").read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            found = dict(attrs)
            self.links.append((found.get("href") or "", found))


@pytest.mark.parametrize("unit", ["cdcs-co-khi-ha-noi", "cd-tct-co-khi", "cdctvn"])
def test_the_unit_page_links_its_documents_for_download(site, unit):
    parser = Links()
    parser.feed((site / "don-vi" / unit / "index.html").read_text(encoding="utf-8"))
    docx = {href: found for href, found in parser.links if href.endswith(".docx")}
    assert sorted(docx) == sorted(f"{kind}.docx" for kind in KINDS)
    assert all("download" in found for found in docx.values())


def test_a_unit_with_an_error_gets_no_documents_and_the_others_still_do(tmp_path):
    root = copy_repo(tmp_path / "p")
    source = root / "submissions" / f"{UNIT}.yaml"
    text = source.read_text(encoding="utf-8")
    assert "\n  dia_danh: Hà Nội\n" in text
    source.write_text(text.replace("\n  dia_danh: Hà Nội\n", "\n"), encoding="utf-8")
    assert build(root).returncode == 0
    assert list((root / "site" / "don-vi").glob(f"{UNIT}/*.docx")) == []
    assert (root / "site" / "don-vi" / "cdcs-may-hung-yen" / "bao-cao.docx").is_file()


def test_an_upper_units_report_on_the_site_carries_its_units_figures(site, repo_project, published):
    docx = (site / "don-vi" / "cd-tct-co-khi" / "bao-cao.docx").read_bytes()
    title = (
        "Số liệu khen thưởng của các đơn vị trực thuộc "
        "(cộng từ báo cáo của 1 đơn vị cấp Công đoàn cơ sở"
    )
    assert title in body_text(docx)
    made = load_documents(repo_project, published).make(
        "bao-cao", sample(published, "cd-tct-co-khi")
    )
    assert text_dump(docx) == text_dump(made)  # the sums the in-process tests check
