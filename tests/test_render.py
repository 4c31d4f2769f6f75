"""Rendered pages: golden Markdown, escaping of hostile text, nothing private."""

from __future__ import annotations

import json

import pytest

from vinhdanh.model import build_published
from vinhdanh.project import open_project
from vinhdanh.render import ROLL_DATA, md_block, render_site

from .conftest import DATA, REPO

GOLDEN = REPO / "tests" / "golden" / "don-vi-cdcs-co-khi-ha-noi.md"


@pytest.fixture(scope="module")
def site(repo_project):
    result, submissions = build_published(repo_project)
    return render_site(repo_project, result, submissions)


def test_unit_page_matches_the_reviewed_golden_file(site):
    assert site.pages["don-vi/cdcs-co-khi-ha-noi/index.md"] == GOLDEN.read_text(encoding="utf-8")


def test_every_url_of_the_contract_has_a_page(site, repo_project):
    expected = {
        "index.md",
        "bang-vang/index.md",
        "don-vi/index.md",
        "thong-ke/index.md",
        "tien-do/index.md",
    }
    expected |= {f"don-vi/{p.stem}/index.md" for p in repo_project.submissions_dir.glob("*.yaml")}
    assert expected <= set(site.pages)
    assert {
        "bang-vang/bang-vang.csv",
        "bang-vang/bang-vang.xlsx",
        "bang-vang/bang-vang.json",
        ROLL_DATA,
    } <= set(site.data)


def test_report_text_keeps_paragraphs_and_lists_only():
    text = "Đoạn một *đậm* <b>x</b>\n\n- mục [a](javascript:b)\n- mục | hai\n\n# không là tiêu đề"
    assert md_block(text) == (
        "Đoạn một &#42;đậm&#42; &#60;b&#62;x&#60;/b&#62;\n\n"
        "- mục &#91;a&#93;&#40;javascript:b&#41;\n- mục &#124; hai\n\n&#35; không là tiêu đề"
    )


def test_roll_data_folds_names_and_holds_public_fields_only(site):
    data = json.loads(site.data[ROLL_DATA])
    row = next(r for r in data["rows"] if r[0] == "Đỗ Thị Yến")
    assert row[1] == "do thi yen"
    assert len(row) == 8  # name, folded, unit, kind, direct worker, forms, position, id


def test_hostile_text_is_escaped_in_every_page(test_project, tmp_path):
    from .conftest import make_project_dir

    root = make_project_dir(tmp_path / "p")
    (root / "submissions" / "cdcs-van-ban-la.yaml").write_bytes(
        (DATA / "valid" / "cdcs-van-ban-la.yaml").read_bytes()
    )
    project = open_project(root)
    result, submissions = build_published(project)
    page = render_site(project, result, submissions).pages["don-vi/cdcs-van-ban-la/index.md"]
    for raw in ("<img", "<script", "](javascript:", "{: onclick", "| x |"):
        assert raw not in page
    assert "&#60;img src=x onerror=alert&#40;1&#41;&#62; &#124; x &#124;" in page
