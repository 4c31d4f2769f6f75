"""Every page kind of the built samples in Chromium at a phone's and a desktop's width:
no sideways scrolling, chart text readable, the progress page as cards, the honour
roll's filters and entries. Screenshots go to test-artifacts/screenshots/ as
<page>-desktop.png and <page>-phone.png, for a person to look at.
"""

from __future__ import annotations

import json

import pytest

from vinhdanh.values import vietnamese_text_key

from .browser import open_page
from .test_browser import HOSTILE_UNIT, SHOTS, built, roll, site_url  # noqa: F401

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES = {  # every kind of page the site has
    "trang-chu": "/",
    "bang-vang": "/bang-vang/",
    "don-vi": "/don-vi/",
    "don-vi-co-so": "/don-vi/cdcs-co-khi-ha-noi/",
    "don-vi-cap-tren": "/don-vi/cdctvn/",
    "don-vi-hostile": f"/don-vi/{HOSTILE_UNIT}/",
    "don-vi-chua-nop": "/don-vi/cdcs-soi-nam-dinh/",  # not submitted: its ready scaffold
    "thong-ke": "/thong-ke/",
    "tien-do": "/tien-do/",
    "huong-dan": "/huong-dan/",
    "tim-kiem": "/tim-kiem/?q=nguyen+van+an",
    "404": "/404.html",
}
READY = {"bang-vang": "#bang-vang-app[data-loaded]", "tim-kiem": "#tim-kiem-app[data-answered]"}

# The rendered size of chart text: SVG text scaled by its drawing's transform, HTML
# text in a chart at its computed size.
CHART_TEXT_PX = """() => {
  const sizes = [];
  for (const t of document.querySelectorAll("svg text")) {
    const scale = t.getScreenCTM() ? Math.abs(t.getScreenCTM().a) : 1;
    sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  for (const chart of document.querySelectorAll(".vd-chart")) {
    for (const node of chart.querySelectorAll("*")) {
      if ([...node.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
        sizes.push(parseFloat(getComputedStyle(node).fontSize));
      }
    }
  }
  return sizes;
}"""


@pytest.fixture
def phone(browser):
    context, page = open_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context, page = open_page(browser, DESKTOP)
    yield page
    context.close()


def visit(page, site_url, name):  # noqa: F811
    page.goto(f"{site_url}{PAGES[name]}")
    if name in READY:
        page.wait_for_selector(READY[name])


def photograph(page, name, device):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{device}.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, site_url, name):  # noqa: F811
    visit(phone, site_url, name)
    photograph(phone, name, "phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.problems == []


@pytest.mark.parametrize("name", PAGES)
def test_pages_load_without_errors_at_desktop_width(desktop, site_url, name):  # noqa: F811
    visit(desktop, site_url, name)
    photograph(desktop, name, "desktop")
    assert desktop.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert desktop.problems == []


@pytest.mark.parametrize("name", PAGES)
def test_chart_text_is_at_least_10_px_on_a_phone(phone, site_url, name):  # noqa: F811
    visit(phone, site_url, name)
    sizes = phone.evaluate(CHART_TEXT_PX)
    if name == "thong-ke":
        assert len(sizes) >= 6  # its chart: a label and a figure per level
    assert [s for s in sizes if s < 10] == []


def test_progress_shows_every_units_status_within_a_phone_screen(phone, site_url):  # noqa: F811
    visit(phone, site_url, "tien-do")
    statuses = phone.locator("table[data-vd-cards] td span[class^='vd-']")
    rows = phone.locator("table[data-vd-cards] tbody tr").count()
    assert rows >= 10 and statuses.count() == 2 * rows  # a conference and a report each
    outside = statuses.evaluate_all(
        f"""spans => spans.filter(s => {{
          const r = s.getBoundingClientRect();
          return r.width === 0 || r.left < 0 || r.right > {PHONE["width"]};
        }}).map(s => s.textContent)"""
    )
    assert outside == []
    label = phone.evaluate(
        "getComputedStyle(document.querySelector('td[data-label=\"Báo cáo\"]'), '::before').content"
    )
    assert label == '"Báo cáo"'  # each status says which it is


def test_units_list_shows_every_cell_within_a_phone_screen(phone, site_url):  # noqa: F811
    visit(phone, site_url, "don-vi")
    cells = phone.locator("table[data-vd-cards] td")
    assert cells.count() >= 30  # three cells a unit
    outside = cells.evaluate_all(
        f"""cells => cells.filter(c => {{
          const r = c.getBoundingClientRect();
          return r.width === 0 || r.left < 0 || r.right > {PHONE["width"]};
        }}).map(c => c.textContent)"""
    )
    assert outside == []


def test_progress_is_a_table_at_desktop_width(desktop, site_url):  # noqa: F811
    visit(desktop, site_url, "tien-do")
    assert desktop.locator("table[data-vd-cards] thead").first.is_visible()
    display = desktop.evaluate(
        "getComputedStyle(document.querySelector('table[data-vd-cards] tr')).display"
    )
    assert display == "table-row"


def unit_groups(page):
    return page.locator("#bang-vang-app select[aria-label='Đơn vị'] optgroup").evaluate_all(
        "groups => groups.map(g => [g.label, [...g.children].map(o => o.textContent)])"
    )


def test_unit_filter_groups_units_by_level_highest_first(desktop, site_url):  # noqa: F811
    roll(desktop, site_url)
    assert [label for label, _ in unit_groups(desktop)] == [
        "Công đoàn Công Thương Việt Nam",
        "Công đoàn cấp trên trực tiếp cơ sở",
        "Công đoàn cơ sở",
    ]


def test_units_in_each_level_are_in_vietnamese_order(desktop, site_url):  # noqa: F811
    roll(desktop, site_url)
    for _, names in unit_groups(desktop):
        assert names == sorted(names, key=vietnamese_text_key)
    base = dict(unit_groups(desktop))["Công đoàn cơ sở"]
    assert base.index("Công đoàn cơ sở Công ty Cổ phần May Hưng Yên") < base.index(
        "Công đoàn cơ sở Công ty Cơ khí Hà Nội"
    )


def full_roll(page, site_url):  # noqa: F811
    """The honour roll with its achievements in (they come after the list is drawn)."""
    roll(page, site_url)
    page.wait_for_selector("#bang-vang-app[data-full='1']", state="attached")


def entry(page, name):
    return page.locator("#bang-vang-app ol.vd-list > li", has_text=name).first


def test_each_entry_shows_titles_awards_and_achievement(desktop, site_url):  # noqa: F811
    full_roll(desktop, site_url)
    desktop.fill("#bang-vang-app input[type=search]", "nguyen van an")
    item = entry(desktop, "Tổ trưởng tổ Cơ khí")
    chips = item.locator(".vd-honours > li").all_inner_texts()
    assert chips == ["Chiến sĩ thi đua cơ sở (2021, 2022, 2023)", "Bằng Lao động sáng tạo (2023)"]
    assert item.locator(".vd-ach-text").inner_text().startswith("Ba năm liền Chiến sĩ thi đua")


def test_a_clamped_achievement_opens_in_full(phone, site_url):  # noqa: F811
    full_roll(phone, site_url)
    box = phone.locator("#bang-vang-app .vd-ach:has(.vd-more)").first
    more = box.locator(".vd-more")
    text = box.locator(".vd-ach-text")
    closed = text.evaluate("p => p.clientHeight")
    assert text.evaluate("p => p.scrollHeight > p.clientHeight")  # two lines did not hold it
    more.click()
    assert more.get_attribute("aria-expanded") == "true"
    assert text.evaluate("p => p.clientHeight") > closed


def test_no_entry_offers_more_when_its_achievement_fits(desktop, site_url):  # noqa: F811
    full_roll(desktop, site_url)
    fits = desktop.locator("#bang-vang-app .vd-ach").evaluate_all(
        """boxes => boxes.filter(b => b.querySelector('.vd-more') && !b.querySelector('.vd-whole'))
             .filter(b => b.firstChild.scrollHeight <= b.firstChild.clientHeight + 1).length"""
    )
    assert fits == 0


AS_RGB = """c => { const d = document.createElement("div"); d.style.color = c;
  document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }"""
STYLE = """sel => { const s = getComputedStyle(document.querySelector(sel));
  return [s.backgroundColor, s.color, s.borderTopStyle, s.borderTopWidth]; }"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_filters_take_materials_colours_in_light_and_dark(desktop, site_url, scheme):  # noqa: F811
    roll(desktop, site_url)
    desktop.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page_bg = desktop.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-default-bg-color').trim()"
    )
    for control in ("#bang-vang-app input[type=search]", "#bang-vang-app select"):
        bg, fg, border, width = desktop.evaluate(STYLE, control)
        assert (border, width) == ("solid", "1px")  # a visible box, not the bare default
        assert bg == desktop.evaluate(AS_RGB, page_bg)
        assert bg != fg
    dark = bg != "rgb(255, 255, 255)"
    assert dark == (scheme == "slate")


def test_hostile_text_in_an_entry_stays_text(desktop, site_url):  # noqa: F811
    full_roll(desktop, site_url)
    desktop.fill("#bang-vang-app input[type=search]", "img src")
    item = entry(desktop, "<img src=x onerror=alert(1)>")
    assert "<script>alert(1)</script>" in item.locator(".vd-ach-text").inner_text()
    assert desktop.locator("#bang-vang-app img, #bang-vang-app script").count() == 0
    assert desktop.locator("#bang-vang-app [onclick], #bang-vang-app [onerror]").count() == 0
    assert desktop.problems == []


def test_the_filter_bar_is_one_box_on_a_phone(phone, site_url):  # noqa: F811
    roll(phone, site_url)
    right = phone.locator("#bang-vang-app .vd-controls > *").evaluate_all(
        "nodes => Math.max(...nodes.map(n => n.getBoundingClientRect().right))"
    )
    bar = phone.locator("#bang-vang-app .vd-controls").bounding_box()
    assert right <= bar["x"] + bar["width"] <= PHONE["width"]


def test_the_form_filter_offers_only_forms_someone_on_the_roll_has(desktop, site_url, built):  # noqa: F811
    data = json.loads((built / "bang-vang" / "du-lieu.json").read_text(encoding="utf-8"))
    held = {data["forms"][f] for row in data["rows"] if len(row) > 5 for f in row[5]}
    visit(desktop, site_url, "bang-vang")
    offered = desktop.locator("#bang-vang-app select[aria-label='Hình thức khen thưởng'] option")
    labels = offered.evaluate_all("options => options.slice(1).map(o => o.textContent)")
    assert held and sorted(labels) == sorted(held) and len(held) < len(data["forms"])
