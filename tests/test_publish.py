"""The publish stage: site search index and data files written into a built site."""

from __future__ import annotations

import gzip

import pytest

from vinhdanh.errors import ProjectError
from vinhdanh.website.publish import SEARCH_FOLDER, search_index, write_site_files

from .test_faults import pagefind_running

PAGE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{0}</title></head>'
    "<body><nav>Trang chủ</nav><article><h1>{0}</h1><p>{1}</p></article></body></html>"
)


def test_search_index_holds_the_article_and_not_the_navigation(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE.format("Nguyễn Văn An", "Tổ Cơ khí"))
    with search_index(tmp_path):
        pass
    fragments = list((tmp_path / SEARCH_FOLDER / "fragment").iterdir())
    text = gzip.decompress(fragments[0].read_bytes()).decode("utf-8")
    assert "Nguyễn Văn An" in text and "Tổ Cơ khí" in text
    assert "Trang chủ" not in text


def test_data_written_while_indexing_is_in_the_site(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format("Trang", "nội dung"))
    with search_index(tmp_path):
        write_site_files(tmp_path, {"bang-vang/bang-vang.csv": b"\xef\xbb\xbfa"})
    assert (tmp_path / "bang-vang" / "bang-vang.csv").read_bytes() == b"\xef\xbb\xbfa"
    assert (tmp_path / SEARCH_FOLDER / "pagefind.js").is_file()


def test_a_site_pagefind_cannot_index_is_a_vietnamese_error(tmp_path):
    message = "Pagefind không lập được chỉ mục tìm kiếm"
    with pytest.raises(ProjectError, match=message), search_index(tmp_path):
        pass


def test_a_build_that_fails_while_indexing_stops_pagefind_at_once(tmp_path):
    for number in range(50):
        (tmp_path / f"p{number}").mkdir()
        (tmp_path / f"p{number}" / "index.html").write_text(PAGE.format(f"Trang {number}", "x"))
    with pytest.raises(KeyboardInterrupt), search_index(tmp_path):
        raise KeyboardInterrupt  # Ctrl-C while the downloads are written
    assert not (tmp_path / SEARCH_FOLDER).exists()  # killed before it wrote anything
    assert not pagefind_running(tmp_path)
