"""References (``tu: <unit>/<ma>``): an upper level names a lower unit's honoree once.

The shipped samples use them: the Ngành refers to two people its units sent up,
and a cấp trên union to one of its CĐCS's people.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vinhdanh.check.validate import validate
from vinhdanh.model import build_published
from vinhdanh.project import open_project

from .conftest import copy_repo


@pytest.fixture
def repo(tmp_path) -> Path:
    return copy_repo(tmp_path / "p")


def edit(repo: Path, unit: str, old: str, new: str) -> Path:
    path = repo / "submissions" / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def findings(repo: Path, paths=None) -> list[tuple[str, str, int, str]]:
    result = validate(open_project(repo), paths)
    return [(Path(f.file).name, f.code, f.line, f.message) for f in result.findings]


def codes(repo: Path, paths=None) -> list[tuple[str, str]]:
    return [
        (file, code) for file, code, _, _ in findings(repo, paths) if code != "hoi-nghi-tre-han"
    ]


REFERENCE = "    - tu: cd-tct-det-may/tran-thi-ngoc\n"


def test_the_samples_references_resolve_and_are_no_duplicates(published):
    result, _ = published
    assert not result.has_errors
    assert [f for f in result.findings if f.code in ("trung-lap", "tham-chieu")] == []


def test_a_reference_to_an_honoree_the_unit_does_not_have_is_refused_with_its_ids(repo):
    edit(repo, "cdctvn", REFERENCE, "    - tu: cd-tct-det-may/tran-thi-ngo\n")
    found = [f[3] for f in findings(repo) if f[1] == "tham-chieu" and "không có cá nhân" in f[3]]
    assert len(found) == 1
    assert "không có cá nhân mã 'tran-thi-ngo'" in found[0]
    assert "tran-thi-ngoc" in found[0]  # the ids it has, to choose from


def test_a_reference_to_a_unit_not_below_is_refused(repo):
    # cd-tct-co-khi's units are the co-khi CĐCS, not the textile one
    edit(
        repo,
        "cd-tct-co-khi",
        "    - tu: cdcs-co-khi-ha-noi/nguyen-van-an\n",
        "    - tu: cdcs-may-hung-yen/pham-thi-mai\n",
    )
    found = [f for f in findings(repo) if f[1] == "tham-chieu" and f[0] == "cd-tct-co-khi.yaml"]
    assert len(found) == 1
    assert "không phải đơn vị trực thuộc" in found[0][3]


def test_a_unit_cannot_refer_to_itself(repo):
    edit(repo, "cdctvn", REFERENCE, "    - tu: cdctvn/ho-van-sau\n")
    found = [f for f in findings(repo) if f[1] == "tham-chieu"]
    assert any("chính đơn vị này" in f[3] for f in found)


def test_a_units_own_errors_never_make_its_parents_file_fail(repo):
    edit(repo, "cd-tct-det-may", "  so_doan_vien:", "  so_doan_vien: -1\n  so_doan_vien_cu:")
    found = findings(repo)
    assert [f for f in found if f[0] == "cdctvn.yaml" and f[1] == "tham-chieu"] == []
    assert any(f[0] == "cd-tct-det-may.yaml" for f in found)


def test_a_reference_to_a_unit_that_has_not_submitted_is_refused(repo):
    (repo / "submissions" / "cdcs-may-hung-yen.yaml").unlink()
    found = [f for f in findings(repo) if f[1] == "tham-chieu"]
    assert {f[0] for f in found} == {"cd-tct-det-may.yaml"}
    assert all("'cdcs-may-hung-yen' chưa gửi hồ sơ" in f[3] for f in found)


def test_one_file_validated_alone_resolves_its_references_from_the_others(repo):
    path = repo / "submissions" / "cdctvn.yaml"
    assert [c for c in codes(repo, [path]) if c[1] in ("tham-chieu", "trung-lap")] == []


def test_the_same_reference_twice_in_a_file_is_a_duplicate(repo):
    edit(repo, "cdctvn", REFERENCE, REFERENCE + REFERENCE)
    assert ("cdctvn.yaml", "trung-lap") in codes(repo)


def test_a_retyped_person_is_a_cross_file_duplicate_and_a_reference_is_not(repo):
    person = (
        "    - ma: nguyen-van-an\n      ho_ten: Nguyễn Văn An\n      gioi_tinh: nam\n"
        "      chuc_vu: Tổ trưởng tổ Cơ khí\n      noi_cong_tac: Phân xưởng Cơ khí\n"
        "      truc_tiep_san_xuat: true\n      lanh_dao_quan_ly: false\n"
        "      thanh_tich: Được giới thiệu lên.\n"
    )
    reference = (
        "    - tu: cdcs-co-khi-ha-noi/nguyen-van-an\n      thanh_tich: Được Công đoàn Tổng công ty "
        "chọn biểu dương tại Hội nghị điển hình tiên tiến cấp trên cơ sở.\n"
    )
    edit(repo, "cd-tct-co-khi", reference, person)
    assert ("cdcs-co-khi-ha-noi.yaml", "trung-lap") in codes(repo)


def test_a_referenced_person_is_counted_once_and_shown_with_every_level(repo):
    project = open_project(repo)
    _, subs = build_published(project)
    by_id = {s.unit.id: s for s in subs}
    names = [p.name for s in subs for p in s.people]
    assert names.count("Nguyễn Văn An") == 1
    refs = {(r.unit, r.id) for r in by_id["cd-tct-co-khi"].references}
    assert ("cdcs-co-khi-ha-noi", "nguyen-van-an") in refs
    assert all(p.id != "nguyen-van-an" for p in by_id["cd-tct-co-khi"].people)


def test_the_upper_units_page_lists_the_reference_and_links_to_the_record(repo_project, published):
    from vinhdanh.website.render import outline, render_site

    site = render_site(repo_project, *published)
    body = site.bodies["don-vi/cdctvn/index.md"]
    assert '<a href="../cd-tct-det-may/#cd-tct-det-may--tran-thi-ngoc">' in body
    ids = [t["id"] for t in outline(body)]
    assert "cap-duoi" in ids
    home = site.bodies["don-vi/cd-tct-det-may/index.md"]
    assert '<a href="../cdctvn/#cdctvn--cd-tct-det-may--tran-thi-ngoc">' in home


def received(repo: Path, paths=None) -> list[tuple[str, int, str]]:
    return [(f, line, m) for f, code, line, m in findings(repo, paths) if code == "chua-tiep-nhan"]


def test_the_samples_receive_everyone_their_units_sent_up(published):
    result, _ = published
    assert [f for f in result.findings if f.code == "chua-tiep-nhan"] == []


def test_a_person_sent_up_and_not_received_is_a_warning_on_the_parent(repo):
    edit(repo, "cd-tct-co-khi", "    - tu: cdcs-co-khi-ha-noi/hoang-thi-lan\n", "")
    found = received(repo)
    assert len(found) == 1
    file, line, message = found[0]
    assert file == "cd-tct-co-khi.yaml"
    text = (repo / "submissions" / file).read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == "ca_nhan:"
    assert "Hoàng Thị Lan (cdcs-co-khi-ha-noi/hoang-thi-lan)" in message
    assert "- tu: cdcs-co-khi-ha-noi/hoang-thi-lan" in message


def test_a_parent_validated_alone_reads_what_its_units_sent_up(repo):
    path = edit(repo, "cd-tct-co-khi", "    - tu: cdcs-co-khi-ha-noi/hoang-thi-lan\n", "")
    assert len(received(repo, [path])) == 1


def test_a_retyped_record_of_the_same_person_counts_as_received(repo):
    person = (
        "    - ma: hoang-thi-lan\n      ho_ten: Hoàng Thị Lan\n      gioi_tinh: nu\n"
        "      chuc_vu: Công nhân vận hành máy CNC\n"
        "      noi_cong_tac: Phân xưởng Gia công chính xác\n"
        "      truc_tiep_san_xuat: true\n      lanh_dao_quan_ly: false\n"
        "      thanh_tich: Được giới thiệu lên.\n"
    )
    edit(repo, "cd-tct-co-khi", "    - tu: cdcs-co-khi-ha-noi/hoang-thi-lan\n", person)
    assert received(repo) == []


def test_no_warning_while_the_parent_has_not_submitted(repo):
    # cdcs-phan-bon-bac-son sends Hà Văn Tiến up to cd-tap-doan-hoa-chat, which has no file
    assert not (repo / "submissions" / "cd-tap-doan-hoa-chat.yaml").exists()
    assert [f for f in received(repo) if "ha-van-tien" in f[2]] == []


def test_the_honour_roll_row_names_every_level_that_honoured_the_person(published):
    from vinhdanh.export import honour_roll

    rows = {row["neo"]: row for row in honour_roll(published[1])}
    levels = rows["cd-tct-det-may--tran-thi-ngoc"]["cac_cap"].split("; ")
    assert levels[0] == "Công đoàn Tổng công ty Dệt May Sông Hồng"
    assert levels[1].startswith("Công đoàn Công Thương Việt Nam (Bằng khen")
    assert "cdctvn--cd-tct-det-may--tran-thi-ngoc" not in rows  # one row, at the record


def test_a_reference_sent_up_and_not_received_is_a_warning_on_the_grandparent(repo):
    # cd-tct-co-khi sends up a CĐCS person it refers to; the Ngành names neither
    edit(
        repo,
        "cd-tct-co-khi",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan]",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan, cdcs-co-khi-ha-noi/nguyen-van-an]",
    )
    found = received(repo)
    assert [(f[0], f[1]) for f in found] == [("cdctvn.yaml", 94)]
    assert "Nguyễn Văn An (cdcs-co-khi-ha-noi/nguyen-van-an)" in found[0][2]
    assert "- tu: cdcs-co-khi-ha-noi/nguyen-van-an" in found[0][2]


def test_a_reference_sent_up_counts_as_received_when_the_grandparent_refers_to_the_record(repo):
    edit(
        repo,
        "cd-tct-co-khi",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan]",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan, cdcs-co-khi-ha-noi/nguyen-van-an]",
    )
    edit(repo, "cdctvn", REFERENCE, REFERENCE + "    - tu: cdcs-co-khi-ha-noi/nguyen-van-an\n")
    assert received(repo) == []


def test_a_reference_to_an_upper_units_reference_names_the_record_to_refer_to(repo):
    # cd-tct-co-khi itself refers to cdcs-co-khi-ha-noi/nguyen-van-an: no chain of references
    edit(repo, "cdctvn", REFERENCE, REFERENCE + "    - tu: cd-tct-co-khi/nguyen-van-an\n")
    found = [f[3] for f in findings(repo) if f[1] == "tham-chieu"]
    assert len(found) == 1
    assert "tu: cdcs-co-khi-ha-noi/nguyen-van-an" in found[0]


def the_nganh_awards_ha_van_tien(repo: Path) -> None:
    """The Ngành gives an award of its own to a person it refers to (Bắc Sơn's delegate)."""
    edit(
        repo,
        "cdctvn",
        "    - tu: cdcs-phan-bon-bac-son/ha-van-tien\n",
        "    - tu: cdcs-phan-bon-bac-son/ha-van-tien\n"
        "      khen_thuong: [{hinh_thuc: huan-chuong-lao-dong-hang-ba, nam: 2025}]\n",
    )


def test_the_honour_roll_filter_by_award_finds_an_award_an_upper_level_gave(repo):
    from vinhdanh.website.render import ROLL_DATA, render_data

    the_nganh_awards_ha_van_tien(repo)
    project = open_project(repo)
    data = json.loads(render_data(project, build_published(project)[1])[0][ROLL_DATA])
    form = data["forms"].index(
        project.vocabulary["hinh_thuc_khen_thuong"]["huan-chuong-lao-dong-hang-ba"]
    )
    row = next(r for r in data["rows"] if r[7] == "ha-van-tien")
    assert form in row[5]


def test_the_upper_units_documents_say_what_it_adds_to_a_record_it_refers_to(
    repo_project, published
):
    from vinhdanh.office.documents import Documents

    from .office import body_text

    subs = published[1]
    sub = next(s for s in subs if s.unit.id == "cd-tct-co-khi")
    docx = Documents.load(repo_project, published[0].registry, subs).make("bao-cao", sub)
    text = body_text(docx)
    assert "Nguyễn Văn An" in text
    assert "Được Công đoàn Tổng công ty chọn biểu dương" in text  # this level's own words


def test_a_reference_in_the_documents_carries_the_awards_its_level_gave_once(repo):
    from vinhdanh.honours import records_index, with_references

    the_nganh_awards_ha_van_tien(repo)
    subs = build_published(open_project(repo))[1]
    nganh = next(s for s in subs if s.unit.id == "cdctvn")
    people = {p.id: p for p in with_references(nganh, records_index(subs)).people}
    given = [(a.form, a.year) for a in people["cdcs-phan-bon-bac-son/ha-van-tien"].awards]
    assert ("huan-chuong-lao-dong-hang-ba", 2025) in given
    # the record already holds the Bằng khen Thủ tướng 2023 the Ngành names again: once
    again = [(a.form, a.year) for a in people["cd-tct-co-khi/kha-van-thuan"].awards]
    assert again.count(("bang-khen-thu-tuong", 2023)) == 1


def test_a_reference_to_a_unit_left_unpublished_is_shown_as_waiting_not_dropped(repo):
    from vinhdanh.website.render import render_site

    # the CĐCS's own error (over its quota) leaves it out; its parent is still published
    edit(
        repo,
        "cdcs-co-khi-ha-noi",
        "dai_bieu_di_du_cap_tren: [nguyen-van-an, hoang-thi-lan]",
        "dai_bieu_di_du_cap_tren: [nguyen-van-an, hoang-thi-lan, hoang-thi-lan-x]",
    )
    project = open_project(repo)
    result, subs = build_published(project)
    assert "cd-tct-co-khi" in {s.unit.id for s in subs}
    body = render_site(project, result, subs).bodies["don-vi/cd-tct-co-khi/index.md"]
    section = body[body.index('id="cap-duoi"') : body.index('id="don-vi-truc-thuoc"')]
    waiting = "Công đoàn cơ sở Công ty Cơ khí Hà Nội (cdcs-co-khi-ha-noi/{}): hồ sơ của đơn vị chưa"
    assert waiting.format("nguyen-van-an") in section
    assert waiting.format("hoang-thi-lan") in section
    assert 'href="../cdcs-co-khi-ha-noi/' not in section


def test_the_honour_roll_names_an_upper_levels_other_award_by_its_description(repo):
    from vinhdanh.export import honour_roll

    edit(
        repo,
        "cdctvn",
        "    - tu: cdcs-phan-bon-bac-son/ha-van-tien\n",
        "    - tu: cdcs-phan-bon-bac-son/ha-van-tien\n"
        "      khen_thuong: [{hinh_thuc: khac, mo_ta: Kỷ niệm chương vì sự nghiệp, nam: 2025}]\n",
    )
    rows = {r["neo"]: r for r in honour_roll(build_published(open_project(repo))[1])}
    levels = rows["cdcs-phan-bon-bac-son--ha-van-tien"]["cac_cap"]
    assert "Công đoàn Công Thương Việt Nam (Kỷ niệm chương vì sự nghiệp 2025)" in levels


def test_a_collective_sent_up_and_not_received_is_pointed_at_the_collectives_list(repo):
    edit(
        repo,
        "cd-tct-co-khi",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan]",
        "dai_bieu_di_du_cap_tren: [kha-van-thuan, xuong-thiet-bi-thuy-cong]",
    )
    [(file, line, message)] = received(repo)
    text = (repo / "submissions" / file).read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == "tap_the:"
    assert "dien_hinh.tap_the" in message
