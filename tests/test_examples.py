"""Every example in tests/data produces exactly the findings its own comments expect.

Each invalid example ends with lines ``# expect: <code> <severity> <line>``; the
set of (line, code, severity) found must equal them exactly — nothing missing,
nothing extra. Valid examples must produce no finding at all.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from vinhdanh.check.findings import CODES
from vinhdanh.check.validate import validate

from .conftest import DATA

EXPECT = re.compile(rb"^# expect: (\S+) (error|warning) (\d+)$", re.MULTILINE)
SPEC_CODES = [
    "yaml",
    "schema",
    "ma-don-vi",
    "tien-le",
    "ngay",
    "dai-bieu-vuot-tran",
    "dai-bieu-khong-khop",
    "ty-le-dien-hinh",
    "doan-chu-tich-so-luong",
    "doan-chu-tich-thanh-phan",
    "hoi-nghi-tre-han",
    "bao-cao-tre-han",
    "thoi-luong",
    "chuong-trinh-thieu-muc",
    "hinh-thuc-hoi-nghi",
    "tham-chieu",
    "trung-lap",
]

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))
GROUPS = [p for p in (DATA / "invalid").iterdir() if p.is_dir()]


def expected(path: Path) -> Counter:
    return Counter(
        (int(line), code.decode(), severity.decode())
        for code, severity, line in EXPECT.findall(path.read_bytes())
    )


def found(result, path: Path) -> Counter:
    return Counter(
        (f.line, f.code, f.severity) for f in result.findings if Path(f.file).resolve() == path
    )


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_gives_exactly_its_expected_findings(test_project, path):
    result = validate(test_project, [path])
    assert expected(path), f"{path.name} declares no '# expect:' line"
    assert found(result, path) == expected(path)


@pytest.mark.parametrize("folder", GROUPS, ids=lambda p: p.name)
def test_group_of_examples_gives_expected_cross_file_findings(test_project, folder):
    result = validate(test_project, [folder])
    for path in sorted(folder.glob("*.yaml")):
        assert found(result, path) == expected(path), path.name


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_gives_no_finding(test_project, path):
    result = validate(test_project, [path])
    assert result.findings == []
    assert [doc.file for doc in result.accepted] == [result.accepted[0].file]


def test_every_rule_code_of_the_spec_has_an_example_that_fires_it():
    fired = {
        code for path in [*INVALID, *DATA.glob("invalid/*/*.yaml")] for _, code, _ in expected(path)
    }
    assert set(SPEC_CODES) <= fired


def test_every_code_used_in_examples_is_in_the_catalogue():
    used = {code for path in INVALID for _, code, _ in expected(path)}
    assert used <= set(CODES)
    assert set(SPEC_CODES) <= set(CODES)
