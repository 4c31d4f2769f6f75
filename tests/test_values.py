"""Dates, money and diacritic folding."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from vinhdanh.values import (
    escape_markdown,
    fold,
    format_date,
    format_money,
    parse_date,
    parse_money,
    vietnamese_name_key,
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
        "&#91;a&#93;&#40;javascript:x&#41; &#124; &#60;b&#62;&#42;y&#42;&#60;/b&#62; &#35; z"
    )


def test_markdown_escape_keeps_vietnamese_and_numbers_readable():
    assert (
        escape_markdown("Nguyễn Văn An — 1.200.000 đ, 70 %") == "Nguyễn Văn An — 1.200.000 đ, 70 %"
    )


def test_names_sort_by_given_name_then_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Văn An", "Lê Thị An", "Nguyễn Thị An"]
    assert sorted(names, key=vietnamese_name_key) == [
        "Lê Thị An",
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Trần Văn Bình",
    ]


def test_letters_follow_the_vietnamese_alphabet_not_code_points():
    names = [
        "Vũ Đức",
        "Vũ Dũng",
        "Vũ Ân",
        "Vũ Ăn",
        "Vũ An",
        "Vũ Ơn",
        "Vũ Ôn",
        "Vũ On",
        "Vũ Ưng",
        "Vũ Uy",
        "Vũ Em",
        "Vũ Êm",
    ]
    assert sorted(names, key=vietnamese_name_key) == [
        "Vũ An",
        "Vũ Ăn",
        "Vũ Ân",
        "Vũ Dũng",
        "Vũ Đức",
        "Vũ Em",
        "Vũ Êm",
        "Vũ On",
        "Vũ Ôn",
        "Vũ Ơn",
        "Vũ Uy",
        "Vũ Ưng",
    ]


def test_tones_break_ties_in_dictionary_order():
    tones = ["Lê Mạ", "Lê Má", "Lê Mã", "Lê Mả", "Lê Mà", "Lê Ma"]
    assert sorted(tones, key=vietnamese_name_key) == list(reversed(tones))


def test_letters_outweigh_tones():
    assert sorted(["Lê Ánh", "Lê Anh"], key=vietnamese_name_key) == ["Lê Anh", "Lê Ánh"]
    assert sorted(["Lê Ấn", "Lê Anh"], key=vietnamese_name_key) == ["Lê Anh", "Lê Ấn"]


def test_name_key_ignores_case_and_normalisation_form():
    nfd = unicodedata.normalize("NFD", "nguyễn văn ân")
    assert vietnamese_name_key(nfd)[0] == vietnamese_name_key("NGUYỄN VĂN ÂN")[0]
