"""The built site as a reader meets it: Vietnamese only, and every in-page anchor resolves.

One build of the repository's samples with the real MkDocs (``--strict``), read as
files: the theme's chrome (Material's partials, aria-labels, titles), our templates
and the guide. Code blocks are left out: they show commands and file contents.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import copy_repo

# What a reader can read besides text: these attributes are shown or spoken.
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
NOT_READ = ("script", "style", "svg", "code", "pre", "kbd", "template")

# English a theme or a script says (Material's strings, common UI words): none of these
# is a Vietnamese word, a name or a term the guide has to quote.
ENGLISH = (
    "404 - not found", "not found", "skip to content", "back to top", "permanent link",
    "copy to clipboard", "copied", "type to start", "initializing", "matching",
    "table of contents", "navigation", "header", "footer", "contributors", "last update",
    "edit this page", "view source", "go to repository", "search", "share", "clear",
    "previous", "next", "tabs", "metadata", "loading", "results", "no results", "download",
    "filter", "show more", "close", "menu", "home", "page", "switch to", "dark mode",
    "light mode", "created", "archive", "categories", "continue reading", "min read",
)  # fmt: skip
_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ENGLISH) + r")\b", re.IGNORECASE)


class _Page(HTMLParser):
    """A page's readable strings, its element ids and its links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.strings: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag in NOT_READ:
            self.hidden += 1
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(values[key])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if not self.hidden:
            self.strings += [values[a] for a in READ_ATTRIBUTES if values.get(a)]

    def handle_endtag(self, tag) -> None:
        if tag in NOT_READ and self.hidden:
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden and data.strip():
            self.strings.append(data)


def build(root, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1741132800", **extra}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, _Page]:
    """Every HTML page of the built samples, by its path in the site."""
    root = copy_repo(tmp_path_factory.mktemp("site") / "p")
    done = build(root)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    out = {}
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.relative_to(site).parts:
            continue
        parsed = _Page()
        parsed.feed(path.read_text(encoding="utf-8"))
        out[path.relative_to(site).as_posix()] = parsed
    return out


def test_no_page_shows_english_in_its_text_titles_or_labels(pages):
    found = {
        (path, match.group(), text.strip()[:80])
        for path, page in pages.items()
        for text in page.strings
        for match in _WORDS.finditer(text)
    }
    assert not found


def test_the_word_list_catches_the_theme_strings_it_stands_for():
    assert _WORDS.search("404 - Not found") and _WORDS.search("Back to top")
    assert not _WORDS.search("Công đoàn Công Thương Việt Nam · Lên đầu trang")


def _target(page_path: str, href: str) -> tuple[str, str] | None:
    """The page file and id an in-site link with a fragment points to; None for others."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.fragment:
        return None
    url = urljoin("/" + page_path, parts.path) if parts.path else "/" + page_path
    path = unquote(url).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    elif path.endswith("/."):
        path = path[:-1] + "index.html"
    return path, unquote(parts.fragment)


def test_every_fragment_link_points_to_an_element_of_its_page(pages):
    broken = []
    for path, page in pages.items():
        for href in page.links:
            target = _target(path, href)
            if target is None:
                continue
            file, anchor = target
            if file not in pages or anchor not in pages[file].ids:
                broken.append((path, href))
    assert not broken


def test_fragment_links_are_checked(pages):
    checked = [h for p, page in pages.items() for h in page.links if _target(p, h) and "#" in h[1:]]
    assert any("huong-dan/#excel" in h for h in checked)


def test_guide_headings_keep_the_d_in_their_anchors(pages):
    guide = pages["huong-dan/index.html"].ids
    assert "2-dien-noi-dung" in guide and "2-ien-noi-dung" not in guide


def test_the_404_page_is_vietnamese_and_leads_home_to_search_and_to_the_units(pages):
    page = pages["404.html"]
    assert "Không tìm thấy trang" in " ".join(page.strings)
    assert {"/.", "/tim-kiem/", "/don-vi/"} <= set(page.links)


def test_the_404_page_finds_styles_and_pages_when_the_site_is_served_under_a_path(tmp_path):
    # GitHub Pages serves a project site under /<repository>/ and shows 404.html at any
    # depth: its links must carry that path (publish.yml sets it from configure-pages)
    root = copy_repo(tmp_path / "p")
    done = build(root, VINHDANH_SITE_URL="https://congdoan.github.io/vinhdanh/")
    assert done.returncode == 0, done.stderr
    text = (root / "site" / "404.html").read_text(encoding="utf-8")
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    assert styles and all(s.startswith("/vinhdanh/") for s in styles)
    assert 'href="/vinhdanh/don-vi/"' in text and 'href="/vinhdanh/tim-kiem/"' in text


def test_skip_link_and_back_to_top_say_what_they_do(pages):
    strings = " ".join(pages["huong-dan/index.html"].strings)
    assert "Chuyển đến nội dung chính" in strings and "Lên đầu trang" in strings
    assert "Trở lại mục lục" not in strings


def test_a_link_to_a_missing_anchor_fails_the_strict_build(tmp_path):
    root = copy_repo(tmp_path / "p")
    with (root / "docs" / "huong-dan" / "index.md").open("a", encoding="utf-8") as guide:
        guide.write("\n[Điền nội dung](#2-ien-noi-dung)\n")  # the anchor Đ used to lose
    done = build(root)
    assert done.returncode != 0
    assert "#2-ien-noi-dung" in done.stderr
