"""A unit's documents from hostile text: the XML stays well-formed, text stays text.

The submission is built by the model from a sample's data with free-text fields
replaced, bypassing validation (which would refuse some of these characters):
the documents must be safe by themselves.
"""

from __future__ import annotations

import copy
import unicodedata
from collections import Counter

import pytest

from vinhdanh.model import build_submission

from .office import UNIT, W, body_text, load_documents, parts, text_dump, xml

HOSTILE = (
    "A < B && C ]]> \"nháy kép\" 'nháy đơn' {{ so }} {{ noi_dung }} "
    '\u202eexe.txt { PAGE } <w:fldSimple w:instr="PAGE"/> &amp; <![CDATA[x]]>'
)
PLAIN = "Văn bản thường không có gì đặc biệt"


def accepted_data(published) -> dict:
    result, _ = published
    doc = next(d for d in result.accepted if d.data["don_vi"]["ma"] == UNIT)
    return copy.deepcopy(doc.data)


def with_text(data: dict, text: str) -> dict:
    """The sample with every kind of free text the documents print set to ``text``."""
    data = copy.deepcopy(data)
    data["don_vi"]["ten"] = f"Công đoàn {text}"
    report = data["bao_cao"]
    report["so"] = f"12/{text}"
    report["dia_danh"] = text
    report["can_cu"] = text
    report["nguoi_ky"] = {"chuc_danh": text, "ho_ten": text}
    report["noi_nhan"] = [text, f"- {text}"]
    report["noi_dung"]["to_chuc_chi_dao"]["thuan_loi"] = f"{text}\n\n- {text}\n+ {text}"
    report["so_lieu_khen_thuong"][0]["mo_ta"] = text
    person = data["dien_hinh"]["ca_nhan"][0]
    person.update(ho_ten=text, chuc_vu=text, noi_cong_tac=text, thanh_tich=text)
    group = data["dien_hinh"]["tap_the"][0]
    group.update(ten=text, phong_trao=text)
    data["hoi_nghi"]["ten"] = text
    return data


def made(repo_project, published, data: dict) -> dict[str, bytes]:
    sub = build_submission(
        data, repo_project.vocabulary, repo_project.plan, repo_project.schemas["submission"]
    )
    return load_documents(repo_project, published).for_unit(sub)


@pytest.fixture(scope="module")
def hostile(repo_project, published) -> dict[str, bytes]:
    return made(repo_project, published, with_text(accepted_data(published), HOSTILE))


@pytest.fixture(scope="module")
def plain(repo_project, published) -> dict[str, bytes]:
    return made(repo_project, published, with_text(accepted_data(published), PLAIN))


KINDS = ("bao-cao", "danh-sach-dai-bieu", "danh-sach-dien-hinh")


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_keeps_every_part_well_formed(hostile, kind):
    xml(hostile[kind])  # raises if document.xml is not well-formed
    assert text_dump(hostile[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_comes_out_literally(hostile, plain, kind):
    shown = body_text(hostile[kind])
    expected = body_text(plain[kind]).count(PLAIN)
    assert expected >= 3
    assert shown.count(HOSTILE) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_adds_no_element(hostile, plain, kind):
    def tags(docx: bytes) -> Counter:
        return Counter(e.tag for e in xml(docx).iter())

    assert tags(hostile[kind]) == tags(plain[kind])
    assert not any(e.tag == W + "fldSimple" for e in xml(hostile[kind]).iter())


def test_a_mark_in_a_value_is_not_filled_again(hostile):
    document = parts(hostile["bao-cao"])["word/document.xml"].decode("utf-8")
    assert "{{ so }}" in body_text(hostile["bao-cao"])
    assert "12/BC-CĐCS" not in document  # the sample's number appears nowhere


def test_characters_xml_cannot_hold_become_replacement_characters(repo_project, published):
    text = "trước\x01giữa\x0bsau\ufffe"
    documents = made(repo_project, published, with_text(accepted_data(published), text))
    for kind, docx in documents.items():
        shown = body_text(docx)
        assert "trước\ufffdgiữa\ufffdsau\ufffd" in shown, kind
        assert "\x01" not in shown


def test_decomposed_vietnamese_is_written_composed(repo_project, published):
    text = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    documents = made(repo_project, published, with_text(accepted_data(published), text))
    shown = body_text(documents["bao-cao"])
    assert "Nguyễn Thị Ánh" in shown
    assert text not in shown
