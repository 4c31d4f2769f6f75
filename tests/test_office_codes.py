"""Codes for the records a workbook lists (office/codes.py)."""

from __future__ import annotations

import re

from vinhdanh.office.codes import assign
from vinhdanh.office.layout import COLLECTIVES, PEOPLE

PATTERNS = {PEOPLE: re.compile("^[a-z0-9-]{3,64}$"), COLLECTIVES: re.compile("^[a-z0-9-]{3,64}$")}


def codes(lists):
    list(assign(lists, PATTERNS))
    return [i.get("ma") for path in (PEOPLE, COLLECTIVES) for i in lists.get(path, [])]


def test_a_record_without_a_code_gets_one_from_its_name():
    assert codes({PEOPLE: [{"ho_ten": "Lê Thị Mỹ Duyên"}]}) == ["le-thi-my-duyen"]


def test_a_made_code_is_never_one_already_taken_across_lists():
    lists = {PEOPLE: [{"ma": "to-may-3"}], COLLECTIVES: [{"ten": "Tổ May 3"}]}
    assert codes(lists) == ["to-may-3", "to-may-3-2"]


def test_a_written_code_the_schema_allows_is_kept_even_twice():
    lists = {PEOPLE: [{"ma": "an--1"}, {"ma": "an--1"}]}
    assert codes(lists) == ["an--1", "an--1"]


def test_a_written_code_with_marks_is_made_plain():
    assert codes({PEOPLE: [{"ma": "Lê-Thị-Mỹ"}]}) == ["le-thi-my"]


def test_a_reference_gets_no_code():
    assert codes({PEOPLE: [{"tu": "cdcs-a/nguyen-van-an"}]}) == [None]


def test_the_code_comes_first():
    lists = {PEOPLE: [{"ho_ten": "An Lê", "ma": None}]}
    list(assign(lists, PATTERNS))
    assert next(iter(lists[PEOPLE][0])) == "ma"
