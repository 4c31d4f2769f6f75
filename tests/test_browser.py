"""The built site in real headless Chromium (Debian's), served over local HTTP.

Screenshots of every page kind for a human to look at (test_browser_layout.py) are
saved to test-artifacts/screenshots/.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .browser import find, serve
from .conftest import DATA, REPO, copy_repo

SHOTS = REPO / "test-artifacts" / "screenshots"
HOSTILE_UNIT = "cdcs-dien-co-thong-nhat"  # registered, no sample: gets the hostile example


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The samples plus the hostile example, built with the real MkDocs."""
    root = tmp_path_factory.mktemp("site") / "p"
    copy_repo(root)
    hostile = (DATA / "valid" / "cdcs-van-ban-la.yaml").read_text(encoding="utf-8")
    hostile = hostile.replace("ma: cdcs-van-ban-la", f"ma: {HOSTILE_UNIT}").replace(
        "cap_tren: cap-tren-thu-nghiem", "cap_tren: cdctvn"
    )
    # the registry's name (SPEC §9.2: the registry is the authority for a unit's name)
    hostile = hostile.replace(
        "ten: Công đoàn cơ sở Công ty Thử nghiệm",
        "ten: Công đoàn cơ sở Công ty Điện cơ Thống Nhất",
        1,
    )
    (root / "submissions" / f"{HOSTILE_UNIT}.yaml").write_text(hostile, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site_url(built):
    server = serve(built)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def subpath_url(built):
    """The site under /site/, as GitHub Pages serves a project site under /<repo>/."""
    server = serve(built.parent)
    yield f"http://127.0.0.1:{server.server_port}/site"
    server.shutdown()


def roll(page, site_url, hash_part=""):
    page.goto(f"{site_url}/bang-vang/{hash_part}")
    page.wait_for_selector("#bang-vang-app[data-loaded]")


def names(page):
    return page.locator("#bang-vang-app li .vd-name").all_inner_texts()


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN", "Nguyen  Van An"])
def test_search_ignores_diacritics_and_case(page, site_url, query):
    roll(page, site_url)
    page.fill("#bang-vang-app input[type=search]", query)
    # a sample honours Nguyễn Văn An (its parent refers to him: one row), and so does
    # the hostile example
    assert page.inner_text(".vd-count") == "Tìm thấy 2 điển hình"
    assert names(page) == ["Nguyễn Văn An"] * 2
    assert page.problems == []


def test_d_matches_the_vietnamese_d_with_stroke(page, site_url):
    roll(page, site_url)
    page.fill("#bang-vang-app input[type=search]", "duc")
    assert "Vũ Đức Thắng" in names(page)


def test_level_filter_keeps_only_that_level(page, site_url):
    roll(page, site_url)
    page.select_option(
        "#bang-vang-app select[aria-label='Cấp']", label="Công đoàn Công Thương Việt Nam"
    )
    # its own 7 records, and the 5 people of its units it honoured again (tu:), each once
    assert page.inner_text(".vd-count") == "Tìm thấy 12 điển hình"


def test_a_unit_filter_finds_whom_the_unit_honoured_again_and_says_where(page, site_url):
    roll(page, site_url)
    page.select_option(
        "#bang-vang-app select[aria-label='Đơn vị']",
        label="Công đoàn Tổng công ty Máy và Thiết bị Công nghiệp Đông Anh",
    )
    item = page.locator("#bang-vang-app li", has_text="Nguyễn Văn An")
    assert item.count() == 1
    assert "Công đoàn cơ sở Công ty Cơ khí Hà Nội" in item.inner_text()
    assert "Được tôn vinh tiếp tại: Công đoàn Tổng công ty Máy và Thiết bị" in item.inner_text()
    assert page.problems == []


def test_direct_worker_filter_and_unit_filter_combine(page, site_url):
    roll(page, site_url)
    page.select_option(
        "#bang-vang-app select[aria-label='Đơn vị']", label="Công đoàn cơ sở Công ty Cơ khí Hà Nội"
    )
    assert page.inner_text(".vd-count") == "Tìm thấy 8 điển hình"
    page.check("#bang-vang-app input[type=checkbox]")
    assert page.inner_text(".vd-count") == "Tìm thấy 4 điển hình"


def test_honorees_are_in_vietnamese_order(page, site_url):
    roll(page, site_url)
    page.select_option(
        "#bang-vang-app select[aria-label='Đơn vị']", label="Công đoàn cơ sở Công ty Cơ khí Hà Nội"
    )
    assert names(page) == [
        "Nguyễn Văn An",
        "Ngô Thị Thu Hương",
        "Đặng Văn Khoa",
        "Hoàng Thị Lan",
        "Phân xưởng Kết cấu thép",
        "Bùi Thanh Tâm",
        "Vũ Đức Thắng",
        "Tổ Cơ khí chính xác",
    ]


def test_anchor_opens_the_page_holding_that_honoree(page, site_url):
    roll(page, site_url, "#cdctvn--ho-van-sau")
    target = page.locator("#cdctvn--ho-van-sau")
    assert target.is_visible()
    assert "vd-target" in target.get_attribute("class")


def test_unit_page_has_its_sections_in_template_order(page, site_url):
    page.goto(f"{site_url}/don-vi/cdcs-co-khi-ha-noi/")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.rstrip("¶").strip() for h in headings] == [
        "Hội nghị",
        "Báo cáo tổng kết",
        "Cá nhân điển hình",
        "Tập thể điển hình",
    ]
    sections = [h.rstrip("¶").strip()[:4] for h in page.locator("article h3").all_inner_texts()]
    assert sections[:4] == ["I. C", "II. ", "III.", "IV. "]
    assert page.problems == []


def test_csv_download_is_the_public_honour_roll(page, site_url):
    response = page.request.get(f"{site_url}/bang-vang/bang-vang.csv")
    body = response.body()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "Nguyễn Văn An" in text and "0912345678" not in text


def test_injection_samples_run_nothing(page, site_url):
    page.goto(f"{site_url}/don-vi/{HOSTILE_UNIT}/")
    assert page.locator("article img, article script, article a[href^='javascript']").count() == 0
    assert page.locator("[onclick], [onerror]").count() == 0
    assert "<img src=x onerror=alert(1)> | x |" in page.inner_text("article")
    roll(page, site_url)
    page.fill("#bang-vang-app input[type=search]", "img src")
    assert names(page) == ["<img src=x onerror=alert(1)> | x |"]
    assert page.problems == []


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN VĂN AN"])
def test_site_search_ignores_diacritics_and_links_to_the_honoree(page, site_url, query):
    links = find(page, site_url, query)
    assert "/don-vi/cdcs-co-khi-ha-noi/#cdcs-co-khi-ha-noi--nguyen-van-an" in links
    first = page.locator("#tim-kiem-app .vd-results > li").first
    assert first.locator("h3 a").get_attribute("href").startswith("/don-vi/")
    assert first.locator("ul a").first.inner_text() == "Nguyễn Văn An"
    assert page.problems == []


def test_site_search_links_stay_under_the_site_path(page, subpath_url):
    links = find(page, subpath_url, "hoang thi lan")
    assert "/site/don-vi/cdcs-co-khi-ha-noi/#cdcs-co-khi-ha-noi--hoang-thi-lan" in links
    assert all(link.startswith("/site/") for link in links)
    assert page.problems == []


def test_site_search_finds_d_with_stroke_typed_as_d(page, site_url):
    links = find(page, site_url, "vu duc thang")
    assert "/don-vi/cdcs-co-khi-ha-noi/#cdcs-co-khi-ha-noi--vu-duc-thang" in links
    entry = page.locator("#tim-kiem-app .vd-subresults li", has_text="Vũ Đức Thắng").first
    shown = entry.locator(".vd-excerpt").inner_text()
    assert "Vũ Đức Thắng" in shown and "vu duc thang" not in shown  # the folded copy is hidden
    assert page.problems == []


def test_site_search_says_when_nothing_is_found(page, site_url):
    assert find(page, site_url, "qqqqqq") == []
    assert page.inner_text("#tim-kiem-app .vd-count").startswith("Không tìm thấy")


def test_header_search_form_opens_the_search_page_with_results(page, site_url):
    page.goto(f"{site_url}/thong-ke/")
    page.fill(".vd-search-input", "hoang thi lan")
    page.press(".vd-search-input", "Enter")
    page.wait_for_function(
        "() => document.getElementById('tim-kiem-app')?.dataset.answered === 'hoang thi lan'"
    )
    assert "/tim-kiem/?q=hoang+thi+lan" in page.url
    assert page.locator("#tim-kiem-app .vd-results a", has_text="Hoàng Thị Lan").count() >= 1


def test_site_search_shows_hostile_names_as_text(page, site_url):
    find(page, site_url, "onerror")
    results = page.inner_text("#tim-kiem-app .vd-results")
    assert "<img src=x onerror=alert(1)>" in results
    assert page.locator("#tim-kiem-app img, #tim-kiem-app script").count() == 0
    assert page.problems == []
