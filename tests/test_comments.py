"""Text silently cut by a ' #' that YAML reads as a comment is warned about (issue 12, item 6)."""

from __future__ import annotations

import pytest

from vinhdanh.check.comments import CODE, cut_by_comment, one_story
from vinhdanh.check.findings import CODES, ERROR, Finding
from vinhdanh.check.load import load_text

from .helpers import ENGLISH, SAMPLE, with_line

ACHIEVEMENT = next(line for line in SAMPLE.split("\n") if "thanh_tich: Giải Nhất" in line)


def warnings(text: str):
    doc, findings = load_text(text, "t.yaml")
    assert doc is not None
    return findings


def test_a_hash_glued_to_a_number_after_a_plain_value_is_warned_at_the_hash():
    text = with_line(ACHIEVEMENT, "      thanh_tich: Đạt giải Nhất hội thi #1 tay nghề")
    (finding,) = warnings(text)
    assert (finding.code, finding.severity, finding.column) == (CODE, "warning", 41)
    assert (
        finding.line
        == text.split("\n").index("      thanh_tich: Đạt giải Nhất hội thi #1 tay nghề") + 1
    )
    assert "'Đạt giải Nhất hội thi'" in finding.message
    assert 'thanh_tich: "Đạt giải Nhất hội thi #1 tay nghề"' in finding.message
    assert not ENGLISH.search(finding.message)


@pytest.mark.parametrize("item", ["- Giải Nhì #hội-thi-thợ-giỏi", "- Giải Ba\t#2024"])
def test_a_hash_glued_to_a_word_in_a_list_item_is_warned(item):
    (finding,) = warnings(f"giai_thuong:\n  {item}\n")
    assert finding.code == CODE and "ngoặc kép" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "a: Giải Nhất  # ghi chú thật\n",
        "# yaml-language-server: $schema=../schemas/submission.schema.json\na: 1\n",
        "a: 1\n#1 ghi chú trên một dòng riêng\n",
        'a: "Giải #1 tay nghề"\n',
        "a: 'Giải #1 tay nghề'\n",
        "a: |\n  Giải #1 tay nghề\n",
        "a: Giải#1\n",
        "a: Giải # ghi chú 1\n",
        'a: "Giải" # 1\n',
        "a: 1\n# 1 ghi chú trên một dòng riêng\n",
    ],
)
def test_real_comments_and_text_that_keeps_its_hash_are_not_warned(text):
    assert warnings(text) == []


def test_a_hash_then_a_space_and_a_digit_after_a_plain_value_is_warned():
    (finding,) = warnings("a: Đạt giải # 1 hội thi\n")
    assert (finding.code, finding.line, finding.column) == (CODE, 1, 13)
    assert "'# 1 hội thi'" in finding.message and "'Đạt giải'" in finding.message
    assert 'a: "Đạt giải # 1 hội thi"' in finding.message


def test_a_value_that_is_only_a_hash_word_is_said_to_be_left_empty_and_quoted_without_a_space():
    (finding,) = warnings("a: #2 Phân xưởng\n")
    assert "bị để trống" in finding.message
    assert 'a: "#2 Phân xưởng"' in finding.message and '" #2' not in finding.message


def test_a_value_emptied_by_a_comment_is_one_schema_error_that_names_the_comment():
    (warning,) = warnings("a: #2 Phân xưởng\n")
    empty = Finding("t.yaml", 1, 4, "schema", ERROR, "'a' đang để trống. Hãy điền văn bản.")
    (finding,) = one_story([empty, warning])
    assert (finding.code, finding.line) == ("schema", 1)
    assert finding.message.startswith(
        "'a' đang để trống: phần '#2 Phân xưởng' bị YAML coi là ghi chú"
    )
    assert 'a: "#2 Phân xưởng"' in finding.message


def test_a_value_only_shortened_by_a_comment_keeps_its_warning_beside_other_errors():
    (warning,) = warnings("a: Giải #1\n")
    other = Finding("t.yaml", 1, 4, "schema", ERROR, "'a' không đúng dạng.")
    assert one_story([other, warning]) == [other, warning]


def test_the_warning_code_is_in_the_catalogue():
    assert CODE in CODES and "ngoặc kép" in CODES[CODE]


def test_a_file_that_does_not_parse_gets_no_warning_of_this_kind():
    assert cut_by_comment("a: x #1\nb: [\n", "t.yaml") == []


def test_a_cut_contact_value_is_warned_without_quoting_it():
    # lien_he is not for the site: a warning goes to annotations and the job summary
    text = with_line('  dien_thoai: "024 3858 1234"', "  dien_thoai: 0912 345 #678 riêng")
    [warning] = [f for f in load_text(text, "x.yaml")[1] if f.code == CODE]
    assert "0912" not in warning.message and "678" not in warning.message
    assert "ngoặc kép" in warning.message
