"""Every number has a bound (SPEC §9.2): no value, however long, can crash a stage."""

from __future__ import annotations

import re

import pytest

from vinhdanh.check.validate import validate
from vinhdanh.project import open_project

from .conftest import DATA, make_project_dir
from .gitrepo import Repo
from .test_cli import run

SCHEMAS = ["submission", "registry", "plan", "vocabulary", "admins"]
BASE = (DATA / "valid" / "cdcs-hop-le.yaml").read_text(encoding="utf-8")
HUGE = "7" * 5000  # more digits than Python converts to or from text (4,300)


def _numbers(node, where=""):
    if isinstance(node, dict):
        kinds = node.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "integer" in kinds or "number" in kinds:
            yield where, node
        for key, sub in node.items():
            yield from _numbers(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _numbers(sub, f"{where}/{index}")


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_number_in_the_schemas_has_both_bounds(repo_project, name):
    unbounded = [
        where
        for where, node in _numbers(repo_project.schemas[name])
        if "minimum" not in node or "maximum" not in node
    ]
    assert unbounded == []


def test_the_bounds_are_the_contracts(repo_project):
    definitions = repo_project.schemas["submission"]["definitions"]
    assert (definitions["so_dem"]["minimum"], definitions["so_dem"]["maximum"]) == (0, 10**6)
    assert (definitions["nam"]["minimum"], definitions["nam"]["maximum"]) == (1945, 2100)
    whole, written = definitions["tien"]["oneOf"]
    assert (whole["minimum"], whole["maximum"]) == (0, 10**15)
    pattern = re.compile(written["pattern"])
    assert pattern.search("1.000.000.000.000.000") and pattern.search("999.999.999.999.999")
    assert not pattern.search("1.000.000.000.000.001")
    assert not pattern.search("1" + ".000" * 1500)


def _findings(tmp_path, text: str):
    root = make_project_dir(tmp_path / "p")
    (root / "submissions" / "cdcs-hop-le.yaml").write_text(text, encoding="utf-8")
    result = validate(open_project(root))
    return [f for f in result.findings if f.file.endswith("cdcs-hop-le.yaml")], result


@pytest.mark.parametrize(
    ("old", "new", "fits"),
    [
        ("so_doan_vien: 250", "so_doan_vien: 1000000", True),
        ("so_doan_vien: 250", "so_doan_vien: 1000001", False),
        ("gia_tri_lam_loi: 350000000", "gia_tri_lam_loi: 1000000000000000", True),
        ("gia_tri_lam_loi: 350000000", "gia_tri_lam_loi: 1000000000000001", False),
        ('"1.200.000.000"', '"1.000.000.000.000.000"', True),
        ('"1.200.000.000"', '"1.000.000.000.000.001"', False),
        ("nam: 2023, gia_tri_lam_loi", "nam: 1944, gia_tri_lam_loi", False),
        ("nam: 2023, gia_tri_lam_loi", "nam: 2101, gia_tri_lam_loi", False),
    ],
)
def test_a_number_beyond_its_bound_is_a_schema_error(tmp_path, old, new, fits):
    assert old in BASE
    findings, _ = _findings(tmp_path, BASE.replace(old, new, 1))
    assert [f.code for f in findings if f.is_error] == ([] if fits else ["schema"])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("so_doan_vien: 250", f"so_doan_vien: {HUGE}"),
        ("so_doan_vien: 250", f"so_doan_vien: -{HUGE}"),
        ("so_doan_vien: 250", f'so_doan_vien: "{HUGE}"'),
        ("so_doan_vien: 250", f'so_doan_vien: "1{".000" * 1500}"'),
        ("gia_tri_lam_loi: 350000000", f"gia_tri_lam_loi: {HUGE}"),
        ('"1.200.000.000"', f'"1{".000" * 1500}"'),
        ("nam: 2023, gia_tri_lam_loi", f"nam: {HUGE}, gia_tri_lam_loi"),
        ("nam: 2023, gia_tri_lam_loi", 'nam: "²", gia_tri_lam_loi'),  # isdigit(), not int()
        ("so_doan_vien: 250", 'so_doan_vien: "--0250"'),
        ("so_doan_vien: 250", f"so_doan_vien: {HUGE}.5"),
        ("gia_tri_lam_loi: 350000000", f"gia_tri_lam_loi: {HUGE}.5"),
    ],
)
def test_a_huge_number_is_a_located_vietnamese_schema_finding(tmp_path, old, new):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    findings, result = _findings(tmp_path, text)
    line = text[: text.index(new)].count("\n") + 1
    assert [(f.code, f.line) for f in findings if f.is_error] == [("schema", line)]
    assert not re.search(r"[0-9]{100}", findings[0].message)  # never echoed whole
    assert not result.accepted or all(
        d.data["don_vi"]["ma"] != "cdcs-hop-le" for d in result.accepted
    )


def test_twelve_initiatives_of_4299_digits_are_refused_not_crashing(tmp_path):
    initiative = "        - {ten: Cải tiến, nam: 2023, gia_tri_lam_loi: " + "9" * 4299 + "}\n"
    old = "        - {ten: Cải tiến đồ gá hàn, nam: 2023, gia_tri_lam_loi: 350000000}\n"
    assert old in BASE
    findings, _ = _findings(tmp_path, BASE.replace(old, initiative * 12))
    assert {f.code for f in findings if f.is_error} == {"schema"}
    assert len([f for f in findings if f.is_error]) == 12


def test_summary_of_a_pull_request_with_a_huge_number_reports_it(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.submission("cdcs-a")
    repo.commit("khởi tạo")
    repo.branch("pr")
    repo.submission(
        "cdcs-a", lambda text: text.replace("so_doan_vien: 250", f"so_doan_vien: {HUGE}")
    )
    repo.commit()
    result = run("summary", "--base", "main", "--head", "pr", cwd=repo.root)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stdout
    assert "[schema]" in result.stdout or "schema" in result.stdout
