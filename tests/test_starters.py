"""Pages of units that have not submitted: their scaffold, the "new file" link, and
nothing of them in the honour roll, statistics, downloads or search."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from vinhdanh.project import open_project
from vinhdanh.scaffold import scaffold_for
from vinhdanh.website.starters import (
    NEW_FILE_URL_LIMIT,
    Repository,
    new_file_url,
    unsubmitted,
)

from .conftest import REPO, copy_repo
from .helpers import run_cli
from .test_site import build, readable

# Registered in don-vi.yaml, with no file under submissions/.
WAITING = ["cd-tap-doan-hoa-chat", "cdcs-dien-co-thong-nhat", "cdcs-pin-ac-quy-mien-nam",
           "cdcs-soi-nam-dinh"]  # fmt: skip
REPO_URL = "https://github.com/vi-du/vinhdanh"


def test_the_units_waiting_are_those_registered_without_a_file(repo_project, published):
    result, _ = published
    assert sorted(e["ma"] for e in unsubmitted(repo_project, result.registry)) == WAITING


def test_a_unit_whose_file_has_errors_has_submitted(project_dir):
    from vinhdanh.check.registry import load_registry

    project = open_project(project_dir)
    registry = load_registry(project)[1]
    first = next(iter(registry))
    (project_dir / "submissions" / f"{first}.yaml").write_text("ten: [\n", encoding="utf-8")
    assert first not in {e["ma"] for e in unsubmitted(project, registry)}


def test_no_repository_without_repo_url():
    assert Repository.from_config(None, "edit/main/docs/") is None
    assert Repository.from_config("", None) is None


@pytest.mark.parametrize(
    ("edit_uri", "branch"),
    [("edit/nhanh-nop/docs/", "nhanh-nop"), ("blob/trunk/docs", "trunk"), (None, "main"),
     ("?path=docs/", "main")],
)  # fmt: skip
def test_the_branch_comes_from_edit_uri(edit_uri, branch):
    assert Repository.from_config(REPO_URL + "/", edit_uri) == Repository(REPO_URL, branch)


def test_a_new_file_link_within_the_limit_carries_the_scaffold_exactly(repo_project):
    text = scaffold_for(repo_project, "cdcs-soi-nam-dinh")
    url, prefilled = new_file_url(Repository(REPO_URL), "cdcs-soi-nam-dinh", text, limit=10**6)
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert prefilled
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/new/main"
    assert query == {"filename": ["submissions/cdcs-soi-nam-dinh.yaml"], "value": [text]}


def test_a_scaffold_too_long_for_a_link_leaves_only_the_file_name(repo_project):
    text = scaffold_for(repo_project, "cdcs-soi-nam-dinh")
    full, _ = new_file_url(Repository(REPO_URL), "cdcs-soi-nam-dinh", text, limit=10**6)
    assert len(full) > NEW_FILE_URL_LIMIT  # a real scaffold never fits: pasted instead
    url, prefilled = new_file_url(Repository(REPO_URL), "cdcs-soi-nam-dinh", text)
    assert not prefilled
    assert parse_qs(urlsplit(url).query) == {"filename": ["submissions/cdcs-soi-nam-dinh.yaml"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The repository built with repo_url set (as publish.yml does) and a branch."""
    root = copy_repo(tmp_path_factory.mktemp("starters") / "p")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^repo_url: .*$", f"repo_url: {REPO_URL}", config)
    config = re.sub(r"(?m)^edit_uri: .*$", "edit_uri: edit/nhanh-nop/docs/", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def built_plain(tmp_path_factory) -> Path:
    """The repository built as it is: mkdocs.yml names no repository."""
    root = copy_repo(tmp_path_factory.mktemp("starters-plain") / "p")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def page(root: Path, ma: str) -> str:
    return (root / "site" / "don-vi" / ma / "index.html").read_text(encoding="utf-8")


def shown_scaffold(text: str) -> str:
    block = re.search(r'<pre class="vd-scaffold"[^>]*><code[^>]*>(.*?)</code></pre>', text, re.S)
    assert block is not None
    return html.unescape(block.group(1))


@pytest.mark.parametrize("ma", WAITING)
def test_each_waiting_unit_shows_and_offers_exactly_what_vinhdanh_new_writes(built, ma):
    made = built / "made.yaml"
    assert run_cli("new", ma, "-o", str(made), cwd=built).returncode == 0
    written = made.read_text(encoding="utf-8")
    made.unlink()
    assert shown_scaffold(page(built, ma)) == written
    assert (built / "site" / "don-vi" / ma / f"{ma}.yaml").read_text(encoding="utf-8") == written
    assert f'href="{ma}.yaml" download' in page(built, ma)


def test_the_button_opens_the_new_file_page_on_the_units_submission(built):
    links = re.findall(r'<a class="[^"]*vd-new-file[^"]*" href="([^"]+)"', page(built, WAITING[0]))
    assert len(links) == 1
    parts = urlsplit(html.unescape(links[0]))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/new/nhanh-nop"
    assert parse_qs(parts.query) == {"filename": [f"submissions/{WAITING[0]}.yaml"]}


def test_the_header_links_the_repository_without_asking_github_for_its_stars(built):
    # Material's data-md-component="source" makes every reader's browser call api.github.com
    text = page(built, WAITING[0])
    assert f'href="{REPO_URL}" title=' in text and 'class="md-source"' in text
    assert 'data-md-component="source"' not in text


def test_without_repo_url_the_page_says_how_to_open_the_repository(built_plain):
    text = page(built_plain, WAITING[0])
    assert "vd-new-file" not in text and "/new/" not in text
    assert "Add file → Create new file" in text
    assert "Bấm nút <strong>Sao chép tệp mẫu</strong>" in text


def test_the_units_page_lists_and_links_every_waiting_unit(built_plain):
    text = (built_plain / "site" / "don-vi" / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="chua-nop"') :]
    assert sorted(set(re.findall(r'href="([a-z0-9-]+)/"', section))) == WAITING


def test_waiting_units_stay_out_of_roll_statistics_downloads_and_search(built_plain, published):
    result, _ = published
    names = [result.registry[ma]["ten"] for ma in WAITING]
    site = built_plain / "site"
    roll = json.loads((site / "bang-vang" / "du-lieu.json").read_text(encoding="utf-8"))
    assert not {unit[0] for unit in roll["units"]} & set(WAITING)
    for path in [*site.glob("bang-vang/bang-vang.*"), site / "thong-ke" / "index.html"]:
        assert not [name for name in names if name in readable(path)], path.name
    for ma in WAITING:
        assert not list((site / "don-vi" / ma).glob("*.docx"))
        assert not (site / "don-vi" / ma / "danh-sach.xlsx").exists()
    fragments = [readable(p) for p in (site / "pagefind" / "fragment").iterdir()]
    own = [f for f in fragments if f'"url":"/don-vi/{WAITING[0]}/"' in f]
    assert len(own) == 1  # the unit's name is found, for its official …
    assert "phien_ban" not in own[0] and "Commit changes" not in own[0]  # … not its scaffold


def test_every_registered_unit_has_a_page_submitted_or_not(built_plain, published):
    result, _ = published
    assert not result.has_errors  # in the repository, every submitted unit is published
    pages = {p.parent.name for p in (built_plain / "site" / "don-vi").glob("*/index.html")}
    assert pages == set(result.registry)


def test_the_committed_repository_has_no_repo_url_of_its_own():
    """The address comes from publish.yml (or an administrator): none is invented here."""
    assert re.search(r"(?m)^repo_url: !ENV VINHDANH_REPO_URL$", (REPO / "mkdocs.yml").read_text())


@pytest.fixture
def waiting_tab(built_plain):
    """A waiting unit's page in Chromium at a phone's width, allowed the clipboard."""
    from .browser import launch, open_page, serve

    server = serve(built_plain / "site")
    try:
        with launch() as browser:
            context, tab = open_page(browser, {"width": 390, "height": 844})
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            tab.goto(f"http://127.0.0.1:{server.server_port}/don-vi/{WAITING[0]}/")
            yield tab
            assert tab.problems == []
    finally:
        server.shutdown()


def test_the_copy_button_copies_the_scaffold_in_a_browser(waiting_tab, built_plain):
    button = waiting_tab.locator("article .md-code__button, article button.md-clipboard")
    assert button.count() == 1  # Material's copy button (content.code.copy)
    button.click()
    copied = waiting_tab.evaluate("navigator.clipboard.readText()")
    assert copied == shown_scaffold(page(built_plain, WAITING[0])).rstrip("\n")


def test_the_labelled_copy_button_copies_the_whole_scaffold_in_a_browser(waiting_tab, built_plain):
    # Material's icon shows only on hover: a phone needs a button that says what it does
    waiting_tab.get_by_role("button", name="Sao chép tệp mẫu").click()
    waiting_tab.wait_for_function("!document.querySelector('.vd-copy').textContent.includes('Sao')")
    copied = waiting_tab.evaluate("navigator.clipboard.readText()")
    scaffold = built_plain / "site" / "don-vi" / WAITING[0] / f"{WAITING[0]}.yaml"
    assert copied == scaffold.read_text(encoding="utf-8")
    assert waiting_tab.locator(".vd-copy").text_content().startswith("Đã chép")


def test_the_page_names_the_accounts_that_may_submit_and_review(built_plain):
    text = page(built_plain, "cdcs-soi-nam-dinh")
    assert "<code>@snd-congdoan</code>" in text  # its nguoi_phu_trach
    assert "<code>@dmsh-chutich</code>" in text  # its parent's nguoi_duyet, as CODEOWNERS
