"""Findings: what validation reports, and the three ways to print them.

A finding is plain data (file, line, column, code, severity, message) so every
stage can produce them and every output format can consume them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Order by file, then position, so output is stable between runs."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.code, f.message))


def format_text(findings: list[Finding]) -> str:
    return "".join(
        f"{f.file}:{f.line}:{f.column}: {f.severity} [{f.code}] {f.message}\n" for f in findings
    )


def _github_escape(text: str, *, prop: bool = False) -> str:
    # Workflow commands treat %, CR and LF specially; properties also ',' and ':'.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its line."""
    lines = []
    for f in findings:
        props = ",".join(
            [
                f"file={_github_escape(f.file, prop=True)}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={_github_escape(f'[{f.code}]', prop=True)}",
            ]
        )
        lines.append(f"::{f.severity} {props}::{_github_escape(f.message)}\n")
    return "".join(lines)


def format_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary(findings: list[Finding], files_checked: int) -> str:
    """One Vietnamese closing line for humans (text format only)."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    verdict = "KHÔNG ĐẠT" if errors else "ĐẠT"
    return f"Đã kiểm tra {files_checked} tệp: {errors} lỗi, {warnings} cảnh báo — {verdict}.\n"
