"""Whole-site builds with the real MkDocs: reproducible, atomic, nothing private."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from vinhdanh.check.load import load_file
from vinhdanh.website import mkdocs_hook

from .conftest import copy_repo


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "p"
    copy_repo(root)
    return root


def build(root: Path, site: str = "site", epoch: str = "1741132800") -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_commit_are_byte_identical(project):
    assert build(project, "a").returncode == 0
    assert build(project, "b").returncode == 0
    assert digest(project / "a") == digest(project / "b")


def test_a_failed_build_leaves_the_previous_site_untouched(project):
    assert build(project).returncode == 0
    before = digest(project / "site")
    with (project / "docs" / "huong-dan" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\n[Trang không có](khong-co.md)\n")  # strict fails on the site's own problems
    failed = build(project)
    assert failed.returncode != 0
    assert "khong-co.md" in failed.stderr
    assert digest(project / "site") == before
    assert not list(project.glob(".site*"))


def test_nothing_private_reaches_any_built_file(project):
    assert build(project).returncode == 0
    private = []
    for path in (project / "submissions").glob("*.yaml"):
        doc, _ = load_file(path)
        private += [str(v) for v in doc.data["lien_he"].values()]  # in Git, not on the site
    assert len(private) >= 3
    leaks = []
    theme = project / "site" / "assets"  # Material's own files, not made from submissions
    for path in (project / "site").rglob("*"):
        if path.is_file() and theme not in path.parents:
            text = readable(path)
            leaks += [(path.name, v) for v in private if v in text]
    assert leaks == []


def test_site_search_index_holds_the_honorees(project):
    assert build(project).returncode == 0
    fragments = [readable(p) for p in (project / "site" / "pagefind" / "fragment").iterdir()]
    unit = next(f for f in fragments if '"url":"/don-vi/cdcs-co-khi-ha-noi/"' in f)
    assert "Nguyễn Văn An" in unit and "vu duc thang" in unit  # folded copy for "Đ"
    assert "Ba năm liền Chiến sĩ thi đua cơ sở" not in unit  # achievements are not indexed


def readable(path: Path) -> str:
    """A built file's text as a reader's tools would see it: XLSX unzipped, Pagefind un-gzipped."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    elif path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", "ignore")


def test_serve_watches_submissions_registry_and_plan(tmp_path):
    class Server:
        def __init__(self):
            self.watched = []

        def watch(self, path):
            self.watched.append(Path(path).name)

    mkdocs_hook._state["root"] = tmp_path
    server = mkdocs_hook.on_serve(Server(), None, None)
    assert server.watched == ["submissions", "don-vi.yaml", "ke-hoach.yaml"]


def test_pages_load_nothing_from_outside_the_site(project):
    assert build(project).returncode == 0
    # what a browser fetches by itself: src=, <link href=>, CSS url(); plain links are fine
    outside = re.compile(
        r"""(?:\bsrc|<link\b[^>]*\bhref)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
    )
    found = [
        (str(path.relative_to(project / "site")), match.group())
        for path in (project / "site").rglob("*")
        if path.suffix in {".html", ".css"}
        for match in outside.finditer(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert found == []


def test_a_broken_project_file_stops_the_build_with_its_message_not_a_traceback(project):
    assert build(project).returncode == 0
    before = digest(project / "site")
    with (project / "ke-hoach.yaml").open("a", encoding="utf-8") as plan:
        plan.write("ten: [\n")
    failed = build(project)
    assert failed.returncode != 0
    assert "Tệp ke-hoach.yaml của dự án có lỗi" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert digest(project / "site") == before


HOSTILE_NAME = "Công đoàn X </title><script>alert(8)</script>"


def _rename_unit(root: Path, unit: str, name: str) -> None:
    """Give a unit a new name in the registry and in its submission (both untrusted text)."""
    quoted = "'" + name.replace("'", "''") + "'"
    for path in (root / "don-vi.yaml", root / "submissions" / f"{unit}.yaml"):
        text = path.read_text(encoding="utf-8")
        marker = f"ma: {unit}\n"
        head, tail = text.split(marker, 1)
        old = re.match(r"(\s*ten: )(.*)", tail)
        assert old is not None
        tail = tail[: old.start(2)] + quoted + tail[old.end(2) :]
        path.write_text(head + marker + tail, encoding="utf-8")


def test_a_unit_name_with_markup_stays_text_in_title_header_and_body(project):
    _rename_unit(project, "cdcs-co-khi-ha-noi", HOSTILE_NAME)
    assert build(project).returncode == 0
    page = (project / "site" / "don-vi" / "cdcs-co-khi-ha-noi" / "index.html").read_text("utf-8")
    assert "<script>alert(8)" not in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    assert title.group(1).startswith("Công đoàn X &lt;/title&gt;&lt;script&gt;alert(8)")
    topic = r'md-header__topic" data-md-component="header-topic">(.*?)</div>'
    header = re.search(topic, page, re.S)
    assert header is not None and "&lt;script&gt;" in header.group(1)
