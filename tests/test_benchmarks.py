"""The benchmark's generator makes what the benchmark claims: valid, realistic files."""

from __future__ import annotations

import sys

from vinhdanh.project import open_project
from vinhdanh.validate import validate

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def test_generated_submissions_validate_without_errors(tmp_path):
    generate(30, tmp_path / "p")
    result = validate(open_project(tmp_path / "p"))
    assert not result.has_errors, [f for f in result.findings if f.is_error][:3]
    assert len(result.accepted) == 30


def test_generated_submissions_have_20_to_40_honorees_of_about_15_kib(tmp_path):
    generate(30, tmp_path / "p")
    result = validate(open_project(tmp_path / "p"))
    for doc in result.accepted:
        honorees = doc.data["dien_hinh"]
        assert 20 <= len(honorees["ca_nhan"]) + len(honorees["tap_the"]) <= 40
    sizes = [p.stat().st_size for p in (tmp_path / "p" / "submissions").glob("*.yaml")]
    assert 12 * 1024 <= sum(sizes) / len(sizes) <= 24 * 1024
