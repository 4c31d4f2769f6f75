"""Values that fail a check for a reason a person can name get the value they meant.

Each slip is made on a copy of a shipped sample (issue 12, item 3): the schema's
message names the cause (a date's shape, curly quotes, diacritics in an id, a
label where the code belongs) and says the value to write.
"""

from __future__ import annotations

from datetime import date

import pytest

from vinhdanh.check.load import load_text
from vinhdanh.check.schema import SchemaChecker
from vinhdanh.check.slips import code_for_label, reshaped_date, typographic_quotes
from vinhdanh.check.validate import validate

from .conftest import REPO
from .helpers import ENGLISH, with_line

DATE_LINE = "  ngay: 2025-03-05"


@pytest.fixture(scope="module")
def checker(repo_project):
    return SchemaChecker(repo_project.schemas, "submission")


def schema_messages(checker, text: str) -> list[str]:
    doc, findings = load_text(text, "t.yaml")
    assert findings == [], findings
    messages = [f.message for f in checker.check(doc)]
    assert not any(ENGLISH.search(m) for m in messages), messages
    return messages


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("07-03-2025", date(2025, 3, 7)),
        ("7.3.2025", date(2025, 3, 7)),
        ("2025/3/7", date(2025, 3, 7)),
        ("2025-3-7", date(2025, 3, 7)),
        ("31-02-2025", None),
        ("07-03-25", None),
        ("hôm qua", None),
    ],
)
def test_a_date_in_another_shape_is_read_as_the_day_meant(written, meant):
    assert reshaped_date(written) == meant


@pytest.mark.parametrize("written", ["07-03-2025", "2025/3/7"])
def test_a_date_in_another_shape_is_not_called_a_day_missing_from_the_calendar(checker, written):
    (message,) = schema_messages(checker, with_line(DATE_LINE, f"  ngay: {written}"))
    assert "2025-03-07" in message and "07/03/2025" in message
    assert "sai dạng" in message and "không có trên lịch" not in message


def test_the_date_rule_says_nothing_of_a_date_in_another_shape(repo_project, tmp_path):
    target = tmp_path / "cdcs-co-khi-ha-noi.yaml"
    target.write_text(with_line(DATE_LINE, "  ngay: 07-03-2025"), encoding="utf-8")
    codes = [f.code for f in validate(repo_project, [target]).findings]
    assert codes == ["schema"]


def test_a_day_that_does_not_exist_is_still_the_date_rules(repo_project, tmp_path):
    target = tmp_path / "cdcs-co-khi-ha-noi.yaml"
    target.write_text(with_line(DATE_LINE, "  ngay: 30/02/2025"), encoding="utf-8")
    (finding,) = validate(repo_project, [target]).findings
    assert finding.code == "ngay" and "không có trên lịch" in finding.message


@pytest.mark.parametrize(
    ("opening", "closing", "kind"), [("“", "”", "ngoặc kép cong"), ("‘", "’", "nháy cong")]
)
def test_curly_quotes_around_a_date_are_named(checker, opening, closing, kind):
    (message,) = schema_messages(
        checker, with_line(DATE_LINE, f"  ngay: {opening}2025-03-05{closing}")
    )
    assert kind in message and "Hãy viết 2025-03-05" in message


def test_typographic_quotes_are_found_only_around_the_whole_value():
    assert typographic_quotes("“Tổ Cơ khí”") == ("ngoặc kép cong “…”", "Tổ Cơ khí")
    assert typographic_quotes("Phong trào “Lao động giỏi”") is None


def test_an_id_with_diacritics_gets_its_folded_form(checker):
    text = with_line("    - ma: hoang-thi-lan", "    - ma: lê-thị-mỹ-duyên")
    (message,) = schema_messages(checker, text)
    assert "có chữ có dấu" in message and "Hãy viết le-thi-my-duyen" in message


def test_an_id_with_capitals_and_spaces_gets_its_folded_form(checker):
    text = with_line("    - ma: hoang-thi-lan", "    - ma: Đặng Văn Đức")
    (message,) = schema_messages(checker, text)
    assert "Hãy viết dang-van-duc" in message


def test_the_exact_label_pasted_for_a_code_gets_the_code(checker):
    written = "  hinh_thuc: Hội nghị tuyên dương điển hình tiên tiến"
    (message,) = schema_messages(checker, with_line("  hinh_thuc: hoi-nghi-tuyen-duong", written))
    assert "là tên gọi của mã hoi-nghi-tuyen-duong" in message
    assert "Các giá trị được phép" not in message  # the one code meant, not the whole list


def test_a_label_with_a_typo_or_no_diacritics_gets_the_code_as_a_guess(checker):
    written = "  hinh_thuc: Hội nghị tuyên dương điển hình tiêu biểu"
    (message,) = schema_messages(checker, with_line("  hinh_thuc: hoi-nghi-tuyen-duong", written))
    assert "Có phải ý bạn là 'hoi-nghi-tuyen-duong'" in message


def test_a_code_in_curly_quotes_is_named(checker):
    written = "  thoi_luong: “nua-ngay”"
    (message,) = schema_messages(checker, with_line("  thoi_luong: nua-ngay", written))
    assert "ngoặc kép cong" in message and "nua-ngay" in message


def test_labels_are_compared_by_their_letters_only():
    codes, labels = ["a-b", "c-d"], ["Hội nghị toàn thể", "Gặp mặt, giao lưu"]
    assert code_for_label("hội nghị  TOÀN THỂ", codes, labels) == ("a-b", True)
    assert code_for_label("Gap mat giao luu", codes, labels) == ("c-d", True)
    assert code_for_label("Hội nghị khác hẳn", codes, labels) is None


def test_a_key_read_with_an_odd_space_is_named_by_the_schema(checker):
    signer = "  nguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Trần Văn Bình}"
    text = with_line(signer, signer.replace("chuc_danh: ", "chuc_danh:\u00a0"))
    messages = schema_messages(checker, text)
    assert any("dấu cách không ngắt (U+00A0)" in m for m in messages), messages


def test_the_samples_have_no_slip(repo_project):
    result = validate(repo_project, sorted((REPO / "submissions").glob("*.yaml")))
    assert not result.has_errors


def test_a_curly_quote_then_a_hundred_thousand_spaces_is_read_in_one_pass():
    # a regex with spaces around a lazy group took cubic time on this (hours at 16 KB)
    assert typographic_quotes("“" + " " * 100_000 + "x") is None
    assert typographic_quotes("“" + " " * 100_000 + "x”") == ("ngoặc kép cong “…”", "x")
