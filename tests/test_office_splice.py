"""Writing imported lists into a submission's YAML text: only the replaced values change.

Each splice is checked three ways: the bytes around the replaced value are the
original's (found here line by line, independently of the node marks splice
uses), the result reads back with our loader as the original data with only the
given paths changed, and splicing the same values again changes nothing.
"""

from __future__ import annotations

import copy
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vinhdanh.check.load import load_text
from vinhdanh.office.splice import SpliceError, splice, to_yaml

from .conftest import REPO
from .helpers import ENGLISH

SAMPLES = sorted((REPO / "submissions").glob("*.yaml"))
LISTS = [
    ("dien_hinh", "ca_nhan"),
    ("dien_hinh", "tap_the"),
    ("hoi_nghi", "doan_chu_tich"),
    ("bao_cao", "so_lieu_khen_thuong"),
]
PATHS = [*LISTS, ("bao_cao", "noi_dung")]
CO_KHI = REPO / "submissions" / "cd-tct-co-khi.yaml"
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str) -> Any:
    doc, findings = load_text(text, "t.yaml")
    assert doc is not None, findings
    return doc.data


def changed(data: Any, values: dict[tuple[str, ...], Any]) -> Any:
    """``data`` with each path set to its value (missing parents made), as splice should."""
    data = copy.deepcopy(data) if data is not None else {}
    for path, value in values.items():
        parent = data
        for name in path[:-1]:
            if not isinstance(parent.get(name), dict):
                parent[name] = {}
            parent = parent[name]
        if value is None:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value
    return data


def spliced(text: str, values: dict[tuple[str, ...], Any]) -> str:
    """splice(), checked to read back as the changed data and to be idempotent."""
    result = splice(text, values)
    assert read(result) == changed(read(text), values)
    assert splice(result, values) == result
    return result


def around(text: str, path: tuple[str, ...]) -> tuple[str, str]:
    """Text through the key's line, and from the end of the value's last written line.

    Found by lines: the value's lines are those below the key indented deeper than
    it; comment and blank lines after its last written line are not part of it.
    """
    lines = text.splitlines(keepends=True)
    at, indent = -1, 0
    for depth, name in enumerate(path):
        indent = 2 * depth
        at = next(
            i for i in range(at + 1, len(lines)) if lines[i].startswith(f"{' ' * indent}{name}:")
        )
    last = at
    for i in range(at + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[i]) - len(lines[i].lstrip(" ")) <= indent:
            break
        last = i
    before = "".join(lines[: at + 1])
    after_start = len("".join(lines[: last + 1])) - (len(lines[last]) - len(lines[last].rstrip()))
    return before, text[after_start:]


def edited(value: Any) -> Any:
    """A different value of the same shape: lists reversed with one more item, texts changed."""
    if isinstance(value, list):
        return [*reversed(value), copy.deepcopy(value[0])]
    return {key: f"{text}Thêm một dòng.\n" for key, text in reversed(value.items())}


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


# --- The samples in submissions/ --------------------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=".".join)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_value_replaced_every_byte_around_it_kept(sample: Path, path):
    text = sample.read_text(encoding="utf-8")
    value = read(text)
    for name in path:
        value = value[name]
    result = spliced(text, {path: edited(value)})
    before, after = around(text, path)
    assert result.startswith(before)
    assert result.endswith(after)
    assert len(result) > len(before) + len(after)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_spliced_with_its_own_lists_reads_back_the_same(sample: Path):
    text = sample.read_text(encoding="utf-8")
    data = read(text)
    values = {path: data[path[0]][path[1]] for path in PATHS}
    assert read(splice(text, values)) == data


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_comments_outside_the_replaced_lists_stay(sample: Path):
    text = sample.read_text(encoding="utf-8")
    data = read(text)
    values = {path: edited(data[path[0]][path[1]]) for path in PATHS}
    result = spliced(text, values)
    inside = set()
    for path in PATHS:
        before, after = around(text, path)
        inside |= set(comments(text[len(before) : len(text) - len(after)]))
    assert comments(result) == [c for c in comments(text) if c not in inside]
    assert result.splitlines()[0] == text.splitlines()[0]  # the yaml-language-server modeline


def test_comment_inside_a_replaced_list_goes_with_it():
    """Documented: a note between the old items cannot be said to describe a new one."""
    text = CO_KHI.read_text(encoding="utf-8")
    data = read(text)
    result = spliced(text, {("dien_hinh", "ca_nhan"): data["dien_hinh"]["ca_nhan"]})
    assert "# Người do Công đoàn cơ sở Công ty Cơ khí Hà Nội cử lên" in text
    assert "# Người do Công đoàn cơ sở" not in result
    assert "\n  tap_the:\n" in result
    assert "# Người liên hệ công tác của đơn vị" in result


def test_sample_all_lists_at_once_only_those_lines_change():
    text = CO_KHI.read_text(encoding="utf-8")
    data = read(text)
    result = spliced(text, {path: data[path[0]][path[1]] for path in LISTS})
    untouched = ["phien_ban: 1", "  nguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Lã Văn Quang}"]
    untouched += ['  dien_thoai: "024 3936 0712"', "  chuong_trinh: [chao-co, khai-mac, "]
    assert all(line in result for line in untouched)
    assert "    - hinh_thuc: huan-chuong-lao-dong-hang-ba\n      nam: 2024\n" in result


# --- Hand-written files: every shape a value and its surroundings can take -----------------

PERSON = {
    "ma": "le-thi-my-duyen",
    "ho_ten": "Lê Thị Mỹ Duyên",
    "noi_cong_tac": "Chuyền may số 12, Xí nghiệp May 2",
    "nam": [2023, 2024],
}
PERSON_LINES = (
    "    - ma: le-thi-my-duyen\n      ho_ten: Lê Thị Mỹ Duyên\n"
    "      noi_cong_tac: Chuyền may số 12, Xí nghiệp May 2\n      nam: [2023, 2024]\n"
)


def test_flow_list_replaced_by_a_block_list_keeps_the_comment_after_it():
    text = "dien_hinh:\n  ca_nhan: [a,\n    b]  # xem sau\n  tap_the: []\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  ca_nhan:  # xem sau\n" + PERSON_LINES + "  tap_the: []\n"


def test_flow_list_replaced_by_a_flow_list_in_its_place():
    text = "hoi_nghi:\n  chuong_trinh: [a, b]  # thứ tự\n"
    result = spliced(text, {("hoi_nghi", "chuong_trinh"): ["chao-co", "be-mac"]})
    assert result == "hoi_nghi:\n  chuong_trinh: [chao-co, be-mac]  # thứ tự\n"


def test_comment_on_the_key_line_and_before_the_first_item_stay():
    text = "dien_hinh:\n  ca_nhan:  # danh sách\n    # người thứ nhất\n    - ma: x\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  ca_nhan:  # danh sách\n    # người thứ nhất\n" + PERSON_LINES


def test_comments_after_the_last_item_stay_for_what_follows():
    text = "dien_hinh:\n  ca_nhan:\n    - ma: x  # cũ\n\n  # Tập thể:\n  tap_the: []\n# hết\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert (
        result
        == "dien_hinh:\n  ca_nhan:\n" + PERSON_LINES + "\n  # Tập thể:\n  tap_the: []\n# hết\n"
    )


def test_comments_inside_the_replaced_list_go():
    text = "dien_hinh:\n  ca_nhan:\n    - ma: x\n    # về y\n    - ma: y\n  tap_the: []\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  ca_nhan:\n" + PERSON_LINES + "  tap_the: []\n"


def test_comment_at_the_end_of_the_file_stays():
    text = "dien_hinh:\n  ca_nhan:\n    - ma: x\n# cuối tệp\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  ca_nhan:\n" + PERSON_LINES + "# cuối tệp\n"


def test_empty_list_filled_then_emptied_gives_the_file_back():
    text = "# yaml-language-server: $schema=../schemas/submission.schema.json\n"
    text += "dien_hinh:\n  ca_nhan: []  # chưa có\n  tap_the: []\n"
    filled = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert filled.startswith(text.split("\n  ca_nhan")[0] + "\n  ca_nhan:  # chưa có\n")
    assert spliced(filled, {("dien_hinh", "ca_nhan"): []}) == text


def test_crlf_file_stays_crlf():
    text = "dien_hinh:\r\n  ca_nhan:\r\n    - ma: x\r\n# sau\r\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON, {"ghi_chu": "hai\ndòng\n"}]})
    assert "\n" not in result.replace("\r\n", "")
    assert result.endswith("      dòng\r\n# sau\r\n")


def test_file_without_a_final_newline_keeps_none():
    text = "dien_hinh:\n  ca_nhan:\n    - ma: x"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  ca_nhan:\n" + PERSON_LINES.rstrip("\n")


def test_text_of_several_lines_at_a_file_end_without_newline_is_quoted():
    """A ``|`` block there would lose its last newline: double quotes keep it."""
    result = spliced("bao_cao:\n  noi_dung: x", {("bao_cao", "noi_dung"): "a\nb\n"})
    assert result == 'bao_cao:\n  noi_dung: "a\\nb\\n"'


def test_absent_key_added_at_the_end_of_its_parent_before_comments_after_it():
    text = "dien_hinh:\n  tap_the: []\n# Người liên hệ\nlien_he: {}\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [PERSON]})
    assert result == "dien_hinh:\n  tap_the: []\n  ca_nhan:\n" + PERSON_LINES + text[25:]


def test_absent_parents_made_once_for_several_paths():
    text = "phien_ban: 1\n# cuối\n"
    values = {("bao_cao", "so_lieu_khen_thuong"): [], ("bao_cao", "noi_dung"): {"a": "x\n"}}
    result = spliced(text, values)
    expected = "phien_ban: 1\nbao_cao:\n  so_lieu_khen_thuong: []\n  noi_dung:\n    a: |\n"
    assert result == expected + "      x\n# cuối\n"


def test_empty_parent_filled_in_place():
    text = "bao_cao:  # báo cáo\nhoi_nghi: {}\n"
    result = spliced(text, {("bao_cao", "noi_dung", "muc_tieu"): "Một."})
    assert result == "bao_cao:  # báo cáo\n  noi_dung:\n    muc_tieu: Một.\nhoi_nghi: {}\n"


def test_empty_file_gets_the_keys():
    assert spliced("", {("dien_hinh", "ca_nhan"): []}) == "dien_hinh:\n  ca_nhan: []\n"
    assert spliced("# chỉ ghi chú", {("a",): 1}) == "# chỉ ghi chú\na: 1"


def test_value_inside_a_flow_mapping_written_in_flow_style():
    text = "hoi_nghi: {ngay: 2025-04-10, doan_chu_tich: []}  # gọn\n"
    result = spliced(text, {("hoi_nghi", "doan_chu_tich"): [{"ho_ten": "A: B", "so": 1}]})
    assert (
        result == 'hoi_nghi: {ngay: 2025-04-10, doan_chu_tich: [{ho_ten: "A: B", so: 1}]}  # gọn\n'
    )


def test_key_added_inside_a_flow_mapping():
    result = spliced("a: {x: 1}\nb: {}\n", {("a", "moi"): [1], ("b", "z"): "t"})
    assert result == "a: {x: 1, moi: [1]}\nb: {z: t}\n"


def test_indentation_of_the_file_kept_for_the_new_list():
    text = "dien_hinh:\n  ca_nhan:\n  - ma: x\n  tap_the: []\n"
    result = spliced(text, {("dien_hinh", "ca_nhan"): [{"ma": "m"}, {"ma": "z"}]})
    assert result == "dien_hinh:\n  ca_nhan:\n  - {ma: m}\n  - {ma: z}\n  tap_the: []\n"


def test_text_block_keeping_blank_lines_before_a_blank_line_is_quoted():
    """A ``|+`` block would take the blank line after it for its own."""
    text = "bao_cao:\n  a: x\n\n  b: y\n"
    result = spliced(text, {("bao_cao", "a"): "hai dòng\n\n"})
    assert result == 'bao_cao:\n  a: "hai dòng\\n\\n"\n\n  b: y\n'


def test_text_block_replaced_keeps_the_comment_on_its_header():
    text = "noi_dung:\n  a: |  # phần I\n    cũ\n\n  b: |\n    y\n"
    result = spliced(text, {("noi_dung", "a"): "mới\nhai dòng\n"})
    assert result == "noi_dung:\n  a: |  # phần I\n    mới\n    hai dòng\n\n  b: |\n    y\n"


def test_byte_order_mark_kept():
    text = "\ufeffdien_hinh:\n  ca_nhan: []\n"
    assert splice(text, {("dien_hinh", "ca_nhan"): [1]}) == "\ufeffdien_hinh:\n  ca_nhan: [1]\n"


def test_none_removes_the_key_and_its_value():
    text = "a: 1\nb:\n  - x\n  # về c\nc: 2\n"
    assert spliced(text, {("b",): None}) == "a: 1\n  # về c\nc: 2\n"


def test_path_through_a_text_is_refused():
    with pytest.raises(SpliceError, match="không phải một nhóm trường"):
        splice("bao_cao: chữ\n", {("bao_cao", "noi_dung"): {}})


def test_text_with_an_alias_is_refused():
    """One node in two places: replacing it at one would change the other."""
    with pytest.raises(SpliceError, match="tham chiếu YAML"):
        splice("a: &x [1]\nb: *x\n", {("a",): []})


def test_text_that_is_not_yaml_is_refused():
    with pytest.raises(SpliceError, match="không đọc được như YAML"):
        splice("a: [b\n", {("a",): []})


def test_text_that_is_not_yaml_is_refused_with_its_slip_in_vietnamese():
    with pytest.raises(SpliceError) as caught:
        splice("a: 1\nb: “Ghi chú: x”\n", {("a",): 2})
    message = str(caught.value)
    assert "dòng 2" in message and "ngoặc kép cong" in message
    assert not ENGLISH.search(message)


# --- The emitter ---------------------------------------------------------------------------


def test_house_style_of_a_list_of_people():
    data = {"dien_hinh": {"ca_nhan": [{**PERSON, "ghi_chu": None, "khen_thuong": []}]}}
    expected = "dien_hinh:\n  ca_nhan:\n" + PERSON_LINES + "      khen_thuong: []\n"
    assert to_yaml(data, 0) == expected


WORDS = ["yes", "no", "on", "Off", "y", "0123", "1:20", "2024-01-01", "350.000", "1e5", "true"]
SIGNS = ["null", "~", "", "#x", "a: b", "a #b", "a:", " x", "x ", "- x", "-x", "[a", "{a", "'a"]
STARTS = ['"a', "@a", "`a", "%a", "!a", "&a", "*a", "|a", ">a", "?a", "...", "=", "<<", "0x1F"]


@pytest.mark.parametrize("text", [*WORDS, *SIGNS, *STARTS, "1_000"])
def test_text_that_plain_would_change_is_quoted(text):
    written = to_yaml({"k": text}, 0)
    assert written.startswith('k: "')
    assert read(written) == {"k": text}
    assert yaml.safe_load(written) == {"k": text}  # YAML 1.1 reads the same


@pytest.mark.parametrize("text", ["Lê Thị Mỹ Duyên", "15/BC-CĐ", "100 % mối hàn", "a#b", "x:y"])
def test_ordinary_text_stays_plain(text):
    assert to_yaml({"k": text}, 0) == f"k: {text}\n"


@pytest.mark.parametrize(
    ("char", "escape"),
    [
        *[("\u200b", "\\u200B"), ("\U0001f600", "\\U0001F600"), ("\t", "\\t"), ("\x00", "\\0")],
        *[("\u202e", "\\u202E"), ("\u3164", "\\u3164"), ("\u2028", "\\L"), ("\x85", "\\N")],
    ],
)
def test_hidden_characters_are_escapes_the_reader_can_see(char, escape):
    written = to_yaml({"k": f"a{char}b"}, 0)
    assert written == f'k: "a{escape}b"\n'
    doc, _findings = load_text(written, "t.yaml")
    assert doc is not None
    assert doc.data == {"k": f"a{char}b"}


def test_text_of_several_lines_with_a_hidden_character_is_quoted_whole():
    assert to_yaml({"k": "a\u200bb\nc\n"}, 0) == 'k: "a\\u200Bb\\nc\\n"\n'


def test_text_with_a_tab_is_quoted_so_it_reads_back_the_same_in_any_place():
    assert to_yaml({"k": "a\tb\nc\n"}, 0) == 'k: "a\\tb\\nc\\n"\n'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a\nb\n", "k: |\n  a\n  b\n"),
        ("a\nb", "k: |-\n  a\n  b\n"),
        ("a\nb\n\n", "k: |+\n  a\n  b\n\n"),
        ("  a\nb\n", "k: |2\n    a\n  b\n"),
        ("a\n\n  b\n", "k: |\n  a\n\n    b\n"),
    ],
)
def test_text_of_several_lines_is_a_literal_block(text, written):
    assert to_yaml({"k": text}, 0) == written
    assert read(written) == {"k": text}


def test_short_codes_flow_on_one_line_only_while_it_fits():
    codes = ["chao-co", "khai-mac", "bao-cao-tong-ket", "tham-luan-giao-luu"]
    assert to_yaml({"chuong_trinh": codes}, 0) == f"chuong_trinh: [{', '.join(codes)}]\n"
    long = codes * 3
    assert to_yaml({"chuong_trinh": long}, 0).startswith("chuong_trinh:\n  - chao-co\n")
    assert to_yaml({"ten": ["Lê Thị", "An"]}, 0) == "ten:\n  - Lê Thị\n  - An\n"


# --- Properties ------------------------------------------------------------------------------

texts = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\u00d0\u00f0"), max_size=30
).map(lambda text: unicodedata.normalize("NFC", text))
tricky = st.text(st.sampled_from(list("ab :#-'\"\n\t|>[]{},?&*!%@`  é0"))).map(str)
names = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
scalars = st.one_of(st.booleans(), st.integers(-(10**18), 10**18), texts, tricky)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(names, texts), inner, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(trees)
def test_any_value_written_reads_back_the_same_with_our_loader_and_yaml_1_1(value):
    written = to_yaml({"k": value}, 0)
    doc, findings = load_text(written, "t.yaml")
    assert doc is not None, findings
    assert all(f.code == "ky-tu-an" for f in findings)
    assert doc.data == {"k": value}
    assert yaml.load(written, Loader=yaml.CSafeLoader) == {"k": value}


AROUND = (
    "# yaml-language-server: $schema=../schemas/submission.schema.json\n"
    "bao_cao:\n  so: 1  # số\n  noi_dung:\n    a: |+\n      x\n\n    # giữa\n"
    "    b: [1, 2]\n\n  # sau nội dung\nlien_he: {ten: A}\n# hết"
)


@SETTINGS
@given(st.sampled_from([("bao_cao", "noi_dung", "a"), ("bao_cao", "noi_dung")]), trees)
def test_any_value_spliced_reads_back_and_leaves_the_rest(path, value):
    result = spliced(AROUND, {path: value})
    assert result.startswith("# yaml-language-server: $schema=../schemas/submission.schema.json\n")
    assert result.endswith("\n\n  # sau nội dung\nlien_he: {ten: A}\n# hết")
    assert "bao_cao:\n  so: 1  # số\n  noi_dung:" in result


def test_list_items_of_a_few_short_fields_are_one_line_each_as_the_samples_write_them():
    members = [
        {"ho_ten": "Trần Đức Long", "chuc_vu": "Bí thư Đảng ủy", "thanh_phan": "dang"},
        {"ho_ten": "Lê Thị Xuân", "chuc_vu": "Tổng Giám đốc, Công ty", "thanh_phan": "chinh-quyen"},
    ]
    assert to_yaml({"doan_chu_tich": members}) == (
        "doan_chu_tich:\n"
        "  - {ho_ten: Trần Đức Long, chuc_vu: Bí thư Đảng ủy, thanh_phan: dang}\n"
        '  - {ho_ten: Lê Thị Xuân, chuc_vu: "Tổng Giám đốc, Công ty", thanh_phan: chinh-quyen}\n'
    )


def test_splicing_a_value_already_there_leaves_the_file_as_it_is():
    # found by the property test: a block written once was rewritten as a quoted string
    once = spliced(AROUND, {("bao_cao", "noi_dung", "a"): "0\n "})
    assert splice(once, {("bao_cao", "noi_dung", "a"): "0\n "}) == once
    assert splice(AROUND, {("bao_cao", "so"): 1}) == AROUND
    assert splice(AROUND, {("bao_cao", "so"): True}) != AROUND  # 1 is not true in YAML
