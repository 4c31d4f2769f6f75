"""Output formats of findings."""

from __future__ import annotations

import json

from vinhdanh.check.findings import Finding, format_github, format_json, format_text, summary

F = Finding("a.yaml", 3, 7, "ngay", "error", "Ngày 31/02/2025 sai: 100% lỗi,\nhãy sửa")


def test_text_line_has_the_contract_shape():
    assert format_text([F]) == f"a.yaml:3:7: error [ngay] {F.message}\n"


def test_github_annotation_escapes_newlines_and_percent():
    line = format_github([F])
    assert line == (
        "::error file=a.yaml,line=3,col=7,title=[ngay]::"
        "Ngày 31/02/2025 sai: 100%25 lỗi,%0Ahãy sửa\n"
    )


def test_github_properties_escape_commas_and_colons():
    weird = Finding("a,b:c.yaml", 1, 1, "yaml", "warning", "x")
    assert format_github([weird]).startswith("::warning file=a%2Cb%3Ac.yaml,")


def test_json_keeps_vietnamese_readable():
    text = format_json([F])
    assert json.loads(text)[0]["message"] == F.message
    assert "Ngày" in text


def test_summary_counts_errors_and_warnings():
    warning = Finding("a.yaml", 1, 1, "thoi-luong", "warning", "x")
    assert summary([F, warning], 2) == "Đã kiểm tra 2 tệp: 1 lỗi, 1 cảnh báo — KHÔNG ĐẠT.\n"
    assert summary([warning], 1).endswith("— ĐẠT.\n")
