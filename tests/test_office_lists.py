"""The two printable lists read back: golden text, who is on them, in what order."""

from __future__ import annotations

import pytest

from .office import (
    NS,
    W,
    attr,
    defined_styles,
    golden_path,
    load_documents,
    para_text,
    sample,
    sample_yaml,
    text_dump,
    used_paragraph_styles,
    xml,
)


@pytest.fixture(scope="module")
def raw():
    """The sample as its YAML says (independent of the model)."""
    return sample_yaml()


@pytest.fixture(scope="module")
def lists(repo_project, published) -> dict[str, bytes]:
    documents = load_documents(repo_project, published)
    return documents.for_unit(sample(published), ("danh-sach-dai-bieu", "danh-sach-dien-hinh"))


def ruled_tables(docx: bytes) -> list[list[list[str]]]:
    """The ruled ("BangKe") tables: rows of cells, a cell's first paragraph only."""
    out = []
    for table in xml(docx).iter(W + "tbl"):
        if attr(table.find("w:tblPr/w:tblStyle", NS), "val") != "BangKe":
            continue
        out.append(
            [
                [para_text(tc.find("w:p", NS)) for tc in tr.findall("w:tc", NS)]
                for tr in table.findall("w:tr", NS)
            ]
        )
    return out


@pytest.mark.parametrize("kind", ["danh-sach-dai-bieu", "danh-sach-dien-hinh"])
def test_list_matches_the_reviewed_golden_text(lists, kind):
    assert text_dump(lists[kind]) == golden_path(kind).read_text(encoding="utf-8")


def test_delegates_list_names_those_sent_up_in_the_order_written(lists, raw):
    (table,) = ruled_tables(lists["danh-sach-dai-bieu"])
    names = {p["ma"]: p["ho_ten"] for p in raw["dien_hinh"]["ca_nhan"]}
    sent = [names[i] for i in raw["hoi_nghi"]["dai_bieu_di_du_cap_tren"]]
    assert [row[1] for row in table[1:]] == sent
    assert [row[0] for row in table[1:]] == [str(n) for n in range(1, len(sent) + 1)]


def test_delegates_list_tallies_women_and_direct_workers(lists):
    text = [para_text(p) for p in xml(lists["danh-sach-dai-bieu"]).iter(W + "p")]
    assert "Tổng số: 2 đại biểu, trong đó 1 nữ, 2 trực tiếp lao động sản xuất." in text


def test_honorees_list_has_every_individual_then_every_collective(lists, raw):
    people, groups = ruled_tables(lists["danh-sach-dien-hinh"])
    assert [r[1] for r in people[1:]] == [p["ho_ten"] for p in raw["dien_hinh"]["ca_nhan"]]
    assert [r[1] for r in groups[1:]] == [g["ten"] for g in raw["dien_hinh"]["tap_the"]]


@pytest.mark.parametrize("kind", ["danh-sach-dai-bieu", "danh-sach-dien-hinh"])
def test_lists_are_dated_the_day_of_the_conference(lists, kind):
    letterhead = next(iter(xml(lists[kind]).find("w:body", NS)))
    texts = [para_text(p) for p in letterhead.iter(W + "p")]
    assert "Hà Nội, ngày 05 tháng 3 năm 2025" in texts  # hoi_nghi.ngay, not bao_cao.ngay


@pytest.mark.parametrize("kind", ["danh-sach-dai-bieu", "danh-sach-dien-hinh"])
def test_lists_use_only_styles_their_template_defines(lists, kind):
    assert used_paragraph_styles(lists[kind]) - defined_styles(lists[kind]) == set()


@pytest.mark.parametrize("kind", ["danh-sach-dai-bieu", "danh-sach-dien-hinh"])
def test_lists_are_a4_with_page_numbers_from_page_two(lists, kind):
    section = xml(lists[kind]).find("w:body/w:sectPr", NS)
    size = section.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert section.find("w:titlePg", NS) is not None


def test_a_collective_sent_up_is_on_the_delegates_list_with_the_tally_split(
    repo_project, published
):
    import dataclasses

    sub = sample(published)
    group = sub.collectives[0]
    sent = (*sub.conference.sent_up, group.id)
    sub = dataclasses.replace(sub, conference=dataclasses.replace(sub.conference, sent_up=sent))
    text = text_dump(load_documents(repo_project, published).make("danh-sach-dai-bieu", sub))
    assert (
        f"| {len(sent)} | {group.name} |  | {group.movement} | Tập thể (cử người đại diện) |"
        in text
    )
    assert f"Tổng số: {len(sent)} đại biểu (1 tập thể, {len(sent) - 1} cá nhân)" in text
