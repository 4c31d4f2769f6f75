"""Heading anchors for the Markdown pages (the toc extension's ``slugify``, see mkdocs.yml).

Python-Markdown's own slugify drops every letter it cannot reduce to ASCII,
and "Đ" has no decomposition, so "2. Điền nội dung" became ``#2-ien-noi-dung``.
Headings are folded first with the one folding helper the site search and
suggestions use (``values.fold``: no diacritics, đ→d, lower case), so the
anchor reads ``#2-dien-noi-dung``, as a person would type it.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify as ascii_slugify

from vinhdanh.values import fold


def slugify(value: str, separator: str) -> str:
    """A heading's anchor: its folded words joined by ``separator``."""
    return ascii_slugify(fold(value), separator)
