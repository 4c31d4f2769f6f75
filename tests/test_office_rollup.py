"""An upper level's report (.docx) read back: its units' II.3 figures, summed by form and
year, one table per level, after its own II.3 table.

Expected figures are read from the submissions' YAML and the registry, never
from the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vinhdanh.office.documents import Documents

from .helpers import run_cli
from .office import NS, W, load_documents, para_text, sample, xml
from .test_office_cli import project_with_samples

UNITS_HEAD = ["STT", "Hình thức khen thưởng", "Năm", "Tập thể", "Cá nhân"]
TITLE = "Số liệu khen thưởng của các đơn vị trực thuộc"
WHOSE = re.compile(rf"^{TITLE} \(cộng từ báo cáo của (\d+) (.+) đã gửi\):$")


@pytest.fixture(scope="module")
def docs(published):
    """The accepted submissions' YAML, by unit id."""
    return {Path(doc.file).stem: doc.data for doc in published[0].accepted}


@pytest.fixture(scope="module")
def documents(repo_project, published):
    return load_documents(repo_project, published)


def body_of(docx: bytes):
    body = xml(docx).find("w:body", NS)
    assert body is not None
    return body


def cells(table) -> list[list[str]]:
    return [
        [" / ".join(para_text(p) for p in tc.findall("w:p", NS)) for tc in tr.findall("w:tc", NS)]
        for tr in table.findall("w:tr", NS)
    ]


def units_tables(body) -> list[tuple[str, list[list[str]]]]:
    """Each units' table with the paragraph just before it (the sentence naming whose
    reports it adds up)."""
    children = list(body)
    out = []
    for at, child in enumerate(children):
        if child.tag == W + "tbl" and cells(child)[0] == UNITS_HEAD:
            out.append((para_text(children[at - 1]), cells(child)))
    return out


def report_of(documents, published, unit: str):
    return body_of(documents.make("bao-cao", sample(published, unit)))


def raw_sums(repo_project, docs, units) -> dict[tuple[str, int], tuple[int, int]]:
    """II.3 rows of the given units summed by (label, year) into (collectives, individuals)."""
    labels = repo_project.vocabulary["hinh_thuc_khen_thuong"]
    sums: dict[tuple[str, int], list[int]] = {}
    for ma in units:
        for row in docs[ma]["bao_cao"].get("so_lieu_khen_thuong", []):
            total = sums.setdefault(
                (row.get("mo_ta") or labels[row["hinh_thuc"]], row["nam"]), [0, 0]
            )
            total[0] += row["tap_the"]
            total[1] += row["ca_nhan"]
    return {key: (c, i) for key, (c, i) in sums.items()}


def table_sums(table: list[list[str]]) -> dict[tuple[str, int], tuple[int, int]]:
    return {(r[1], int(r[2])): (int(r[3]), int(r[4])) for r in table[1:-1]}


def below(registry, ma: str) -> set[str]:
    kids = {u for u, e in registry.items() if e.get("cap_tren") == ma}
    return kids.union(*(below(registry, k) for k in kids))


def test_nganh_report_sums_its_descendants_figures_one_table_per_level(
    repo_project, published, documents, docs
):
    registry = published[0].registry
    tables = units_tables(report_of(documents, published, "cdctvn"))
    levels = repo_project.vocabulary["cap"]
    expected_levels = [code for code in reversed(list(levels)) if code != "nganh"]
    assert expected_levels == ["cap-tren", "cdcs"]  # the upper level first, as on its page
    assert len(tables) == 2
    for (sentence, table), code in zip(tables, expected_levels, strict=True):
        units = [
            ma for ma in below(registry, "cdctvn") if ma in docs and registry[ma]["cap"] == code
        ]
        whose = WHOSE.match(sentence)
        assert whose is not None, sentence
        assert int(whose.group(1)) == len(units)
        assert whose.group(2) == f"đơn vị cấp {levels[code]}"  # the label as written
        assert table_sums(table) == raw_sums(repo_project, docs, units)


def test_a_units_table_ends_with_the_totals_of_its_rows(published, documents):
    for _, table in units_tables(report_of(documents, published, "cdctvn")):
        collectives = sum(int(r[3]) for r in table[1:-1])
        individuals = sum(int(r[4]) for r in table[1:-1])
        assert table[-1] == ["Tổng cộng", str(collectives), str(individuals)]


def test_cap_tren_report_sums_only_its_units_never_its_own_figures(
    repo_project, published, documents, docs
):
    registry = published[0].registry
    units = sorted(ma for ma in below(registry, "cd-tct-det-may") if ma in docs)
    assert units == ["cdcs-may-hung-yen"]  # cdcs-soi-nam-dinh has not sent its report
    ((sentence, table),) = units_tables(report_of(documents, published, "cd-tct-det-may"))
    assert sentence == f"{TITLE} (cộng từ báo cáo của 1 đơn vị cấp Công đoàn cơ sở đã gửi):"
    assert table_sums(table) == raw_sums(repo_project, docs, units)
    own = docs["cd-tct-det-may"]["bao_cao"]["so_lieu_khen_thuong"]
    child = raw_sums(repo_project, docs, units)
    assert table[-1][1:] == [
        str(sum(c for c, _ in child.values())),
        str(sum(i for _, i in child.values())),
    ]
    assert sum(r["tap_the"] for r in own) > 0  # so its own figures added in would show


def test_cdcs_report_has_no_units_figures(published, documents):
    body = report_of(documents, published, "cdcs-co-khi-ha-noi")
    assert units_tables(body) == []
    assert not any(TITLE in para_text(p) for p in body.iter(W + "p"))


def test_units_tables_follow_the_units_own_table_under_ii_3(published, documents):
    children = list(report_of(documents, published, "cd-tct-co-khi"))
    tables = [i for i, c in enumerate(children) if c.tag == W + "tbl"]
    own = next(i for i in tables if cells(children[i])[0][:2] == UNITS_HEAD[:2])
    units = next(i for i in tables if cells(children[i])[0] == UNITS_HEAD)
    assert own < units
    headings = [para_text(c) for c in children[:units] if c.tag == W + "p" and para_text(c)]
    assert [h for h in headings if h[0].isdigit()][-1] == "3. Kết quả công tác khen thưởng"
    assert headings[-1].startswith(TITLE)
    between = [para_text(c) for c in children[own + 1 : units] if c.tag == W + "p"]
    assert not any(t[:1].isdigit() for t in between if t)  # no heading in between


def test_an_upper_level_whose_units_have_not_reported_says_so(repo_project, published):
    others = [s for s in published[1] if s.unit.id != "cdcs-may-hung-yen"]
    documents = Documents.load(repo_project, published[0].registry, others)
    body = report_of(documents, published, "cd-tct-det-may")
    assert units_tables(body) == []
    texts = [para_text(p) for p in body.iter(W + "p")]
    assert f"{TITLE}: chưa có đơn vị trực thuộc nào gửi báo cáo." in texts


def test_cli_report_of_an_upper_level_without_references_sums_its_units(
    tmp_path, repo_project, docs
):
    """The command reads every submission for an upper level, not only for references."""
    root = project_with_samples(tmp_path / "p")
    source = root / "submissions" / "cd-tct-det-may.yaml"
    text = source.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines(keepends=True) if "- tu: " not in line]
    assert len(lines) == len(text.splitlines()) - 2
    source.write_text("".join(lines), "utf-8")
    result = run_cli("bao-cao", "cd-tct-det-may", "-o", str(tmp_path / "out"), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    body = body_of((tmp_path / "out" / "cd-tct-det-may-bao-cao.docx").read_bytes())
    ((_, table),) = units_tables(body)
    assert table_sums(table) == raw_sums(repo_project, docs, ["cdcs-may-hung-yen"])
