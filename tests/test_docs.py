"""The user guide is tested like code: it documents every code, and the site builds."""

from __future__ import annotations

import re
import subprocess
import sys

from vinhdanh.check.findings import CODES

from .conftest import REPO

GUIDE = REPO / "docs" / "huong-dan" / "index.md"


def test_guide_lists_every_finding_code_once():
    rows = re.findall(r"^\| `([a-z-]+)` \|", GUIDE.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(rows) == sorted(CODES)


def test_guide_example_message_is_what_the_validator_says(repo_project, tmp_path):
    example = re.search(r"error \[tien-le\] (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)
    source = (REPO / "submissions" / "cdcs-co-khi-ha-noi.yaml").read_text(encoding="utf-8")
    target = tmp_path / "cdcs-co-khi-ha-noi.yaml"
    target.write_text(
        source.replace("gia_tri_lam_loi: 350000000", "gia_tri_lam_loi: 350.000"), encoding="utf-8"
    )
    from vinhdanh.check.validate import validate

    messages = [f.message for f in validate(repo_project, [target]).findings]
    assert example.group(1) in messages


def test_site_builds_strictly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "huong-dan" / "index.html").is_file()


def _guide_section(title: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(title)
    return text[start : text.index("\n## ", start)]


def test_guide_names_every_mark_of_the_word_templates():
    from vinhdanh.office import lists, report

    section = _guide_section("### Dành cho quản trị viên: sửa mẫu văn bản bằng Word")
    named = set(re.findall(r"`\{\{ ([a-z_]+) \}\}`", section))
    assert named == report.INLINE | report.BLOCKS
    assert named >= lists.INLINE | lists.BLOCKS


def test_guide_names_every_style_a_document_body_may_use():
    from vinhdanh.office.blocks import BODY_STYLES

    section = _guide_section("### Dành cho quản trị viên: sửa mẫu văn bản bằng Word")
    styles = section[section.index("**Các kiểu chữ") :].split(".", 1)[0]
    assert set(re.findall(r"\b([A-Z][A-Za-z0-9]+)\b", styles)) - {"Styles"} == BODY_STYLES
