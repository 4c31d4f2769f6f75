"""Shared fixtures: the real repository, and a scratch project built from its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vinhdanh.model import build_published
from vinhdanh.project import Project, open_project

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def make_project_dir(target: Path, registry: Path = DATA / "don-vi.yaml") -> Path:
    """A project folder with the real schemas and plan, and the given registry."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "mau", target / "mau")
    shutil.copy(REPO / "ke-hoach.yaml", target / "ke-hoach.yaml")
    shutil.copy(registry, target / "don-vi.yaml")
    (target / "submissions").mkdir()
    return target


def copy_repo(target: Path) -> Path:
    """The repository's project files (no Git data, builds or caches), for a build to change."""
    shutil.copytree(
        REPO,
        target,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "site",
            ".site*",
            "test-artifacts",
            "benchmarks",
            "__pycache__",
            ".ci",
            ".hypothesis",
            ".pytest_cache",
            ".ruff_cache",
        ),
    )
    return target


@pytest.fixture(scope="session")
def repo_project() -> Project:
    return open_project(REPO)


@pytest.fixture(scope="session")
def published(repo_project):
    """The shipped samples, validated and modelled: (result, submissions)."""
    return build_published(repo_project)


@pytest.fixture(scope="session")
def test_project(tmp_path_factory) -> Project:
    """A project whose registry lists the units of tests/data."""
    return open_project(make_project_dir(tmp_path_factory.mktemp("project") / "p"))


@pytest.fixture
def project_dir(tmp_path) -> Path:
    """A fresh, writable project folder (registry of tests/data) for one test."""
    return make_project_dir(tmp_path / "p")


@pytest.fixture(scope="session")
def resaved_project(tmp_path_factory) -> Project:
    """A project whose Word templates LibreOffice opened and saved again (as an
    administrator without Word edits them); skipped without LibreOffice."""
    from vinhdanh.office.pdf import converter

    from .office import resave_with_libreoffice

    if converter() is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    work = tmp_path_factory.mktemp("resaved")
    root = make_project_dir(work / "p", REPO / "don-vi.yaml")
    templates = [REPO / "mau" / "bao-cao.docx", REPO / "mau" / "danh-sach.docx"]
    resave_with_libreoffice(templates, root / "mau", work / "profile")
    return open_project(root)


# Chromium for the browser tests (tests/browser.py): one per test module, and a fresh
# watched page per test.
@pytest.fixture(scope="module")
def browser():
    from .browser import launch

    with launch() as chromium:
        yield chromium


@pytest.fixture
def page(browser):
    from .browser import open_page

    context, page = open_page(browser, {"width": 1280, "height": 900})
    yield page
    context.close()
