"""Dates, money and diacritic folding."""

from __future__ import annotations

from datetime import date

import pytest

from vinhdanh.values import (
    escape_markdown,
    fold,
    format_date,
    format_money,
    parse_date,
    parse_money,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-05", date(2025, 3, 5)),
        ("05/03/2025", date(2025, 3, 5)),
        ("5/3/2025", date(2025, 3, 5)),
        ("31/02/2025", None),
        ("2025-02-29", None),
        ("2024-02-29", date(2024, 2, 29)),
        ("05-03-2025", None),
        ("", None),
    ],
)
def test_both_date_forms_are_read_and_impossible_days_are_none(text, expected):
    assert parse_date(text) == expected


def test_dates_are_shown_day_first():
    assert format_date(date(2025, 3, 5)) == "05/03/2025"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (350000000, 350000000),
        ("350.000.000", 350000000),
        ("1.200", 1200),
        ("350,000", None),
        (-1, None),
        (True, None),
        (350.0, None),
        ("1.20", None),
    ],
)
def test_money_is_an_integer_or_a_dotted_string(value, expected):
    assert parse_money(value) == expected


def test_money_is_shown_with_dots():
    assert format_money(1200000000) == "1.200.000.000"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("NGUYỄN VĂN AN", "nguyen van an"),
        ("Đức", "duc"),
        ("Lò Thị Xuân", "lo thi xuan"),
    ],
)
def test_fold_drops_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_markdown_escape_leaves_no_markup():
    assert escape_markdown("[a](javascript:x) | <b>*y*</b>\n# z") == (
        "\\[a\\]\\(javascript:x\\) \\| \\<b\\>\\*y\\*\\</b\\> \\# z"
    )
