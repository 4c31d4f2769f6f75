"""The guide's no-install route, tested like code: every page, anchor, button and check
it names exists on the built site or in the workflows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from vinhdanh.scaffold import REGISTRATION_ANCHOR

from .conftest import REPO, copy_repo
from .test_docs import GUIDE, _guide_section

NO_INSTALL = "## Cách nhanh nhất: nộp ngay trên trang web"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's site, built as publish.yml builds it (repository address set)."""
    root = copy_repo(tmp_path_factory.mktemp("guide") / "p")
    env = {**os.environ, "VINHDANH_REPO_URL": "https://github.com/vi-du/vinhdanh"}
    env["VINHDANH_EDIT_URI"] = "edit/main/docs/"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _links(section: str) -> list[tuple[str, str]]:
    """(page, anchor) of every Markdown link, the page as a path of the built site."""
    found = []
    for target in re.findall(r"\]\(([^)\s]+)\)", section):
        page, _, anchor = target.partition("#")
        built = (Path("huong-dan") / page).as_posix() if page else "huong-dan/index.md"
        found.append((os.path.normpath(built).replace(".md", ".html"), anchor))
    return found


def _ids(site: Path, page: str) -> set[str]:
    return set(re.findall(r' id="([^"]+)"', (site / page).read_text(encoding="utf-8")))


def test_the_no_install_route_links_only_to_pages_and_anchors_that_exist(site):
    links = [link for link in _links(_guide_section(NO_INSTALL)) if link[1] != REGISTRATION_ANCHOR]
    assert ("don-vi/index.html", "chua-nop") in links
    missing = [(page, anchor) for page, anchor in links if anchor not in _ids(site, page) | {""}]
    assert missing == []


@pytest.mark.skipif(
    f"{{#{REGISTRATION_ANCHOR}}}" not in GUIDE.read_text(encoding="utf-8"),
    reason="the guide's registration section comes with branch 'registry'",
)
def test_the_no_install_route_links_to_the_registration_section(site):
    # the guide, the unit pages and `vinhdanh new` send unregistered units there
    assert REGISTRATION_ANCHOR in _ids(site, "huong-dan/index.html")
    assert ("huong-dan/index.html", REGISTRATION_ANCHOR) in _links(_guide_section(NO_INSTALL))


def test_the_buttons_the_route_names_are_on_a_waiting_units_page(site):
    section = " ".join(_guide_section(NO_INSTALL).split())
    page = (site / "don-vi" / "cdcs-soi-nam-dinh" / "index.html").read_text(encoding="utf-8")
    units = (site / "don-vi" / "index.html").read_text(encoding="utf-8")
    for name in ("Mở trang tạo tệp trên GitHub", "Tải tệp mẫu"):
        assert f"**{name}**" in section and name in page
    assert "**Đơn vị chưa gửi hồ sơ**" in section and "Đơn vị chưa gửi hồ sơ" in units


def test_the_checks_the_route_names_are_the_workflows_jobs():
    section = " ".join(_guide_section(NO_INSTALL).split())
    workflows = REPO / ".github" / "workflows"
    validate = yaml.safe_load((workflows / "validate.yml").read_text(encoding="utf-8"))
    assert f"**{validate['name']}**" in section
    for job in validate["jobs"].values():
        assert f"**{job['name']}**" in section
    publish = (workflows / "publish.yml").read_text(encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for variable in re.findall(r"`(VINHDANH_[A-Z_]+)`", section):
        assert f"{variable}:" in publish and f"!ENV {variable}" in config
