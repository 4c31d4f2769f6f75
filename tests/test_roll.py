"""The honour roll's page data (website/roll.py): order, what each row says, size, privacy."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from vinhdanh.export import honour_roll
from vinhdanh.model import Award
from vinhdanh.values import vietnamese_text_key
from vinhdanh.website.roll import EXCERPT, MORE, excerpt, roll_data

from .conftest import REPO


def read(project, submissions):
    """The page data with each row's achievement, as the page has them once both are in."""
    index, texts = roll_data(project, submissions, honour_roll(submissions))
    data = json.loads(index)
    data["achievements"] = json.loads(texts)
    return data


@pytest.fixture(scope="module")
def roll(repo_project, published):
    return read(repo_project, published[1])


def row_of(roll, name):
    return next(r for r in roll["rows"] if r[0] == name)


def achievement_of(roll, name):
    return roll["achievements"][roll["rows"].index(row_of(roll, name))]


def test_units_are_listed_by_level_highest_first_then_by_vietnamese_name(roll, repo_project):
    levels = [u[2] for u in roll["units"]]
    assert levels == sorted(levels, reverse=True)
    for level in set(levels):
        names = [u[1] for u in roll["units"] if u[2] == level]
        assert names == sorted(names, key=vietnamese_text_key)
    cdcs = [u[1] for u in roll["units"] if roll["levels"][u[2]] == "Công đoàn cơ sở"]
    # "Cổ" before "Cơ" (ô before ơ), which code-point order gets wrong
    assert cdcs.index("Công đoàn cơ sở Công ty Cổ phần May Hưng Yên") < cdcs.index(
        "Công đoàn cơ sở Công ty Cơ khí Hà Nội"
    )


def test_levels_titles_and_forms_are_the_vocabularies_labels(roll, repo_project):
    vocab = repo_project.vocabulary
    assert roll["levels"] == list(vocab["cap"].values())
    assert roll["titles"] == list(vocab["danh_hieu"].values())
    assert roll["forms"] == list(vocab["hinh_thuc_khen_thuong"].values())


def test_a_row_says_what_the_person_was_honoured_for(roll):
    row = row_of(roll, "Nguyễn Văn An")
    assert [[roll["titles"][t[0]], *t[1:]] for t in row[9]] == [
        ["Chiến sĩ thi đua cơ sở", 2021, 2022, 2023]
    ]
    assert [[roll["forms"][a[0]], a[1]] for a in row[10]] == [["Bằng Lao động sáng tạo", 2023]]
    assert achievement_of(roll, "Nguyễn Văn An").startswith("Ba năm liền Chiến sĩ thi đua cơ sở")


def test_achievements_are_a_second_file_with_one_excerpt_per_row(roll):
    assert len(roll["achievements"]) == len(roll["rows"])
    assert all(len(row) <= 11 for row in roll["rows"])  # none in the file searched
    assert achievement_of(roll, "Phân xưởng Cơ điện") == ""


def test_trailing_empty_fields_are_left_out(roll):
    row = row_of(roll, "Phân xưởng Cơ điện")  # a collective with no awards or achievement
    assert len(row) == 8 and row[7] == "phan-xuong-co-dien"


def test_an_other_award_shows_its_description_not_its_label(repo_project, published):
    submissions = published[1]
    sub = next(s for s in submissions if s.unit.id == "cdcs-co-khi-ha-noi")
    person = replace(
        sub.people[0], awards=(Award("khac", "Hình thức khác", 2022, None, "Cúp Vàng"),)
    )
    changed = [
        replace(sub, people=(person, *sub.people[1:])) if s is sub else s for s in submissions
    ]
    roll = read(repo_project, changed)
    assert row_of(roll, person.name)[10] == [["Cúp Vàng", 2022]]


def test_a_long_achievement_is_cut_at_a_word_and_marked():
    text = "Hoàn thành xuất sắc nhiệm vụ " * 20
    short = excerpt(text)
    assert short.endswith(MORE) and len(short) <= EXCERPT + 1
    assert text.startswith(short[:-1]) and short[-2] != " "
    assert excerpt("Ngắn gọn.") == "Ngắn gọn."


def test_an_achievement_written_as_a_list_reads_on_one_line():
    assert (
        excerpt("Năm 2023:\n\n- sáng kiến A\n- sáng kiến B") == "Năm 2023: sáng kiến A sáng kiến B"
    )


def test_no_private_or_contact_value_is_in_the_roll(repo_project, published):
    data = json.dumps(read(repo_project, published[1]), ensure_ascii=False)
    for path in sorted((REPO / "submissions").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        contact = text.split("lien_he:", 1)[1] if "lien_he:" in text else ""
        for line in contact.splitlines()[1:5]:
            key, _, value = line.strip().partition(":")
            if key in ("dien_thoai", "email", "ho_ten"):
                assert value.strip().strip('"') not in data, (path.name, key)
