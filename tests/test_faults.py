"""One unit never stops the others (SPEC §9.2): errors, failing stages, strict builds."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from vinhdanh import export, model
from vinhdanh.website import render

from .conftest import REPO, copy_repo
from .test_background import alive
from .test_site import build, digest

SAMPLES = {
    "cd-tct-co-khi",
    "cd-tct-det-may",
    "cdcs-co-khi-ha-noi",
    "cdcs-may-hung-yen",
    "cdcs-phan-bon-bac-son",
    "cdctvn",
}


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_repo(tmp_path / "p")


def build_here(root: Path) -> None:
    """``mkdocs build`` in this process, as its command line runs it (so tests can patch)."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def published(site: Path) -> set[str]:
    """Units whose page shows their submission (a waiting unit's page shows its scaffold)."""
    pages = (site / "don-vi").glob("*/index.html")
    return {p.parent.name for p in pages if 'class="vd-scaffold"' not in p.read_text("utf-8")}


def progress_row(site: Path, unit_name: str) -> str:
    page = (site / "tien-do" / "index.html").read_text(encoding="utf-8")
    rows = (chunk.split("</tr>")[0] for chunk in page.split("<tr>")[1:])
    return next(row for row in rows if unit_name in row)


def test_a_unit_a_stage_fails_on_is_left_out_and_the_rest_published(project, monkeypatch, caplog):
    """The model fails on one unit, a unit page on another, the downloads on a third."""
    real_model, real_page, real_person = model.build_submission, render.unit_page, export._person

    def failing_model(data, *args):
        if data["don_vi"]["ma"] == "cdcs-phan-bon-bac-son":
            raise ValueError("model")
        return real_model(data, *args)

    def failing_page(template, common, sub, *rest):
        if sub.unit.id == "cd-tct-co-khi":
            raise ValueError("page")
        return real_page(template, common, sub, *rest)

    def failing_person(person):
        if person.name == "Nguyễn Văn An":  # of cdcs-co-khi-ha-noi
            raise ValueError("download")
        return real_person(person)

    monkeypatch.setattr(model, "build_submission", failing_model)
    monkeypatch.setattr(render, "unit_page", failing_page)
    monkeypatch.setattr(export, "_person", failing_person)
    with caplog.at_level(logging.INFO):
        build_here(project)
    site = project / "site"
    assert published(site) == SAMPLES - {"cdcs-phan-bon-bac-son", "cd-tct-co-khi"}
    log = caplog.text
    for unit in ("cdcs-phan-bon-bac-son", "cd-tct-co-khi", "cdcs-co-khi-ha-noi"):
        assert re.search(rf"{unit}\.yaml.*lỗi nội bộ", log), unit
    assert "Traceback" not in log and "page" not in log.split("vinhdanh")[-1]
    for name in ("Phân bón Bắc Sơn", "Thiết bị Công nghiệp Đông Anh"):
        assert "Có lỗi, chưa đăng" in progress_row(site, name), name
    child = (site / "don-vi" / "cdcs-co-khi-ha-noi" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cd-tct-co-khi/"' not in child  # its parent's page is not published
    nganh = (site / "don-vi" / "cdctvn" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cd-tct-co-khi/"' not in nganh  # nor is its unit's, in its units' table
    roll = json.loads((site / "bang-vang" / "du-lieu.json").read_text(encoding="utf-8"))
    assert sorted(u[0] for u in roll["units"]) == ["cd-tct-det-may", "cdcs-may-hung-yen", "cdctvn"]
    data = (site / "bang-vang" / "bang-vang.json").read_text(encoding="utf-8")  # keeps unit ids
    assert "cd-tct-det-may" in data and "cdcs-co-khi-ha-noi" not in data


def test_strict_build_publishes_the_others_when_one_unit_has_errors(project):
    sample = project / "submissions" / "cdcs-may-hung-yen.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(re.sub(r"so_doan_vien: \d+", "so_doan_vien: " + "9" * 5000, text))
    done = build(project)
    assert done.returncode == 0, done.stderr[-2000:]
    site = project / "site"
    assert published(site) == SAMPLES - {"cdcs-may-hung-yen"}
    assert "Có lỗi, chưa đăng" in progress_row(site, "May Hưng Yên")
    assert re.search(
        r"INFO.*cdcs-may-hung-yen\.yaml có lỗi nên không được đăng.*\[schema\]", done.stderr
    )
    assert "WARNING" not in done.stderr


def generated_site_project(root: Path, units: int) -> Path:
    """A generated project big enough that Pagefind runs for a while (as the benchmark's)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate_site

    return generate_site(units, root)


@pytest.fixture(scope="module")
def big_project(tmp_path_factory) -> Path:
    """A generated project, built once."""
    root = generated_site_project(tmp_path_factory.mktemp("big") / "p", 150)
    assert build(root).returncode == 0
    return root


def processes_in(root: Path) -> list[int]:
    """Running processes of a build in ``root``: working there, or naming it in their command."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd, command = os.readlink(entry / "cwd"), (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if (cwd == str(root) or str(root).encode() in command) and alive(int(entry.name)):
            found.append(int(entry.name))
    return found


def pagefind_running(folder: Path) -> bool:
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue
        if b"--site" in command and str(folder).encode() in command:
            return True
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("moment", ["while pages are rendered", "while Pagefind indexes"])
def test_a_build_killed_with_sigkill_leaves_the_old_site_and_no_process(big_project, moment):
    root = big_project
    before = digest(root / "site")
    temporary = root / ".site.dang-dung"
    running = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = (
        temporary.exists
        if moment.startswith("while pages")
        else partial(pagefind_running, temporary)
    )
    while not seen():
        assert running.poll() is None, "the build ended before the moment to kill it"
    running.kill()  # SIGKILL: the build runs no cleanup code at all
    running.wait()
    deadline = time.monotonic() + 60  # generous: this is no speed test
    while processes_in(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert processes_in(root) == []
    assert digest(root / "site") == before
    assert not (temporary / "pagefind" / "pagefind.js").exists()  # stopped, not left to finish


def test_a_child_whose_page_fails_when_rendered_again_is_left_out_too(repo_project, monkeypatch):
    real_page = render.unit_page

    def failing_page(template, common, sub, parent, linked, *rest):
        if sub.unit.id == "cd-tct-co-khi" or (sub.unit.id == "cdcs-co-khi-ha-noi" and not linked):
            raise ValueError("page")
        return real_page(template, common, sub, parent, linked, *rest)

    monkeypatch.setattr(render, "unit_page", failing_page)
    result, submissions = model.build_published(repo_project)
    site = render.render_site(repo_project, result, submissions)
    waiting = {path.split("/")[1] for path in site.files}  # units with no file: a scaffold
    units = {path.split("/")[1] for path in site.bodies} - waiting
    assert units == SAMPLES - {"cd-tct-co-khi", "cdcs-co-khi-ha-noi"}
    assert not waiting & SAMPLES  # a unit left out has submitted: it is not offered a scaffold
    assert {s.unit.id for s in site.published} == units
    assert {f.file for f in result.findings if f.code == "loi-noi-bo"} == {
        "submissions/cd-tct-co-khi.yaml",
        "submissions/cdcs-co-khi-ha-noi.yaml",
    }
    assert "Có lỗi, chưa đăng" in site.pages["tien-do/index.md"]
