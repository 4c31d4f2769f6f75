"""Reading one cell the way people fill it in (office/cells.py)."""

from __future__ import annotations

from datetime import datetime

import pytest

from vinhdanh.office.cells import Problem, clean_text, read_cell
from vinhdanh.office.layout import workbook_layout
from vinhdanh.values import slug


@pytest.fixture(scope="module")
def fields(repo_project):
    """Every column of the workbook by (sheet, key)."""
    return {(s.name, f.key): f for s in workbook_layout(repo_project.schemas) for f in s.fields}


def read(fields, repo_project, sheet, key, raw):
    return read_cell(fields[sheet, key], raw, repo_project.vocabulary)


def test_label_becomes_its_code(fields, repo_project):
    assert read(fields, repo_project, "Cá nhân", "gioi_tinh", "Nữ") == "nu"


def test_label_is_matched_without_case_or_diacritics(fields, repo_project):
    assert read(
        fields, repo_project, "Khen thưởng", "hinh_thuc", "BANG KHEN CUA THU TUONG CHINH PHU"
    ) == ("bang-khen-thu-tuong")


def test_code_is_accepted_as_written(fields, repo_project):
    assert read(fields, repo_project, "Cá nhân", "gioi_tinh", "nam") == "nam"


def test_unknown_label_names_the_closest_and_every_choice(fields, repo_project):
    with pytest.raises(Problem) as caught:
        read(fields, repo_project, "Cá nhân", "gioi_tinh", "Name")
    assert "Có phải ý bạn là 'Nam'?" in str(caught.value)
    assert "Nam; Nữ" in str(caught.value)


@pytest.mark.parametrize("raw", ["Có", "có", "x", "X", True, 1])
def test_yes_forms_are_true(fields, repo_project, raw):
    assert read(fields, repo_project, "Cá nhân", "truc_tiep_san_xuat", raw) is True


@pytest.mark.parametrize("raw", ["Không", "khong", False, 0])
def test_no_forms_are_false(fields, repo_project, raw):
    assert read(fields, repo_project, "Cá nhân", "truc_tiep_san_xuat", raw) is False


def test_neither_yes_nor_no_is_a_problem(fields, repo_project):
    with pytest.raises(Problem, match="Có hoặc Không"):
        read(fields, repo_project, "Cá nhân", "truc_tiep_san_xuat", "chắc vậy")


@pytest.mark.parametrize(
    "raw",
    ["350.000.000", "350,000,000", "350 000 000", "350.000.000 đ", "350000000 đồng", 350000000.0],
)
def test_money_as_text_with_separators_is_read_and_written_with_dots(fields, repo_project, raw):
    assert read(fields, repo_project, "Sáng kiến", "gia_tri_lam_loi", raw) == "350.000.000"


def test_money_with_a_fraction_is_a_problem(fields, repo_project):
    with pytest.raises(Problem, match="phần lẻ"):
        read(fields, repo_project, "Sáng kiến", "gia_tri_lam_loi", 3.5)


def test_money_in_words_is_a_problem(fields, repo_project):
    with pytest.raises(Problem, match="350000000"):
        read(fields, repo_project, "Sáng kiến", "gia_tri_lam_loi", "ba trăm triệu")


@pytest.mark.parametrize("raw", [2023, 2023.0, "2023", " 2023 "])
def test_year_as_number_or_text(fields, repo_project, raw):
    assert read(fields, repo_project, "Khen thưởng", "nam", raw) == 2023


def test_year_typed_in_a_date_formatted_cell_is_that_year(fields, repo_project):
    # Excel stores 2023 typed into a date cell as day 2023 after 30/12/1899: 15/07/1905.
    assert read(fields, repo_project, "Khen thưởng", "nam", datetime(1905, 7, 15)) == 2023


def test_a_date_in_a_year_column_gives_its_year(fields, repo_project):
    assert read(fields, repo_project, "Khen thưởng", "nam", datetime(2024, 5, 1)) == 2024


def test_years_of_a_title_in_one_cell(fields, repo_project):
    assert read(fields, repo_project, "Danh hiệu", "nam", "2022, 2023;2024") == [2022, 2023, 2024]


def test_several_labels_in_one_cell(fields, repo_project):
    vocab = repo_project.vocabulary["loai_dien_hinh"]
    first, second = list(vocab.values())[:2]
    assert read(fields, repo_project, "Cá nhân", "loai", f"{first}; {second}") == list(vocab)[:2]


def test_prizes_one_per_line(fields, repo_project):
    assert read(fields, repo_project, "Tập thể", "giai_thuong", "Giải Nhất\n Giải Ba \n") == [
        "Giải Nhất",
        "Giải Ba",
    ]


def test_names_in_nfd_with_stray_spaces_become_nfc_single_spaced():
    decomposed = "  Le\u0302 Thi\u0323\u00a0 My\u0303 Duye\u0302n "
    assert clean_text(decomposed) == "Lê Thị My\u0303 Duyên".replace("y\u0303", "ỹ")


def test_long_text_keeps_its_lines():
    assert clean_text("Dòng một  \n\n\n- ý hai", long=True) == "Dòng một\n\n- ý hai"


def test_slug_from_a_vietnamese_name():
    assert slug("Lê Thị Mỹ Duyên") == "le-thi-my-duyen"
    assert slug("Đỗ  Đức-Anh (Tổ 3)") == "do-duc-anh-to-3"


def test_label_with_a_word_left_out_is_matched(fields, repo_project):
    assert read(fields, repo_project, "Khen thưởng", "hinh_thuc", "Bằng khen Thủ tướng") == (
        "bang-khen-thu-tuong"
    )


def test_label_too_short_to_tell_apart_is_a_problem(fields, repo_project):
    with pytest.raises(Problem, match="không có trong danh sách"):
        read(fields, repo_project, "Khen thưởng", "hinh_thuc", "Bằng khen")


def test_year_out_of_the_schemas_range_is_said_in_the_officials_words(fields, repo_project):
    with pytest.raises(Problem, match="'202' không phải năm từ 1945 đến 2100"):
        read(fields, repo_project, "Khen thưởng", "nam", "202")
