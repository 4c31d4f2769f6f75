"""The loader: exact data, a position for everything, and every hazard refused."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from vinhdanh.load import MAX_BYTES, MAX_DEPTH, load_bytes, load_file, load_text


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


def test_eth_lookalike_is_read_as_vietnamese_d_with_a_warning():
    doc, findings = load("ten: \u00d0ỗ Văn B\u00f0\n")
    assert doc.data["ten"] == "Đỗ Văn Bđ"
    assert [(f.code, f.severity, f.line) for f in findings] == [("ky-tu", "warning", 1)]


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
