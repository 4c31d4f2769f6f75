"""Everyday slips in a YAML file are said by their cause, at their own line, in Vietnamese.

Each slip is made on a copy of a shipped sample (submissions/), the way an
official would make it in Notepad or by pasting from Word (issue 12, item 3).
"""

from __future__ import annotations

import pytest
import yaml

from vinhdanh.check import diagnose as diagnose_module
from vinhdanh.check.load import load_text

from .helpers import ENGLISH, SAMPLE, with_line

CNC = "      chuc_vu: Công nhân vận hành máy CNC"


def line_of(text: str, needle: str) -> int:
    (index,) = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    return index


def only_error(text: str):
    doc, findings = load_text(text, "t.yaml")
    assert doc is None
    assert len(findings) == 1, findings
    (finding,) = findings
    assert finding.code == "yaml" and finding.is_error
    assert not ENGLISH.search(finding.message), finding.message
    return finding


def test_an_unclosed_quote_is_reported_where_it_opens():
    text = with_line("  dia_danh: Hà Nội", '  dia_danh: "Hà Nội')
    finding = only_error(text)  # and no "line break in one-line text" symptoms either
    assert (finding.line, finding.column) == (line_of(text, "dia_danh:"), 13)
    assert "chưa được đóng" in finding.message
    assert 'dia_danh: "Hà Nội"' in finding.message


def test_an_unclosed_quote_that_runs_to_the_end_of_the_file_is_reported_where_it_opens():
    finding = only_error('a: 1\nb: "chưa đóng\nc: 2\n')
    assert (finding.line, finding.column) == (2, 4)
    assert "hết tệp" in finding.message


def test_a_quote_inside_a_quoted_value_is_named_and_single_quotes_suggested():
    finding = only_error('a:\n  b: "Phong trào "Lao động giỏi" tốt"\n  c: 1\n')
    assert (finding.line, finding.column) == (2, 18)
    assert "b: 'Phong trào \"Lao động giỏi\" tốt'" in finding.message


def test_curly_quotes_around_a_value_are_named_as_typographic_quotes():
    old = (
        "      thanh_tich: Ba năm liền Chiến sĩ thi đua cơ sở; 4 sáng kiến làm lợi 520 triệu đồng."
    )
    text = with_line(old, "      thanh_tich: “Thành tích: ba năm liền Chiến sĩ thi đua.”")
    finding = only_error(text)
    assert (finding.line, finding.column) == (line_of(text, "“Thành tích"), 19)
    assert "ngoặc kép cong" in finding.message
    assert 'thanh_tich: "Thành tích: ba năm liền Chiến sĩ thi đua."' in finding.message
    assert "văn bản chứa" not in finding.message


def test_single_curly_quotes_around_a_value_are_named_too():
    finding = only_error("a:\n  b: ‘Ghi chú: x’\n")
    assert finding.line == 2 and "dấu nháy cong" in finding.message


@pytest.mark.parametrize(
    ("space", "name"),
    [("\u00a0", "không ngắt (U+00A0)"), ("\u202f", "U+202F"), ("\u3000", "U+3000")],
)
def test_an_odd_space_after_a_colon_is_named_at_its_column(space, name):
    text = with_line("  dia_danh: Hà Nội", f"  dia_danh:{space}Hà Nội")
    finding = only_error(text)
    assert (finding.line, finding.column) == (line_of(text, "dia_danh:"), 12)
    assert name in finding.message and "dia_danh" in finding.message
    assert "thiếu dấu ':'" not in finding.message.casefold()


def test_an_odd_space_in_the_indentation_is_named():
    finding = only_error("a:\n  b: 1\n\u00a0 c: 2\n  d: 3\n")
    assert (finding.line, finding.column) == (3, 1)
    assert "Đầu dòng" in finding.message and "U+00A0" in finding.message


@pytest.mark.parametrize(("indent", "act"), [(7, "xoá 1 dấu cách"), (5, "thêm 1 dấu cách")])
def test_one_space_too_many_or_too_few_is_named_with_the_line_to_align_with(indent, act):
    text = with_line(CNC, " " * indent + CNC.lstrip())
    finding = only_error(text)
    assert finding.line == line_of(text, "máy CNC")
    assert f"thụt lề {indent} dấu cách" in finding.message and act in finding.message
    assert "':'" not in finding.message


def test_a_tab_in_the_indentation_is_named():
    text = with_line(CNC, "\t" + CNC.lstrip())
    finding = only_error(text)
    assert (finding.line, finding.column) == (line_of(text, "máy CNC"), 1)
    assert "Tab" in finding.message and "6 dấu cách" in finding.message


def test_a_missing_dash_before_a_list_item_is_one_finding_where_the_dash_belongs():
    text = with_line("    - ma: hoang-thi-lan", "      ma: hoang-thi-lan")
    finding = only_error(text)  # not one "written twice" per field of the item
    assert (finding.line, finding.column) == (line_of(text, "ma: hoang-thi-lan"), 5)
    assert "Thiếu dấu '- '" in finding.message and "'ca_nhan'" in finding.message


def test_a_missing_dash_with_the_item_pulled_back_is_named():
    text = with_line("    - ma: hoang-thi-lan", "    ma: hoang-thi-lan")
    finding = only_error(text)
    assert (finding.line, finding.column) == (line_of(text, "ma: hoang-thi-lan"), 5)
    assert "thiếu dấu '- '" in finding.message and "- ma: hoang-thi-lan" in finding.message


def test_a_key_written_twice_in_an_item_is_still_a_duplicate():
    _, findings = load_text("- ma: a\n  ten: X\n  ten: Y\n", "t.yaml")
    (finding,) = findings
    assert finding.line == 3 and "bị viết hai lần" in finding.message


def test_a_colon_inside_a_value_says_to_quote_the_value():
    finding = only_error("a: 1\nb: Thành tích: tốt\n")
    assert (finding.line, finding.column) == (2, 4)
    assert 'b: "Thành tích: tốt"' in finding.message


def test_a_missing_colon_is_said_at_the_key():
    finding = only_error("a:\n  b: 1\n  c 2\n  d: 3\n")
    assert (finding.line, finding.column) == (3, 4)
    assert "Thiếu dấu ':'" in finding.message and "c: 2" in finding.message


def test_a_missing_colon_is_found_on_the_line_above_the_error():
    text = with_line("  ma: cdcs-co-khi-ha-noi", "  ma cdcs-co-khi-ha-noi")
    finding = only_error(text)
    assert (finding.line, finding.column) == (5, 5)
    assert "ma: cdcs-co-khi-ha-noi" in finding.message


def test_a_stray_quote_at_the_end_of_a_line_is_named():
    text = with_line(
        "  nguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Trần Văn Bình}",
        '  nguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Trần Văn Bình}"',
    )
    finding = only_error(text)
    assert finding.line == line_of(text, "nguoi_ky:") and "thừa" in finding.message


def test_an_unclosed_bracket_says_where_it_was_opened():
    finding = only_error("a: [1, 2,\n  3\nb: 4\n")
    assert "chưa được đóng" in finding.message and "dòng 1, cột 4" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        'a: "\\xZZ"\n',
        "a: !x 1\n",
        "a: [1,,2]\n",
        "a: [1, 2\nb: 3\n",
        "a: {b: 1\n",
        "%YAML 2.0\n---\na: 1\n",
        "a: |\nb\n",
        "- a\nb: 1\n",
        "a: b\n- c\n",
        "a: @x\n",
        "a:\n  - b\n c: 1\n",
    ],
)
def test_no_syntax_message_carries_libyaml_english_or_the_long_repeated_hint(text):
    (finding,) = load_text(text, "t.yaml")[1]
    assert not ENGLISH.search(finding.message), finding.message
    assert "Hãy kiểm tra quanh vị trí này" not in finding.message


def test_the_valid_path_never_diagnoses(monkeypatch):
    def fail(*args):
        raise AssertionError("diagnosis on a valid file")

    monkeypatch.setattr("vinhdanh.check.load.diagnose", fail)
    monkeypatch.setattr("vinhdanh.check.load.duplicate_messages", fail)
    doc, findings = load_text(SAMPLE, "t.yaml")
    assert doc is not None and findings == []


def test_a_guess_is_said_only_when_repairing_it_lets_the_file_parse():
    # A curly quote inside a value is not the cause of this error (the indentation is).
    text = "a:\n  b: x “y”\n   c: 1\n"
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        list(yaml.parse(text, Loader=yaml.CSafeLoader))
    found = diagnose_module.diagnose(text, caught.value)
    assert "ngoặc kép cong" not in found.message and "thụt lề" in found.message


NOI_CONG_TAC = "      noi_cong_tac: Phân xưởng Gia công chính xác"


def test_no_space_after_a_colon_is_said_at_its_own_line_with_the_line_rewritten():
    text = with_line(NOI_CONG_TAC, "      noi_cong_tac:Phân xưởng Gia công chính xác")
    finding = only_error(text)
    assert finding.line == line_of(text, "noi_cong_tac:Phân")
    assert "Sau dấu ':' cần một dấu cách" in finding.message
    assert "noi_cong_tac: Phân xưởng Gia công chính xác" in finding.message


@pytest.mark.parametrize(
    ("value", "sign"), [("- Phân xưởng Gia công", "'- '"), ("[Tổ 1] Cơ khí", "'['")]
)
def test_a_plain_value_starting_like_a_list_says_to_quote_it_or_write_a_block(value, sign):
    text = with_line(NOI_CONG_TAC, f"      noi_cong_tac: {value}")
    finding = only_error(text)
    assert finding.line == line_of(text, f"noi_cong_tac: {value}")
    assert f"bắt đầu bằng dấu {sign}" in finding.message
    assert f'noi_cong_tac: "{value}"' in finding.message and "noi_cong_tac: |" in finding.message


@pytest.mark.parametrize("wrapped", ["      chính xác số 2", "        chính xác: số 2"])
def test_a_value_wrapped_onto_the_next_line_is_called_a_continuation_not_an_indent(wrapped):
    text = with_line(NOI_CONG_TAC, f"      noi_cong_tac: Phân xưởng Gia công\n{wrapped}")
    finding = only_error(text)
    assert finding.line == line_of(text, wrapped)
    assert "phần tiếp của giá trị 'noi_cong_tac'" in finding.message
    assert "dấu cách ở đầu dòng" not in finding.message
    assert f'noi_cong_tac: "Phân xưởng Gia công {wrapped.strip()}"' in finding.message


@pytest.mark.parametrize("indent", [6, 0])
def test_text_under_a_block_bar_not_indented_says_to_indent_it_under_the_key(indent):
    lines = SAMPLE.split("\n")
    bar = lines.index("      thuan_loi: |") + 1
    for number in (bar + 1, bar + 3):  # the two paragraphs; a blank line between them
        lines[number - 1] = " " * indent + lines[number - 1].lstrip()
    finding = only_error("\n".join(lines))
    assert finding.line == bar + 1
    assert "thụt lề sâu hơn tên trường 'thuan_loi'" in finding.message
    assert f"thêm {8 - indent} dấu cách" in finding.message and "xoá" not in finding.message


def test_wrapped_text_is_never_told_to_move_into_line_with_the_keys():
    # Moving '  Gia công: chính xác' two spaces left parses, but makes a new key of it.
    text = with_line(NOI_CONG_TAC, '      noi_cong_tac: "Phân xưởng"\n        Gia công: chính xác')
    finding = only_error(text)
    assert finding.line == line_of(text, "Gia công: chính xác")
    assert "dấu cách ở đầu dòng" not in finding.message


def test_a_value_wrapped_over_several_lines_is_joined_not_read_as_a_key_without_colon():
    text = with_line(
        NOI_CONG_TAC, "      noi_cong_tac: Phân xưởng\n      Gia công\n      chính xác"
    )
    finding = only_error(text)
    assert finding.line == line_of(text, "      Gia công")
    assert "Thiếu dấu ':'" not in finding.message
    assert 'noi_cong_tac: "Phân xưởng Gia công chính xác"' in finding.message


def test_a_slip_in_a_contact_line_is_explained_without_quoting_the_line():
    text = with_line('  dien_thoai: "024 3858 1234"', '  dien_thoai: "0912 345 678 riêng')
    [finding] = load_text(text + "# cuối tệp\n", "x.yaml")[1]
    assert finding.code == "yaml" and "0912" not in finding.message
    assert "riêng tư nên lời nhắn không trích nội dung" in finding.message


def test_no_guess_is_made_on_a_line_too_long_to_have_been_typed():
    # guesses' patterns cost the square of a line: 32,000 spaces took 0.8 s, 1 MiB hours
    text = "k: x\n  a: x" + " " * 200_000 + "y: c\n"
    [finding] = load_text(text, "x.yaml")[1]
    assert (finding.line, finding.code) == (2, "yaml")
