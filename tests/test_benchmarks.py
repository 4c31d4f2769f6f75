"""The benchmark's generator makes what the benchmark claims: valid, realistic files."""

from __future__ import annotations

import sys

import yaml

from vinhdanh.check.validate import validate
from vinhdanh.project import open_project

from .conftest import DATA, REPO

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


def test_validation_in_two_processes_finds_what_one_process_finds(tmp_path, monkeypatch):
    from vinhdanh import background
    from vinhdanh.check import validate as stage

    root = tmp_path / "p"
    generate(stage.PARALLEL_FROM + 6, root)
    for name in ("tien-le.yaml", "yaml-trung-khoa.yaml", "ma-don-vi-chua-dang-ky.yaml"):
        (root / "submissions" / f"zz-{name}").write_bytes((DATA / "invalid" / name).read_bytes())
    first, last = sorted((root / "submissions").glob("cdcs-*.yaml"))[:: stage.PARALLEL_FROM + 5]
    honoured = yaml.safe_load(first.read_text(encoding="utf-8"))["dien_hinh"]["ca_nhan"][0]
    data = yaml.safe_load(last.read_text(encoding="utf-8"))
    data["dien_hinh"]["ca_nhan"][0].update(
        ho_ten=honoured["ho_ten"], noi_cong_tac=honoured["noi_cong_tac"]
    )
    last.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    runs = {}
    for fork in (True, False):
        monkeypatch.setattr(background, "_can_fork", lambda fork=fork: fork)
        runs[fork] = validate(open_project(root))
    assert runs[True].findings == runs[False].findings
    assert runs[True].accepted == runs[False].accepted
    assert {f.code for f in runs[True].findings} >= {"tien-le", "yaml", "ma-don-vi", "trung-lap"}


def test_upper_level_submissions_refer_to_every_unit_and_validate_without_warning_of_it(tmp_path):
    generate(80, tmp_path / "p", upper=True)
    result = validate(open_project(tmp_path / "p"))
    assert not result.has_errors, [f for f in result.findings if f.is_error][:3]
    upper = [d.data for d in result.accepted if d.data["don_vi"]["cap"] == "cap-tren"]
    references = [p for d in upper for p in d["dien_hinh"]["ca_nhan"] if "tu" in p]
    assert len(upper) == 2 and len(references) == 80  # every unit's delegate, once
    codes = {f.code for f in result.findings}
    assert not codes & {"tham-chieu", "chua-tiep-nhan", "bao-cao-truoc-hoi-nghi"}
