"""YAML → workbook → YAML gives the same data (issue 11, SPEC §9.6).

Submissions' lists are generated from the workbook layout, so every column
kind the schema has is exercised: codes, texts, paragraphs, counts, years,
money (written as a number or as "350.000.000"), Có/Không, one or several
vocabulary labels, lists of years and of prizes, nested lists keyed by their
owner, references and the delegates sent up.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.office.cells import words
from vinhdanh.office.excel_in import TOTALS, read_workbook
from vinhdanh.office.layout import (
    BOOL,
    CHOICE,
    CHOICES,
    COUNT,
    DELEGATES,
    HONOREES,
    ID,
    LINES,
    LONG,
    MONEY,
    REFERENCE,
    YEAR,
    YEARS,
    workbook_layout,
)
from vinhdanh.office.workbook import unit_workbook
from vinhdanh.project import open_project
from vinhdanh.values import format_money, parse_money

from .conftest import REPO

PROJECT = open_project(REPO)
LAYOUT = workbook_layout(PROJECT.schemas)
VOCAB = PROJECT.vocabulary
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệốồổỗộớờởỡợíìỉĩịúùủũụứừửữựýỳỷỹỵ"
ALPHABET = LETTERS + LETTERS.upper() + "0123456789,.;:!?()/'\"#&<>%+=@*_[]{}–"
word = st.text(ALPHABET, min_size=1, max_size=8)


def _not_a_total(text: str) -> bool:
    """A row whose first cell reads only "Tổng cộng" is a total row, by design."""
    return " ".join(words(text)) not in TOTALS


line = st.lists(word, min_size=1, max_size=6).map(" ".join).filter(_not_a_total)
paragraphs = st.lists(
    st.lists(line, min_size=1, max_size=3).map("\n".join), min_size=1, max_size=3
).map("\n\n".join)
code = st.from_regex(r"[a-z0-9]{3,8}(-[a-z0-9]{1,6}){0,3}", fullmatch=True)
money = st.integers(0, 10**15) | st.integers(0, 10**9).map(format_money)

VALUES = {
    LONG: paragraphs,
    COUNT: st.integers(0, 1_000_000),
    YEAR: st.integers(1945, 2100),
    MONEY: money,
    BOOL: st.booleans(),
    YEARS: st.lists(st.integers(1945, 2100), min_size=1, max_size=4),
    LINES: st.lists(line, min_size=1, max_size=3),
}


def _value(field):
    if field.kind == CHOICE:
        return st.sampled_from(list(VOCAB[field.vocabulary]))
    if field.kind == CHOICES:
        return st.lists(st.sampled_from(list(VOCAB[field.vocabulary])), min_size=1, unique=True)
    return VALUES.get(field.kind, line)


def _item(sheet, reference: str | None = None):
    """One item of a sheet's list: required fields always, optional ones sometimes."""
    fields = [f for f in sheet.fields if f.kind != ID and f.key != REFERENCE]
    if reference is not None:
        fields = [f for f in fields if f.in_reference]
    required = {f.key: _value(f) for f in fields if f.required and reference is None}
    optional = {f.key: _value(f) for f in fields if not f.required or reference is not None}
    head = {REFERENCE: st.just(reference)} if reference is not None else {}
    return st.fixed_dictionaries({**head, **required}, optional=optional)


SHEETS = {s.name: s for s in LAYOUT}
REFERENCE_KEYS = set(PROJECT.schemas["submission"]["definitions"]["tham_chieu"]["properties"])
NESTED = {path: [s for s in LAYOUT if s.owned and path in s.lists] for path in HONOREES}


@st.composite
def submissions(draw):
    data: dict = {}
    codes = draw(st.lists(code, min_size=0, max_size=8, unique=True))
    honorees = []
    for index, own in enumerate(codes):
        path = HONOREES[index % 2]
        sheet = next(s for s in LAYOUT if not s.owned and s.lists == (path,))
        reference = draw(st.booleans())
        if reference:
            item = draw(_item(sheet, f"cdcs-duoi/{own}"))
        else:
            item = {"ma": own, **draw(_item(sheet))}
        for nested in NESTED[path]:
            if reference and nested.nested not in REFERENCE_KEYS:
                continue
            items = draw(st.lists(_item(nested), max_size=2))
            if items:
                item[nested.nested] = items
        honorees.append(item.get("ma") or item[REFERENCE])
        _at(data, path).append(item)
    for name in ("Đoàn chủ tịch", "Số liệu khen thưởng"):
        sheet = SHEETS[name]
        items = draw(st.lists(_item(sheet), max_size=3))
        if items:
            _at(data, sheet.lists[0]).extend(items)
    if honorees:
        sent = draw(st.lists(st.sampled_from(honorees), max_size=3, unique=True))
        if sent:
            _at(data, DELEGATES).extend(sent)
    return data


def _at(data: dict, path) -> list:
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    return node.setdefault(path[-1], [])


def _canonical(value, key=None):
    """Money in its one meaning (an int); text in NFC, as the workbook keeps it."""
    if isinstance(value, dict):
        return {k: _canonical(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if key == "gia_tri_lam_loi":
        return parse_money(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _lists(data: dict) -> dict:
    out = {}
    for sheet in LAYOUT:
        for path in sheet.lists:
            node = data
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            if node:
                out[path] = _canonical(node)
    return out


@SETTINGS
@given(submissions())
def test_lists_read_back_from_their_workbook_are_the_same(data):
    book = unit_workbook(LAYOUT, VOCAB, data, "cdcs-thu", "Công đoàn cơ sở Thử")
    got = read_workbook(book, "thu.xlsx", LAYOUT, VOCAB)
    assert [f for f in got.findings if f.is_error] == []
    assert {p: _canonical(v) for p, v in got.lists.items() if v} == _lists(data)
