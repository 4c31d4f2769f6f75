"""Rendered pages: golden unit page, escaping of hostile text, nothing private."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser

import pytest

from vinhdanh.model import build_published
from vinhdanh.project import open_project
from vinhdanh.website.render import (
    ROLL_ACHIEVEMENTS,
    ROLL_DATA,
    fold_d,
    html_block,
    md_block,
    outline,
    render_data,
    render_site,
    search_copy,
)

from .conftest import DATA, REPO

GOLDEN = REPO / "tests" / "golden" / "don-vi-cdcs-co-khi-ha-noi.html"
UNIT = "don-vi/cdcs-co-khi-ha-noi/index.md"
RECEIVED = {
    "cd-tct-co-khi": date(2025, 4, 16),  # signed 14/04
    "cd-tct-det-may": date(2025, 4, 12),  # signed 11/04
    "cdcs-co-khi-ha-noi": date(2025, 3, 18),  # signed 20/03, after it was received
    "cdcs-phan-bon-bac-son": date(2025, 4, 15),  # on the deadline; cdcs-may-hung-yen: none
    "cdctvn": date(2025, 6, 1),  # the Ngành sends no report here
}


@pytest.fixture(scope="module")
def site(repo_project, published):
    return render_site(repo_project, *published)


@pytest.fixture(scope="module")
def data(repo_project, published):
    data, faults = render_data(repo_project, published[1])
    assert faults == []
    return data


def test_unit_page_matches_the_reviewed_golden_file(site):
    assert site.bodies[UNIT] == GOLDEN.read_text(encoding="utf-8")


def test_progress_page_matches_the_reviewed_golden_file(repo_project, published):
    # Received dates given, not read from this repository's Git history (which
    # changes with every commit): one late by the day received though signed on
    # time, one signed after it was received, one without a day, one on the day.
    page = render_site(repo_project, *published, RECEIVED).pages["tien-do/index.md"]
    golden = REPO / "tests" / "golden" / "tien-do.md"
    assert page == golden.read_text(encoding="utf-8")


def test_unit_page_markdown_is_only_its_title(site):
    assert site.pages[UNIT] == "---\ntitle: 'Công đoàn cơ sở Công ty Cơ khí Hà Nội'\n---\n"


def test_unit_outline_lists_sections_with_honorees_under_them(site):
    tokens = outline(site.bodies[UNIT])
    assert [t["id"] for t in tokens] == ["hoi-nghi", "bao-cao", "ca-nhan", "tap-the"]
    people = [t["name"] for t in tokens[2]["children"]]
    assert people[0] == "Nguyễn Văn An"
    assert tokens[2]["children"][0]["id"] == "cdcs-co-khi-ha-noi--nguyen-van-an"


def test_every_url_of_the_contract_has_a_page(site, data, repo_project):
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
        ROLL_ACHIEVEMENTS,
    } <= set(data)


def test_report_text_keeps_paragraphs_and_lists_only():
    text = "Đoạn một *đậm* <b>x</b>\n\n- mục [a](javascript:b)\n- mục | hai\n\n# không là tiêu đề"
    assert md_block(text) == (
        "Đoạn một &#42;đậm&#42; &#60;b&#62;x&#60;/b&#62;\n\n"
        "- mục &#91;a&#93;&#40;javascript:b&#41;\n- mục &#124; hai\n\n&#35; không là tiêu đề"
    )


def test_html_text_keeps_paragraphs_and_lists_and_escapes_the_rest():
    text = "Đoạn <b>một</b>\n& tiếp\n\n- mục [a](javascript:b)\n- mục | hai"
    assert html_block(text) == (
        "<p>Đoạn &lt;b&gt;một&lt;/b&gt; &amp; tiếp</p>\n"
        "<ul><li>mục [a](javascript:b)</li><li>mục | hai</li></ul>"
    )


@pytest.mark.parametrize(
    ("name", "folded"),
    [("Vũ Đức Thắng", "vu duc thang"), ("Trần Thị Hoà", ""), ("ĐINH VĂN ĐÔ", "dinh van do")],
)
def test_only_names_with_d_stroke_get_a_folded_copy_for_search(name, folded):
    assert fold_d(name) == folded


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("Vũ Đức Thắng", "vu duc thang vuducthang"),
        ("Trần Thị Hoà", "tranthihoa"),
        ("Tổ Cơ khí - chính xác", "tocokhichinhxac"),
    ],
)
def test_each_honoree_has_a_hidden_copy_holding_the_name_as_one_folded_word(name, copy):
    assert search_copy(name) == copy


def test_every_honoree_heading_is_followed_by_its_search_copy(site):
    body = site.bodies[UNIT]
    assert '<span class="vd-fold" hidden>nguyenvanan</span>' in body
    assert body.count('class="vd-fold"') == body.count('<h3 id="cdcs-co-khi-ha-noi--')


def test_roll_data_folds_names_and_holds_public_fields_only(data):
    data = json.loads(data[ROLL_DATA])
    row = next(r for r in data["rows"] if r[0] == "Đỗ Thị Yến")
    assert row[1] == "do thi yen"
    assert row[6:8] == ["Kỹ sư thiết kế", "do-thi-yen"]  # position and id; more in test_roll


def test_hostile_text_is_escaped_in_every_page(test_project, tmp_path):
    from .conftest import make_project_dir

    root = make_project_dir(tmp_path / "p")
    (root / "submissions" / "cdcs-van-ban-la.yaml").write_bytes(
        (DATA / "valid" / "cdcs-van-ban-la.yaml").read_bytes()
    )
    project = open_project(root)
    result, submissions = build_published(project)
    page = render_site(project, result, submissions).bodies["don-vi/cdcs-van-ban-la/index.md"]
    tags = _tags(page)
    assert not {"img", "script"} & {tag for tag, _ in tags}
    assert not [
        (name, value)
        for _, attrs in tags
        for name, value in attrs
        if name.startswith("on") or "javascript:" in (value or "")
    ]
    assert "&lt;img src=x onerror=alert(1)&gt; | x |" in page


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of an HTML text, with its attributes, as a browser would see them."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_a_unit_without_collectives_says_so(tmp_path):
    from .conftest import make_project_dir
    from .helpers import base_data, write_submission

    root = make_project_dir(tmp_path / "p")
    data = base_data()
    data["dien_hinh"]["tap_the"] = []
    data["hoi_nghi"]["dai_bieu_di_du_cap_tren"] = ["nguyen-van-an"]
    write_submission(root / "submissions", data)
    project = open_project(root)
    result, submissions = build_published(project)
    assert [s.unit.id for s in submissions] == [data["don_vi"]["ma"]]
    body = render_site(project, result, submissions).bodies[
        f"don-vi/{data['don_vi']['ma']}/index.md"
    ]
    assert "Đơn vị không có tập thể điển hình trong hồ sơ." in body
    assert "Đơn vị không có cá nhân điển hình" not in body


def test_presidium_roles_are_shown_as_the_vocabulary_writes_them(site, repo_project):
    body = site.bodies[UNIT]
    labels = repo_project.vocabulary["thanh_phan"]
    assert f"({labels['dang']})" in body and labels["dang"] == "Lãnh đạo Đảng"
    assert "đảng)" not in body
