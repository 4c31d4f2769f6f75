"""Heading anchors fold Vietnamese the way the site search does."""

from __future__ import annotations

import pytest

from vinhdanh.values import fold
from vinhdanh.website.slugs import slugify


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("2. Điền nội dung", "2-dien-noi-dung"),
        ("4. Báo cáo và danh sách để in, ký, gửi", "4-bao-cao-va-danh-sach-de-in-ky-gui"),
        ("ĐẠI BIỂU Đi dự", "dai-bieu-di-du"),
        ("Người do đơn vị cấp dưới cử lên", "nguoi-do-don-vi-cap-duoi-cu-len"),
    ],
)
def test_anchor_keeps_every_letter_without_its_marks(heading, anchor):
    assert slugify(heading, "-") == anchor


def test_anchor_uses_the_separator_given():
    assert slugify("Điền nội dung", "_") == "dien_noi_dung"


def test_anchor_is_the_folded_text_the_search_matches():
    heading = "Đoàn Chủ tịch"
    assert slugify(heading, " ") == fold(heading)
