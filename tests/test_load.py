"""The loader: exact data, a position for everything, and every hazard refused."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from vinhdanh.check.load import MAX_BYTES, MAX_DEPTH, load_bytes, load_file, load_text


def load(text: str):
    doc, findings = load_text(text, "t.yaml")
    return doc, findings


def only_finding(text: str):
    doc, findings = load(text)
    assert doc is None
    assert len(findings) == 1
    return findings[0]


def test_values_have_their_line_and_column():
    doc, _ = load("a:\n  b: [1, x]\n  c: tên\n")
    assert doc.marks[("a", "b", 1)] == (2, 10)
    assert doc.marks[("a", "c")] == (3, 6)
    assert doc.key_marks[("a", "c")] == (3, 3)


def test_where_falls_back_to_the_nearest_written_ancestor():
    doc, _ = load("a:\n  b: 1\n")
    assert doc.where(("a", "missing")) == doc.marks[("a",)]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("yes", "yes"),
        ("NO", "NO"),
        ("off", "off"),
        ("0123", "0123"),
        ("1:20", "1:20"),
        ("2025-03-05", "2025-03-05"),
        ("0912345678", "0912345678"),
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-7", -7),
        ("350.000", 350.0),
        ("~", None),
        ("", None),
        ("'yes'", "yes"),
        ('"350.000"', "350.000"),
        ("1e3", 1000.0),
        (".inf", ".inf"),
    ],
)
def test_plain_scalars_resolve_without_yaml_1_1_surprises(written, value):
    doc, findings = load(f"v: {written}\n")
    assert findings == []
    assert doc.data["v"] == value
    assert type(doc.data["v"]) is type(value)


def test_float_keeps_its_source_text_for_messages():
    doc, _ = load("v: 350.000\n")
    assert doc.source[("v",)] == "350.000"


def test_nfd_text_is_normalised_to_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn Đức Thắng")
    doc, findings = load(f"ten: {nfd}\n")
    assert findings == []
    assert doc.data["ten"] == "Nguyễn Đức Thắng"
    assert unicodedata.is_normalized("NFC", doc.data["ten"])


def test_nfd_keys_are_normalised_too():
    doc, _ = load(unicodedata.normalize("NFD", "tên: 1\n"))
    assert list(doc.data) == ["tên"]


def test_eth_lookalike_is_an_error_at_its_column_and_read_as_vietnamese_d():
    doc, findings = load("ten: \u00d0ỗ Văn B\u00f0\n")
    assert doc.data["ten"] == "Đỗ Văn Bđ"
    assert [(f.code, f.severity, f.line, f.column) for f in findings] == [
        ("ky-tu-an", "error", 1, 6),
        ("ky-tu-an", "error", 1, 14),
    ]
    assert "<U+00D0>" in findings[0].message and "Đ" in findings[0].message


def test_utf8_bom_and_crlf_are_accepted():
    doc, findings = load_bytes(codecs.BOM_UTF8 + b"a: 1\r\nb: hai\r\n", "t.yaml")
    assert findings == []
    assert doc.data == {"a": 1, "b": "hai"}
    assert doc.marks[("b",)] == (2, 4)


def test_utf16_with_bom_is_accepted():
    doc, findings = load_bytes("ten: Bình\n".encode("utf-16"), "t.yaml")
    assert findings == []
    assert doc.data == {"ten": "Bình"}


def test_non_utf8_is_refused_at_the_bad_byte():
    doc, findings = load_bytes("a: 1\nten: C\xf4ng\n".encode("latin-1"), "t.yaml")
    assert doc is None
    assert [(f.code, f.line, f.column) for f in findings] == [("yaml", 2, 7)]
    assert "UTF-8" in findings[0].message


def test_every_duplicate_key_is_reported_and_the_file_refused():
    doc, findings = load("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
    assert doc is None
    assert [(f.code, f.line) for f in findings] == [("yaml", 3), ("yaml", 6)]
    assert "dòng 1" in findings[0].message


def test_anchor_is_refused():
    finding = only_finding("a: &x 1\n")
    assert (finding.code, finding.line, finding.column) == ("yaml", 1, 4)


def test_alias_bomb_is_refused_without_being_expanded():
    lines = ['a: ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    # Written without anchors on purpose: the alias alone must be refused.
    lines.append("b: [*a,*a,*a,*a,*a,*a,*a,*a,*a]")
    finding = only_finding("\n".join(lines) + "\n")
    assert finding.code == "yaml"
    assert finding.line == 2


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo x']\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!str 1\n",
        "!!map {a: 1}\n",
    ],
)
def test_explicit_tags_are_refused(text):
    assert only_finding(text).code == "yaml"


def test_syntax_error_reports_its_line_in_vietnamese():
    finding = only_finding("a: 1\nb: x: y\n")
    assert (finding.code, finding.line) == ("yaml", 2)
    assert "ngoặc kép" in finding.message


def test_tab_indentation_gets_a_hint_about_spaces():
    finding = only_finding("a:\n\tb: 1\n")
    assert "Tab" in finding.message


def test_deep_nesting_is_refused_without_recursion_error():
    depth = 100_000
    finding = only_finding("a: " + "[" * depth + "]" * depth + "\n")
    assert finding.code == "yaml"
    assert str(MAX_DEPTH) in finding.message


def test_several_documents_are_refused():
    assert only_finding("a: 1\n---\nb: 2\n").line == 2


def test_complex_key_is_refused():
    assert only_finding("? [a, b]\n: 1\n").code == "yaml"


def test_empty_file_loads_as_nothing_without_findings():
    doc, findings = load("# chỉ có ghi chú\n")
    assert findings == []
    assert doc.data is None


def test_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    person = "  - {ma: nguyen-van-an, ho_ten: Nguyễn Văn An, noi_cong_tac: Phân xưởng Cơ khí}\n"
    big.write_text("ca_nhan:\n" + person * 100_000, encoding="utf-8")
    assert big.stat().st_size > MAX_BYTES

    def refuse(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    doc, findings = load_file(big, "big.yaml")
    assert doc is None
    assert [(f.code, f.line) for f in findings] == [("yaml", 1)]
    assert "1 MiB" in findings[0].message


def test_oversized_bytes_are_refused_without_parsing():
    doc, findings = load_bytes(b"a: " + b"x" * (MAX_BYTES + 1), "t.yaml")
    assert doc is None
    assert findings[0].code == "yaml"


def test_missing_file_is_a_finding_not_an_exception(tmp_path):
    doc, findings = load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert doc is None
    assert findings[0].code == "yaml"


def test_html_in_text_is_kept_verbatim():
    doc, _ = load('ten: "<script>alert(1)</script> | x |"\n')
    assert doc.data["ten"] == "<script>alert(1)</script> | x |"


def test_duplicate_mapping_reports_its_key_once_not_its_children():
    doc, findings = load("c:\n  d: 1\nc:\n  d: 2\n")
    assert doc is None
    assert [(f.code, f.line) for f in findings] == [("yaml", 3)]


def test_first_of_duplicate_keys_is_the_one_kept_for_positions():
    _, findings = load("a: 1\na: 2\n")
    assert "dòng 1" in findings[0].message


# --- hidden characters (SPEC §9.2: ky-tu-an at the character's own column) ---------------


def hidden(text: str) -> list[tuple[int, int]]:
    _, findings = load(text)
    assert all(f.code == "ky-tu-an" and f.severity == "error" for f in findings), findings
    return [(f.line, f.column) for f in findings]


@pytest.mark.parametrize(
    "char",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e", "\u2066", "\u2069"],
)
def test_hidden_character_in_a_value_is_an_error_at_its_column(char):
    assert hidden(f"a: 1\nho_ten: Nguyễn Văn{char} An\n") == [(2, 19)]


def test_each_hidden_character_is_its_own_finding_at_its_own_column():
    assert hidden("a:\n  - \u202eAn\u200b\u200bB\n") == [(2, 5), (2, 8), (2, 9)]


def test_hidden_character_in_a_key_is_an_error_at_its_column():
    assert hidden("don_vi:\n  ho\u200b_ten: An\n") == [(2, 5)]


def test_hidden_character_in_a_quoted_value_is_found_at_its_column():
    assert hidden('a: "Trần Thị \u202eBình"\n') == [(1, 14)]


def test_hidden_character_written_as_an_escape_is_found_at_the_escape():
    assert hidden('a: "x\\u200By"\nb: "\\e"\n') == [(1, 6), (2, 5)]


def test_hidden_character_in_block_text_is_found_on_its_own_line():
    assert hidden("a: |\n  Dòng một\n  Dòng\u2067 hai\n") == [(3, 7)]


def test_tab_and_newline_are_allowed_in_block_text_only():
    doc, findings = load("a: |\n  x\ty\n\n  z\n")
    assert findings == [] and doc.data["a"] == "x\ty\n\nz\n"
    assert hidden('a: "x\\ty"\n') == [(1, 6)]


def test_control_characters_escaped_in_a_quoted_value_are_errors():
    assert hidden('a: "x\\x01y\\x85"\n') == [(1, 6), (1, 11)]


def test_hidden_character_message_shows_it_visibly_and_never_echoes_the_value():
    _, findings = load("ho_ten: Bí mật\u202eABC\n")
    (finding,) = findings
    assert "<U+202E>" in finding.message
    assert "\u202e" not in finding.message and "Bí mật" not in finding.message


def test_a_file_with_hidden_characters_still_loads_for_the_other_checks():
    doc, findings = load("a: x\u200by\n")
    assert doc is not None and doc.data == {"a": "x\u200by"}
    assert [f.code for f in findings] == ["ky-tu-an"]


def test_a_bom_at_the_start_of_the_file_is_not_a_hidden_character():
    doc, findings = load_bytes(codecs.BOM_UTF8 + "a: Bình\n".encode(), "t.yaml")
    assert findings == [] and doc.data == {"a": "Bình"}


# --- characters libyaml refuses: located, in Vietnamese (issue 8, finding 9) --------------


def test_nul_byte_is_reported_at_its_line_and_column_in_vietnamese():
    raw = b"".join(b"k%d: %d\n" % (i, i) for i in range(1, 9)) + b"ten: An\x00B\n"
    doc, findings = load_bytes(raw, "t.yaml")
    assert doc is None
    assert [(f.code, f.line, f.column) for f in findings] == [("ky-tu-an", 9, 8)]
    assert "<U+0000>" in findings[0].message
    assert "unacceptable" not in findings[0].message


@pytest.mark.parametrize("raw", [b"a: x\x7fy\n", "a: x\u0085y\n".encode(), b"# c\x01\na: 1\n"])
def test_raw_control_characters_are_located_findings(raw):
    doc, findings = load_bytes(raw, "t.yaml")
    assert doc is None
    assert [f.code for f in findings] == ["ky-tu-an"]
    assert findings[0].column in (4, 5)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_utf32_and_bomless_utf16_files_say_to_save_as_utf8(codec):
    doc, findings = load_bytes("a: Nguyễn\n".encode(codec), "t.yaml")
    assert doc is None
    assert [(f.code, f.line, f.column) for f in findings] == [("yaml", 1, 1)]
    assert "UTF-8" in findings[0].message and "UTF-" in findings[0].message
    assert "unacceptable" not in findings[0].message


def test_lone_surrogate_escape_is_a_located_vietnamese_finding():
    (finding,) = load('a: 1\nb: "x\\ud800"\n')[1]
    assert (finding.code, finding.line, finding.column) == ("yaml", 2, 6)
    assert "libyaml" not in finding.message
    assert "mã thoát" in finding.message


@pytest.mark.parametrize(
    "text",
    ['a: "\\xZZ"\n', "a: !x 1\n", "a: [1,,2]\n", 'a: "x" y\n', "%YAML 2.0\n---\na: 1\n"],
)
def test_syntax_messages_start_in_vietnamese(text):
    (finding,) = load(text)[1]
    assert finding.message.isascii() is False
    for english in ("found", "expected", "while", "unacceptable", "character", "libyaml"):
        assert english not in finding.message, finding.message


def test_hidden_characters_are_reported_a_bounded_number_of_times():
    _, findings = load("".join(f"k{i}: a\u200bb\n" for i in range(1000)))
    assert 0 < len(findings) <= 120


def test_hidden_character_in_a_multi_line_plain_value_is_placed_on_its_line():
    assert hidden("a: một\n  hai\n  ba\u200b bốn\n") == [(3, 5)]


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u00ad", "\u180e", "\U000e0041"])
def test_other_default_ignorable_characters_are_hidden_too(char):
    assert hidden(f"a: 1\nho_ten: Nguyễn Văn{char} An\n") == [(2, 19)]


def test_an_emoji_variation_selector_is_not_a_hidden_character():
    doc, findings = load("thanh_tich: Đạt chuẩn \u2714\ufe0f\n")
    assert findings == [] and doc.data["thanh_tich"].endswith("\ufe0f")


def test_a_blank_line_inside_a_one_line_value_is_a_hidden_newline():
    _, findings = load("a: một\n\n  hai\n")
    assert [(f.code, f.line) for f in findings] == [("ky-tu-an", 1)]
    assert "<U+000A>" in findings[0].message


def test_every_hidden_character_fails_one_of_the_loaders_cheap_tests():
    from vinhdanh.check.hidden import BLANK, HIDDEN

    hidden_chars = [chr(c) for c in range(0x110000) if HIDDEN.match(chr(c))]
    assert len(hidden_chars) > 100
    assert not [c for c in hidden_chars if c.isprintable() and not BLANK.match(c)]


@pytest.mark.parametrize("blank", ["\u3164", "\u2800", "\u115f", "\uffa0", "\u034f"])
def test_a_printable_but_blank_letter_is_a_hidden_character(blank):
    _, findings = load(f"a: Nguyễn Văn{blank} An\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("ky-tu-an", 1, 14)]
    assert blank not in findings[0].message


@pytest.mark.parametrize("letter", ["\u0410", "\u0435", "\u0391", "\uff21", "\U0001d400"])
def test_a_letter_of_another_script_inside_a_latin_word_is_a_look_alike(letter):
    _, findings = load(f"a: Nguy{letter}n Văn An\n")
    assert [(f.code, f.column) for f in findings] == [("ky-tu-an", 8)]
    assert "bảng chữ khác" in findings[0].message


def test_greek_or_cyrillic_words_of_their_own_are_not_look_alikes():
    _, findings = load("a: hệ số α và chữ Ωmega ngoài; Москва\n")
    assert [f.code for f in findings] == ["ky-tu-an"]  # only Ω, inside the Latin "mega"


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\r"])
def test_a_break_only_libyaml_sees_is_refused_at_the_line_github_shows(breaker):
    # libyaml ends a line there, Git and GitHub do not: every later line would shift
    doc, findings = load_text(f'a: 1\nb: "x{breaker}y"\nc: 3\n', "t.yaml")
    assert doc is None
    assert [(f.line, f.column, f.code) for f in findings] == [(2, 6, "ky-tu-an")]
    assert "xuống dòng lạ" in findings[0].message
