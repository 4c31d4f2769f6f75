"""Site search (/tim-kiem/) in real headless Chromium: full names first, Vietnamese marks.

The samples are renamed so that one page holds the words of "Nguyễn Văn Đức" many
times in other people's names, and another names Nguyễn Văn Đức once: Pagefind's
own order puts the first page first; the page must put the person first.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .browser import find as search_links
from .browser import serve
from .conftest import REPO, copy_repo

RENAMED = {
    "cdcs-co-khi-ha-noi.yaml": {
        "ho_ten: Hoàng Thị Lan": "ho_ten: Nguyễn Đức Lan",
        "ho_ten: Vũ Đức Thắng": "ho_ten: Nguyễn Đức Thắng",
        "ho_ten: Đặng Văn Khoa": "ho_ten: Nguyễn Văn Khoa",
        "ho_ten: Ngô Thị Thu Hương": "ho_ten: Văn Đức Hương",
    },
    "cdcs-may-hung-yen.yaml": {"ho_ten: Trần Văn Đức": "ho_ten: Nguyễn Văn Đức"},
}
CROWDED = "/don-vi/cdcs-co-khi-ha-noi/"
NAMED = "/don-vi/cdcs-may-hung-yen/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("site") / "p")
    for name, changes in RENAMED.items():
        path = root / "submissions" / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes.items():
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    server = serve(root / "site")
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def find(page, site_url, query):
    """The result pages' links, in the order shown."""
    return search_links(page, site_url, query, ".vd-results > li > h3 a")


def pagefind_order(page, query):
    """The pages in Pagefind's own order, as the search page asks it."""
    return page.evaluate(
        """async q => {
            const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
            await pf.options({ ranking: { pageLength: 0 } });
            const found = await pf.search(q);
            return Promise.all(found.results.map(async r => (await r.data()).url));
        }""",
        query,
    )


def test_the_page_naming_the_full_name_comes_before_pages_with_its_words_apart(page, site_url):
    shown = find(page, site_url, "nguyen van duc")
    assert pagefind_order(page, "nguyen van duc")[0] == CROWDED  # what is being corrected
    assert shown[:2] == [NAMED, CROWDED]
    assert page.problems == []


def test_in_a_page_the_full_name_comes_before_names_sharing_some_words(page, site_url):
    find(page, site_url, "nguyen van duc")
    first = page.locator("#tim-kiem-app .vd-results > li").first
    assert first.locator(".vd-subresults a").first.inner_text() == "Nguyễn Văn Đức"
    assert "vd-exact" in first.locator(".vd-subresults li").first.get_attribute("class")


def test_names_holding_every_word_come_before_names_holding_some(page, site_url):
    find(page, site_url, "nguyen duc")
    crowded = page.locator(
        "#tim-kiem-app .vd-results > li", has=page.locator(f'a[href="{CROWDED}"]')
    )
    names = crowded.locator(".vd-subresults > li > a").all_inner_texts()
    assert set(names[:2]) == {"Nguyễn Đức Lan", "Nguyễn Đức Thắng"}


def test_a_query_typed_without_marks_marks_the_words_with_them(page, site_url):
    find(page, site_url, "nguyen van duc")
    entry = page.locator("#tim-kiem-app .vd-subresults li.vd-exact").first
    assert entry.locator(".vd-excerpt mark").all_inner_texts()[:3] == ["Nguyễn", "Văn", "Đức"]


def test_d_marks_the_d_with_stroke_in_upper_and_lower_case(page, site_url):
    find(page, site_url, "duc")
    marked = page.locator("#tim-kiem-app .vd-excerpt mark").all_inner_texts()
    assert "Đức" in marked
    find(page, site_url, "DUC THANG")
    marked = page.locator("#tim-kiem-app .vd-excerpt mark").all_inner_texts()
    assert {"Đức", "Thắng"} <= set(marked)


def test_the_hidden_copies_of_a_name_are_not_shown(page, site_url):
    find(page, site_url, "nguyen van duc")
    shown = page.inner_text("#tim-kiem-app .vd-results")
    assert "Nguyễn Văn Đức" in shown
    assert "nguyenvanduc" not in shown and "nguyen van duc" not in shown


def test_it_says_when_no_name_holds_every_word(page, site_url):
    find(page, site_url, "khoa thang")
    count = page.inner_text("#tim-kiem-app .vd-count")
    assert "Không có tên cá nhân, tập thể nào có đủ các chữ này" in count


def test_the_page_says_what_it_searches_and_not_the_report(page, site_url):
    page.goto(f"{site_url}/tim-kiem/")
    text = page.inner_text("article")
    assert "Không tìm trong nội dung báo cáo" in text
    assert "Tìm trong mọi trang" not in text


SHOTS = REPO / "test-artifacts" / "screenshots"


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_404_page_searches_from_its_form_and_is_photographed(page, site_url, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}/404.html")
    assert page.inner_text("article h1") == "Không tìm thấy trang"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"khong-tim-thay-{width}.png"), full_page=True)
    page.fill("article input[type=search]", "nguyen van duc")
    page.press("article input[type=search]", "Enter")
    page.wait_for_function(
        "() => document.getElementById('tim-kiem-app')?.dataset.answered === 'nguyen van duc'"
    )
    assert page.locator("#tim-kiem-app .vd-exact a").first.inner_text() == "Nguyễn Văn Đức"
    page.screenshot(path=str(SHOTS / f"tim-kiem-ho-ten-{width}.png"), full_page=True)
    assert page.problems == []
