"""The scaffold of `vinhdanh new`: loadable, prefilled, complete, honest about what is missing."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
import yaml

from vinhdanh.check.load import load_file, load_text
from vinhdanh.check.registry import load_registry
from vinhdanh.check.validate import validate
from vinhdanh.errors import UsageError
from vinhdanh.scaffold import close_units, scaffold_for, yaml_scalar
from vinhdanh.website.publish import write_new_file

from .conftest import REPO
from .helpers import dump


@pytest.fixture(scope="module")
def text(repo_project):
    return scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam")


def test_scaffold_is_yaml_our_loader_accepts(text):
    doc, findings = load_text(text, "s.yaml")
    assert findings == []
    assert doc is not None


def test_scaffold_is_prefilled_from_the_registry(text):
    doc, _ = load_text(text, "s.yaml")
    assert doc.data["don_vi"] == {
        "ma": "cdcs-pin-ac-quy-mien-nam",
        "ten": "Công đoàn cơ sở Công ty Pin Ắc quy Miền Nam",
        "cap": "cdcs",
        "cap_tren": "cd-tap-doan-hoa-chat",
        "so_doan_vien": None,
    }


def test_scaffold_agenda_and_duration_come_from_the_plan(text, repo_project):
    doc, _ = load_text(text, "s.yaml")
    assert doc.data["hoi_nghi"]["chuong_trinh"] == list(repo_project.plan.agenda)
    assert doc.data["hoi_nghi"]["thoi_luong"] == repo_project.plan.duration


def test_scaffold_lists_every_code_a_user_must_choose_with_its_label(text, repo_project):
    vocabularies = ("hinh_thuc_hoi_nghi", "thanh_phan", "gioi_tinh", "hinh_thuc_khen_thuong")
    for vocabulary in (*vocabularies, "danh_hieu", "loai_dien_hinh", "linh_vuc", "hoat_dong"):
        for code, label in repo_project.vocabulary[vocabulary].items():
            assert f"#   {code}: {label}" in text


def test_scaffold_has_a_schema_modeline_and_no_trailing_spaces(text):
    assert text.startswith("# yaml-language-server: $schema=../schemas/submission.schema.json\n")
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_fresh_scaffold_lacks_only_content(repo_project, tmp_path):
    path = tmp_path / "cdcs-pin-ac-quy-mien-nam.yaml"
    path.write_text(scaffold_for(repo_project, "cdcs-pin-ac-quy-mien-nam"), encoding="utf-8")
    result = validate(repo_project, [path])
    codes = {f.code for f in result.findings}
    assert codes == {"schema"}
    assert not any("không có trong mẫu" in f.message for f in result.findings)
    assert not any(f.message.startswith("Thiếu trường") for f in result.findings)


def test_unregistered_unit_is_refused_with_the_way_to_get_registered(repo_project):
    with pytest.raises(UsageError, match=r"chưa có trong don-vi\.yaml") as refused:
        scaffold_for(repo_project, "khong-ton-tai")
    assert "/huong-dan/#dang-ky" in str(refused.value)


def test_an_unrelated_unit_is_never_suggested(repo_project):
    with pytest.raises(UsageError) as refused:
        scaffold_for(repo_project, "cdcs-nhua-binh-minh")
    assert "Có phải ý bạn là" not in str(refused.value)


def test_a_mistyped_id_suggests_the_unit_it_is_close_to(repo_project):
    with pytest.raises(UsageError, match="Có phải ý bạn là 'cdcs-co-khi-ha-noi'"):
        scaffold_for(repo_project, "cdcs-co-khi-ah-noi")


@pytest.fixture(scope="module")
def registry(repo_project):
    return load_registry(repo_project)[1]


@pytest.mark.parametrize(
    "typed",
    ["cdcs-co-khi-ha-noj", "cdcs-cokhi-hanoi", "CĐCS Cơ khí Hà Nội", "Cơ khí Hà Nội"],
)
def test_close_units_finds_typos_and_the_name_written_out(registry, typed):
    assert close_units(typed, registry) == ["cdcs-co-khi-ha-noi"]


def test_close_units_completes_the_first_words_of_an_id(registry):
    assert close_units("cd-tct-det", registry) == ["cd-tct-det-may"]


@pytest.mark.parametrize("typed", ["cdcs-nhua-binh-minh", "cdcs", "cdcs-soi-ha-noi", "x", "—"])
def test_close_units_finds_nothing_for_what_only_shares_a_prefix(registry, typed):
    assert close_units(typed, registry) == []


def test_write_new_file_never_replaces_an_existing_file(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("của người dùng\n", encoding="utf-8")
    with pytest.raises(UsageError):
        write_new_file(target, "mới\n")
    assert target.read_text(encoding="utf-8") == "của người dùng\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


@pytest.mark.parametrize("value", ["Công đoàn Công ty A", "yes", "0123", "a: b", "#x", 42, True])
def test_scalars_are_written_so_they_read_back_the_same(value):
    doc, _ = load_text(f"v: {yaml_scalar(value)}\n", "t.yaml")
    assert doc.data["v"] == value


def test_commented_examples_of_optional_fields_are_valid_yaml(text):
    examples = re.findall(r"^\s*# ([a-z_]+: [\[{].*)$|^\s*#   (- \{.*\})$", text, re.MULTILINE)
    assert len(examples) >= 8
    for mapping, item in examples:
        doc, findings = load_text(mapping or f"x:\n  {item}\n", "t.yaml")
        assert doc is not None
        assert findings == [], mapping or item


def test_an_upper_unit_is_shown_how_to_refer_to_a_unit_below(repo_project):
    from vinhdanh.scaffold import scaffold_for

    text = scaffold_for(repo_project, "cd-tap-doan-hoa-chat")
    assert "    # - tu: cdcs-phan-bon-bac-son/<mã điển hình trong hồ sơ đó>" in text.splitlines()


def test_a_unit_with_nobody_below_is_not_shown_references(repo_project):
    from vinhdanh.scaffold import scaffold_for

    assert "# - tu:" not in scaffold_for(repo_project, "cdcs-soi-nam-dinh")


def test_every_list_the_user_extends_says_how_to_add_a_second_item(text):
    for first in ("- hinh_thuc:", "- ho_ten:", "- ma:"):
        assert f'chép cả khối từ dòng "{first}"' in text
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if "# Thêm một mục nữa" in line:  # the comment is aligned with the block's "- "
            dash = next(earlier for earlier in reversed(lines[:number]) if "- " in earlier)
            assert line.index("#") == dash.index("- ") or dash.lstrip().startswith("#")


_EXAMPLE = re.compile(r"^( *)# ([a-z_]+):(?: .*)?$")


def example_blocks(text: str) -> list[tuple[int, int]]:
    """Line ranges of the commented examples: "# key: …" and its "#   - …" lines."""
    lines, blocks, number = text.splitlines(), [], 0
    while number < len(lines):
        match = _EXAMPLE.match(lines[number])
        end = number + 1
        if match:
            while end < len(lines) and lines[end].startswith(f"{match.group(1)}#   - "):
                end += 1
            blocks.append((number, end))
        number = end
    return blocks


def uncomment(text: str, block: tuple[int, int]) -> str:
    """The scaffold with one example's lines uncommented, as the user would."""
    lines = text.splitlines()
    for number in range(*block):
        indent = len(lines[number]) - len(lines[number].lstrip(" "))
        lines[number] = lines[number][:indent] + lines[number][indent + 2 :]
    return "\n".join(lines) + "\n"


def added(before: Any, after: Any, path: tuple = ()) -> tuple[tuple, Any]:
    """Where the one field missing from ``before`` appears in ``after``, and its value."""
    if isinstance(after, dict):
        for key, value in after.items():
            if key not in before:
                return (*path, key), value
            if value != before[key]:
                return added(before[key], value, (*path, key))
    if isinstance(after, list):
        return added(before[0], after[0], (*path, 0))
    raise AssertionError(f"nothing added at {path}")


def put(data: Any, path: tuple, value: Any) -> bool:
    """Set the value at ``path``; says whether it replaced one."""
    for part in path[:-1]:
        data = data[part]
    replaced = path[-1] in data
    data[path[-1]] = value
    return replaced


def errors(found: Counter) -> Counter:
    return Counter({kind: n for kind, n in found.items() if kind[1] == "error"})


def kinds(project, path) -> Counter:
    return Counter((f.code, f.severity) for f in validate(project, [path]).findings)


@pytest.mark.parametrize("unit", ["cdcs-co-khi-ha-noi", "cd-tct-det-may", "cdctvn"])
def test_every_commented_example_is_valid_once_uncommented(repo_project, tmp_path, unit):
    """Each example is uncommented in turn and put into a valid submission of the same
    level, at its place: the file's findings stay exactly what they were."""
    text = scaffold_for(repo_project, unit)
    base, _ = load_file(REPO / "submissions" / f"{unit}.yaml")
    target = tmp_path / f"{unit}.yaml"
    target.write_text(dump(base.data), encoding="utf-8")
    expected = kinds(repo_project, target)
    assert not any(severity == "error" for _, severity in expected)
    original, _ = load_text(text, "s.yaml")
    blocks = example_blocks(text)
    assert len(blocks) >= 20
    tried = set()
    for block in blocks:
        doc, findings = load_text(uncomment(text, block), "s.yaml")
        assert findings == [] and doc is not None, text.splitlines()[block[0]]
        path, value = added(original.data, doc.data)
        data = yaml.safe_load(dump(base.data))
        replaced = put(data, path, value)
        target.write_text(dump(data), encoding="utf-8")
        found = kinds(repo_project, target)
        if replaced:  # the sample's own value is gone: its warnings may change, not its errors
            found, expected_here = errors(found), errors(expected)
        else:
            expected_here = expected
        assert found == expected_here, (path, value)
        tried.add(path[-1])
    assert {"danh_hieu", "sang_kien", "khen_thuong", "lien_he", "mo_ta", "can_cu"} <= tried
